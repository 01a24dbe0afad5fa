// The pane's 导入 view in Chromium (browser mode): paste last year's published report, fill the tables, the
// agency, the year and the 正文, and never replace what the user wrote without the user's say-so; check a report
// as last year's, and be told when it is of this year or of another agency.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { EXAMPLES_DIR } from "../support/reports";
import type { BrowserFixture } from "./browser";
import { cell, eventually, openBrowser, openBrowserApp, screenshot } from "./browser";

let fixture: BrowserFixture;
let context: BrowserContext;
let page: Page;
const report003 = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8");
const report000 = readFileSync(path.join(EXAMPLES_DIR, "000_f2f7a8db13862236.txt"), "utf8");

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());
beforeEach(async () => {
  ({ context, page } = await openBrowserApp(fixture));
});
afterEach(async () => context.close());

async function pasteAndRead(report = report003): Promise<void> {
  await page.getByRole("tab", { name: "导入" }).click();
  await page.getByRole("textbox", { name: "报告全文" }).fill(report);
  await page.getByRole("button", { name: "读取" }).click();
  await page.getByTestId("import-result").waitFor();
}

/** The 正文 field of a part, as the page shows it under the tables. */
function narrativeField(key: string) {
  return page.locator(`[data-narrative="${key}"]`);
}

/** Types the agency and the year in 模板 (in the browser app they are the report's metadata at once). */
async function setMeta(agency: string, year: string): Promise<void> {
  await page.getByRole("tab", { name: "模板" }).click();
  await page.getByRole("textbox", { name: "机关名称" }).fill(agency);
  await page.getByRole("textbox", { name: "报告年度" }).fill(year);
  await eventually(() => page.getByRole("textbox", { name: "报告年度" }).inputValue(), (v) => expect(v).toBe(year));
}

test("a pasted report fills the empty tables", async () => {
  await pasteAndRead();
  expect(await page.getByTestId("import-result").innerText()).toContain("新乡市教育局 · 2023年度 · 已读取 200 / 200 个单元格");
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
  expect(await cell(page, "表二", "B14").inputValue()).toBe("70.319");
  expect(await page.getByTestId("status-line").innerText()).toContain("已填 200 / 200");
  await screenshot(page, "import-filled");
});

test("a cell already holding another value is kept unless the user chooses to overwrite", async () => {
  await cell(page, "表三", "D4").fill("5");
  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain("表三“一、本年新收政府信息公开申请数量”行“自然人”列：现为 5，报告中为 8");
  await screenshot(page, "import-conflict");
  await dialog.getByRole("button", { name: "只填空白处" }).click();
  await eventually(() => cell(page, "表三", "E4").inputValue(), (v) => expect(v).toBe("0"));
  expect(await cell(page, "表三", "D4").inputValue()).toBe("5");
  expect(await page.getByTestId("import-message").innerText()).toContain("保留了 1 项原有内容");

  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "全部覆盖" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
});

test("the agency, the year and the 正文 are filled; last year's opening is left out and its repeats listed for review", async () => {
  await pasteAndRead(report000);
  // 000 opens 一 with a lead paragraph before （一）: it is listed, not taken.
  expect(await page.getByTestId("import-left-out").innerText()).toContain("不填入正文：原报告的开篇段落“2023年以来，区教育局根据《中华人民共和国政府信息公开条例》");
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  await eventually(
    () => page.getByTestId("import-message").innerText(),
    (v) => expect(v).toContain("已填入 200 个单元格、机关名称“北关区教育局”、报告年度 2023年、正文 7 个部分。"),
  );
  // The paragraph of 一（二） restates the generated 「本机关未收到政府信息公开申请」: it is listed for review.
  const review = await page.getByTestId("import-review").innerText();
  expect(review).toContain("正文“一（二）依申请公开”中“2023年未收到群众提交的政府信息公开申请，上年度结转数量为0。”一段，所述政府信息公开申请的收到、结转、办结情况，已由表三自动生成");
  await screenshot(page, "import-text-filled");
  expect(await narrativeField("n1.active").inputValue()).toMatch(/^依托区政府网站主动公开政府信息 58条。/);
  expect(await narrativeField("n1.onRequest").inputValue()).toBe("2023年未收到群众提交的政府信息公开申请，上年度结转数量为0。");
  expect(await narrativeField("n6.other").inputValue()).toBe("本年度，本机关为收取信息公开处理费。");
  // Parts the report did not have stay empty (their guidance is the placeholder), not guidance as text.
  expect(await narrativeField("n5.measures").inputValue()).toBe("");
  await page.getByRole("tab", { name: "模板" }).click();
  expect(await page.getByRole("textbox", { name: "机关名称" }).inputValue()).toBe("北关区教育局");
  expect(await page.getByRole("textbox", { name: "报告年度" }).inputValue()).toBe("2023");
  // The same finding in 校验, where the user confirms or corrects it.
  await page.getByRole("tab", { name: "校验" }).click();
  await eventually(() => page.locator('[data-issue^="T-REPEAT."]').count(), (n) => expect(n).toBe(1));
});

