import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/ensure-chromium.sh installs it); `CHROMIUM_PATH` points elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium, driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  // No sandbox: CI runs the tests as root, where Chromium refuses to start sandboxed.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** Signs in on the console's sign-in page as a seeded development user. */
export async function signInAs(page: Page, consoleUrl: string, userId: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.click(`.dev-users button[data-user="${userId}"]`);
  await page.waitForSelector('[data-testid="me"]');
}

/** Calls the simulator's test control (`/__sim/…`; POST unless told) and answers its JSON. */
export async function simControl(
  simulatorUrl: string,
  path: string,
  body?: unknown,
  method: 'POST' | 'PUT' | 'DELETE' = 'POST',
): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulatorUrl}/__sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A seeded user's development token, as the sign-in page gets it. */
export async function devToken(origin: string, userId: string): Promise<string> {
  const { users } = (await (await fetch(`${origin}/console/dev-users`)).json()) as {
    users: { userId: string; token: string }[];
  };
  const token = users.find((u) => u.userId === userId)?.token;
  if (!token) throw new Error(`no development user ${userId}`);
  return token;
}

/** Starts a scheduled meeting through the gateway as its host, as another front end would. */
export async function startMeeting(origin: string, token: string, meetingId: string): Promise<void> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation ($id: ID!) { startMeeting(meetingId: $id) { id } }',
      variables: { id: meetingId },
    }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!body.data) throw new Error(`startMeeting: ${JSON.stringify(body.errors)}`);
}

/** Schedules a meeting for tomorrow through the gateway, as another front end would. */
export async function createMeeting(origin: string, token: string, subject: string): Promise<string> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
      variables: { input: { subject, startTime: new Date(Date.now() + 24 * 3600_000).toISOString() } },
    }),
  });
  const body = (await response.json()) as { data?: { createMeeting: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createMeeting: ${JSON.stringify(body.errors)}`);
  return body.data.createMeeting.id;
}
