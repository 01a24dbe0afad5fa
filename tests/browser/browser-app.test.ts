// The browser app as a county office's new user meets it, in Debian's Chromium: 清空 asks in the page, the
// 模板 fields are kept as typed and are the metadata used, the 正文 boxes show the guidance as a placeholder,
// the page is readable from a phone to a desktop, and 打开 .xlsx says what it did not take and will not keep.

import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { STORAGE_KEY } from "../../src/adapters/browser/browser-host";
import { createTemplatePlan } from "../../src/adapters/workbook/plan";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import { NARRATIVE_FIELDS, guidanceNarrative } from "../../src/core/report";
import { RULE_PACK } from "../../src/core/rules";
import { metaOf, zeroReport } from "../support/reports";
import type { BrowserFixture } from "./browser";
import { cell, eventually, openBrowser, openBrowserApp, screenshot } from "./browser";

let fixture: BrowserFixture;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());

/** The app in a window of a common laptop unless a test says otherwise. */
async function openApp(viewport = { width: 1366, height: 900 }): Promise<void> {
  ({ context, page } = await openBrowserApp(fixture, { viewport }));
}
afterEach(async () => context.close());

const activeLabel = (p: Page): Promise<string> => p.evaluate(() => document.activeElement?.textContent ?? "");
const statusText = (p: Page): Promise<string> => p.getByTestId("status-line").innerText();

/** What the page's workbook holds in local storage, replaced before a reload (an older version's data). */
async function storeAndReload(stored: unknown): Promise<void> {
  await page.evaluate(([key, text]) => window.localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(stored)] as const);
  await page.reload();
  await page.getByTestId("status-line").waitFor();
}

describe("清空", () => {
  test("asks in an in-page dialog: 取消 and Esc keep the figures, 清空 empties the tables", async () => {
    await openApp();
    // window.confirm is never asked (some embedded browsers block it, and it is not the page's language).
    await page.evaluate(() => {
      Object.defineProperty(window, "confirm", {
        value: () => {
          document.body.setAttribute("data-confirm-called", "1");
          return true;
        },
      });
    });
    await cell(page, "表四", "A4").fill("2");
    const opener = page.getByRole("button", { name: "清空", exact: true });
    await opener.click();
    const dialog = page.getByRole("alertdialog", { name: "清空统计表" });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("此操作不能撤销");
    await screenshot(page, "app-clear-dialog");
    // Focus starts on 取消: Enter right away cancels.
    await eventually(() => activeLabel(page), (label) => expect(label).toBe("取消"));
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    expect(await cell(page, "表四", "A4").inputValue()).toBe("2");
    // The focus is back on 清空.
    await eventually(() => activeLabel(page), (label) => expect(label).toBe("清空"));

    // Opened with the keyboard, closed with Esc: nothing cleared.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await cell(page, "表四", "A4").inputValue()).toBe("2");

    // Opened again; Tab to 清空 in the dialog and press it.
    await opener.focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Tab");
    expect(await activeLabel(page)).toBe("清空");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    expect(await cell(page, "表四", "A4").inputValue()).toBe("");
    await eventually(() => statusText(page), (text) => expect(text).toContain("已填 0 / 200"));
    expect(await page.getByTestId("app-message").innerText()).toContain("已清空统计表");
    expect(await page.evaluate(() => document.body.getAttribute("data-confirm-called"))).toBeNull();
  });
});

