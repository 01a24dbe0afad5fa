// The built pane in Chromium with the in-memory Excel injected in place of office.js: the user generates the
// template from the pane, edits the workbook, and clicks an issue to move the selection in Excel.

import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { FakeExcel } from "../support/fake-excel";
import type { BrowserFixture } from "./browser";
import { bundleForPage, clickIssue, generateTemplateInPane, openBrowser, screenshot } from "./browser";

let fixture: BrowserFixture;
let fakeOffice: string;
let context: BrowserContext;
let page: Page;

declare global {
  interface Window {
    __fakeExcel: FakeExcel;
  }
}

beforeAll(async () => {
  fakeOffice = await bundleForPage(path.join(__dirname, "fake-office-entry.ts"));
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());

beforeEach(async () => {
  context = await fixture.browser.newContext({ viewport: { width: 420, height: 900 } });
  await context.route("**/office/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: fakeOffice }));
  page = await context.newPage();
  // Office opens the pane with _host_Info in its URL; only then does the pane load office.js.
  await page.goto(`${fixture.server.url}taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`);
  await page.getByTestId("status-line").waitFor();
});
afterEach(async () => context.close());

/** Evaluates an expression in the page with `excel` bound to the fake workbook (acting as the user, or looking). */
async function inExcel<T>(expression: string): Promise<T> {
  return page.evaluate<T>(`(() => { const excel = window.__fakeExcel; return (${expression}); })()`);
}

test("in Excel the pane shows only the pane, and offers to generate the tables", async () => {
  expect(await page.locator("table[data-table]").count()).toBe(0);
  expect(await page.getByTestId("status-line").innerText()).toContain("尚未生成统计表");
  expect(await page.getByRole("tab", { name: "模板" }).getAttribute("aria-selected")).toBe("true");
  await screenshot(page, "excel-start");
});

test("generating the template from the pane writes the tables into the workbook", async () => {
  await generateTemplateInPane(page);
  expect(await inExcel<string[]>("excel.sheetNames()")).toEqual(["Sheet1", "基本信息", "表二", "表三", "表四", "正文", "校验", "单元格校验", "_nianbao"]);
  expect(await inExcel<unknown[][]>('excel.block("基本信息", "B3:B5")')).toEqual([["某县教育局"], [2025], ["县级部门"]]);
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 0 / 200");
  await screenshot(page, "excel-generated");
});

test("an edit in Excel shows an issue; clicking it moves Excel's selection to the cells", async () => {
  await page.getByRole("button", { name: "生成统计表" }).click();
  await page.getByText(/已生成/).waitFor();
  await inExcel('excel.userPaste("表三", "D4", [[5, 0, 0, 0, 0, 0, 5]])');
  await inExcel('excel.userEdit("表三", "J4", 4)');
  const issue = await clickIssue(page, "R-T3-ROWSUM.new", () => inExcel("excel.selection()"), { sheet: "表三", address: "D4:J4" }, "excel-issue");
  await inExcel('excel.userEdit("表三", "J4", 5)');
  await issue.waitFor({ state: "detached" });
});

test("a 提示 confirmed with an explanation is stored in the workbook", async () => {
  await page.getByRole("button", { name: "生成统计表" }).click();
  await page.getByText(/已生成/).waitFor();
  await inExcel('excel.userEdit("表二", "B14", 70.319)');
  await page.getByRole("tab", { name: "校验" }).click();
  const issue = page.locator('[data-issue="R-T2-FEE-DEC"]');
  await issue.waitFor();
  await issue.getByRole("button", { name: "确认无误…" }).click();
  await issue.getByRole("textbox").fill("按财政决算数填列，保留三位小数。");
  await issue.getByRole("button", { name: "保存确认" }).click();
  await issue.getByText(/已确认：按财政决算数填列/).waitFor();
  expect(await inExcel<unknown[][]>('excel.block("_nianbao", "A11:B11")')).toEqual([["R-T2-FEE-DEC", "按财政决算数填列，保留三位小数。"]]);
  await screenshot(page, "excel-confirmed");
});
