// The .docx packer (src/adapters/export/docx.ts) on the report documents of the two shared examples: the
// structure of the package (A4, the GB/T 9704 margins, the fonts of official documents, real headings, repeated
// header rows, the merges of 表三), and LibreOffice as the outside authority: each .docx is converted to PDF
// (with the 公文 font names mapped to Noto CJK by tests/support/fonts.conf), and the PDF text must hold the
// title, every heading, every table label and every figure of the tables. Pages are rendered to PNG in
// test-artifacts/report/ for a look.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { FONTS, TEXT_WIDTH, columnTwips, keptWithNext, packDocx, titleLines } from "../../src/adapters/export/docx";
import type { CellId } from "../../src/core/format";
import { SECTION_TITLES, TABLES, getCell, isCellId } from "../../src/core/format";
import type { Block, Narrative, ReportDocument } from "../../src/core/report";
import { createReportDocument, runsText } from "../../src/core/report";
import { parseCell } from "../../src/core/values";
import { openLibreOffice, pdfToPngs, pdfToText } from "../support/libreoffice";
import { loadExample, metaOf } from "../support/reports";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts/report");
const FONTS_CONF = path.resolve(__dirname, "../support/fonts.conf");

type TableBlock = Extract<Block, { kind: "table" }>;

const NARRATIVE: Narrative = {
  texts: {
    contact: "如对本报告有疑问，请与本机关办公室联系，电话：0373-1234567。",
    "n1.active": "全年通过门户网站、政务新媒体等渠道主动公开政府信息，重点做好教育政策、招生考试等领域信息公开。",
    "n1.onRequest": "本机关畅通依申请公开渠道，全年新收申请{t3.new.total}件，均依法依规办理。",
    "n1.infoMgmt": "严格落实“三审三校”制度，加强公文公开属性源头认定和保密审查。",
    "n1.platform": "持续优化政府门户网站政务公开专栏，及时更新政府信息公开指南和目录。",
    "n1.oversight": "组织政务公开业务培训2次，将政务公开工作纳入年度考核。",
    "n5.rectification": "上年度报告所列问题已全部整改。",
    "n5.problems": "一是信息公开的及时性有待提高；二是政策解读形式较为单一。",
    "n5.measures": "下一步，本机关将加强业务培训，丰富政策解读形式。",
    "n6.other": "无其他需要报告的事项。",
  },
  numbers: { "n6.feeNotices": 0 },
  flags: {},
};

interface Case {
  readonly name: string;
  readonly document: ReportDocument;
  docx: Uint8Array;
  documentXml: string;
  stylesXml: string;
  /** pdftotext -layout: table rows on one line. */
  pdfText: string;
  /** pdftotext -raw: each table cell's lines together. */
  rawText: string;
  pages: string[];
}

function reportDocument(prefix: "000" | "003"): ReportDocument {
  const example = loadExample(prefix);
  const meta = metaOf({ agencyName: example.agency, year: example.year, level: prefix === "003" ? "市级部门" : "县级部门" });
  const valueOf = (id: CellId) => parseCell(example.values[id] ?? null, getCell(id).kind).value;
  return createReportDocument(meta, valueOf, NARRATIVE, isCellId);
}

const CASES: Case[] = (["000", "003"] as const).map((prefix) => ({
  name: `example-${prefix}`,
  document: reportDocument(prefix),
  docx: new Uint8Array(),
  documentXml: "",
  stylesXml: "",
  pdfText: "",
  rawText: "",
  pages: [],
}));

function caseOf(name: string): Case {
  const found = CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
}

function tablesOf(document: ReportDocument): TableBlock[] {
  return document.blocks.filter((b): b is TableBlock => b.kind === "table");
}

function headingsOf(document: ReportDocument, level: 1 | 2): string[] {
  return document.blocks.flatMap((b) => (b.kind === "heading" && b.level === level ? [b.text] : []));
}

