// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, the built pane served
// from dist/addin on 127.0.0.1, screenshots kept under test-artifacts/browser/.

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import type { StaticServer } from "../support/static-server";
import { serveFolder } from "../support/static-server";

export const DIST = path.resolve(__dirname, "../../dist/addin");
export const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts/browser");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface BrowserFixture {
  readonly browser: Browser;
  readonly server: StaticServer;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserFixture> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serveFolder(DIST);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** The input of a table cell by its sheet address, e.g. cell(page, "表三", "J4"). */
export function cell(page: Page, sheet: string, address: string) {
  return page.locator(`input[aria-label^="${sheet} ${address} "]`);
}

/** Pause between two polls of `eventually`. */
const POLL_INTERVAL_MS = 50;

/**
 * Polls `read` until `check` stops throwing, at most `attempts` times (by default about 5 s of pauses), then
 * rethrows the last failure. A count of attempts, not a deadline: the test never reads the clock.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, attempts = 100): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
}
