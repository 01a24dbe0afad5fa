// Reading a published report's text back into the 200 cells: the two real examples exactly, the same figures
// in every layout real extractions produce, and never a guess — whatever cannot be read is null and explained.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { CellId } from "../../src/core/format";
import { INPUT_CELLS, T3_ROWS, T3_COLUMNS, t3Id } from "../../src/core/format";
import type { ImportResult } from "../../src/core/import";
import { importReportText } from "../../src/core/import";
import type { Example } from "../support/reports";
import { loadExample } from "../support/reports";
import type { LayoutOptions } from "./fixtures/report-layouts";
import { emptySection, render2019Tables, renderHtmlReport, renderTables, replaceTables, toFullWidthDigits, toTraditional, wrap } from "./fixtures/report-layouts";

const EX000 = loadExample("000");
const EX003 = loadExample("003");
const EXAMPLES: readonly Example[] = [EX000, EX003];
const ALL_IDS = INPUT_CELLS.map((c) => c.id);
const T2_IDS = ALL_IDS.filter((id) => id.startsWith("t2."));
const T3_IDS = ALL_IDS.filter((id) => id.startsWith("t3."));
const T4_IDS = ALL_IDS.filter((id) => id.startsWith("t4."));

function rowIds(rowKey: string): CellId[] {
  return T3_COLUMNS.map((c) => t3Id(rowKey, c.key));
}

function unreadIds(result: ImportResult): CellId[] {
  return result.unread.flatMap((u) => [...u.cells]).sort();
}

function reasonOf(result: ImportResult, id: CellId): string | undefined {
  return result.unread.find((u) => u.cells.includes(id))?.reason;
}

/** Every import: all 200 keys, and a cell is null exactly when it is listed in `unread` (once). */
function expectWellFormed(result: ImportResult): void {
  expect(Object.keys(result.values).sort()).toEqual([...ALL_IDS].sort());
  const nulls = ALL_IDS.filter((id) => result.values[id] === null).sort();
  const listed = unreadIds(result);
  expect(listed).toEqual(nulls);
  for (const entry of result.unread) expect(entry.reason).toMatch(/[\u4e00-\u9fff]/);
}

/** The example's values with `ids` null. */
function withNulls(example: Example, ids: readonly CellId[]): Record<CellId, number | null> {
  const values = { ...example.values } as Record<CellId, number | null>;
  for (const id of ids) values[id] = null;
  return values;
}

