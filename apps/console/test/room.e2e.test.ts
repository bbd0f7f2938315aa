import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInAs, simControl } from './browser.js';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess.js';

// One live demo meeting seen by two people: alice, who owns the seeded "Design review" and starts it, and carol,
// whom it invites. Everything each browser shows comes from its own subscription.
let gateway: GatewayProcess;
let browser: Browser;
let hostContext: BrowserContext;
let viewerContext: BrowserContext;
let host: Page;
let viewer: Page;
let meetingId: string;
let guestPid: string;
// The viewer's GraphQL sockets pass through the test (to the real gateway): it sees what the console subscribes
// with, and can cut a socket as a network would.
const viewerSockets: WebSocketRoute[] = [];
let viewerSubscribes: { meetingId?: unknown; after?: unknown }[] = [];

beforeAll(async () => {
  [gateway, browser] = await Promise.all([startGatewayProcess(), launchChromium()]);
  hostContext = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  viewerContext = await browser.newContext();
  await viewerContext.routeWebSocket(/\/graphql$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const parsed = JSON.parse(String(message)) as { type: string; payload?: { variables?: object } };
      if (parsed.type === 'subscribe') viewerSubscribes.push(parsed.payload?.variables ?? {});
      server.send(message);
    });
    viewerSockets.push(socket);
  });
  [host, viewer] = await Promise.all([hostContext.newPage(), viewerContext.newPage()]);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

const participantRow = (name: string, state = '') => `.roster-row[data-name="${name}"]${state}`;

