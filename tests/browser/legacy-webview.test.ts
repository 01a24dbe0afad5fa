// Older Excel desktops show add-ins in the IE11 (Trident) or EdgeHTML web view, where the pane's script cannot
// run. The page's own inline script, ES3 and run before the bundle, shows a plain Chinese page there; a current
// web view starts the pane as usual. Driven in Chromium with the web views' user-agent strings, and with a
// Function constructor that cannot parse modern syntax (what an old engine does).

import { readFileSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { parse } from "acorn";
import type { BrowserFixture } from "./browser";
import { DIST, openBrowser } from "./browser";

let fixture: BrowserFixture;

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());

const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE_HTML =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";

async function openPane(options: { userAgent?: string; oldEngine?: boolean }) {
  const context = await fixture.browser.newContext(options.userAgent ? { userAgent: options.userAgent } : {});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (options.oldEngine) {
    // An engine without optional chaining: the syntax probe throws a SyntaxError, as IE11's would.
    await page.addInitScript(() => {
      const original = window.Function;
      window.Function = function (...args: string[]) {
        if (args.some((a) => a.includes("?."))) throw new SyntaxError("Expected identifier");
        return original(...args);
      } as unknown as FunctionConstructor;
    });
  }
  await page.goto(`${fixture.server.url}taskpane.html`);
  return { context, page, errors };
}

test.each([
  ["IE11 (Trident)", { userAgent: TRIDENT }],
  ["EdgeHTML", { userAgent: EDGE_HTML }],
  ["an engine that cannot parse the pane's syntax", { oldEngine: true }],
])("in %s the pane shows a plain page saying what it needs, and React never starts", async (_name, options) => {
  const { context, page, errors } = await openPane(options);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = await alert.innerText();
  expect(text).toContain("本版本的 Office 无法运行年报助手任务窗格");
  expect(text).toMatch(/Office 2021/);
  expect(text).toMatch(/WebView2/);
  expect(text).toContain("校验公式");
  expect(text).toContain("网页版");
  // The bundle saw the mark and did not start: no status line, no Fluent provider, nothing thrown.
  expect(await page.locator('[data-testid="status-line"]').count()).toBe(0);
  expect(await page.locator(".fui-FluentProvider").count()).toBe(0);
  expect(await page.evaluate(() => document.documentElement.getAttribute("data-unsupported"))).toBe("legacy-webview");
  expect(errors).toEqual([]);
  await context.close();
});

test("a current web view starts the pane, without the mark", async () => {
  const { context, page, errors } = await openPane({});
  await page.getByTestId("status-line").waitFor();
  expect(await page.evaluate(() => document.documentElement.getAttribute("data-unsupported"))).toBeNull();
  expect(errors).toEqual([]);
  await context.close();
});

test("the WPS build (ES2017 with polyfills, its own checks) carries no such script", () => {
  const wps = readFileSync(path.join(DIST, "..", "wps", "taskpane.html"), "utf8");
  expect(wps).not.toContain("data-unsupported");
  expect(wps).not.toContain("<%");
});

test("the page's inline script is ES3-compatible syntax (IE11 parses ES5 only) and comes before the bundle", () => {
  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const inline: string[] = [];
  const bundles: string[] = [];
  const order: string[] = [];
  let text: string | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name !== "script") return;
      if (attributes.src !== undefined) {
        bundles.push(attributes.src);
        order.push(attributes.defer !== undefined ? "deferred bundle" : "bundle");
      } else {
        text = "";
        order.push("inline");
      }
    },
    ontext(data) {
      if (text !== null) text += data;
    },
    onclosetag(name) {
      if (name === "script" && text !== null) {
        inline.push(text);
        text = null;
      }
    },
  });
  parser.write(html);
  parser.end();
  expect(inline).toHaveLength(1);
  expect(() => parse(inline[0] ?? "", { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
  expect(bundles.some((src) => /taskpane\.[0-9a-f]{8}\.js$/.test(src))).toBe(true);
  // A deferred bundle runs after the document is parsed, so after the inline script wherever it stands.
  expect(order.filter((o) => o !== "inline").every((o) => o === "deferred bundle")).toBe(true);
});
