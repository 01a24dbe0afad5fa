// Pane figures: the gzipped size of the pane's initial JavaScript (the scripts taskpane.html loads, not
// the chunks loaded on demand, and not Microsoft's office.js), and the time from navigation to an
// interactive pane in Debian's Chromium (the status line showing a completed check).

import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serveFolder } from "../tests/support/static-server";
import { CHROMIUM_ARGS } from "../tests/browser/browser";

export const DIST = path.resolve(__dirname, "../dist/addin");

export function initialScripts(): string[] {
  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]!).filter((src) => !src.startsWith("office/"));
}

export function bundleGzipKb(): { kb: number; files: number; officeJsKb: number } {
  const scripts = initialScripts();
  const gz = (file: string): number => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
  const total = scripts.reduce((sum, file) => sum + gz(file), 0);
  return { kb: Math.round((total / 1024) * 10) / 10, files: scripts.length, officeJsKb: Math.round(gz("office/office.js") / 102.4) / 10 };
}

export async function paneInteractiveMs(runs: number): Promise<number[]> {
  const server = await serveFolder(DIST);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}taskpane.html`);
      await page.waitForFunction(() => document.querySelector('[data-testid="status-line"]')?.textContent?.includes("上次校验") === true);
      const ms = await page.evaluate(() => performance.now());
      if (i > 0) samples.push(ms); // the first load warms the server and the browser's caches of the binary
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return samples;
}
