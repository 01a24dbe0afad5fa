// The built WPS 加载项 (dist/wps) in Chromium with a fake ET Application injected as WPS provides it, and with
// the JavaScript built-ins newer than ES2017 removed before the pane's scripts run, as in WPS's older web view:
// the ribbon's button opens the pane page, the user generates the template from the pane, types a wrong value
// into the workbook, sees the issue, clicks it and WPS's selection moves to the cells. No request leaves the
// pane's own origin.

import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import type { FakeEt } from "../support/fake-et";
import type { StaticServer } from "../support/static-server";
import { serveFolder } from "../support/static-server";
import { CHROMIUM_ARGS, bundleForPage, clickIssue, generateTemplateInPane, screenshot } from "./browser";

const WPS_DIST = path.resolve(__dirname, "../..", process.env.NIANBAO_DIST ?? "dist", "wps");

/**
 * Built-ins of ES2018 and later (and the two web ones WPS is known to lack), deleted before the pane loads.
 * The pane must run on what remains and on its own polyfills.
 */
const NEWER_BUILT_INS: readonly (readonly [string, string])[] = [
  ["Array.prototype", "flat"],
  ["Array.prototype", "flatMap"],
  ["Array.prototype", "at"],
  ["Array.prototype", "findLast"],
  ["Array.prototype", "findLastIndex"],
  ["Array.prototype", "toSorted"],
  ["Array.prototype", "toReversed"],
  ["Array.prototype", "toSpliced"],
  ["Array.prototype", "with"],
  ["Array", "fromAsync"],
  ["String.prototype", "trimStart"],
  ["String.prototype", "trimEnd"],
  ["String.prototype", "matchAll"],
  ["String.prototype", "replaceAll"],
  ["String.prototype", "at"],
  ["String.prototype", "isWellFormed"],
  ["String.prototype", "toWellFormed"],
  ["Object", "fromEntries"],
  ["Object", "hasOwn"],
  ["Object", "groupBy"],
  ["Map", "groupBy"],
  ["Promise", "allSettled"],
  ["Promise", "any"],
  ["Promise", "withResolvers"],
  ["Promise.prototype", "finally"],
  ["window", "WeakRef"],
  ["window", "FinalizationRegistry"],
  ["window", "AggregateError"],
  ["window", "structuredClone"],
  ["crypto", "randomUUID"],
  ["window", "globalThis"],
];

/** A script deleting the given built-ins. */
function removing(builtIns: readonly (readonly [string, string])[]): string {
  return `(() => {
  const owners = { window, crypto: window.crypto, Array, "Array.prototype": Array.prototype, String, "String.prototype": String.prototype,
    Object, Map, Promise, "Promise.prototype": Promise.prototype };
  for (const [owner, name] of ${JSON.stringify(builtIns)}) delete owners[owner][name];
  delete Object.getPrototypeOf(window.crypto).randomUUID;
})();`;
}

let fakeEt: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests the pages made to anywhere but the add-in's own server. */
let outside: string[];

declare global {
  interface Window {
    __fakeEt: FakeEt;
    __wpsPanes: { readonly ID: number; readonly url: string; readonly title: string | undefined; Visible: boolean }[];
    OnAction(control: { Id: string }): boolean;
  }
}

