// Ready for a county office: the browser app and the pane on the in-memory Excel checked in Chromium against
// GB/T 37668 (which takes up WCAG 2.0 AA) with axe-core in every view and state; the main flow done with the
// keyboard alone; the 「已复制」 confirmation seen where the user is looking in a 350 px pane; and the page,
// which draws the tables without column letters, naming cells by their row and column labels.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { FakeExcel } from "../support/fake-excel";
import { EXAMPLES_DIR } from "../support/reports";
import type { BrowserFixture } from "./browser";
import { bundleForPage, cell, eventually, generateTemplateInPane, openBrowser, openBrowserApp, screenshot } from "./browser";

declare global {
  interface Window {
    __fakeExcel: FakeExcel;
    axe?: {
      run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
    };
  }
}

const REPORT_003 = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
/**
 * Fluent's focus sentinels (<i data-tabster-dummy tabindex="0" aria-hidden="true">) trip `aria-hidden-focus`:
 * they pass focus on at once and are never read, a known false positive. Only they are left out, and only of
 * that rule.
 */
const SENTINELS = "[data-tabster-dummy]";


// Each test runs axe several times over the whole page: a watchdog of minutes on a loaded machine, not a timing.
jest.setTimeout(120_000);
let fixture: BrowserFixture;
let fakeOffice: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  fakeOffice = await bundleForPage(path.join(__dirname, "fake-office-entry.ts"));
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());
afterEach(async () => context.close());

/** The browser app (no Office host), with the clipboard allowed unless a test blocks it. */
async function openApp(clipboard: "allowed" | "blocked" = "allowed"): Promise<void> {
  ({ context, page } = await openBrowserApp(fixture, { clipboard }));
}

/** The pane as Excel opens it, on the in-memory workbook, with the clipboard allowed. */
async function openExcelPane(viewport = { width: 420, height: 900 }): Promise<void> {
  context = await fixture.browser.newContext({ viewport });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fixture.server.url });
  await context.route("**/office/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: fakeOffice }));
  page = await context.newPage();
  await page.goto(`${fixture.server.url}taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`);
  await page.getByTestId("status-line").waitFor();
}

function inExcel<T>(expression: string): Promise<T> {
  return page.evaluate<T>(`(() => { const excel = window.__fakeExcel; return (${expression}); })()`);
}

/** axe-core's violations in the page as it is now: rule and the elements, e.g. "region: main > div". */
async function violations(): Promise<string[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.addScriptTag({ content: AXE });
  return page.evaluate(
    async ({ tags, sentinels }) => {
      const axe = window.axe;
      if (!axe) throw new Error("axe-core is not in the page");
      const all = await axe.run(document, { runOnly: { type: "tag", values: tags }, rules: { "aria-hidden-focus": { enabled: false } } });
      const hidden = await axe.run({ include: [["html"]], exclude: [[sentinels]] }, { runOnly: { type: "rule", values: ["aria-hidden-focus"] } });
      return [...all.violations, ...hidden.violations].flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
    },
    { tags: TAGS, sentinels: SENTINELS },
  );
}

/** Checks the page as it is now; the screenshot shows the state checked. */
async function expectAccessible(name: string): Promise<void> {
  // A dialog fading in has its colours half-way (axe would measure the contrast of a transition).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  // A modal dialog hides the page behind it (aria-hidden on #root) and, once closed, gives it back a moment later:
  // with no dialog open, the check waits until the page is exposed again (on a loaded machine that moment shows).
  await page.waitForFunction(
    () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null || document.querySelector('#root[aria-hidden="true"]') === null,
  );
  await screenshot(page, `a11y-${name}`);
  expect(await violations()).toEqual([]);
}

async function showTab(name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await eventually(
    () => page.getByRole("tab", { name }).getAttribute("aria-selected"),
    (selected) => expect(selected).toBe("true"),
  );
}

/** A whole row of 表三 typed into the page: 自然人, the five 法人或其他组织 columns, 总计. */
async function fillRow(row: number, values: readonly number[]): Promise<void> {
  const columns = ["D", "E", "F", "G", "H", "I", "J"];
  for (const [i, value] of values.entries()) await cell(page, "表三", `${columns[i]}${row}`).fill(String(value));
}

