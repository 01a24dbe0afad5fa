// The help page (help.html, linked from the manifest) covers every view of the pane: each tab has its section,
// and so has 正文; it names the buttons it tells the user to press as the pane labels them.

import { readFileSync } from "node:fs";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";

const ROOT = path.resolve(__dirname, "../..");
const help = parseDocument(readFileSync(path.join(ROOT, "src/taskpane/help.html"), "utf8"));
const headings = DomUtils.findAll((e) => e.name === "h2", help.children).map((e) => DomUtils.textContent(e));
const pane = readFileSync(path.join(ROOT, "src/ui/pane.tsx"), "utf8");
const tabs = [...pane.matchAll(/<Tab value="[a-z]+">([^<]+)<\/Tab>/g)].map((m) => m[1] ?? "");

test("every tab of the pane, and 正文, has a section of the help page", () => {
  expect(tabs).toEqual(["校验", "模板", "导入", "导出"]);
  for (const view of [...tabs, "正文"]) expect(headings.some((h) => h.includes(view))).toBe(true);
});

test("the buttons the help names are the pane's own labels", () => {
  const text = DomUtils.textContent(help.children);
  const sources = ["import-view.tsx", "export-view.tsx", "template-view.tsx"].map((f) => readFileSync(path.join(ROOT, "src/ui", f), "utf8")).join("\n");
  for (const label of ["生成统计表", "读取", "打开文件…", "填入统计表和正文", "只填空白处", "全部覆盖", "作为上年报告核对", "下载 .docx", "复制文本", "复制 HTML"]) {
    expect(text).toContain(`“${label}”`);
    expect(sources).toContain(label);
  }
});

test("the help shows the user no code: no cell IDs, rule IDs, placeholders in braces or sheet addresses", () => {
  const body = DomUtils.findOne((e) => e.name === "body", help.children);
  expect(body).not.toBeNull();
  const text = DomUtils.textContent(body!);
  expect(text).not.toMatch(/\{[^}]*\}/);
  expect(text).not.toMatch(/\bt[234]\.[A-Za-z]/);
  expect(text).not.toMatch(/\b[RSTXP]-[A-Z0-9]{2,}/);
  expect(text).not.toMatch(/表[二三四]![A-Z]+\d+/);
});
