// Exporting the report from the pane in Chromium (browser mode): copy the text through the Clipboard API,
// fall back to a dialog with the text selected when the clipboard is blocked, and download the .docx. A report
// not ready to publish (here: most cells still blank) asks first, saying why; the user may export anyway.

import JSZip from "jszip";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import type { BrowserFixture } from "./browser";
import { cell, openBrowser, openBrowserApp, screenshot } from "./browser";

let fixture: BrowserFixture;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  fixture = await openBrowser();
});
afterAll(async () => fixture.close());
afterEach(async () => context.close());

async function open(options: { blockClipboard: boolean }): Promise<void> {
  // Blocked: a host that refuses the clipboard (the Clipboard API rejects, execCommand("copy") does nothing).
  ({ context, page } = await openBrowserApp(fixture, { clipboard: options.blockClipboard ? "blocked" : "allowed" }));
  await cell(page, "表三", "D4").fill("3");
  await page.locator('[data-narrative="n1.infoMgmt"]').fill("严格落实保密审查制度。");
  await page.getByRole("tab", { name: "导出" }).click();
}

/** Clicks an export button of a report that is not ready, and exports anyway from the question it asks. */
async function exportAnyway(button: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  const asked = page.getByRole("dialog", { name: "报告尚不能发布" });
  await asked.waitFor();
  await asked.getByRole("button", { name: `仍然${button}` }).click();
  await asked.waitFor({ state: "detached" });
}

test("复制文本 puts the report text on the clipboard and says so", async () => {
  await open({ blockClipboard: false });
  await exportAnyway("复制文本");
  const message = page.getByTestId("export-message");
  await message.waitFor();
  expect(await message.innerText()).toContain("已复制到剪贴板");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("一、总体情况");
  expect(copied).toContain("严格落实保密审查制度。");
  expect(copied).toContain("三、收到和处理政府信息公开申请情况");
  await screenshot(page, "export-copied");
});

test("when the clipboard is blocked the text is shown selected in a dialog, and the pane says what to do", async () => {
  await open({ blockClipboard: true });
  await exportAnyway("复制 HTML");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  const area = dialog.getByRole("textbox");
  expect(await area.inputValue()).toContain("<h2>一、总体情况</h2>");
  const selected = await area.evaluate((element) => {
    const textarea = element as HTMLTextAreaElement;
    return textarea.selectionEnd - textarea.selectionStart === textarea.value.length && document.activeElement === textarea;
  });
  expect(selected).toBe(true);
  expect(await page.getByTestId("export-message").innerText()).toContain("请按 Ctrl+C");
  await screenshot(page, "export-dialog");
});

test("下载 .docx downloads the report as a Word document", async () => {
  await open({ blockClipboard: false });
  const [download] = await Promise.all([page.waitForEvent("download"), exportAnyway("下载 .docx")]);
  expect(download.suggestedFilename()).toMatch(/政府信息公开工作年度报告\.docx$/);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  expect(await zip.file("word/document.xml")!.async("string")).toContain("严格落实保密审查制度。");
});

test("a report not ready to publish asks first, says why, and exports nothing when the user goes back", async () => {
  await open({ blockClipboard: false });
  let downloads = 0;
  page.on("download", () => (downloads += 1));
  await page.getByRole("button", { name: "下载 .docx" }).click();
  const asked = page.getByRole("dialog", { name: "报告尚不能发布" });
  await asked.waitFor();
  expect(await asked.innerText()).toContain("还有未完成的内容");
  await screenshot(page, "export-asks");
  await asked.getByRole("button", { name: "返回处理" }).click();
  await asked.waitFor({ state: "detached" });
  expect(downloads).toBe(0);
  expect(await page.getByTestId("export-message").count()).toBe(0);
});
