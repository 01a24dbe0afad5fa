// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, the built pane served
// from dist/addin on 127.0.0.1, the browser app opened in a fresh context, screenshots kept under
// test-artifacts/browser/; and the page's table inputs found by cell ID.

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { build } from "esbuild";
import type { CellId } from "../../src/core/format";
import { INPUT_CELLS, standardAddress } from "../../src/core/format";
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

/** The browser app's window when a test does not say: a desktop beside which the pane fits. */
const DESKTOP = { width: 1440, height: 900 };

export interface BrowserAppOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /**
   * The clipboard: "allowed" (read and write granted to the page), "blocked" (a host that refuses it: the
   * Clipboard API rejects and execCommand("copy") does nothing), or, when absent, as Chromium has it.
   */
  readonly clipboard?: "allowed" | "blocked";
}

export interface BrowserApp {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * The browser app (taskpane.html with no Office host) in a fresh context that accepts downloads, once the
 * pane has shown its status line. The caller closes the context.
 */
export async function openBrowserApp(fixture: BrowserFixture, options: BrowserAppOptions = {}): Promise<BrowserApp> {
  const context = await fixture.browser.newContext({ viewport: options.viewport ?? DESKTOP, acceptDownloads: true });
  if (options.clipboard === "allowed") {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fixture.server.url });
  } else if (options.clipboard === "blocked") {
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("blocked")) } });
      document.execCommand = () => false;
    });
  }
  const page = await context.newPage();
  await page.goto(`${fixture.server.url}taskpane.html`);
  await page.getByTestId("status-line").waitFor();
  return { context, page };
}

/** Cell IDs by their address in the standard template ("表三!J4" → t3.new.total), from the format's own layout. */
const CELL_BY_ADDRESS: ReadonlyMap<string, CellId> = new Map(INPUT_CELLS.map((c) => [standardAddress(c.id), c.id]));

/**
 * The page's input of a table cell by its address in the template workbook, e.g. cell(page, "表三", "J4")
 * (t3.new.total). The page shows no addresses: the input is found by the cell ID its table cell carries.
 */
export function cell(page: Page, sheet: string, address: string) {
  const id = CELL_BY_ADDRESS.get(`${sheet}!${address}`);
  if (id === undefined) throw new Error(`No input cell at ${sheet}!${address} in the template`);
  return page.locator(`td[data-cell="${id}"] input`);
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
