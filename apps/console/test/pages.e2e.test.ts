import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createMeeting, devToken, signInAs, startMeeting } from './browser.js';
import { withConsoleSuite } from './consoleSuite.js';

const { gateway, browser } = withConsoleSuite();

describe('meetings', () => {
  it('lists mine and those I am invited to; schedules one for later and starts one now', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await signInAs(page, gateway().consoleUrl, 'bob');
    const list = page.locator('.meeting-list');
    // bob owns the weekly sync and is invited to alice's design review.
    await list.locator('.meeting-row', { hasText: 'Weekly sync' }).waitFor();
    await page.getByRole('tab', { name: 'invited' }).click();
    await list.locator('.meeting-row', { hasText: 'Design review' }).waitFor();
    expect(await list.locator('.meeting-row', { hasText: 'Weekly sync' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'mine' }).click();
    await list.locator('.meeting-row', { hasText: 'Weekly sync' }).waitFor();

    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await page.getByLabel('Subject').fill('Budget planning');
    await page.getByLabel('Start (empty: now)').fill(local);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await list.locator('.meeting-row', { hasText: 'Budget planning' }).getByText('scheduled').waitFor();

    await page.getByLabel('Subject').fill('Quick sync');
    await page.getByLabel('Start (empty: now)').fill('');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL('**/console/meetings/*');
    await page.waitForSelector('[data-testid="room-status"] [data-feed="LIVE"]');
    expect(await page.locator('.room h2').textContent()).toBe('Quick sync');
    await context.close();
  });

  it('waits in a scheduled meeting’s room until its host starts it, then shows it live', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await signInAs(page, gateway().consoleUrl, 'carol');
    const row = page.locator('.meeting-list .meeting-row', { hasText: 'Design review' });
    await row.getByText('scheduled').waitFor();
    const meetingId = (await row.getAttribute('data-meeting')) ?? '';
    await row.getByRole('button', { name: 'Design review' }).click();
    await page.waitForSelector('[data-testid="room-status"] [data-flag="waiting"]');
    await startMeeting(gateway().origin, await devToken(gateway().origin, 'alice'), meetingId);
    await page.waitForSelector('[data-testid="room-status"] [data-feed="LIVE"]');
    expect(await page.locator('[data-testid="room-status"] [data-flag="waiting"]').count()).toBe(0);
    await context.close();
  });

  it('pages through the meetings ten at a time', async () => {
    const carol = await devToken(gateway().origin, 'carol');
    for (let n = 1; n <= 10; n++) await createMeeting(gateway().origin, carol, `Carol's one-on-one ${n}`);
    const context = await browser().newContext();
    const page = await context.newPage();
    await signInAs(page, gateway().consoleUrl, 'carol');
    const rows = page.locator('.meeting-list .meeting-row');
    // Ten of hers and the design review she is invited to.
    await page.locator('.meeting-list h2', { hasText: '(11)' }).waitFor();
    await rows.nth(9).waitFor();
    expect(await rows.count()).toBe(10);
    await page.getByRole('button', { name: 'More' }).click();
    await rows.nth(10).waitFor();
    expect(await rows.count()).toBe(11);
    expect(await page.getByRole('button', { name: 'More' }).count()).toBe(0);
    await context.close();
  });
});

describe('administrators', () => {
  it('see the user directory and the enterprise events as they happen, after a dropped connection too', async () => {
    const context = await browser().newContext();
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/graphql$/, (socket) => {
      socket.connectToServer();
      sockets.push(socket);
    });
    const page = await context.newPage();
    await signInAs(page, gateway().consoleUrl, 'admin');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForSelector('[data-testid="user-directory"] tr[data-user="alice"]');
    await page.getByPlaceholder('Search').fill('carol');
    await page.waitForSelector('[data-testid="user-directory"] tr[data-user="carol"]');
    expect(await page.locator('[data-testid="user-directory"] tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: 'Events' }).click();
    await page.waitForSelector('[data-testid="connection"][data-phase="live"]');
    // Reloading a console address serves the console again (the gateway's fallback), still signed in.
    await page.reload();
    await page.waitForSelector('[data-testid="connection"][data-phase="live"]');
    await sockets.at(-1)?.close({ code: 1012, reason: 'service restart' });
    await page.waitForSelector('[data-testid="connection"][data-phase="reconnecting"]');
    await page.waitForSelector('[data-testid="connection"][data-phase="resumed"]');
    // A meeting scheduled elsewhere reaches the feed through the meeting server's webhook.
    const alice = await devToken(gateway().origin, 'alice');
    await createMeeting(gateway().origin, alice, 'Hiring sync');
    await page.locator('[data-testid="events-feed"] tr', { hasText: 'meeting created' }).waitFor();
    await context.close();
  });

  it('members are not offered their pages', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await signInAs(page, gateway().consoleUrl, 'bob');
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });
});