describe('a live meeting in two browsers', () => {
  it('the host starts the seeded meeting from the list and lands in its room', async () => {
    await signInAs(host, gateway.consoleUrl, 'alice');
    const row = host.locator('.meeting-row', { hasText: 'Design review' });
    meetingId = (await row.getAttribute('data-meeting')) ?? '';
    expect(meetingId).toMatch(/^\d+$/);
    await row.getByRole('button', { name: 'Start' }).click();
    await host.waitForURL(`**/console/meetings/${meetingId}`);
    await host.waitForSelector('[data-testid="room-status"] [data-feed="LIVE"]');
    await host.waitForSelector('[data-testid="connection"][data-phase="live"]');
  });

  it('the viewer opens the room and sees who is online', async () => {
    const guest = await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/participants`, {
      name: 'Ivy Guest',
    });
    guestPid = String(guest.pid);
    await signInAs(viewer, gateway.consoleUrl, 'carol');
    await viewer.locator('.meeting-row', { hasText: 'Design review' }).getByRole('button').first().click();
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-muted="false"]'));
    // Carol joins from another device: her own browser marks her row as "you", the host's does not.
    await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/participants`, { userId: 'carol' });
    const carolRow = viewer.locator(participantRow('Carol Zhang', '[data-self="true"]'));
    await carolRow.waitFor();
    expect(await carolRow.locator('.badge', { hasText: 'you' }).count()).toBe(1);
    await host.waitForSelector(participantRow('Carol Zhang', '[data-self="false"]'));
    expect(await viewer.locator('.roster-row[data-self="true"]').count()).toBe(1);
    // A guest has no controls.
    expect(await viewer.locator('[data-testid="room-controls"]').count()).toBe(0);
  });

  it('the host admits someone from the waiting room, and the viewer sees them join', async () => {
    await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/participants`, {
      name: 'Walt Waiting',
      waiting: true,
    });
    const waiting = host.locator('[data-testid="waiting-room"] li', { hasText: 'Walt Waiting' });
    await waiting.getByRole('button', { name: 'Admit' }).click();
    await viewer.waitForSelector(participantRow('Walt Waiting'));
  });

  it('the viewer sees the host mute a participant and lock the meeting', async () => {
    await host.locator(participantRow('Ivy Guest')).getByRole('button', { name: 'Mute' }).click();
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-muted="true"]'));
    await host.waitForSelector(participantRow('Ivy Guest', '[data-muted="true"]'));

    await host.getByRole('button', { name: 'Lock' }).click();
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="locked"]');
    // The host's button follows the status its own feed sent.
    await host.getByRole('button', { name: 'Unlock' }).waitFor();
  });

  it('the viewer reads the settings the host changes, as the feed sends them', async () => {
    const setting = (page: Page, field: string, value = '') =>
      page.waitForSelector(
        `[data-testid="settings"] [data-setting="${field}"]${value && `[data-value="${value}"]`}`,
      );
    await viewer.waitForSelector('[data-testid="settings"] [data-setting="chat"][data-value="FREE"]');
    // Readable by everyone, editable only by the host.
    expect(await viewer.locator('[data-testid="settings"] select').count()).toBe(0);
    await host.getByRole('combobox', { name: 'Chat' }).selectOption('DISABLED');
    await setting(viewer, 'chat', 'DISABLED');
    expect(await viewer.locator('[data-setting="chat"] dd').textContent()).toBe('disabled');
    await host.getByRole('combobox', { name: 'Cameras allowed' }).selectOption('false');
    await setting(viewer, 'allowCamera', 'false');
    await host.getByRole('combobox', { name: 'Self rename' }).selectOption('false');
    await setting(viewer, 'allowRename', 'false');
    // The host's choice follows its own feed too.
    await setting(host, 'chat', 'DISABLED');
    expect(await host.getByRole('combobox', { name: 'Chat' }).inputValue()).toBe('DISABLED');
  });

  it('shows who speaks and hands up', async () => {
    await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/participants/${guestPid}/hand`, {
      up: true,
    });
    await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/push/speak`, {
      pid: guestPid,
      volume: 80,
    });
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-hand="true"]'));
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-speaking="true"]'));
  });

  it('shows live captions once the host switches them on', async () => {
    await host.getByRole('button', { name: 'Captions on' }).click();
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="captions"]');
    const text = 'Shall we start with the header layout?';
    await simControl(gateway.simulatorUrl, `/meetings/${meetingId}/push/speak`, {
      pid: guestPid,
      volume: 60,
      text,
    });
    await viewer.locator('[data-testid="captions"] li', { hasText: text }).waitFor();
    await host.locator('[data-testid="captions"] li', { hasText: text }).waitFor();
    const picture = await host.screenshot({ fullPage: true });
    expect(picture.length).toBeGreaterThan(10_000);
    // The README's picture: rewritten only when asked, so a test run leaves the working tree as it was.
    if (process.env.UPDATE_SCREENSHOT === '1')
      writeFileSync(new URL('../docs/meeting-room.png', import.meta.url), picture);
  });

  it('a dropped connection shows reconnecting, then resumes after the last cursor', async () => {
    viewerSubscribes = [];
    await viewerSockets.at(-1)?.close({ code: 1012, reason: 'service restart' });
    await viewer.waitForSelector('[data-testid="connection"][data-phase="reconnecting"]');
    await viewer.waitForSelector('[data-testid="connection"][data-phase="resumed"]');
    expect(viewerSubscribes).toEqual([{ meetingId, after: expect.stringMatching(/^\w+:\d+$/) }]);
    // Live again: a change made now arrives.
    await host.locator(participantRow('Walt Waiting')).getByRole('button', { name: 'Mute' }).click();
    await viewer.waitForSelector(participantRow('Walt Waiting', '[data-muted="true"]'));
  });

  it('a reload resumes after the last cursor instead of starting over', async () => {
    viewerSubscribes = [];
    await viewer.reload();
    await viewer.waitForSelector('[data-testid="connection"][data-phase="resumed"]');
    // The state is back from before the reload: the roster as it was, and the lock.
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-muted="true"]'));
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="locked"]');
    expect(viewerSubscribes).toEqual([{ meetingId, after: expect.stringMatching(/^\w+:\d+$/) }]);

    // And what happens next still arrives.
    await host.locator(participantRow('Ivy Guest')).getByRole('button', { name: 'Unmute' }).click();
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-muted="false"]'));
  });

  it('the viewer sees the host lower a hand, record, mute everyone, call someone in and hang up', async () => {
    await host.locator(participantRow('Ivy Guest')).getByRole('button', { name: 'Lower hand' }).click();
    await viewer.waitForSelector(participantRow('Ivy Guest', '[data-hand="false"]'));
    await host.getByRole('button', { name: 'Record' }).click();
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="recording"]');
    await host.getByRole('button', { name: 'Mute all' }).click();
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="mute-all"]');

    await host.getByPlaceholder('Name').fill('Dave Chen');
    await host.getByPlaceholder('SIP or phone number').fill('+99111000000777');
    await host.getByRole('button', { name: 'Call' }).click();
    await viewer.waitForSelector(participantRow('Dave Chen'));

    await host.locator(participantRow('Walt Waiting')).getByRole('button', { name: 'Hang up' }).click();
    await viewer.locator(participantRow('Walt Waiting')).waitFor({ state: 'detached' });
  });

  it('leaving the room ends the live connection without showing a drop; coming back resumes', async () => {
    await viewer.getByRole('link', { name: 'Meetings' }).click();
    await viewer.waitForSelector('[data-testid="connection"][data-phase="idle"]');
    viewerSubscribes = [];
    await viewer.locator('.meeting-row', { hasText: 'Design review' }).getByRole('button').first().click();
    await viewer.waitForSelector('[data-testid="connection"][data-phase="resumed"]');
    expect(viewerSubscribes).toEqual([{ meetingId, after: expect.stringMatching(/^\w+:\d+$/) }]);
  });

  it('the host makes the called-in guest co-host and renames them, and the viewer sees both', async () => {
    const hostRow = host.locator(participantRow('Dave Chen'));
    await hostRow.getByRole('button', { name: 'Make co-host' }).click();
    await viewer.waitForSelector(participantRow('Dave Chen', '[data-cohost="true"]'));
    expect(
      await viewer.locator(participantRow('Dave Chen')).locator('.badge', { hasText: 'co-host' }).count(),
    ).toBe(1);
    // The host's button follows the feed.
    await hostRow.getByRole('button', { name: 'Remove co-host' }).waitFor();

    await hostRow.getByRole('button', { name: 'Rename' }).click();
    await hostRow.getByLabel('New name').fill('Dave Renamed');
    await hostRow.getByRole('button', { name: 'Save' }).click();
    await viewer.waitForSelector(participantRow('Dave Renamed', '[data-cohost="true"]'));
    await host.waitForSelector(participantRow('Dave Renamed'));
    expect(await viewer.locator(participantRow('Dave Chen')).count()).toBe(0);
  });

  it('the host hands the host role over, and the viewer sees the new host', async () => {
    host.once('dialog', (dialog) => void dialog.accept());
    await host.locator(participantRow('Dave Renamed')).getByRole('button', { name: 'Make host' }).click();
    await viewer.waitForSelector(participantRow('Dave Renamed', '[data-role="HOST"]'));
    expect(
      await viewer
        .locator(participantRow('Dave Renamed'))
        .locator('.badge', { hasText: /^host$/ })
        .count(),
    ).toBe(1);
  });

  it('a control on someone who has just left says so in words', async () => {
    // The meeting server withholds its pushes, so Ivy's row stays while she leaves: the host's hang-up finds
    // nobody, and the gateway answers PARTICIPANT_NOT_FOUND.
    const heartbeats = `/meetings/${meetingId}/push/heartbeats`;
    await simControl(gateway.simulatorUrl, heartbeats, { answer: true, silent: true }, 'PUT');
    await simControl(
      gateway.simulatorUrl,
      `/meetings/${meetingId}/participants/${guestPid}`,
      undefined,
      'DELETE',
    );
    const ivy = host.locator(participantRow('Ivy Guest'));
    await ivy.getByRole('button', { name: 'Hang up' }).click();
    await ivy.locator('.error', { hasText: 'they left the meeting' }).waitFor();
    await simControl(gateway.simulatorUrl, heartbeats, { answer: true, silent: false }, 'PUT');
  });

  it('the host ends the meeting and both rooms say so', async () => {
    host.once('dialog', (dialog) => void dialog.accept());
    await host.getByRole('button', { name: 'End meeting' }).click();
    await viewer.waitForSelector('[data-testid="room-status"] [data-flag="ended"]');
    await host.waitForSelector('[data-testid="room-status"] [data-flag="ended"]');
    expect(await host.locator('[data-testid="room-controls"]').count()).toBe(0);
  });
});
