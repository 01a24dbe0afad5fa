// The exported .docx prints as is (src/adapters/export/docx.ts): LibreOffice renders the reports to PDF (the 公文
// font names mapped to Noto CJK by tests/support/fonts.conf) and the pages are read one by one. A table shorter
// than a page is printed on one page together with its heading; a longer table breaks only between rows and
// never inside a label merged down rows, with its header rows repeated; no row, and so no label, is cut in two.
//
// The reports: the two shared examples as `nianbao render` builds them, the same figures with a long 正文 (several
// paragraphs in every part, of a few lengths, so that each table lands at a different height of its page), and a
// 表三 with its outcome rows twice over, longer than a page. Whether a table is shorter than a page is measured
// by LibreOffice too: each table is printed alone under its heading. All documents go through one soffice call.

import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { packDocx } from "../../src/adapters/export/docx";
import { ReportChecker } from "../../src/core/check";
import type { TableId } from "../../src/core/format";
import type { Block, Narrative, ReportDocument } from "../../src/core/report";
import { openLibreOffice, pdfPageTexts } from "../support/libreoffice";
import { loadExample, metaOf, sourceOf } from "../support/reports";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts/docx-pages");
const FONTS_CONF = path.resolve(__dirname, "../support/fonts.conf");

type TableBlock = Extract<Block, { kind: "table" }>;
type HeadingBlock = Extract<Block, { kind: "heading" }>;

const TABLE_NAMES: Readonly<Record<TableId, string>> = { t2: "表二", t3: "表三", t4: "表四" };

// ---------------------------------------------------------------------------------------------------------
// The reports

/** What an office writes in each part, a sentence to a paragraph; `paragraphs` of them in every part. */
const PART_SENTENCES: Readonly<Record<string, string>> = {
  contact: "如对本报告有疑问，请与本机关办公室联系，地址：新华路1号，邮编453000，电话：0373-1234567。",
  "n1.active": "围绕中心工作和群众关切，通过门户网站、政务新媒体、政务公开专区等渠道主动公开政府信息，重点做好教育政策、招生考试、财政预决算等领域信息公开。",
  "n1.onRequest": "严格按照《条例》规定的程序和时限办理政府信息公开申请，做到受理、审查、答复全流程留痕，答复内容规范、依据充分。",
  "n1.infoMgmt": "严格落实“三审三校”制度，加强公文公开属性源头认定和保密审查，定期清理已公开的政府信息，确保信息准确、及时、完整。",
  "n1.platform": "持续优化政府门户网站政务公开专栏，及时更新政府信息公开指南和目录，加强政务新媒体的日常管理和内容审核。",
  "n1.oversight": "将政务公开工作纳入年度目标考核，组织业务培训，开展常态化自查和社会评议，及时整改发现的问题。",
  "n5.rectification": "针对上年度报告所列问题，逐项制定整改措施，明确责任科室和完成时限，整改工作已全部完成。",
  "n5.problems": "一是部分栏目信息更新不够及时；二是政策解读形式较为单一，图解、视频等解读方式运用不多。",
  "n5.measures": "下一步，本机关将加强业务培训，完善信息发布审核机制，丰富政策解读形式，提升政务公开的质量和实效。",
  "n6.other": "本年度无其他需要报告的事项，相关工作情况已在上述各部分说明。",
};

/** How the paragraphs after a part's first one open: each a little longer than the one before. */
const OPENINGS = ["", "同时，", "此外，", "在此基础上，", "与此同时，", "下一阶段，本机关将继续"] as const;

/** A 正文 with `paragraphs` paragraphs (at most 6) in every part. */
function narrativeOf(paragraphs: number): Narrative {
  const part = (sentence: string): string => OPENINGS.slice(0, paragraphs).map((opening) => `${opening}${sentence}`).join("\n");
  return {
    texts: Object.fromEntries(Object.entries(PART_SENTENCES).map(([key, sentence]) => [key, part(sentence)])),
    numbers: { "n6.feeNotices": 0 },
    flags: {},
  };
}