beforeAll(async () => {
  fakeEt = await bundleForPage(path.join(__dirname, "fake-et-entry.ts"));
  server = await serveFolder(WPS_DIST);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/**
 * A page as WPS opens it: its Application there before the page's scripts run (the fake is created first, with
 * the engine complete), and the newer built-ins taken away.
 */
async function openWpsPage(builtIns = NEWER_BUILT_INS): Promise<void> {
  context = await browser.newContext({ viewport: { width: 380, height: 900 } });
  await context.addInitScript({ content: fakeEt });
  await context.addInitScript({ content: removing(builtIns) });
  outside = [];
  context.on("request", (request) => {
    if (!request.url().startsWith(server.url)) outside.push(request.url());
  });
  page = await context.newPage();
}
afterEach(async () => context.close());

/** Evaluates an expression in the page with `et` bound to the fake workbook (acting as the user, or looking). */
async function inWps<T>(expression: string): Promise<T> {
  return page.evaluate<T>(`(() => { const et = window.__fakeEt; return (${expression}); })()`);
}

async function openPane(): Promise<void> {
  await openWpsPage();
  await page.goto(`${server.url}taskpane.html`);
  await page.getByTestId("status-line").waitFor();
}

async function generateTemplate(): Promise<void> {
  await generateTemplateInPane(page);
}

test("the ribbon's 年报助手 button opens the pane page of the add-in's folder, and hides it on a second click", async () => {
  // index.html has no polyfills; Playwright's own scripts in the page need globalThis.
  await openWpsPage(NEWER_BUILT_INS.filter(([, name]) => name !== "globalThis"));
  await page.goto(`${server.url}index.html`);
  expect(await page.evaluate(() => window.OnAction({ Id: "nianbaoOpenPane" }))).toBe(true);
  const panes = await page.evaluate(() => window.__wpsPanes.map((p) => ({ url: p.url, title: p.title, Visible: p.Visible })));
  expect(panes).toEqual([{ url: `${server.url}taskpane.html`, title: "年报助手", Visible: true }]);
  await page.evaluate(() => window.OnAction({ Id: "nianbaoOpenPane" }));
  expect(await page.evaluate(() => window.__wpsPanes.map((p) => p.Visible))).toEqual([false]);
  await page.goto(panes[0]!.url);
  await page.getByTestId("status-line").waitFor();
  expect(outside).toEqual([]);
});

test("in WPS the pane runs on the ET host without office.js, on polyfills where built-ins are missing", async () => {
  await openPane();
  expect(await page.getByTestId("status-line").innerText()).toContain("尚未生成统计表");
  expect(await page.getByRole("tab", { name: "模板" }).getAttribute("aria-selected")).toBe("true");
  // The pane only: the tables are in the workbook, not drawn beside the pane as in the browser app.
  expect(await page.locator("table[data-table]").count()).toBe(0);
  expect(await inWps<number>('et.listenerCount("SheetChange")')).toBe(1);
  // The built-ins the pane calls are its polyfills; those it must not call are still missing.
  expect(
    await page.evaluate(() => ({
      flatMap: Array.prototype.flatMap.toString().includes("[native code]"),
      fromEntries: Object.fromEntries.toString().includes("[native code]"),
      randomUUID: typeof (crypto as { randomUUID?: unknown }).randomUUID,
      structuredClone: typeof (window as { structuredClone?: unknown }).structuredClone,
    })),
  ).toEqual({ flatMap: false, fromEntries: false, randomUUID: "undefined", structuredClone: "undefined" });
  await screenshot(page, "wps-start");
  expect(outside).toEqual([]);
  expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("office")).length)).toBe(0);
});

test("generating the template from the pane writes the tables into the WPS workbook", async () => {
  await openPane();
  await generateTemplate();
  expect(await inWps<string[]>("et.sheetNames()")).toEqual(expect.arrayContaining(["基本信息", "表二", "表三", "表四", "正文", "校验", "_nianbao"]));
  expect(await inWps<unknown[][]>('et.block("基本信息", "B3:B5")')).toEqual([["某县教育局"], [2025], ["县级部门"]]);
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 0 / 200");
  await screenshot(page, "wps-generated");
  expect(outside).toEqual([]);
});

test("a wrong value typed in WPS shows an issue; clicking it moves WPS's selection to the cells; fixing it clears it", async () => {
  await openPane();
  await generateTemplate();
  await inWps('et.userPaste("表三", "D4", [[5, 0, 0, 0, 0, 0, 5]])');
  await inWps('et.userType("表三", "J4", 4)');
  const issue = await clickIssue(page, "R-T3-ROWSUM.new", () => inWps("et.selection()"), { sheet: "表三", address: "D4:J4" }, "wps-issue");
  expect(await issue.innerText()).toContain("表三!J4");
  await inWps('et.userType("表三", "J4", 5)');
  await issue.waitFor({ state: "detached" });
  expect(outside).toEqual([]);
});
