// The pane's 导入 view in Chromium (browser mode): paste last year's published report, fill the tables, and
// never overwrite a value already entered without the user's say-so.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { EXAMPLES_DIR } from "../support/reports";
import type { BrowserFixture } from "./browser";
import { cell, eventually, openBrowser, screenshot } from "./browser";

let fixture: BrowserFixture;
let context: BrowserContext;
let page: Page;
const report003 = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8");

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());
beforeEach(async () => {
  context = await fixture.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await page.goto(`${fixture.server.url}taskpane.html`);
  await page.getByTestId("status-line").waitFor();
});
afterEach(async () => context.close());

async function pasteAndRead(): Promise<void> {
  await page.getByRole("tab", { name: "导入" }).click();
  await page.getByRole("textbox", { name: "报告全文" }).fill(report003);
  await page.getByRole("button", { name: "读取" }).click();
  await page.getByTestId("import-result").waitFor();
}

test("a pasted report fills the empty tables", async () => {
  await pasteAndRead();
  expect(await page.getByTestId("import-result").innerText()).toContain("新乡市教育局 · 2023年度 · 已读取 200 / 200 个单元格");
  await page.getByRole("button", { name: "填入统计表" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
  expect(await cell(page, "表二", "B14").inputValue()).toBe("70.319");
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 200 / 200");
  await screenshot(page, "import-filled");
});

test("a cell already holding another value is kept unless the user chooses to overwrite", async () => {
  await cell(page, "表三", "D4").fill("5");
  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain("表三!D4：现为 5，报告中为 8");
  await screenshot(page, "import-conflict");
  await dialog.getByRole("button", { name: "只填空白单元格" }).click();
  await eventually(() => cell(page, "表三", "E4").inputValue(), (v) => expect(v).toBe("0"));
  expect(await cell(page, "表三", "D4").inputValue()).toBe("5");
  expect(await page.getByTestId("import-message").innerText()).toContain("保留了 1 个原有数值");

  await page.getByRole("button", { name: "填入统计表" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "全部覆盖" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
});

test("last year's report checks this year's 上年结转 column by column", async () => {
  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
  await cell(page, "表三", "D5").fill("2");
  await page.getByRole("tab", { name: "导入" }).click();
  await page.getByRole("textbox", { name: "报告全文" }).fill(report003);
  await page.getByRole("button", { name: "读取" }).click();
  await page.getByRole("button", { name: "作为上年报告核对" }).click();
  const comparison = page.getByTestId("import-comparison");
  await comparison.waitFor();
  const text = await comparison.innerText();
  expect(text).toContain("有 1 项提示");
  expect(text).toContain("表三“自然人”列：本年“二、上年结转”（表三!D5）为 2，但2023年报告“四、结转下年度继续办理”为 0");
});