describe("模板 in the browser app", () => {
  const agency = () => page.getByRole("textbox", { name: "机关名称" });
  const year = () => page.getByRole("textbox", { name: /报告年度/ });
  const level = () => page.getByRole("combobox", { name: "机关层级" });

  test("shows no year it would not use, and keeps what is typed across the tabs and a reload", async () => {
    await openApp();
    await page.getByRole("tab", { name: "模板" }).click();
    // Nothing is used yet, so nothing is shown: the field is empty and says what to type.
    expect(await year().inputValue()).toBe("");
    await agency().fill("某县教育局");
    await year().fill("20");
    await page.getByRole("tab", { name: "校验" }).click();
    await page.getByRole("tab", { name: "模板" }).click();
    // Even a year half typed is still there after another tab.
    expect(await agency().inputValue()).toBe("某县教育局");
    expect(await year().inputValue()).toBe("20");
    await year().fill("2023");
    await level().click();
    await page.getByRole("option", { name: "县级部门" }).click();
    await page.getByRole("tab", { name: "导入" }).click();
    await page.getByRole("tab", { name: "模板" }).click();
    expect(await agency().inputValue()).toBe("某县教育局");
    expect(await year().inputValue()).toBe("2023");
    expect(await level().innerText()).toContain("县级部门");

    await page.reload();
    await page.getByTestId("status-line").waitFor();
    await page.getByRole("tab", { name: "模板" }).click();
    expect(await agency().inputValue()).toBe("某县教育局");
    expect(await year().inputValue()).toBe("2023");
    expect(await level().innerText()).toContain("县级部门");
    await screenshot(page, "app-template-kept");
  });

  test("the year shown is the year of the saved workbook and of the exported report", async () => {
    await openApp();
    await page.getByRole("tab", { name: "模板" }).click();
    await agency().fill("某县教育局");
    await year().fill("2023");
    const [workbook] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存为 .xlsx" }).click()]);
    expect(workbook.suggestedFilename()).toBe("某县教育局2023年报统计表.xlsx");
    const content = await readWorkbook(readFileSync(await workbook.path()));
    expect(content.meta).toMatchObject({ agencyName: "某县教育局", year: 2023 });

    await page.getByRole("tab", { name: "导出" }).click();
    await page.getByRole("button", { name: "下载 .docx" }).click();
    const [report] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("dialog", { name: "报告尚不能发布" }).getByRole("button", { name: /^仍然/ }).click(),
    ]);
    expect(report.suggestedFilename()).toBe("某县教育局2023年政府信息公开工作年度报告.docx");

    // A year deleted is a year not used: the saved workbook has none either.
    await page.getByRole("tab", { name: "模板" }).click();
    await year().fill("");
    const [without] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存为 .xlsx" }).click()]);
    expect((await readWorkbook(readFileSync(await without.path()))).meta.year).toBeNull();
  });
});

describe("正文", () => {
  const box = (key: string) => page.locator(`[data-narrative="${key}"]`);

  test("the guidance is a placeholder, the heading shows no code, and an empty part keeps the verdict 未完成", async () => {
    await openApp();
    const heading = page.getByRole("region", { name: "正文" });
    expect(await heading.innerText()).not.toMatch(/[{}]|t\d\.|[A-Za-z]{3,}/);
    expect(await box("n1.infoMgmt").inputValue()).toBe("");
    expect(await box("n1.infoMgmt").getAttribute("placeholder")).toBe("公文公开属性源头认定、保密审查、规范性文件清理、信息动态更新等情况。");

    // Every figure filled (as zeros), the text not written: not done, and not an error either.
    await storeAndReload({ version: 1, hasTemplate: true, meta: metaOf({ agencyName: "某县教育局", year: 2024, level: "县级部门" }), values: zeroReport(), confirmations: [] });
    await eventually(() => statusText(page), (text) => expect(text).toContain("已填 200 / 200"));
    expect(await statusText(page)).toContain("未完成");
    expect(await page.locator('[data-issue^="T-MISSING"]').count()).toBe(0);

    await box("n5.problems").fill("一是公开内容不够全面。");
    await page.reload();
    await page.getByTestId("status-line").waitFor();
    expect(await box("n5.problems").inputValue()).toBe("一是公开内容不够全面。");
    await screenshot(page, "app-narrative-placeholder");
  });

  test("data of an older version that holds the guidance as text loads as empty boxes", async () => {
    await openApp();
    const old = guidanceNarrative();
    await storeAndReload({
      version: 1,
      hasTemplate: true,
      meta: metaOf({ agencyName: "某县教育局" }),
      values: {},
      confirmations: [],
      narrative: { ...old, texts: { ...old.texts, "n5.measures": "下一步将加强培训。" } },
    });
    for (const field of NARRATIVE_FIELDS.filter((f) => f.kind === "text" && f.key !== "n5.measures")) {
      expect(await box(field.key).inputValue()).toBe("");
    }
    expect(await box("n5.measures").inputValue()).toBe("下一步将加强培训。");
  });
});

