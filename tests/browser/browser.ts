// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, the built pane served
// from dist/addin on 127.0.0.1, screenshots kept under test-artifacts/browser/.

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { build } from "esbuild";
import type { StaticServer } from "../support/static-server";
import { serveFolder } from "../support/static-server";

/** The built pane: dist/addin, or NIANBAO_DIST/addin when the build was moved (see webpack.config.js). */
export const DIST = path.resolve(__dirname, "../..", process.env.NIANBAO_DIST ?? "dist", "addin");
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

/** A test entry (a fake host to inject into the page) bundled as one script for the browser. */
export async function bundleForPage(entry: string): Promise<string> {
  const bundle = await build({ entryPoints: [entry], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", logLevel: "silent" });
  return bundle.outputFiles[0]?.text ?? "";
}

/**
 * In the pane's 校验 list: waits for the issue, clicks it, and waits until the host's selection (read through
 * `selection`) is the issue's cells. Returns the issue's element.
 */
export async function clickIssue(
  page: Page,
  issueId: string,
  selection: () => Promise<{ sheet: string; address: string } | null>,
  expected: { sheet: string; address: string },
  name: string,
): Promise<ReturnType<Page["locator"]>> {
  await page.getByRole("tab", { name: "校验" }).click();
  const issue = page.locator(`[data-issue="${issueId}"]`);
  await issue.waitFor();
  await screenshot(page, name);
  await issue.locator('[role="button"]').click();
  await eventually(selection, (selected) => expect(selected).toMatchObject(expected));
  return issue;
}

/** The pane's 模板 view: the agency, year and level filled in, the template generated (and said to be). */
export async function generateTemplateInPane(page: Page): Promise<void> {
  await page.getByRole("textbox", { name: "机关名称" }).fill("某县教育局");
  await page.getByRole("textbox", { name: /报告年度/ }).fill("2025");
  await page.getByRole("combobox", { name: "机关层级" }).click();
  await page.getByRole("option", { name: "县级部门" }).click();
  await page.getByRole("button", { name: "生成统计表" }).click();
  await page.getByText(/已生成表二、表三、表四/).waitFor();
}
