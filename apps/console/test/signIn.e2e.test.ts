import { describe, expect, it } from 'vitest';
import { signInAs } from './browser.js';
import { withConsoleSuite } from './consoleSuite.js';

const { gateway, browser } = withConsoleSuite();

describe('signing in', () => {
  it('an invalid token leads back to the sign-in page, saying why', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(gateway().consoleUrl);
    await page.fill('textarea[name="token"]', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.not-a-signature');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.locator('[data-testid="sign-in"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not valid|expired/);
    // Nothing of the signed-in console is left, and the token is forgotten.
    expect(await page.locator('[data-testid="me"]').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  for (const [code, says] of [
    [4401, /not valid/],
    [4403, /expired/],
  ] as const) {
    it(`a live connection refused with ${code} leads back to the sign-in page`, async () => {
      const context = await browser().newContext();
      // The gateway's answer to a token it no longer accepts, as the socket would carry it.
      await context.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code, reason: 'Forbidden' }));
      const page = await context.newPage();
      await signInAs(page, gateway().consoleUrl, 'admin');
      await page.getByRole('link', { name: 'Events' }).click();
      const alert = page.locator('[data-testid="sign-in"] [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(says);
      await context.close();
    });
  }
});