/** The report document as `nianbao render` builds it: the check loads the report and renders its document. */
function renderedDocument(prefix: "000" | "003", narrative: Narrative): ReportDocument {
  const example = loadExample(prefix);
  const meta = metaOf({ agencyName: example.agency, year: example.year, level: prefix === "003" ? "市级部门" : "县级部门" });
  const checker = new ReportChecker();
  checker.load(sourceOf(example.values, meta, narrative));
  return checker.document();
}

function tablesOf(document: ReportDocument): TableBlock[] {
  return document.blocks.filter((b): b is TableBlock => b.kind === "table");
}

/** The heading printed right above the table (every table of the format has one). */
function headingOf(document: ReportDocument, table: TableBlock): HeadingBlock {
  const before = document.blocks[document.blocks.indexOf(table) - 1];
  if (before?.kind !== "heading") throw new Error(`no heading above ${table.table}`);
  return before;
}

/** A document of one table under its heading, nothing else: printed on one page iff the table is shorter than a page. */
function aloneOf(document: ReportDocument, table: TableBlock): ReportDocument {
  return { ...document, blocks: [headingOf(document, table), table] };
}

/** 表三 under its heading with its 22 outcome rows (三、本年度办理结果 and the groups under it) twice over: longer than a page. */
function longT3Of(document: ReportDocument): ReportDocument {
  const t3 = tablesOf(document).find((t) => t.table === "t3")!;
  const outcome = t3.rows.findIndex((row) => row.cells.some((c) => c.text === "三、本年度办理结果"));
  const span = t3.rows[outcome]!.cells[0]!.rowSpan;
  const outcomes = t3.rows.slice(outcome, outcome + span);
  const rows = [...t3.rows.slice(0, outcome), ...outcomes, ...outcomes, ...t3.rows.slice(outcome + span)];
  return { ...document, blocks: [headingOf(document, t3), { ...t3, rows }] };
}

interface Printed {
  /** Also the file name. */
  readonly name: string;
  readonly document: ReportDocument;
  docx: Uint8Array;
  /** pdftotext -raw, page by page: each table cell's lines together. */
  pages: string[];
}

const printed = (name: string, document: ReportDocument): Printed => ({ name, document, docx: new Uint8Array(), pages: [] });

const EXAMPLES = (["000", "003"] as const).map((prefix) => printed(`example-${prefix}`, renderedDocument(prefix, narrativeOf(1))));
/** Paragraphs per part: the tables land at a different height of their pages in each. */
const LONG_TEXT = [
  ["000", 2],
  ["000", 3],
  ["000", 5],
  ["003", 2],
  ["003", 4],
  ["003", 6],
] as const;
const LONG = LONG_TEXT.map(([prefix, paragraphs]) => printed(`long-${prefix}-${paragraphs}`, renderedDocument(prefix, narrativeOf(paragraphs))));
const REPORTS = [...EXAMPLES, ...LONG];
const ALONE = EXAMPLES.flatMap((c) => tablesOf(c.document).map((t) => printed(`${c.name}-${t.table}-alone`, aloneOf(c.document, t))));
const LONG_T3 = printed("long-t3", longT3Of(EXAMPLES[1]!.document));
const ALL = [...REPORTS, ...ALONE, LONG_T3];

beforeAll(async () => {
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
  const inputs: string[] = [];
  for (const c of ALL) {
    c.docx = await packDocx(c.document);
    const file = path.join(ARTIFACTS, `${c.name}.docx`);
    await writeFile(file, c.docx);
    inputs.push(file);
  }
  const session = await openLibreOffice();
  try {
    // Every document in one soffice call: each start costs seconds.
    const pdfs = await session.convert(inputs, "pdf", ARTIFACTS, { timeoutMs: 150_000, env: { FONTCONFIG_FILE: FONTS_CONF } });
    for (const [i, c] of ALL.entries()) c.pages = await pdfPageTexts(pdfs[i]!);
  } finally {
    await session.close();
  }
}, 180_000);