const squeeze = (value: string): string => value.replace(/\s+/g, "");

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const inputs: string[] = [];
  for (const c of CASES) {
    c.docx = await packDocx(c.document);
    const zip = await JSZip.loadAsync(c.docx);
    c.documentXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    c.stylesXml = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    const file = path.join(ARTIFACTS, `${c.name}.docx`);
    await writeFile(file, c.docx);
    inputs.push(file);
  }
  const session = await openLibreOffice();
  try {
    // Both examples in one soffice call.
    const pdfs = await session.convert(inputs, "pdf", ARTIFACTS, { timeoutMs: 90_000, env: { FONTCONFIG_FILE: FONTS_CONF } });
    for (const [i, c] of CASES.entries()) {
      c.pdfText = await pdfToText(pdfs[i]!);
      c.rawText = await pdfToText(pdfs[i]!, "raw");
      c.pages = await pdfToPngs(pdfs[i]!, ARTIFACTS, c.name, 60);
    }
  } finally {
    await session.close();
  }
}, 120_000);

// ---------------------------------------------------------------------------------------------------------
// The package

/** The attributes of the first element `<tag …>` in the XML. */
function attributesOf(xml: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}\\b([^>]*)>`).exec(xml);
  if (!element) return {};
  return Object.fromEntries([...(element[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function count(xml: string, pattern: RegExp): number {
  return [...xml.matchAll(new RegExp(pattern.source, "g"))].length;
}

/** The tables of document.xml, in order (the report has no nested tables). */
function tablesXml(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
}

function rowsXml(table: string): string[] {
  return [...table.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
}

function cellsXml(row: string): string[] {
  return [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
}

function gridSpanOf(cell: string): number {
  const match = /<w:gridSpan w:val="(\d+)"\/>/.exec(cell);
  return match ? Number(match[1]) : 1;
}

describe("the .docx package", () => {
  test("A4 portrait with the margins of GB/T 9704 (37/35/28/26 mm) in twips", () => {
    for (const c of CASES) {
      expect(attributesOf(c.documentXml, "w:pgSz")).toMatchObject({ "w:w": "11906", "w:h": "16838", "w:orient": "portrait" });
      expect(attributesOf(c.documentXml, "w:pgMar")).toMatchObject({ "w:top": "2098", "w:bottom": "1984", "w:left": "1587", "w:right": "1474" });
      expect(TEXT_WIDTH).toBe(11906 - 1587 - 1474);
    }
  });

  test("names the fonts of official documents, East Asian included, and uses real heading styles", () => {
    const { documentXml, stylesXml } = caseOf("example-003");
    for (const name of [FONTS.title, FONTS.body, FONTS.heading1, FONTS.heading2, FONTS.table]) {
      expect(stylesXml).toContain(`w:eastAsia="${name}"`);
      expect(stylesXml).toContain(`w:ascii="${name}"`);
    }
    expect(FONTS).toMatchObject({ title: "方正小标宋简体", body: "仿宋_GB2312", heading1: "黑体", heading2: "楷体_GB2312", pageNumber: "宋体" });
    // Headings 1 and 2 in black, at 16 pt (三号), with their outline levels; no colour left from the defaults.
    const style = (id: string): string => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(stylesXml)?.[0] ?? "";
    for (const [id, font, level] of [
      ["Heading1", "黑体", "0"],
      ["Heading2", "楷体_GB2312", "1"],
    ] as const) {
      expect(style(id)).toContain(`w:eastAsia="${font}"`);
      expect(style(id)).toContain('<w:sz w:val="32"/>');
      expect(style(id)).toContain(`<w:outlineLvl w:val="${level}"/>`);
      expect(style(id)).toContain('<w:ind w:firstLine="640"/>');
      expect(style(id)).not.toMatch(/2E74B5/i);
    }
    expect(style("Title")).toContain('<w:sz w:val="44"/>');
    expect(style("Title")).toContain('w:jc w:val="center"');
    expect(style("Title")).toMatch(/w:lineRule="exact"/);
    expect(style("ReportBody")).toMatch(/<w:spacing [^>]*w:line="560"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="560"/);
    expect(style("ReportBody")).toContain('<w:ind w:firstLine="640"/>');
    expect(style("ReportBody")).toContain('<w:jc w:val="both"/>');
    expect(count(documentXml, /<w:pStyle w:val="Heading1"\/>/)).toBe(6);
    expect(count(documentXml, /<w:pStyle w:val="Heading2"\/>/)).toBe(headingsOf(caseOf("example-003").document, 2).length);
    expect(count(documentXml, /<w:pStyle w:val="Title"\/>/)).toBe(1);
  });

  test("page numbers — n — in 宋体 四号, odd pages right and even pages left", async () => {
    const zip = await JSZip.loadAsync(caseOf("example-003").docx);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/PAGE/);
      expect(footer).toContain("— ");
      expect(footer).toContain(" —");
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
    const settings = (await zip.file("word/settings.xml")?.async("string")) ?? "";
    expect(settings).toContain("<w:evenAndOddHeaders/>");
    expect(caseOf("example-003").stylesXml).toMatch(/w:styleId="ReportPageNumber"[\s\S]*?w:eastAsia="宋体"[\s\S]*?<w:sz w:val="28"\/>/);
  });

  test("three tables as wide as the text block, every row unsplittable, header rows repeated", () => {
    for (const c of CASES) {
      const tables = tablesXml(c.documentXml);
      const blocks = tablesOf(c.document);
      expect(tables).toHaveLength(3);
      tables.forEach((xml, i) => {
        const block = blocks[i]!;
        expect(attributesOf(xml, "w:tblW")).toMatchObject({ "w:w": String(TEXT_WIDTH), "w:type": "dxa" });
        const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
        expect(grid).toEqual(columnTwips(block.columnWidths));
        expect(grid.reduce((s, w) => s + w, 0)).toBe(TEXT_WIDTH);
        const rows = rowsXml(xml);
        expect(rows).toHaveLength(block.rows.length);
        for (const [r, row] of rows.entries()) {
          expect(row).toContain("<w:cantSplit/>");
          expect(row.includes("<w:tblHeader/>")).toBe(r < block.headerRows);
        }
        for (const side of ["top", "bottom", "left", "right", "insideH", "insideV"]) {
          expect(xml).toMatch(new RegExp(`<w:tblBorders>[\\s\\S]*<w:${side} w:val="single"`));
        }
      });
      expect(count(c.documentXml, /<w:tblHeader\/>/)).toBe(blocks.reduce((s, b) => s + b.headerRows, 0));
      // Rows kept with the next carry keepNext on their paragraphs; the last row of a table never does.
      tables.forEach((xml, i) => {
        const keep = keptWithNext(blocks[i]!);
        rowsXml(xml).forEach((row, r) => expect(row.includes("<w:keepNext/>")).toBe(keep[r]));
      });
      expect(blocks.map((b) => b.headerRows)).toEqual([0, 3, 3]);
    }
  });

  test("表三 has its merges: vMerge restart/continue and gridSpan, every row tiling the 10 columns", () => {
    const c = caseOf("example-003");
    const block = tablesOf(c.document)[1]!;
    expect(block.table).toBe("t3");
    const xml = tablesXml(c.documentXml)[1]!;
    const cells = block.rows.flatMap((r) => r.cells);
    const merged = cells.filter((cell) => cell.rowSpan > 1);
    expect(merged).toHaveLength(8);
    expect(count(xml, /<w:vMerge w:val="restart"\/>/)).toBe(merged.length);
    expect(count(xml, /<w:vMerge w:val="continue"\/>/)).toBe(merged.reduce((s, cell) => s + cell.rowSpan - 1, 0));
    expect(count(xml, /<w:gridSpan w:val="\d+"\/>/)).toBe(cells.filter((cell) => cell.colSpan > 1).reduce((s, cell) => s + cell.rowSpan, 0));
    expect(xml).toContain('<w:gridSpan w:val="7"/>'); // 申请人情况
    expect(xml).toContain('<w:gridSpan w:val="5"/>'); // 法人或其他组织
    for (const row of rowsXml(xml)) expect(cellsXml(row).reduce((s, cell) => s + gridSpanOf(cell), 0)).toBe(10);
    // 三、本年度办理结果 spans 22 rows: one restart and 21 continuations in column A.
    const firstCells = rowsXml(xml).map((row) => cellsXml(row)[0]!);
    expect(firstCells.slice(5, 27).filter((cell) => cell.includes('w:vMerge w:val="continue"'))).toHaveLength(21);
    // Labels keep their alignment: group labels merged down rows centred, item labels left.
    expect(xml).toMatch(/<w:jc w:val="left"\/>[\s\S]*?1\.属于国家秘密/);
  });

  test("a table that fits on a page is kept whole; a longer one breaks only between groups of rows", () => {
    const [t2, t3, t4] = tablesOf(caseOf("example-003").document);
    const free = (keep: boolean[]): number[] => keep.flatMap((k, i) => (k ? [] : [i + 1]));
    expect([free(keptWithNext(t2!)), free(keptWithNext(t3!)), free(keptWithNext(t4!))]).toEqual([[14], [28], [4]]);
    // Longer than a page: 表三 with its 22 outcome rows twice over breaks only before and after each 三、本年度办理结果.
    const outcomes = t3!.rows.slice(5, 27);
    const long = { ...t3!, rows: [...t3!.rows.slice(0, 5), ...outcomes, ...outcomes, ...t3!.rows.slice(27)] };
    expect(free(keptWithNext(long))).toEqual([4, 5, 27, 49, 50]);
    // 表二 four times over breaks only between its blocks.
    expect(free(keptWithNext({ ...t2!, rows: [...t2!.rows, ...t2!.rows, ...t2!.rows, ...t2!.rows] })).slice(0, 4)).toEqual([4, 7, 11, 14]);
  });

  test("a long title breaks after the agency's name", () => {
    expect(titleLines("新乡市教育局2023年政府信息公开工作年度报告", "新乡市教育局")).toEqual(["新乡市教育局", "2023年政府信息公开工作年度报告"]);
    expect(titleLines("某局2023年政府信息公开工作年度报告", "某局")).toEqual(["某局2023年政府信息公开工作年度报告"]);
    expect(titleLines("【机关名称】【年度】年政府信息公开工作年度报告", null)).toEqual(["【机关名称】【年度】年政府信息公开工作年度报告"]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// LibreOffice's rendering

/** The PDF text without the page-number lines (— 2 —). */
function withoutPageNumbers(text: string): string {
  return text
    .split(/[\n\f]/)
    .filter((line) => !/^\s*—\s*\d+\s*—\s*$/.test(line))
    .join("\n");
}

/** The PDF text between the headings 二 and 五: the three tables, without the page-number lines. */
function tableRegion(text: string): string {
  return withoutPageNumbers(text.slice(text.indexOf(SECTION_TITLES.二), text.indexOf(SECTION_TITLES.五)));
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

describe.each(CASES.map((c) => [c.name]))("%s rendered by LibreOffice", (name) => {
  test("holds the title, every heading and every table label", () => {
    const c = caseOf(name);
    // Raw order keeps the lines of a cell together; the label's own line breaks are removed on both sides.
    const text = squeeze(c.rawText);
    expect(text).toContain(squeeze(c.document.title));
    const level1 = headingsOf(c.document, 1);
    expect(level1).toEqual(Object.values(SECTION_TITLES));
    for (const heading of [...level1, ...headingsOf(c.document, 2)]) expect(text).toContain(squeeze(heading));
    expect(headingsOf(c.document, 2)).toHaveLength(8);
    const missing = TABLES.flatMap((t) => t.labels.map((l) => l.text)).filter((label) => !text.includes(squeeze(label)));
    expect(missing).toEqual([]);
  });

  test("holds every paragraph in full, punctuation included", () => {
    const c = caseOf(name);
    const text = squeeze(withoutPageNumbers(c.rawText));
    const paragraphs = c.document.blocks.flatMap((b) => (b.kind === "paragraph" ? [runsText(b.runs)] : []));
    expect(paragraphs.length).toBeGreaterThanOrEqual(12);
    expect(paragraphs.filter((p) => !text.includes(squeeze(p)))).toEqual([]);
  });

  test("holds every figure of the tables, each as often as the tables hold it", () => {
    const c = caseOf(name);
    const expected = tablesOf(c.document).flatMap((t) => t.rows.flatMap((r) => r.cells.filter((cell) => !cell.header && cell.text !== "").map((cell) => cell.text)));
    expect(expected).toHaveLength(200);
    const found = tableRegion(c.pdfText)
      .split(/\s+/)
      .filter((token) => /^\d+(\.\d+)?$/.test(token));
    expect(tally(found)).toEqual(tally(expected));
  });

  test("runs to a plausible number of pages, each rendered", () => {
    const c = caseOf(name);
    expect(c.pages.length).toBeGreaterThanOrEqual(3);
    expect(c.pages.length).toBeLessThanOrEqual(8);
    expect(c.pdfText.split("\f").filter((page) => page.trim().length > 0)).toHaveLength(c.pages.length);
  });
});

test("example 003's figures reach the PDF: 8 applications, the fee of 70.319 万元", () => {
  const c = caseOf("example-003");
  const tables = tableRegion(c.pdfText);
  expect(tables.split(/\s+/)).toContain("8");
  expect(tables.split(/\s+/)).toContain("70.319");
  expect(squeeze(c.pdfText)).toContain("新收政府信息公开申请8件");
});