function importLayout(example: Example, options: LayoutOptions): ImportResult {
  return importReportText(replaceTables(example.text, renderTables(example.values, options)));
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`test text not found: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// ---------------------------------------------------------------------------------------------------------

describe("the shared examples", () => {
  test.each(EXAMPLES.map((e) => [e.name, e] as const))("%s imports to exactly its expected values", (_name, example) => {
    const result = importReportText(example.text);
    expect(result.values).toEqual(example.values);
    expect(result.agency).toBe(example.agency);
    expect(result.year).toBe(example.year);
    expect(result.format).toBe("2021");
    expect(result.unread).toEqual([]);
    expectWellFormed(result);
  });

  test("000: the fee printed as 1.0074845E7 is read as 10074845", () => {
    expect(importReportText(EX000.text).values["t2.fee.amountWan"]).toBe(10074845);
  });

  test("000: sections 一, 五 and 六 hold their text; 五's own 一、/二、 sub-headings do not split it", () => {
    const { sections } = importReportText(EX000.text);
    expect(Object.keys(sections)).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(sections["一"]).toMatch(/^2023年以来，区教育局根据/);
    expect(sections["一"]).toContain("（五）监督保障");
    expect(sections["一"]).not.toContain("二、主动公开");
    expect(sections["五"]).toContain("一、存在的问题");
    expect(sections["五"]).toContain("二、改进情况");
    expect(sections["五"]).toMatch(/确保信息规范、及时、准确的上\n报。$/);
    expect(sections["六"]).toBe("本年度，本机关为收取信息公开处理费。");
    expect(sections["三"]).toContain("（七）总计 0 0 0 0 0 0 0");
  });

  test("003: sections 一, 五 and 六 hold their text", () => {
    const { sections } = importReportText(EX003.text);
    expect(sections["一"]).toMatch(/^新乡市教育局根据/);
    expect(sections["一"]).toContain("（五）监督保障");
    expect(sections["五"]).toMatch(/^2023年，市教育局在推进政府信息公开方面/);
    expect(sections["六"]).toMatch(/^按照《国务院办公厅关于印发.*没有收取信息处理费用等相关情况。$/);
  });
});

describe("title and sections", () => {
  test.each([
    ["北关区教育局2023年政府信息公开工作年度报告", "北关区教育局", 2023],
    ["新乡市教育局 2023 年政府信息公开工作年度报告", "新乡市教育局", 2023],
    ["2023年北关区教育局政府信息公开工作年度报告", "北关区教育局", 2023],
    ["北关区教育局2023年度政府信息公开工作年度报告", "北关区教育局", 2023],
    ["北关区教育局二〇二三年政府信息公开工作年度报告", "北关区教育局", 2023],
    ["北关区教育局２０２３年政府信息公开工作年度报告", "北关区教育局", 2023],
    ["北关区教育局2023年\n政府信息公开工作年度报告", "北关区教育局", 2023],
    ["标题:北关区教育局2023年政府信息公开工作年度报告", "北关区教育局", 2023],
    ["文章标题：北关区教育局2023年度政府信息公开工作年度报告", "北关区教育局", 2023],
    ["信息名称： 北关区教育局 2023 年度政府信息公开工作年度报告", "北关区教育局", 2023],
    ["# 北关区教育局2023年政府信息公开工作年度报告", "北关区教育局", 2023],
    ["## **北关区教育局2023年政府信息公开工作年度报告**", "北关区教育局", 2023],
    ["北关区教育局（本级）2023年度政府信息公开工作年度报告", "北关区教育局", 2023],
    ["北关区教育局2023年度政府信息公开工作年度报告（更正版）", "北关区教育局", 2023],
  ])("%s", (title, agency, year) => {
    const result = importReportText(replaceOnce(EX000.text, "北关区教育局2023年政府信息公开工作年度报告", title));
    expect(result.agency).toBe(agency);
    expect(result.year).toBe(year);
    expect(result.values).toEqual(EX000.values);
  });

  test("no title line: the page's <title> names the report, its site suffix left out", () => {
    const body = replaceOnce(EX000.text, "北关区教育局2023年政府信息公开工作年度报告", "");
    const page = `<html><head><title>北关区教育局2023年度政府信息公开工作年度报告_北关区人民政府门户网站</title></head><body>${body
      .split("\n")
      .map((line) => `<p>${line.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
      .join("")}</body></html>`;
    const result = importReportText(page);
    expect(result.agency).toBe("北关区教育局");
    expect(result.year).toBe(2023);
    expect(result.values).toEqual(EX000.values);
  });

  test("no title line: the opening sentence names the report", () => {
    const text = replaceOnce(
      EX000.text,
      "北关区教育局2023年政府信息公开工作年度报告",
      "根据《中华人民共和国政府信息公开条例》规定，现发布《北关区教育局2023年度政府信息公开工作年度报告》。",
    );
    const result = importReportText(text);
    expect(result.agency).toBe("北关区教育局");
    expect(result.year).toBe(2023);
  });

  test("no title: agency and year are null, the tables are still read", () => {
    const result = importReportText(replaceOnce(EX000.text, "北关区教育局2023年政府信息公开工作年度报告", ""));
    expect(result.agency).toBeNull();
    expect(result.year).toBeNull();
    expect(result.values).toEqual(EX000.values);
  });

  test("heading variants of spec §4 E5 / §5 split the sections", () => {
    let text = replaceOnce(EX000.text, "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况");
    text = replaceOnce(text, "五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况");
    text = replaceOnce(text, "六、其他需要报告的事项", "六、其他需要报告的事项：");
    const result = importReportText(text);
    expect(result.values).toEqual(EX000.values);
    expect(result.sections["五"]).toContain("二、改进情况");
    expect(result.sections["六"]).toBe("本年度，本机关为收取信息公开处理费。");
  });

  test("a heading that runs on after its colon keeps the rest of the line in its section", () => {
    const text = replaceOnce(EX000.text, "六、其他需要报告的事项\n\n本年度", "六、其他需要报告的事项：本年度");
    expect(importReportText(text).sections["六"]).toBe("本年度，本机关为收取信息公开处理费。");
  });

  test("a table of contents before the text does not capture the sections", () => {
    const contents = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"];
    const text = replaceOnce(EX003.text, "一、总体情况", `${contents.join("\n")}\n\n一、总体情况`);
    const result = importReportText(text);
    expect(result.values).toEqual(EX003.values);
    expect(result.sections["一"]).toMatch(/^新乡市教育局根据/);
    expect(result.sections["六"]).toMatch(/^按照《国务院办公厅/);
  });
});