// ---------------------------------------------------------------------------------------------------------
// Reading the pages

const squeeze = (value: string): string => value.replace(/\s+/g, "");

/** A page's text without its page number (— 2 —) and without white space: a cell's lines run together. */
function pageText(page: string): string {
  return squeeze(
    page
      .split("\n")
      .filter((line) => !/^\s*—\s*\d+\s*—\s*$/.test(line))
      .join("\n"),
  );
}

/** How a row reads in the PDF's raw order: the text of the cells that start in it, left to right. */
function rowText(table: TableBlock, r: number): string {
  return squeeze(table.rows[r]!.cells.map((c) => c.text).join(""));
}

/** Where each row of a table is printed, looked for in order below its heading. */
interface TablePages {
  readonly heading: number | null;
  /** The page of each row, or null where the row is not printed whole on any one page. */
  readonly rows: readonly (number | null)[];
}

/**
 * The page of the table's heading and of each of its rows. The pages are joined with a form feed, which no row
 * holds, so a row cut by a page break is not found; rows are looked for in order, each after the one before, so
 * header rows repeated on a later page are passed over.
 */
function locate(c: Printed, table: TableBlock): TablePages {
  const text = c.pages.map(pageText).join("\f");
  const pageAt = (offset: number): number => text.slice(0, offset).split("\f").length;
  const headingAt = text.indexOf(squeeze(headingOf(c.document, table).text));
  let cursor = Math.max(0, headingAt);
  const rows = table.rows.map((_, r) => {
    const at = text.indexOf(rowText(table, r), cursor);
    if (at < 0) return null;
    cursor = at + rowText(table, r).length;
    return pageAt(at);
  });
  return { heading: headingAt < 0 ? null : pageAt(headingAt), rows };
}

/** The rows of the table not printed whole on one page, as "表三 第6行「三、本年度办理结果（一）予以公开…」". */
function rowsCut(c: Printed): string[] {
  return tablesOf(c.document).flatMap((table) =>
    locate(c, table).rows.flatMap((page, r) => (page === null ? [`${c.name} ${TABLE_NAMES[table.table]} 第${r + 1}行「${rowText(table, r)}」`] : [])),
  );
}

/** Pages of the PDF that print something besides the page number. */
function printedPages(c: Printed): number {
  return c.pages.filter((page) => pageText(page).length > 0).length;
}

/** The tables (by ID) that LibreOffice prints on one page under their heading, from the "alone" documents. */
function shorterThanAPage(example: Printed): Set<TableId> {
  return new Set(
    tablesOf(example.document)
      .filter((t) => printedPages(ALONE.find((a) => a.name === `${example.name}-${t.table}-alone`)!) === 1)
      .map((t) => t.table),
  );
}

function exampleOf(c: Printed): Printed {
  return c.name.includes("000") ? EXAMPLES[0]! : EXAMPLES[1]!;
}

// ---------------------------------------------------------------------------------------------------------
// The package: the settings the renderers read