test("another agency, another year and the user's own 正文 are asked about and kept unless replaced", async () => {
  await setMeta("某县教育局", "2024");
  await narrativeField("n1.infoMgmt").fill("本局严格落实保密审查制度。");
  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  const asked = await dialog.innerText();
  expect(asked).toContain("有 3 项已填写的内容与报告不同");
  expect(asked).toContain("机关名称：现为“某县教育局”，报告中为“新乡市教育局”");
  expect(asked).toContain("报告年度：现为 2024年，报告中为 2023年");
  expect(asked).toContain("正文“一（三）政府信息管理”已有内容：“本局严格落实保密审查制度。”");
  await screenshot(page, "import-text-conflict");
  await dialog.getByRole("button", { name: "只填空白处" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
  expect(await page.getByTestId("import-message").innerText()).toContain("已填入 200 个单元格、正文 6 个部分，保留了 3 项原有内容。");
  expect(await narrativeField("n1.infoMgmt").inputValue()).toBe("本局严格落实保密审查制度。");
  expect(await narrativeField("n1.platform").inputValue()).toMatch(/^持续优化完善信息公开平台/);
  await page.getByRole("tab", { name: "模板" }).click();
  expect(await page.getByRole("textbox", { name: "机关名称" }).inputValue()).toBe("某县教育局");
  expect(await page.getByRole("textbox", { name: "报告年度" }).inputValue()).toBe("2024");

  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "全部覆盖" }).click();
  await eventually(() => narrativeField("n1.infoMgmt").inputValue(), (v) => expect(v).toMatch(/^加强市教育局官网和新媒体的管理力度/));
  await page.getByRole("tab", { name: "模板" }).click();
  expect(await page.getByRole("textbox", { name: "机关名称" }).inputValue()).toBe("新乡市教育局");
  expect(await page.getByRole("textbox", { name: "报告年度" }).inputValue()).toBe("2023");
});

test("last year's report checks this year's 上年结转 column by column", async () => {
  await pasteAndRead();
  await page.getByRole("button", { name: "填入统计表和正文" }).click();
  await eventually(() => cell(page, "表三", "D4").inputValue(), (v) => expect(v).toBe("8"));
  await cell(page, "表三", "D5").fill("2");
  await setMeta("新乡市教育局", "2024");
  await pasteAndRead();
  await page.getByRole("button", { name: "作为上年报告核对" }).click();
  const comparison = page.getByTestId("import-comparison");
  await comparison.waitFor();
  const text = await comparison.innerText();
  // The 正文 taken from the same report is 雷同 with it, as it would be with last year's text left unchanged.
  expect(text).toContain("有 3 项提示");
  expect(text).toMatch(/表三“自然人”列：本年“二、上年结转”（[^）]+）为 2，但2023年报告“四、结转下年度继续办理”为 0/);
  expect(text).toContain("正文“五、存在的主要问题及改进情况”有 100% 的内容与上年度报告相同");
  expect(text).not.toContain("同一年度");
});

test("a report of this year, or of another agency, given as last year's is named before its figures", async () => {
  await setMeta("新乡市教育局", "2023");
  await pasteAndRead();
  await page.getByRole("button", { name: "作为上年报告核对" }).click();
  const comparison = page.getByTestId("import-comparison");
  await comparison.waitFor();
  expect(await comparison.innerText()).toContain(
    "用作上年报告核对的是 2023年 的报告，与本报告同一年度。上年结转、现行有效件数和正文雷同应与 2022年 的报告核对，请核实所选的报告或本报告的年度。",
  );
  await screenshot(page, "import-compare-same-year");

  // 北关区教育局's report beside 新乡市教育局's of 2024: the years follow, the agencies do not.
  await setMeta("新乡市教育局", "2024");
  await pasteAndRead(report000);
  await page.getByRole("button", { name: "作为上年报告核对" }).click();
  await eventually(
    () => page.getByTestId("import-comparison").innerText(),
    (v) => {
      expect(v).toContain("用作上年报告核对的是“北关区教育局”的报告，与本报告的“新乡市教育局”不是同一机关");
      expect(v).not.toContain("同一年度");
    },
  );

  // The same agency under its short name is the same agency.
  await setMeta("市教育局", "2024");
  await pasteAndRead();
  await page.getByRole("button", { name: "作为上年报告核对" }).click();
  await eventually(() => page.getByTestId("import-comparison").innerText(), (v) => expect(v).not.toContain("不是同一机关"));
});