/** What has the keyboard focus: its role and accessible name as the page gives them. */
function focused(): Promise<{ role: string; name: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return { role: "", name: "" };
    const byIds = (element.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .map((id) => (id === "" ? "" : (document.getElementById(id)?.textContent ?? "")))
      .join(" ")
      .trim();
    const byLabel = element instanceof HTMLInputElement ? (element.labels?.[0]?.textContent ?? "") : "";
    const name = element.getAttribute("aria-label") ?? (byIds || byLabel || (element.textContent ?? ""));
    return { role: element.getAttribute("role") ?? element.tagName.toLowerCase(), name: name.trim() };
  });
}

/** Presses `key` until the focus is where `wanted` says, at most `presses` times; fails if it never gets there. */
async function pressUntil(key: string, wanted: (f: { role: string; name: string }) => boolean, presses = 80): Promise<void> {
  for (let i = 0; i < presses; i += 1) {
    if (wanted(await focused())) return;
    await page.keyboard.press(key);
  }
  expect(await focused()).toEqual("the focus never reached the element wanted");
}

/** Keyboard only: Tab to the tab list (it is one stop: the selected tab), Home, arrows to the tab, Enter. */
async function keyboardToTab(name: string): Promise<void> {
  await pressUntil("Tab", (f) => f.role === "tab");
  await page.keyboard.press("Home");
  // A selected tab holds its label twice (Fluent reserves the width of the bold one).
  await pressUntil("ArrowRight", (f) => f.role === "tab" && f.name.startsWith(name), 8);
  await page.keyboard.press("Enter");
  await eventually(
    () => page.getByRole("tab", { name }).getAttribute("aria-selected"),
    (selected) => expect(selected).toBe("true"),
  );
}