describe("the .docx asks renderers to keep the tables together", () => {
  test.each(REPORTS.map((c) => [c.name]))("%s: tables kept whole, rows unsplittable, header rows repeated", async (name) => {
    const c = REPORTS.find((r) => r.name === name)!;
    const xml = (await (await JSZip.loadAsync(c.docx)).file("word/document.xml")?.async("string")) ?? "";
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const blocks = tablesOf(c.document);
    expect(tables).toHaveLength(blocks.length);
    tables.forEach((table, i) => {
      const block = blocks[i]!;
      const rows = [...table.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows).toHaveLength(block.rows.length);
      rows.forEach((row, r) => {
        const paragraphs = [...row.matchAll(/<w:p\/>|<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]);
        // Every paragraph, the empty ones below a merged cell included, kept with the next but in the last row.
        expect({ row: r, kept: paragraphs.map((p) => p.includes("<w:keepNext/>")) }).toEqual({ row: r, kept: paragraphs.map(() => r < rows.length - 1) });
        expect(row).toContain("<w:cantSplit/>");
        expect(row.includes("<w:tblHeader/>")).toBe(r < block.headerRows);
      });
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// LibreOffice's pages

describe("LibreOffice prints each table of the format on one page when printed alone", () => {
  test.each(EXAMPLES.map((c) => [c.name]))("%s: 表二, 表三 and 表四 are each shorter than a page", (name) => {
    const example = EXAMPLES.find((c) => c.name === name)!;
    expect([...shorterThanAPage(example)].sort()).toEqual(["t2", "t3", "t4"]);
  });
});

describe.each(REPORTS.map((c) => [c.name]))("%s printed by LibreOffice", (name) => {
  const c = REPORTS.find((r) => r.name === name)!;

  test("no row of a table is cut by a page break", () => {
    expect(rowsCut(c)).toEqual([]);
  });

  test("each table shorter than a page is on one page, with its heading", () => {
    const short = shorterThanAPage(exampleOf(c));
    const spread = tablesOf(c.document)
      .filter((table) => short.has(table.table))
      .flatMap((table) => {
        const { heading, rows } = locate(c, table);
        const first = rows[0] ?? null;
        const last = rows[rows.length - 1] ?? null;
        return heading !== null && first === heading && last === first ? [] : [`${TABLE_NAMES[table.table]}: 标题在第${heading}页，首行在第${first}页，末行在第${last}页`];
      });
    expect(spread).toEqual([]);
  });

  test("every label of 表三 is printed whole on a page, 「三、本年度办理结果」 among them", () => {
    const t3 = tablesOf(c.document).find((t) => t.table === "t3")!;
    const labels = t3.rows.flatMap((row) => row.cells.filter((cell) => cell.header).map((cell) => squeeze(cell.text)));
    expect(labels).toContain("三、本年度办理结果");
    const pages = c.pages.map(pageText);
    expect(labels.filter((label) => !pages.some((page) => page.includes(label)))).toEqual([]);
  });
});

describe("a 表三 longer than a page", () => {
  const c = LONG_T3;
  const table = (): TableBlock => tablesOf(c.document)[0]!;

  test("is longer than a page, so it breaks", () => {
    expect(printedPages(c)).toBeGreaterThan(1);
    expect(new Set(locate(c, table()).rows).size).toBeGreaterThan(1);
  });

  test("breaks only between rows: no row cut", () => {
    expect(rowsCut(c)).toEqual([]);
  });

  test("never inside a label merged down rows: the rows under it are on one page", () => {
    const t3 = table();
    const { rows } = locate(c, t3);
    const split = t3.rows.flatMap((row, r) =>
      row.cells
        .filter((cell) => cell.rowSpan > 1 && r >= t3.headerRows)
        .filter((cell) => new Set(rows.slice(r, r + cell.rowSpan)).size !== 1)
        .map((cell) => `${cell.text}（第${r + 1}行起${cell.rowSpan}行）`),
    );
    expect(split).toEqual([]);
  });

  test("repeats its header rows at the top of every page it continues on", () => {
    const t3 = table();
    const { rows } = locate(c, t3);
    const pages = [...new Set(rows.slice(t3.headerRows))].filter((p): p is number => p !== null);
    const header = Array.from({ length: t3.headerRows }, (_, r) => rowText(t3, r)).join("");
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const text = pageText(c.pages[page - 1]!);
      const firstRow = t3.rows.findIndex((_, r) => r >= t3.headerRows && rows[r] === page);
      const at = text.indexOf(header);
      // The header rows are on the page, above its first row of data.
      expect({ page, header: at >= 0 && at < text.indexOf(rowText(t3, firstRow)) }).toEqual({ page, header: true });
    }
  });
});