describe("layout", () => {
  test.each([350, 768, 1366])("at %i px wide nothing is wider than the window and the tables stay readable", async (width) => {
    await openApp({ width, height: 800 });
    const layout = await page.evaluate(() => {
      const px = (value: string): number => Number.parseFloat(value);
      const tables = [...document.querySelectorAll<HTMLTableElement>("table[data-table]")];
      const rowLabels = tables.flatMap((t) => [...t.querySelectorAll<HTMLElement>('th[scope="row"]')]);
      const inputs = tables.flatMap((t) => [...t.querySelectorAll<HTMLElement>("input")]);
      const pane = document.querySelector("aside")?.getBoundingClientRect();
      const lastTable = tables[tables.length - 1]?.closest("section")?.getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        smallestFont: Math.min(...tables.flatMap((t) => [t, ...t.querySelectorAll("th, td, input")]).map((e) => px(getComputedStyle(e).fontSize))),
        // Characters a line a row label has room for: its content width over its font size.
        fewestCharacters: Math.min(
          ...rowLabels.map((th) => {
            const style = getComputedStyle(th);
            return (th.clientWidth - px(style.paddingLeft) - px(style.paddingRight)) / px(style.fontSize);
          }),
        ),
        narrowestInput: Math.min(...inputs.map((i) => i.getBoundingClientRect().width)),
        tableWidths: tables.map((t) => t.getBoundingClientRect().width),
        scrollers: [...document.querySelectorAll<HTMLElement>("[data-scroller]")].map((s) => ({ client: s.clientWidth, scroll: s.scrollWidth })),
        paneTop: pane?.top ?? 0,
        paneLeft: pane?.left ?? 0,
        tablesBottom: lastTable?.bottom ?? 0,
        tablesRight: lastTable?.right ?? 0,
      };
    });
    await screenshot(page, `app-layout-${width}`);
    expect(layout.page).toBeLessThanOrEqual(layout.window);
    expect(layout.smallestFont).toBeGreaterThanOrEqual(12);
    expect(layout.fewestCharacters).toBeGreaterThanOrEqual(6);
    expect(layout.narrowestInput).toBeGreaterThanOrEqual(50);
    expect(Math.min(...layout.tableWidths)).toBeGreaterThan(300);
    if (width < 1000) {
      // The pane under the tables, and a table wider than the window scrolls in its own box.
      expect(layout.paneTop).toBeGreaterThanOrEqual(layout.tablesBottom);
      if (width === 350) expect(layout.scrollers.some((s) => s.scroll > s.client)).toBe(true);
    } else {
      expect(layout.paneLeft).toBeGreaterThanOrEqual(layout.tablesRight);
    }
  });
});

describe("打开 .xlsx", () => {
  /** Our template, filled in and then edited as in a spreadsheet program: text, a mark, formulas, another sheet. */
  async function editedWorkbook(): Promise<Buffer> {
    const meta = metaOf({ agencyName: "某县教育局", year: 2024, level: "县级部门" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeWorkbook(createTemplatePlan(meta, RULE_PACK), { values: zeroReport() })) as unknown as ExcelJS.Buffer);
    const t3 = workbook.getWorksheet("表三")!;
    t3.getCell("D4").value = 5;
    t3.getCell("E4").value = "3件";
    t3.getCell("F4").value = "/";
    t3.getCell("G4").value = { formula: "1+1", date1904: false };
    t3.getCell("J4").value = { formula: "SUM(D4:I4)", result: 5, date1904: false };
    workbook.addWorksheet("说明").getCell("A1").value = "填报说明";
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  test("lists the cells it did not take as figures by their labels, names the sheets not kept, and keeps formulas", async () => {
    await openApp();
    await page.locator('input[type="file"]').setInputFiles({ name: "年报.xlsx", mimeType: "application/octet-stream", buffer: await editedWorkbook() });
    const message = page.getByTestId("app-message");
    await eventually(() => message.innerText(), (text) => expect(text).toContain("已打开 年报.xlsx"));
    const text = await message.innerText();
    await screenshot(page, "app-opened-message");
    // Each cell that holds no number, named as the page shows it (table, row label, column label), with why.
    expect(text).toMatch(/表三“一、本年新收政府信息公开申请数量”行“[^”]*商业企业”列/);
    expect(text).toContain("带有单位“件”");
    expect(text).toContain("“/”");
    expect(text).toContain("是公式“=1+1”");
    expect(text).toContain("“说明”");
    expect(text).toContain("不会保存");
    // No sheet address, cell ID or rule ID: the page has no column letters.
    expect(text).not.toMatch(/![A-Z]+\d|t\d\.|R-[A-Z]/);
    expect(await cell(page, "表三", "J4").getAttribute("title")).toContain("=SUM(D4:I4)");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "保存为 .xlsx" }).click()]);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    const t3 = saved.getWorksheet("表三")!;
    expect(t3.getCell("J4").value).toEqual({ formula: "SUM(D4:I4)", result: 5 });
    expect(t3.getCell("G4").value).toEqual({ formula: "1+1" });
    expect(t3.getCell("E4").value).toBe("3件");
    expect(saved.getWorksheet("说明")).toBeUndefined();
  });

  test("a workbook with nothing amiss is simply opened", async () => {
    await openApp();
    const meta = metaOf({ agencyName: "某县教育局", year: 2024, level: "县级部门" });
    const clean = Buffer.from(await writeWorkbook(createTemplatePlan(meta, RULE_PACK), { values: zeroReport() }));
    await page.locator('input[type="file"]').setInputFiles({ name: "年报.xlsx", mimeType: "application/octet-stream", buffer: clean });
    const message = page.getByTestId("app-message");
    await eventually(() => message.innerText(), (text) => expect(text).toContain("已打开 年报.xlsx"));
    expect(await message.locator("li").count()).toBe(0);
    await eventually(() => statusText(page), (text) => expect(text).toContain("已填 200 / 200"));
  });
});
