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

/** POSTs to the simulator's test control (`/__sim/…`) and answers its JSON. */
export async function simControl(
  simulatorUrl: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulatorUrl}/__sim${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
