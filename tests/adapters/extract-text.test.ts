// Text out of a .docx (src/adapters/import/extract-text.ts): paragraphs as lines, table rows as lines of
// tab-separated cells, read with an XML parser in one pass, so malformed or hostile documents are refused
// with a message instead of a crash or unbounded work.

import JSZip from "jszip";
import { UnreadableReportError, docxToText } from "../../src/adapters/import/extract-text";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** A .docx holding only word/document.xml, which is all the reader opens. */
async function docx(documentXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("word/document.xml", documentXml);
  return zip.generateAsync({ type: "uint8array" });
}

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

const p = (...runs: string[]): string => `<w:p><w:pPr><w:jc w:val="left"/></w:pPr>${runs.map((r) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${r}</w:t></w:r>`).join("")}</w:p>`;
const tc = (...paragraphs: string[]): string => `<w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/></w:tcPr>${paragraphs.join("")}</w:tc>`;
const tr = (...cells: string[]): string => `<w:tr w:rsidR="00A1">${cells.join("")}</w:tr>`;
const tbl = (...rows: string[]): string => `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>${rows.join("")}</w:tbl>`;

test("paragraphs are lines; a table row is a line of tab-separated cells", async () => {
  const body = [
    p("新乡市教育局", "2023年政府信息公开工作年度报告"),
    "<w:p/>",
    p("三、收到和处理政府信息公开申请情况"),
    tbl(
      tr(tc(p("（一）予以公开")), tc(p("3")), tc(p("0"))),
      // A vertically merged cell continues as an empty cell; a label the author broke over two paragraphs.
      tr(tc("<w:tcPr><w:vMerge/></w:tcPr><w:p/>"), tc(p("（二）部分公开"), p("（区分处理的）")), tc(p("1"))),
    ),
    p("四、&lt;复议&gt; &amp; 诉讼"),
  ].join("");
  expect((await docxToText(await docx(documentXml(body)))).split("\n")).toEqual([
    "新乡市教育局2023年政府信息公开工作年度报告",
    "",
    "三、收到和处理政府信息公开申请情况",
    "（一）予以公开\t3\t0",
    "\t（二）部分公开 （区分处理的）\t1",
    "四、<复议> & 诉讼",
  ]);
});

test("tabs and breaks split a paragraph; inside a cell they, and a nested table, are spaces", async () => {
  const body = [
    "<w:p><w:r><w:t>名称</w:t><w:tab/><w:t>数量</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>",
    tbl(tr(tc("<w:p><w:r><w:t>予以</w:t><w:br/><w:t>公开</w:t></w:r></w:p>", tbl(tr(tc(p("1")), tc(p("2"))))), tc(p("9")))),
    // A text box: its content in mc:Choice, again in mc:Fallback; read once.
    `<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>${p("框内")}</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>${p("框内")}</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>`,
  ].join("");
  expect((await docxToText(await docx(documentXml(body)))).split("\n")).toEqual(["名称\t数量", "下一行", "予以 公开 1 2\t9", "前", "框内", "后"]);
});

test("100,000 unclosed tables and rows are refused in one pass", async () => {
  const data = await docx(documentXml("<w:tbl><w:tr>".repeat(100_000)));
  await expect(docxToText(data)).rejects.toThrow(UnreadableReportError);
  await expect(docxToText(data)).rejects.toThrow("文档内容已损坏（word/document.xml 不是有效的 XML），无法读取。");
});

test.each([
  ["a mismatched end tag", documentXml("<w:p><w:r><w:t>a</w:r></w:p>")],
  ["a character reference beyond U+10FFFF", documentXml(p("&#x110000;"))],
  ["an undefined entity", documentXml(p("&nbsp;"))],
  ["text after the root", `${documentXml(p("a"))}<w:p/>`],
  ["no XML at all", "PK\u0003\u0004 not xml"],
])("malformed document.xml (%s) is unreadable, not a crash", async (_name, xml) => {
  await expect(docxToText(await docx(xml))).rejects.toThrow(new UnreadableReportError("文档内容已损坏（word/document.xml 不是有效的 XML），无法读取。"));
});

test("a file that is not a .docx keeps its own message", async () => {
  await expect(docxToText(new TextEncoder().encode("not a zip"))).rejects.toThrow(new UnreadableReportError("文件已损坏或不是有效的 .docx 文档。"));
  const empty = await new JSZip().file("readme.txt", "x").generateAsync({ type: "uint8array" });
  await expect(docxToText(empty)).rejects.toThrow(new UnreadableReportError("不是有效的 .docx 文档（缺少正文）。"));
});