describe("axe-core finds nothing against WCAG 2.0/2.1 AA", () => {
  test("in the browser app: 校验 with issues listed, a 提示 being confirmed, 模板", async () => {
    await openApp();
    await expectAccessible("browser-start");
    await fillRow(4, [5, 3, 0, 0, 0, 0, 7]);
    await cell(page, "表二", "B14").fill("70.319");
    await showTab("校验");
    await page.locator('[data-issue="R-T3-ROWSUM.new"]').waitFor();
    await expectAccessible("browser-issue");
    const fee = page.locator('[data-issue="R-T2-FEE-DEC"]');
    await fee.getByRole("button", { name: "确认无误…" }).click();
    await fee.getByRole("textbox").waitFor();
    await expectAccessible("browser-confirming");
    await showTab("模板");
    await expectAccessible("browser-template");
  });

  test("in the browser app's 导入: a report read, the question before overwriting, the tables filled, the page's message", async () => {
    await openApp();
    await fillRow(4, [5, 3, 0, 0, 0, 0, 7]);
    await showTab("导入");
    await expectAccessible("browser-import");
    await page.getByRole("textbox", { name: "报告全文" }).fill(REPORT_003);
    await page.getByRole("button", { name: "读取" }).click();
    await page.getByTestId("import-result").waitFor();
    await expectAccessible("browser-import-read");
    // Row 4 of 表三 holds other values than the report: the pane asks before overwriting them.
    await page.getByRole("button", { name: /^填入统计表/ }).click();
    const conflicts = page.getByRole("dialog");
    await conflicts.waitFor();
    await expectAccessible("browser-import-conflicts");
    await conflicts.getByRole("button", { name: /^只填空白/ }).click();
    await conflicts.waitFor({ state: "detached" });
    await page.getByTestId("import-message").waitFor();
    await expectAccessible("browser-import-filled");
    // The page's own message (here after 保存为 .xlsx) is inside a landmark too.
    await page.getByRole("button", { name: "保存为 .xlsx" }).click();
    await page.getByText("已生成 .xlsx 工作簿").waitFor();
    await expectAccessible("browser-saved");
  });

  test("in the browser app's 导出: the view, the question before a report not ready, the confirmation of a copy", async () => {
    await openApp();
    await cell(page, "表三", "D4").fill("3");
    await showTab("导出");
    await expectAccessible("browser-export");
    await page.getByRole("button", { name: "复制文本" }).click();
    const asked = page.getByRole("dialog", { name: "报告尚不能发布" });
    await asked.waitFor();
    await expectAccessible("browser-export-asks");
    await asked.getByRole("button", { name: "仍然复制文本" }).click();
    await page.getByTestId("export-message").waitFor();
    await expectAccessible("browser-export-copied");
  });

  test("in the browser app's 导出 when the clipboard is blocked: the dialog with the text selected", async () => {
    await openApp("blocked");
    await showTab("导出");
    await page.getByRole("button", { name: "复制 HTML" }).click();
    await page.getByRole("dialog", { name: "报告尚不能发布" }).getByRole("button", { name: "仍然复制 HTML" }).click();
    await page.getByRole("dialog", { name: "报告 HTML" }).waitFor();
    await expectAccessible("browser-export-dialog");
  });

  test("in the pane on Excel: 模板 before the tables exist, then each view with issues listed", async () => {
    await openExcelPane();
    // The verdict is what screen readers hear of the status line, not its counts.
    expect(await page.getByRole("status").filter({ hasText: "尚未生成统计表" }).innerText()).toBe("尚未生成统计表");
    await expectAccessible("excel-start");
    await generateTemplateInPane(page);
    await expectAccessible("excel-generated");
    await inExcel('excel.userPaste("表三", "D4", [[5, 3, 0, 0, 0, 0, 7]])');
    await showTab("校验");
    await page.locator('[data-issue="R-T3-ROWSUM.new"]').waitFor();
    await expectAccessible("excel-issue");
    await showTab("导入");
    await expectAccessible("excel-import");
    await showTab("导出");
    await expectAccessible("excel-export");
    await page.getByRole("button", { name: "下载 .docx" }).click();
    await page.getByRole("dialog", { name: "报告尚不能发布" }).waitFor();
    await expectAccessible("excel-export-asks");
  });
});

test("in the pane on Excel the main flow is done with the keyboard alone: tables, an issue, a copy", async () => {
  await openExcelPane();
  await page.locator("body").focus();
  // 模板: the tab, then each field in turn, the level chosen from the list, 生成统计表.
  await keyboardToTab("模板");
  await pressUntil("Tab", (f) => f.role === "input" && f.name === "机关名称");
  await page.keyboard.type("某县教育局");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2025");
  await pressUntil("Tab", (f) => f.role === "combobox");
  await page.keyboard.press("Enter");
  // The list opens on its first option; each ArrowDown moves one down.
  await eventually(
    async () => {
      await page.keyboard.press("ArrowDown");
      return page.evaluate(() => {
        const box = document.activeElement;
        const active = box?.getAttribute("aria-activedescendant");
        return active ? (document.getElementById(active)?.textContent ?? "") : "";
      });
    },
    (option) => expect(option).toBe("县级部门"),
    10,
  );
  await page.keyboard.press("Enter");
  expect(await page.getByRole("combobox", { name: "机关层级" }).innerText()).toContain("县级部门");
  await pressUntil("Tab", (f) => f.name === "生成统计表");
  await page.keyboard.press("Enter");
  await page.getByText(/已生成表二、表三、表四/).waitFor();
  expect(await inExcel<unknown[][]>('excel.block("基本信息", "B3:B5")')).toEqual([["某县教育局"], [2025], ["县级部门"]]);

  // 校验: the user's wrong total in Excel, reached from the tab list; Enter selects its cells in Excel.
  await inExcel('excel.userPaste("表三", "D4", [[5, 3, 0, 0, 0, 0, 7]])');
  await pressUntil("Shift+Tab", (f) => f.role === "tab");
  await keyboardToTab("校验");
  await page.locator('[data-issue="R-T3-ROWSUM.new"]').waitFor();
  await pressUntil("Tab", (f) => f.role === "button" && f.name.startsWith("强制：表三“一、本年新收"));
  await page.keyboard.press("Enter");
  await eventually(
    () => inExcel<{ sheet: string; address: string } | null>("excel.selection()"),
    (selection) => expect(selection).toMatchObject({ sheet: "表三", address: "D4:J4" }),
  );

  // 导出: 复制文本, the question about a report not ready answered 仍然复制文本, and the confirmation.
  await pressUntil("Shift+Tab", (f) => f.role === "tab");
  await keyboardToTab("导出");
  await pressUntil("Tab", (f) => f.name === "复制文本");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "报告尚不能发布" }).waitFor();
  await pressUntil("Tab", (f) => f.name === "仍然复制文本", 10);
  await page.keyboard.press("Enter");
  await page.getByTestId("export-message").waitFor();
  expect(await page.getByTestId("export-message").innerText()).toContain("已复制到剪贴板");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("三、收到和处理政府信息公开申请情况");
  await screenshot(page, "a11y-keyboard-copied");
});