describe("layout variants import to the same values", () => {
  const layouts: [string, LayoutOptions][] = [
    ["space-separated", { layout: "spaces" }],
    ["tab-separated", { layout: "tabs" }],
    ["HTML-ish pipes", { layout: "pipes" }],
    ["one cell per line", { layout: "cellPerLine" }],
    ["wrapped PDF-style (broken labels, last figure on its own line, figures glued to the next label)", { layout: "pdf" }],
    ["8 columns: 小计 after 其他 (spaces)", { layout: "spaces", subtotalColumn: "after" }],
    ["8 columns: 小计 before 商业企业 (tabs)", { layout: "tabs", subtotalColumn: "before" }],
    ["8 columns, PDF-style", { layout: "pdf", subtotalColumn: "after" }],
    ["subtotal rows for （三）（四）（五）（六） (spaces)", { layout: "spaces", subtotalRows: true }],
    ["subtotal rows, one cell per line", { layout: "cellPerLine", subtotalRows: true }],
    ["subtotal rows and 小计 column, pipes", { layout: "pipes", subtotalRows: true, subtotalColumn: "after" }],
    ["subtotal rows, PDF-style", { layout: "pdf", subtotalRows: true }],
    ["figures with thousands separators and scientific notation", { layout: "spaces", figure: (id, v) => (id === "t2.fee.amountWan" && v >= 1e6 ? v.toExponential().toUpperCase().replace("+", "") : v >= 1000 ? v.toLocaleString("en-US") : String(v)) }],
  ];
  for (const example of EXAMPLES) {
    test.each(layouts)(`${example.name}: %s`, (_name, options) => {
      const result = importLayout(example, options);
      expect(result.values).toEqual(example.values);
      expect(result.unread).toEqual([]);
      expect(result.format).toBe("2021");
      expect(result.agency).toBe(example.agency);
    });
  }

  test("000 as a tab-separated table (like 003's)", () => {
    const text = replaceTables(EX000.text, renderTables(EX000.values, { layout: "tabs" }));
    expect(text).toContain("行政许可\t\t514\t");
    expect(importReportText(text).values).toEqual(EX000.values);
  });

  test("the PDF-style fixture really glues a figure to the next label and puts the last figure on its own line", () => {
    const text = renderTables(EX003.values, { layout: "pdf" });
    expect(text).toContain("02.其他法律行");
    expect(text).toMatch(/0 0 0 0 0 0\n0/);
    expect(text).toContain("商 业\n企 业");
  });

  test.each(EXAMPLES.map((e) => [e.name, e] as const))("%s in traditional characters", (_name, example) => {
    const text = toTraditional(example.text);
    expect(text).toContain("總計");
    expect(text).toContain("申請人情況");
    const result = importReportText(text);
    expect(result.values).toEqual(example.values);
    expect(result.unread).toEqual([]);
    expect(result.year).toBe(2023);
    expect(result.agency).toBe(toTraditional(example.agency));
    expect(result.sections["六"]).toBe(toTraditional(importReportText(example.text).sections["六"] ?? ""));
  });

  test("traditional characters in the PDF-style layout", () => {
    const text = toTraditional(replaceTables(EX003.text, renderTables(EX003.values, { layout: "pdf" })));
    expect(importReportText(text).values).toEqual(EX003.values);
  });

  test.each(EXAMPLES.map((e) => [e.name, e] as const))("%s with full-width digits", (_name, example) => {
    const result = importReportText(toFullWidthDigits(example.text));
    expect(result.values).toEqual(example.values);
    expect(result.year).toBe(2023);
  });

  test("CRLF line ends", () => {
    expect(importReportText(EX000.text.replace(/\n/g, "\r\n")).values).toEqual(EX000.values);
  });

  test("page numbers and drawn rules inside a table are skipped", () => {
    let text = replaceOnce(EX000.text, "4.保护第三方合法权益", "- 3 -\n\n4.保护第三方合法权益");
    text = replaceOnce(text, "（七）总计", "第 4 页 共 6 页\n（七）总计");
    expect(importReportText(text).values).toEqual(EX000.values);
  });

  test("a unit after a figure stays that cell's figure", () => {
    const text = replaceOnce(EX000.text, "行政许可 514", "行政许可 514件");
    expect(importReportText(text).values).toEqual(EX000.values);
  });

  test("labels whose numbers sit on the label's first line (PDF layout) are still recognised", () => {
    const text = replaceOnce(
      EX000.text,
      "5.要求行政机关确认或重新出具已\n获取信息\n\n0 0 0 0 0 0 0",
      "5.要求行政机关确认或重新出具已 0 0 0 0 0 0 0\n获取信息",
    );
    expect(importReportText(text).values).toEqual(EX000.values);
  });

  test("pdftotext -layout (columns kept): merged labels interleaved with other rows' labels, header words split over lines", () => {
    // A hand-made rendition of 003 as `pdftotext -layout` prints a bordered table: "（六）其他\n处理" and
    // "三、本年度\n办理结果" sit beside other rows, "（二）…只计这一\n情形…" has its figures on its first line.
    const text = readFileSync(path.join(__dirname, "fixtures", "003-pdftotext-layout.txt"), "utf8");
    const result = importReportText(text);
    expect(result.values).toEqual(EX003.values);
    expect(result.unread).toEqual([]);
    expect(result.agency).toBe("新乡市教育局");
  });

  test.each(EXAMPLES.map((e) => [e.name, e] as const))("%s as one line of HTML (merged cells, <p> in cells, entities)", (_name, example) => {
    const html = renderHtmlReport(example.text, example.values);
    expect(html).not.toContain("\n");
    expect(html).toContain('rowspan="22"');
    const result = importReportText(html);
    expect(result.values).toEqual(example.values);
    expect(result.unread).toEqual([]);
    expect(result.agency).toBe(example.agency);
    expect(result.year).toBe(2023);
    expect(result.sections["六"]).toBe(importReportText(example.text).sections["六"]);
  });

  test("HTML: an empty cell and a “/” cell between figures", () => {
    let html = renderHtmlReport(EX003.text, EX003.values);
    // 表三 row （一）予以公开: 3 0 0 0 0 0 3 → 3 [empty] / 0 0 0 3
    const granted = html.indexOf("（一）予以公开");
    const cell = '<td><p style="text-align:center"><span>0</span></p></td>';
    const first = html.indexOf(cell, granted);
    html = `${html.slice(0, first)}<td><p></p></td><td>&nbsp;/&nbsp;</td>${html.slice(first + 2 * cell.length)}`;
    const result = importReportText(html);
    expect(result.values).toEqual(withNulls(EX003, ["t3.result.granted.commercial", "t3.result.granted.research"]));
    expect(result.unread).toEqual([
      { cells: ["t3.result.granted.commercial"], reason: "单元格为空" },
      { cells: ["t3.result.granted.research"], reason: "单元格为“/”" },
    ]);
  });

  test("no section headings at all: the tables are found in the whole text", () => {
    const text = EX003.text
      .split("\n")
      .filter((l) => !/^[一二三四五六]、/.test(l) || l.startsWith("一、本年") || l.startsWith("二、上年") || l.startsWith("三、本年") || l.startsWith("四、结转"))
      .join("\n");
    const result = importReportText(text);
    expect(result.values).toEqual(EX003.values);
    expect(result.sections).toEqual({});
  });
});

