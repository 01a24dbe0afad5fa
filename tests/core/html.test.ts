// The importer's one HTML reader (src/core/import/html.ts): a page as Word or a CMS writes it becomes the
// lines and tab-separated rows the importer reads, the same for pasted HTML and a saved .html file, and
// inputs built to make a tag scanner go quadratic are read in bounded work.

import type { GridItem, TableLayout } from "../../src/core/format";
import { TABLE_2, TABLE_3, TABLE_4, gridRows } from "../../src/core/format";
import { importReportText } from "../../src/core/import";
import { htmlToText, looksLikeHtml, readHtmlPage } from "../../src/core/import/html";
import { htmlToText as htmlFileToText } from "../../src/adapters/import/extract-text";
import { extractReportText } from "../../src/adapters/import/load-report";
import { formatNumber } from "../../src/core/locale";
import type { Example } from "../support/reports";
import { loadExample } from "../support/reports";
import { replaceTables } from "./fixtures/report-layouts";

const EX003 = loadExample("003");

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Word's inline run markup around a piece of text: nested spans and fonts, an empty <o:p>. */
function wordRun(text: string): string {
  return (
    `<span style='font-size:12.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\n"Times New Roman";color:black'>` +
    `<font face="仿宋_GB2312">${text}</font><span lang=EN-US><o:p></o:p></span></span>`
  );
}

/** A label as Word writes a cell the author broke by hand: a parenthetical note in a paragraph of its own. */
function wordLabel(text: string): string {
  const note = text.indexOf("（", 1);
  const parts = note > 0 ? [text.slice(0, note), text.slice(note)] : [text];
  return parts.map((part) => `<p class=MsoNormal align=left style='text-align:left'>${wordRun(escapeHtml(part))}</p>`).join("\n  ");
}

function wordCell(item: GridItem, values: Example["values"]): string {
  const span = `${item.cell.rowSpan > 1 ? ` rowspan=${item.cell.rowSpan}` : ""}${item.cell.colSpan > 1 ? ` colspan=${item.cell.colSpan}` : ""}`;
  const content =
    item.kind === "label"
      ? wordLabel(item.cell.text)
      : `<p class=MsoNormal align=center style='text-align:center'><b>${wordRun(`&nbsp;${formatNumber(Number(values[item.cell.id]))}&nbsp;`)}</b></p>`;
  return `<td width=64${span} valign=center style='width:48.0pt;border:solid windowtext 1.0pt;\n  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  ${content}\n  </td>`;
}

function wordTable(table: TableLayout, values: Example["values"]): string {
  const rows = gridRows(table).map((items, i) => ` <tr style='mso-yfti-irow:${i}'>\n  ${items.map((item) => wordCell(item, values)).join("\n  ")}\n </tr>`);
  return `<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0\n style='border-collapse:collapse;border:none'>\n${rows.join("\n")}\n</table>`;
}

/** A report saved by Word as a web page: head with styles and conditional comments, MsoNormal paragraphs. */
function wordPage(example: Example): string {
  const tables = new Map([
    ["二、主动公开政府信息情况", wordTable(TABLE_2, example.values)],
    ["三、收到和处理政府信息公开申请情况", wordTable(TABLE_3, example.values)],
    ["四、政府信息公开行政复议、行政诉讼情况", wordTable(TABLE_4, example.values)],
  ]);
  const lines = replaceTables(example.text, [...tables.keys()].join("\n")).split("\n");
  const body = lines
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const paragraph = `<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>${wordRun(escapeHtml(line.trim()))}</p>`;
      return tables.has(line.trim()) ? `${paragraph}\n\n${tables.get(line.trim()) ?? ""}` : paragraph;
    });
  return [
    `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">`,
    `<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>${escapeHtml(example.agency)}2023年政府信息公开工作年度报告</title>`,
    `<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>办公室</o:Author><o:Pages>5</o:Pages></o:DocumentProperties></xml><![endif]-->`,
    `<style>\n<!--\n p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;}\n-->\n</style></head>`,
    `<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1 style='layout-grid:15.6pt'>`,
    ...body,
    `<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>`,
    `</div></body></html>`,
  ].join("\n");
}

