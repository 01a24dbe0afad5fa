// The app in a plain browser (no Office host): the three tables in the page beside the pane, driven in
// Debian's Chromium as a user would — typing, watching issues come and go, keyboard only, reload, .xlsx.

import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";
import type { BrowserFixture } from "./browser";
import { cell, eventually, openBrowser, openBrowserApp, screenshot } from "./browser";

let fixture: BrowserFixture;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());

beforeEach(async () => {
  ({ context, page } = await openBrowserApp(fixture));
});
afterEach(async () => context.close());

const issueList = (p: Page) => p.locator("[data-issue]");

async function fillRow(p: Page, row: number, values: readonly (number | string)[]): Promise<void> {
  const columns = ["D", "E", "F", "G", "H", "I", "J"];
  for (const [i, value] of values.entries()) await cell(p, "表三", `${columns[i]}${row}`).fill(String(value));
}

test("outside Office the app loads no office.js and asks nothing of any server but its own", async () => {
  const fresh = await fixture.browser.newContext();
  const other = await fresh.newPage();
  const requests: string[] = [];
  other.on("request", (request) => requests.push(request.url()));
  await other.goto(`${fixture.server.url}taskpane.html`);
  await other.waitForFunction(() => document.querySelector('[data-testid="status-line"]')?.textContent?.includes("上次校验") === true);
  await other.getByRole("tab", { name: "导出" }).click();
  await other.getByRole("tab", { name: "导入" }).click();
  expect(requests.filter((url) => !url.startsWith(fixture.server.url))).toEqual([]);
  expect(requests.filter((url) => url.includes("office.js"))).toEqual([]);
  // window.confirm is the browser's own (office.js replaces it when loaded).
  expect(await other.evaluate(() => window.confirm.toString().includes("[native code]"))).toBe(true);
  await fresh.close();
});

test("outside Office the pane mounts beside the three editable tables", async () => {
  expect(await page.locator("table[data-table]").count()).toBe(3);
  expect(await page.locator("table[data-table] input").count()).toBe(200);
  // Each input is named by what the page shows (table, row and column labels), each name its own.
  const names = await page.locator("table[data-table] input").evaluateAll((inputs) => inputs.map((i) => i.getAttribute("aria-label") ?? ""));
  expect(new Set(names).size).toBe(200);
  expect(names.filter((name) => !/^表[二三四]“/.test(name) || /[A-Z]+\d+/.test(name))).toEqual([]);
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 0 / 200");
  await screenshot(page, "browser-start");
});

test("typing a wrong total makes an issue appear, and correcting it makes it disappear", async () => {
  await fillRow(page, 4, [5, 3, 0, 0, 0, 0, 7]);
  const rowSum = page.locator('[data-issue="R-T3-ROWSUM.new"]');
  await rowSum.waitFor();
  // The page has no column letters: the cell is named by its row and column labels.
  expect(await rowSum.innerText()).toContain("表三“一、本年新收政府信息公开申请数量”行：总计填写 7，");
  expect(await rowSum.innerText()).not.toMatch(/表三![A-Z]+\d/);
  expect(await page.locator('td[data-cell="t3.new.total"]').getAttribute("data-mark")).toBe("error");
  await screenshot(page, "browser-issue");
  await cell(page, "表三", "J4").fill("8");
  await rowSum.waitFor({ state: "detached" });
  expect(await page.locator('td[data-cell="t3.new.total"]').getAttribute("data-mark")).toBe("");
});

test("text typed into a cell is kept as typed and reported with what to type instead", async () => {
  await cell(page, "表二", "B7").fill("５１４");
  const issue = page.locator('[data-issue="R-INPUT.t2.license.decisions"]');
  await issue.waitFor();
  expect(await cell(page, "表二", "B7").inputValue()).toBe("５１４");
  expect(await issue.innerText()).toContain("请改为 514");
});

test("a total can be fixed with the keyboard only: Tab to the issue, Enter, type", async () => {
  await fillRow(page, 4, [2, 1, 0, 0, 0, 0, 9]);
  await page.locator('[data-issue="R-T3-ROWSUM.new"]').waitFor();
  // Tab from the top of the page, past the tables' inputs (named by the same labels), until the issue itself
  // has the focus.
  await page.locator("body").focus();
  let focused = "";
  for (let i = 0; i < 400 && !focused.startsWith("强制：表三“一、本年新收"); i += 1) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  }
  expect(focused).toMatch(/^强制：表三“一、本年新收/);
  await page.keyboard.press("Enter");
  // The focus is on the total's input, named as the issue names the cell.
  await eventually(
    () => page.evaluate(() => ({ cell: document.activeElement?.closest("td")?.dataset.cell, name: document.activeElement?.getAttribute("aria-label") })),
    (active) => expect(active).toEqual({ cell: "t3.new.total", name: "表三“一、本年新收政府信息公开申请数量”行“总计”列" }),
  );
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  await page.locator('[data-issue="R-T3-ROWSUM.new"]').waitFor({ state: "detached" });
  expect(await cell(page, "表三", "J4").inputValue()).toBe("3");
  await screenshot(page, "browser-keyboard-fixed");
});

test("entries are kept in the browser's local storage across a reload", async () => {
  await cell(page, "表四", "A4").fill("2");
  await page.reload();
  await page.getByTestId("status-line").waitFor();
  expect(await cell(page, "表四", "A4").inputValue()).toBe("2");
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 1 / 200");
});

test("保存为 .xlsx downloads a self-checking workbook with the page's values", async () => {
  await page.getByRole("tab", { name: "模板" }).click();
  await page.getByRole("textbox", { name: "机关名称" }).fill("某县教育局");
  await page.getByRole("button", { name: /统计表/ }).click();
  await cell(page, "表三", "D4").fill("6");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存为 .xlsx" }).click()]);
  const file = await download.path();
  const content = await readWorkbook(readFileSync(file));
  expect(content.cells.get("t3.new.natural")).toBe(6);
  expect(content.meta.agencyName).toBe("某县教育局");
  expect(content.fromTemplate).toBe(true);
});

test("打开 .xlsx reads a workbook into the page", async () => {
  const { createTemplatePlan } = await import("../../src/adapters/workbook/plan");
  const { writeWorkbook } = await import("../../src/adapters/xlsx/write-workbook");
  const { RULE_PACK } = await import("../../src/core/rules");
  const { loadExample, metaOf } = await import("../support/reports");
  const example = loadExample("003");
  const data = await writeWorkbook(createTemplatePlan(metaOf({ agencyName: example.agency, year: 2023, level: "市级部门" }), RULE_PACK), {
    values: example.values,
  });
  await page.locator('input[type="file"]').setInputFiles({ name: "003.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(data) });
  await eventually(() => cell(page, "表三", "D4").inputValue(), (value) => expect(value).toBe("8"));
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 200 / 200");
  await eventually(
    () => issueList(page).evaluateAll((items) => items.map((i) => i.getAttribute("data-rule"))),
    (rules) => expect(rules).toEqual(["R-T2-FEE-DEC"]),
  );
  await screenshot(page, "browser-opened-003");
});
