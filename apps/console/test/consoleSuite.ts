import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess.js';

/** A test file's gateway process and Chromium, started before its tests and stopped after them. */
export interface ConsoleSuite {
  gateway(): GatewayProcess;
  browser(): Browser;
}

/** Starts a gateway (serving the console) and Chromium for the file's tests. */
export function withConsoleSuite(): ConsoleSuite {
  let gateway: GatewayProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startGatewayProcess(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });
  const running = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is not running (used outside the tests?)`);
    return value;
  };
  return { gateway: () => running(gateway, 'gateway'), browser: () => running(browser, 'browser') };
}