test("in a 350 px pane the 「已复制」 confirmation appears in view, next to the button, and is announced", async () => {
  await openExcelPane({ width: 350, height: 640 });
  await generateTemplateInPane(page);
  await inExcel('excel.userPaste("表三", "D4", [[5, 3, 0, 0, 0, 0, 7]])');
  await showTab("导出");
  const copy = page.getByRole("button", { name: "复制文本" });
  // The buttons come after the list of what is wrong: the user scrolls to them, to the bottom of the pane.
  await copy.evaluate((button) => button.scrollIntoView({ block: "end" }));
  await copy.click();
  await page.getByRole("dialog", { name: "报告尚不能发布" }).getByRole("button", { name: "仍然复制文本" }).click();
  const message = page.getByTestId("export-message");
  await message.waitFor();
  expect(await message.innerText()).toContain("已复制");
  await eventually(
    () => message.boundingBox(),
    (box) => {
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(640);
    },
  );
  // In a live region that screen readers announce, the one right after the buttons.
  const region = message.locator("xpath=..");
  expect(await region.getAttribute("aria-live")).toBe("polite");
  expect(await region.evaluate((element) => element.previousElementSibling?.textContent ?? "")).toContain("复制文本");
  await screenshot(page, "a11y-copied-350");
});

test("in the browser app an issue names its cells by the table's row and column labels, not by sheet address", async () => {
  await openApp();
  await fillRow(4, [5, 3, 0, 0, 0, 0, 7]);
  await cell(page, "表二", "B14").fill("70.319");
  const rowSum = page.locator('[data-issue="R-T3-ROWSUM.new"]');
  await rowSum.waitFor();
  const location = await rowSum.getByTestId("issue-location").innerText();
  expect(location).toContain("表三“一、本年新收政府信息公开申请数量”行“总计”");
  expect(location).toContain("“自然人”");
  const text = await rowSum.innerText();
  expect(text).toContain("表三“一、本年新收政府信息公开申请数量”行：总计填写 7，");
  const fee = await page.locator('[data-issue="R-T2-FEE-DEC"]').innerText();
  expect(fee).toContain("表二“行政事业性收费”行“本年收费金额（单位：万元）”列");
  // No sheet address anywhere in the list: the page shows no column letters.
  const list = await page.locator("[data-issue]").allInnerTexts();
  expect(list.filter((item) => /表[二三四]![A-Z]+\d/.test(item))).toEqual([]);
});

test("in the pane on Excel an issue keeps the sheet address, which Excel shows", async () => {
  await openExcelPane();
  await generateTemplateInPane(page);
  await inExcel('excel.userPaste("表三", "D4", [[5, 3, 0, 0, 0, 0, 7]])');
  await showTab("校验");
  const rowSum = page.locator('[data-issue="R-T3-ROWSUM.new"]');
  await rowSum.waitFor();
  expect(await rowSum.innerText()).toContain("总计 表三!J4 填写 7");
  expect(await rowSum.getByTestId("issue-location").innerText()).toContain("表三!J4");
});