describe("table cells", () => {
  test("several paragraphs in one cell stay one cell", () => {
    expect(htmlToText("<td><p>a</p><p>b</p></td>")).toBe("a b");
    expect(htmlToText("<table><tr><td><p>a</p><p>b</p></td><td><p>3</p></td></tr></table>")).toBe("a b\t3");
  });

  test("a cell's line breaks, list items and nested table are spaces; runs split by inline tags are not", () => {
    const html = "<table><tr><td>予以<br>公开<ul><li>一</li><li>二</li></ul></td><td><table><tr><td>1</td><td>2</td></tr></table></td><td><span>1</span><b>2</b></td></tr></table>";
    expect(htmlToText(html)).toBe("予以 公开 一 二\t1 2\t12");
  });

  test("empty cells between figures are kept, empty cells after the last one are not", () => {
    expect(htmlToText("<tr><td>（一）予以公开</td><td>3</td><td><p></p></td><td>&nbsp;/&nbsp;</td><td></td><td> </td></tr>")).toBe("（一）予以公开\t3\t\t/");
  });

  test("a Word table with merged cells: each row is a line, a merged cell is written in the first row it spans", () => {
    const html = [
      "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>",
      " <tr style='mso-yfti-irow:0'>",
      "  <td width=95 rowspan=2 style='width:71.3pt;border:solid windowtext 1.0pt'>",
      "  <p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;font-family:仿宋_GB2312'>三、本年度",
      "办理结果<span lang=EN-US><o:p></o:p></span></span></p>",
      "  </td>",
      "  <td><p class=MsoNormal><span style='font-size:10.5pt'>（一）予以公开<o:p></o:p></span></p></td>",
      "  <td><p class=MsoNormal align=center><b><span lang=EN-US><font face='Times New Roman'>&nbsp;3</font><o:p></o:p></span></b></p></td>",
      "  <td><p class=MsoNormal align=center><span lang=EN-US>0<o:p></o:p></span></p></td>",
      " </tr>",
      " <tr style='mso-yfti-irow:1'>",
      "  <td><p class=MsoNormal><span>（二）部分公开</span></p><p class=MsoNormal><span>（区分处理的，只计这一情形，不计其他情形）<o:p></o:p></span></p></td>",
      "  <td><p class=MsoNormal align=center><span lang=EN-US>1<o:p></o:p></span></p></td>",
      "  <td><p class=MsoNormal align=center><span lang=EN-US>&#48;<o:p></o:p></span></p></td>",
      " </tr>",
      "</table>",
    ].join("\n");
    expect(htmlToText(html).split("\n")).toEqual([
      "三、本年度 办理结果\t（一）予以公开\t3\t0",
      "（二）部分公开 （区分处理的，只计这一情形，不计其他情形）\t1\t0",
    ]);
  });
});

describe("a page as the importer reads it", () => {
  test("blocks are lines, white space collapses, <pre> keeps its lines", () => {
    expect(htmlToText("<h1>标题</h1>\n<p>第一段\n  续行</p><div>第二段<br>第三行</div>尾<pre>1  2\n3</pre>")).toBe("标题\n第一段 续行\n第二段\n第三行\n尾\n1  2\n3");
  });

  test("head, scripts, styles, comments, Word's conditional blocks and hidden elements are left out; the title is kept apart", () => {
    const page = readHtmlPage(
      "<html><head><title> 某局\n2023年报告 </title><style>p{color:red}</style><script>var a='<p>x</p>';</script></head>" +
        "<body><!-- <p>注释</p> --><![if !supportLists]>1.<![endif]>正文<noscript>请启用脚本</noscript><div style='display: none'>隐藏</div><select><option>2022</option></select></body></html>",
    );
    expect(page).toEqual({ text: "1.正文", title: "某局 2023年报告" });
    expect(readHtmlPage("<p>无标题</p>").title).toBeNull();
  });

  test("a <head> without its end tag ends at the first element of the body", () => {
    expect(htmlToText("<head><meta charset=utf-8><title>t</title><p>正文</p>")).toBe("正文");
  });

  test("entities are decoded; code points beyond U+10FFFF and surrogates become U+FFFD", () => {
    expect(htmlToText("<p>&lt;a&gt; &amp; &quot;&ldquo;x&rdquo;&mdash;&#x4E00;&#19968;</p>")).toBe('<a> & "“x”—一一');
    expect(() => htmlToText("<p>&#x110000;&#99999999999999999999;&#xD800;&#xDFFF;</p>")).not.toThrow();
    expect(htmlToText("<p>&#x110000;&#99999999999999999999;&#xD800;&#xDFFF;</p>")).toBe("\uFFFD".repeat(4));
  });

  test("a report saved from Word imports to exactly its values", () => {
    const page = wordPage(EX003);
    expect(looksLikeHtml(page)).toBe(true);
    const result = importReportText(page);
    expect(result.values).toEqual(EX003.values);
    expect(result.unread).toEqual([]);
    expect(result.agency).toBe(EX003.agency);
    expect(result.year).toBe(2023);
    expect(readHtmlPage(page).title).toBe(`${EX003.agency}2023年政府信息公开工作年度报告`);
  });

  test("pasted HTML and a saved .html file give the same text and the same import", async () => {
    const page = wordPage(EX003);
    expect(htmlFileToText).toBe(htmlToText);
    const fromFile = await extractReportText("报告.html", "html", new TextEncoder().encode(page));
    expect(fromFile.text).toBe(htmlToText(page));
    expect(fromFile.pageTitle).toBe(readHtmlPage(page).title);
    expect(importReportText(fromFile.text, { pageTitle: fromFile.pageTitle })).toEqual(importReportText(page));
  });
});

describe("bounded work", () => {
  // Each input once made a tag scanner (or the parser's end-tag search) quadratic; jest's timeout is the
  // watchdog, and the text can never be longer than the input.
  const N = 200_000;
  const cases: readonly [string, string][] = [
    ["“<” repeated", "<".repeat(N)],
    ["unclosed comments", "<!--".repeat(N)],
    ["an unclosed <head with attributes", "<head ".repeat(N)],
    ["<script> repeated", "<script>".repeat(N)],
    ["end tags that close nothing under unclosed elements", "<b>".repeat(N) + "</i>".repeat(N)],
    ["</p> under unclosed elements", "<span>".repeat(N) + "</p>".repeat(N)],
    ["unclosed tables, rows and cells", "<table><tr><td>1".repeat(N)],
    ["entity starts", "&#x".repeat(N) + "&amp".repeat(N)],
  ];
  test.each(cases)("%s", (_name, input) => {
    expect(htmlToText(input).length).toBeLessThanOrEqual(input.length);
  });
});