describe("never guessing", () => {
  test("a row with 6 figures instead of 7: that row is null and explained, everything else is read", () => {
    const text = replaceOnce(EX000.text, "1.属于国家秘密 0 0 0 0 0 0 0", "1.属于国家秘密 0 0 0 0 0 0");
    const result = importReportText(text);
    const row = rowIds("result.withheld.stateSecret");
    expect(result.values).toEqual(withNulls(EX000, row));
    expect(result.unread).toEqual([{ cells: row, reason: "表三“1.属于国家秘密”一行读到6个数字，应为7个，无法确定各数字对应的单元格" }]);
  });

  test("a wrapped row whose last figure is lost", () => {
    const text = replaceOnce(EX000.text, "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n\n0 0 0 0 0 0\n0", "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n\n0 0 0 0 0 0\n");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX000, rowIds("result.partial")));
    expectWellFormed(result);
  });

  test("a row with 6 figures in a non-zero table (003)", () => {
    const text = replaceOnce(EX003.text, "(一) 予以公开\t3\t0\t0\t0\t0\t0\t3", "(一) 予以公开\t3\t0\t0\t0\t0\t3");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX003, rowIds("result.granted")));
    expect(reasonOf(result, "t3.result.granted.total")).toContain("读到6个数字");
  });

  test("“/” in a cell: that cell is null with the reason, the rest of the row is read", () => {
    const text = replaceOnce(EX003.text, "(一) 予以公开\t3\t0\t0", "(一) 予以公开\t3\t/\t0");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX003, ["t3.result.granted.commercial"]));
    expect(result.unread).toEqual([{ cells: ["t3.result.granted.commercial"], reason: "单元格为“/”" }]);
  });

  test.each(["—", "-", "无", "／", "——"])("“%s” in a space-separated row", (mark) => {
    const text = replaceOnce(EX000.text, "行政处罚 2", `行政处罚 ${mark}`);
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX000, ["t2.penalty.decisions"]));
    expect(result.unread).toEqual([{ cells: ["t2.penalty.decisions"], reason: `单元格为“${mark === "／" ? "/" : mark}”` }]);
  });

  test("“无” as a cell mark next to labels that begin with 无 (（四）无法提供, 无正当理由)", () => {
    let text = replaceOnce(EX000.text, "1.本机关不掌握相关政府信息 0 0 0 0 0 0 0", "1.本机关不掌握相关政府信息 无 无 无 无 无 无 无");
    text = replaceOnce(text, "（四）无\n法提供", "（四）\n无\n法提供");
    const result = importReportText(text);
    const row = rowIds("result.unavailable.notHeld");
    expect(result.values).toEqual(withNulls(EX000, row));
    expect(result.unread).toHaveLength(7);
    expect(new Set(result.unread.map((u) => u.reason))).toEqual(new Set(["单元格为“无”"]));
  });

  test("a blank cell between figures in a tab-separated row is null as 单元格为空", () => {
    const text = replaceOnce(EX003.text, "(一) 予以公开\t3\t0\t0", "(一) 予以公开\t3\t\t0");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX003, ["t3.result.granted.commercial"]));
    expect(result.unread).toEqual([{ cells: ["t3.result.granted.commercial"], reason: "单元格为空" }]);
  });

  test("a blank cell in a space-separated row cannot be located: the whole row is unread", () => {
    const text = replaceOnce(EX000.text, "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0", "一、本年新收政府信息公开申请数量 0  0 0 0 0 0");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX000, rowIds("new")));
  });

  test("a row label that cannot be found", () => {
    const text = replaceOnce(EX000.text, "3.要求提供公开出版物 0 0 0 0 0 0 0", "3.要求提X公开出XX物 0 0 0 0 0 0 0");
    const result = importReportText(text);
    const row = rowIds("result.notProcessed.publication");
    expect(result.values).toEqual(withNulls(EX000, row));
    expect(reasonOf(result, row[0]!)).toBe("未找到表三“3.要求提供公开出版物”一行");
  });

  test("a row printed twice with different figures is a conflict", () => {
    const text = replaceOnce(EX003.text, "\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0\n\t\t2.重复申请\t1\t0\t0\t0\t0\t0\t1");
    const result = importReportText(text);
    const row = rowIds("result.notProcessed.duplicate");
    expect(result.values).toEqual(withNulls(EX003, row));
    expect(reasonOf(result, row[0]!)).toContain("出现了多次");
  });

  test("a row printed twice with the same figures is read", () => {
    const text = replaceOnce(EX003.text, "\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0\n\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0");
    expect(importReportText(text).values).toEqual(EX003.values);
  });

  test("a note with numbers after the table does not add figures to the last row", () => {
    const text = replaceOnce(EX003.text, "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t", "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t\n注：本表统计期限为2023年1月1日至12月31日。");
    expect(importReportText(text).values).toEqual(EX003.values);
  });

  test("表三 removed entirely (published as an image): its 175 cells are null with one reason", () => {
    const text = emptySection(EX003.text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX003, T3_IDS));
    expect(result.unread).toEqual([{ cells: T3_IDS, reason: "未找到表三的表格内容（可能以图片形式发布）" }]);
    expect(result.format).toBe("2021");
    expect(result.sections["三"]).toBe("（表格为图片）");
  });

  test("表三 as an image under a sentence that names a row: still reported as a missing table", () => {
    const text = replaceOnce(
      emptySection(EX003.text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议"),
      "（表格为图片）",
      "本年度共收到申请8件，予以公开3件，无法提供5件。",
    );
    const result = importReportText(text);
    expect(result.unread).toEqual([{ cells: T3_IDS, reason: "未找到表三的表格内容（可能以图片形式发布）" }]);
  });

  test("all three tables published as images", () => {
    let text = emptySection(EX000.text, "二、主动公开政府信息情况", "三、收到和处理");
    text = emptySection(text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
    text = emptySection(text, "四、政府信息公开行政复议", "五、存在的主要问题");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX000, ALL_IDS));
    expect(result.unread.map((u) => u.reason)).toEqual([
      "未找到表二的表格内容（可能以图片形式发布）",
      "未找到表三的表格内容（可能以图片形式发布）",
      "未找到表四的表格内容（可能以图片形式发布）",
    ]);
    expect(result.format).toBe("unknown");
    expect(result.agency).toBe("北关区教育局");
    expect(result.sections["六"]).toBe("本年度，本机关为收取信息公开处理费。");
  });

  test("表四 with 14 figures", () => {
    const text = replaceOnce(EX000.text, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", "0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX000, T4_IDS));
    expect(result.unread).toEqual([{ cells: T4_IDS, reason: "表四的数字行读到14个数字，应为15个，无法确定各数字对应的单元格" }]);
  });

  test("8-column variant whose 小计 does not add up: the row is unread, not re-aligned", () => {
    const tables = renderTables(EX003.values, { layout: "spaces", subtotalColumn: "after" });
    const broken = replaceOnce(tables, "（一）予以公开 3 0 0 0 0 0 0 3", "（一）予以公开 3 0 0 0 0 0 3 3");
    const result = importReportText(replaceTables(EX003.text, broken));
    const row = rowIds("result.granted");
    expect(result.values).toEqual(withNulls(EX003, row));
    expect(reasonOf(result, row[0]!)).toContain("小计");
  });

  test("8-column variant whose header order is lost: the figures decide where 小计 is, or the rows stay unread", () => {
    // The org headers are garbled, only "小计" survives: 003's figures (8 natural, all org columns 0) fit every
    // position, and every position gives the same cells.
    const tables = renderTables(EX003.values, { layout: "spaces", subtotalColumn: "after" });
    const garbled = replaceOnce(tables, "商业企业 科研机构 社会公益组织 法律服务机构 其他 小计", "商 业 企 科 研 社 会 法 律 其 小计");
    expect(importReportText(replaceTables(EX003.text, garbled)).values).toEqual(EX003.values);
    // With a non-zero organisation figure the position is ambiguous between "before" and "after" → unread.
    const values = { ...EX003.values, "t3.new.commercial": 2, "t3.new.total": 10, "t3.new.natural": 8 };
    const ambiguous = replaceOnce(renderTables(values, { layout: "spaces", subtotalColumn: "after" }), "商业企业 科研机构 社会公益组织 法律服务机构 其他 小计", "小计");
    const result = importReportText(replaceTables(EX003.text, ambiguous));
    expectWellFormed(result);
    expect(result.values["t3.new.commercial"]).toBeNull();
    expect(reasonOf(result, "t3.new.commercial")).toBe("表三有“小计”列，但无法确定它是哪一列");
    expect(result.values["t3.result.granted.natural"]).toBe(3);
  });

  test("8 figures in a row without a 小计 header are not squeezed into 7 columns", () => {
    const text = replaceOnce(EX003.text, "(一) 予以公开\t3\t0\t0\t0\t0\t0\t3", "(一) 予以公开\t3\t0\t0\t0\t0\t0\t0\t3");
    const result = importReportText(text);
    expect(result.values).toEqual(withNulls(EX003, rowIds("result.granted")));
  });

  test("a number glued to a label is never split except before an item number", () => {
    const text = replaceOnce(EX000.text, "0 0 0 0 0 0 0\n\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0", "0 0 0 0 0 0 02.其他法律行政法规禁止公开 0 0 0 0 0 0 0");
    const result = importReportText(text);
    expect(result.values).toEqual(EX000.values);
    expect(result.methods["t3.result.withheld.stateSecret.total"]).toBe("separated");
  });

  test("two figures printed without a space: split by length when as many digits as cells remain, otherwise only by the row's total", () => {
    const byLength = importReportText(replaceOnce(EX000.text, "1.属于国家秘密 0 0 0 0 0 0 0", "1.属于国家秘密 0 0 0 0 0 00"));
    expect(byLength.values).toEqual(EX000.values);
    expect(byLength.methods["t3.result.withheld.stateSecret.total"]).toBe("splitByLength");
    // "10" as 1 and 0 would make the row's 总计 0 while its columns add up to 1: no split fits, nothing is read.
    const noFit = importReportText(replaceOnce(EX000.text, "1.属于国家秘密 0 0 0 0 0 0 0", "1.属于国家秘密 0 0 0 0 0 10"));
    expect(noFit.values).toEqual(withNulls(EX000, rowIds("result.withheld.stateSecret")));
    expect(reasonOf(noFit, "t3.result.withheld.stateSecret.total")).toContain("没有一种拆分符合表内勾稽关系");
  });
});

