import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInAs } from './browser.js';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess.js';

let gateway: GatewayProcess;
let browser: Browser;

beforeAll(async () => {
  [gateway, browser] = await Promise.all([startGatewayProcess(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

describe('signing in', () => {
  it('an invalid token leads back to the sign-in page, saying why', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(gateway.consoleUrl);
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
      const context = await browser.newContext();
      // The gateway's answer to a token it no longer accepts, as the socket would carry it.
      await context.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code, reason: 'Forbidden' }));
      const page = await context.newPage();
      await signInAs(page, gateway.consoleUrl, 'admin');
      await page.getByRole('link', { name: 'Events' }).click();
      const alert = page.locator('[data-testid="sign-in"] [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(says);
      await context.close();
    });
  }

  it('an administrator sees the user directory and the enterprise events', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, gateway.consoleUrl, 'admin');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForSelector('[data-testid="user-directory"] tr[data-user="alice"]');
    await page.getByRole('link', { name: 'Events' }).click();
    await page.waitForSelector('[data-testid="events-feed"]');
    // Reloading a console address serves the console again (the gateway's fallback), still signed in.
    await page.reload();
    await page.waitForSelector('[data-testid="events-feed"]');
    await context.close();
  });

  it('a member is not offered the administrators’ pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, gateway.consoleUrl, 'bob');
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });
});