describe("the 2019 format (spec §5)", () => {
  const text = replaceTables(EX003.text, render2019Tables(EX003.values));
  const result = importReportText(text);
  const otherRows = T3_ROWS.filter((r) => r.key.startsWith("result.other.")).flatMap((r) => rowIds(r.key));

  test("is detected", () => {
    expect(result.format).toBe("2019");
  });

  test("表二 is not mapped; （六）其他处理's three 2021 rows are null; the rest of 表三 and 表四 are read", () => {
    expect(result.values).toEqual(withNulls(EX003, [...T2_IDS, ...otherRows]));
    expect(result.unread).toEqual([
      { cells: T2_IDS, reason: "2019年版格式的表二（本年新制作数量、本年新公开数量等栏目）与2021年版栏目不同，不能导入" },
      { cells: otherRows, reason: "2019年版格式的表三“（六）其他处理”只有一行，不能拆分为2021年版的三行" },
    ]);
  });

  test("a 2019 表三 alone (表二 as an image) is recognised by its single （六） row", () => {
    const only = emptySection(text, "二、主动公开政府信息情况", "三、收到和处理");
    const r = importReportText(only);
    expect(r.format).toBe("2019");
    expect(r.values).toEqual(withNulls(EX003, [...T2_IDS, ...otherRows]));
  });

  test("2021 tables with an unrecognisable 表二 header: 表二 is not read, format unknown", () => {
    let t = emptySection(EX000.text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
    t = replaceOnce(t, "信息内容 本年制发件数 本年废止件数 现行有效件数", "信息内容");
    t = replaceOnce(t, "信息内容 本年收费金额（单位：万元）", "信息内容");
    const r = importReportText(t);
    expect(r.format).toBe("unknown");
    expect(reasonOf(r, "t2.license.decisions")).toContain("无法确认表二");
    expectWellFormed(r);
  });
});

describe("robustness", () => {
  test.each([
    ["empty", ""],
    ["whitespace", " \n\t\n"],
    ["only a title", "某局2023年政府信息公开工作年度报告"],
    ["numbers only", "0 0 0 0 0 0 0\n1 2 3"],
    ["labels only", "一、本年新收政府信息公开申请数量\n（七）总计"],
    ["a huge number", "行政许可 1e999\n第二十条第（一）项 本年制发件数"],
    ["pipes and tabs", "|\t|\t||\n\t\t\t"],
    ["HTML without closing brackets", `<td>${"<".repeat(50000)}${"&".repeat(50000)}`],
    ["HTML with a script", "<p>北关区教育局2023年政府信息公开工作年度报告</p><script>var a = '<td>1</td>';</script><table><tr><td>行政许可</td><td>5</td></tr></table>"],
  ])("%s: never throws, all 200 keys", (_name, text) => {
    const result = importReportText(text);
    expectWellFormed(result);
  });

  // No clock here (`npm run bench` reports import.text): a pathological text must return, with a result
  // whose size does not grow with the input's repetitions.
  test("very long lines and repeated labels: returns, nothing read, a short result", () => {
    const text = `${"其他".repeat(20000)}\n${"0 ".repeat(20000)}\n${wrap("予以公开".repeat(2000), 3)}`;
    const result = importReportText(text);
    expectWellFormed(result);
    expect(Object.values(result.values).every((v) => v === null)).toBe(true);
    expect(result.unread.length).toBeLessThanOrEqual(ALL_IDS.length);
    for (const entry of result.unread) expect(entry.reason.length).toBeLessThan(100);
    expect(result.agency).toBeNull();
    expect(result.sections).toEqual({});
  });
});
