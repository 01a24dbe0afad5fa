// .docx packer of the report document (src/core/report/document.ts), in the layout of Chinese official documents
// (GB/T 9704—2012): A4 with margins 37/35/28/26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 on a
// fixed 28 pt line with a two-character first-line indent, level-1 headings in 黑体 and level-2 headings in
// 楷体_GB2312 (real Heading 1/2 paragraphs, so the outline works), page numbers "— 1 —" in 宋体 四号 at the outer
// edge, and the three tables with their exact merges, full borders, repeated header rows and rows that never
// split; a table that fits on a page is printed on one page with its heading, a longer one breaks only between
// groups of rows. Runs in Node and in the browser: no Node built-ins, the bytes come from Packer.toArrayBuffer.

import type { IBaseParagraphStyleOptions, IBorderOptions, IFontAttributesProperties, IRunStylePropertiesOptions } from "docx";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { Block, ReportDocument, TableCellBlock } from "../../core/report";
import { runsText, writableDocument } from "../../core/report";

type TableBlock = Extract<Block, { kind: "table" }>;

// ---------------------------------------------------------------------------------------------------------
// Measures. Word measures in twips (1/20 pt); font sizes are in half-points.

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);
const pt = (value: number): number => Math.round(value * 20);

/** A4 portrait, 210 mm × 297 mm. */
const PAGE = { width: 11906, height: 16838 } as const;
/** GB/T 9704—2012 §5.2.1: 天头 37 mm, 订口 28 mm; the text block is 156 mm × 225 mm. */
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** Width of the text block, which the tables fill. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Font sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt (in half-points). */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21 } as const;
/** The body's fixed line: 28 pt exactly. */
const BODY_LINE = pt(28);
/** The title's fixed line: room for 22 pt characters. */
const TITLE_LINE = pt(36);
/** Two characters of 三号 text: the first-line indent of paragraphs and headings. */
const TWO_CHARS = pt(32);
/** One character of 四号 text: page numbers sit this far in from the outer edge. */
const ONE_CHAR_SIHAO = pt(14);

export const FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  table: "宋体",
  pageNumber: "宋体",
} as const;

/** One font for every character set, so that Word and LibreOffice both pick it (digits included). */
function font(name: string): IFontAttributesProperties {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/**
 * Chinese for East Asian text, English for the rest, as Chinese Word sets it. With zh-CN for the Latin part too,
 * LibreOffice breaks lines inside numbers ("70.3" / "19万元").
 */
const LANGUAGE = { value: "en-US", eastAsia: "zh-CN" } as const;

function run(name: string, size: number): IRunStylePropertiesOptions {
  return { font: font(name), size, sizeComplexScript: size, color: "000000", language: LANGUAGE };
}

// ---------------------------------------------------------------------------------------------------------
// Styles. Normal is 宋体 五号 with single spacing, as in Chinese Word, which the table text uses; the report's
// own paragraphs carry the styles below. (The cells docx adds below a cell merged down rows hold an empty
// Normal paragraph, so Normal must be as small as the table text, or every merged row would grow to 28 pt.)

const STYLE = { body: "ReportBody", table: "ReportTable", pageNumber: "ReportPageNumber" } as const;

const bodyParagraph = {
  alignment: AlignmentType.JUSTIFIED,
  spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
  indent: { firstLine: TWO_CHARS },
} as const;

function headingStyle(name: string, outlineLevel: number): IBaseParagraphStyleOptions {
  return {
    run: { ...run(name, SIZE.sanhao), bold: false, italics: false },
    paragraph: { ...bodyParagraph, keepNext: true, keepLines: true, outlineLevel },
  };
}

const styles = {
  default: {
    document: {
      run: run(FONTS.table, SIZE.wuhao),
      paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
    title: {
      run: run(FONTS.title, SIZE.erhao),
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: BODY_LINE },
        keepNext: true,
      },
    },
    heading1: headingStyle(FONTS.heading1, 0),
    heading2: headingStyle(FONTS.heading2, 1),
  },
  paragraphStyles: [
    {
      id: STYLE.body,
      name: "报告正文",
      basedOn: "Normal",
      next: STYLE.body,
      quickFormat: true,
      run: run(FONTS.body, SIZE.sanhao),
      paragraph: bodyParagraph,
    },
    {
      id: STYLE.table,
      name: "报告表格",
      basedOn: "Normal",
      run: run(FONTS.table, SIZE.wuhao),
      paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
    {
      id: STYLE.pageNumber,
      name: "报告页码",
      basedOn: "Normal",
      run: run(FONTS.pageNumber, SIZE.sihao),
      paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Blocks.

/** Rough width of a text in em: CJK and full-width characters 1, ASCII ½. */
function emWidth(value: string): number {
  let width = 0;
  for (const ch of value) width += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return width;
}

/**
 * The title's lines. A title too long for one line breaks after the agency's name when both parts then fit
 * ("新乡市教育局" / "2023年政府信息公开工作年度报告"), rather than wherever Word runs out of room.
 */
export function titleLines(title: string, agencyName: string | null): string[] {
  const perLine = Math.floor(TEXT_WIDTH / pt(22));
  if (emWidth(title) <= perLine || agencyName === null || agencyName.length === 0 || !title.startsWith(agencyName)) return [title];
  const rest = title.slice(agencyName.length);
  return emWidth(agencyName) <= perLine && emWidth(rest) <= perLine ? [agencyName, rest] : [title];
}

/**
 * Set on every paragraph: punctuation may hang past the text's edge (Word's default anyway). LibreOffice, when it
 * is not said, drops a full-width comma at the end of a justified line ("政府信息，重点" printed "政府信息重点").
 */
const PUNCTUATION = { overflowPunctuation: true } as const;

function titleParagraph(title: string, agencyName: string | null): Paragraph {
  const lines = titleLines(title, agencyName);
  return new Paragraph({
    ...PUNCTUATION,
    heading: HeadingLevel.TITLE,
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
  });
}

function headingParagraph(level: 1 | 2, text: string): Paragraph {
  return new Paragraph({ ...PUNCTUATION, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function bodyParagraphOf(block: Extract<Block, { kind: "paragraph" }>): Paragraph {
  // Figures are set like the words around them; the runs are joined so that Word sees one run of text.
  return new Paragraph({ ...PUNCTUATION, style: STYLE.body, children: [new TextRun(runsText(block.runs))] });
}

const BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
/** Narrow cell margins (about 1 mm) leave the narrow figure columns of 表三 and 表四 room for two characters. */
const CELL_MARGIN = { left: 57, right: 57, top: 0, bottom: 0 } as const;

/** Column widths in twips, proportional to the block's widths and adding up to the text width exactly. */
export function columnTwips(widths: readonly number[]): number[] {
  const total = widths.reduce((sum, w) => sum + w, 0);
  const twips = widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const rest = TEXT_WIDTH - twips.reduce((sum, w) => sum + w, 0);
  if (twips.length > 0) twips[twips.length - 1]! += rest;
  return twips;
}

function tableCell(cell: TableCellBlock, width: number): TableCell {
  return new TableCell({
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: CELL_MARGIN,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    children: [
      new Paragraph({
        ...PUNCTUATION,
        style: STYLE.table,
        alignment: cell.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: cell.text.length > 0 ? [new TextRun(cell.text)] : [],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------
// Pagination. Word and LibreOffice keep a table row on the page of the next one when the paragraphs of its cells
// are kept with the next (LibreOffice looks at the row's first cell, Word at the row: TableRow's keepNext sets
// every paragraph, the empty ones docx adds below a cell merged down rows included). A chain of kept rows longer
// than a page is not moved: both break it at the foot of the page, wherever that falls, and a label merged down
// the rows there is printed in two pieces. So the packer estimates how tall each table prints and keeps a table
// together only when it fits on a page; a longer table is kept together group by group (see keptWithNext).

/** Height of the text block: A4 less 天头 and 地脚. */
const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;
/** The table text's size, 五号, in twips. */
const TABLE_EM = SIZE.wuhao * 10;
/**
 * One line of 五号 table text at single spacing, which is the font's own line height: 1.44 em for the Noto CJK
 * faces that stand in for 宋体 where it is not installed, more than 宋体 itself takes, so that a table estimated
 * to fit fits in Word with 宋体 as in LibreOffice with Noto.
 */
const TABLE_LINE = Math.ceil(TABLE_EM * 1.44);
/** A row's share of the borders: one 0.5 pt line (BORDER.size is in eighths of a point). */
const ROW_BORDER = Math.ceil(((BORDER.size ?? 4) / 8) * 20);

/** Punctuation that may not start a line: with hanging punctuation it stays at the end of the line before. */
const NO_LINE_START = new Set("，。、；：？！）》」』”’");

/**
 * Lines a text takes in a width (twips) at a size (twips per em), filled character by character as CJK text is
 * set. Latin letters and figures count 0.56 em, the width of Noto's figures (宋体's are 0.5 em).
 */
function lineCount(text: string, width: number, em: number): number {
  const room = width / em;
  let lines = 1;
  let used = 0;
  for (const ch of text) {
    const w = ch.charCodeAt(0) < 0x2e80 ? 0.56 : 1;
    if (used > 0 && used + w > room + 1e-6 && !NO_LINE_START.has(ch)) {
      lines += 1;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/** The grid column each cell of each row starts at, skipping the columns taken by cells merged down from above. */
function cellColumns(block: TableBlock): number[][] {
  const columns = block.columnWidths.length;
  const taken: boolean[][] = block.rows.map(() => Array.from({ length: columns }, () => false));
  return block.rows.map((row, r) => {
    let col = 0;
    return row.cells.map((cell) => {
      while (taken[r]?.[col] === true) col += 1;
      const start = col;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) for (let dc = 0; dc < cell.colSpan; dc += 1) {
        const line = taken[r + dr];
        if (line) line[start + dc] = true;
      }
      col += cell.colSpan;
      return start;
    });
  });
}

/**
 * How tall each row of the table prints, in twips (an estimate that errs on the tall side): its tallest cell, and
 * the last row of a merge grown to hold the merged cell when the rows it spans are not tall enough.
 */
function rowHeights(block: TableBlock): number[] {
  const widths = columnTwips(block.columnWidths);
  const starts = cellColumns(block);
  const cellHeight = (cell: TableCellBlock, col: number): number => {
    const width = widths.slice(col, col + cell.colSpan).reduce((sum, w) => sum + w, 0) - CELL_MARGIN.left - CELL_MARGIN.right;
    return lineCount(cell.text, width, TABLE_EM) * TABLE_LINE + ROW_BORDER;
  };
  // A row holds at least one line: the cells docx adds below a merged cell hold an empty paragraph.
  const heights = block.rows.map((row, r) =>
    Math.max(TABLE_LINE + ROW_BORDER, ...row.cells.flatMap((cell, i) => (cell.rowSpan === 1 ? [cellHeight(cell, starts[r]![i]!)] : []))),
  );
  const merged = block.rows.flatMap((row, r) => row.cells.flatMap((cell, i) => (cell.rowSpan > 1 ? [{ r, cell, col: starts[r]![i]! }] : [])));
  // Shorter merges first: a longer one spanning them then sees the rows they have grown.
  for (const { r, cell, col } of merged.sort((a, b) => a.cell.rowSpan - b.cell.rowSpan)) {
    const last = Math.min(r + cell.rowSpan, heights.length) - 1;
    const spanned = heights.slice(r, last + 1).reduce((sum, h) => sum + h, 0);
    heights[last]! += Math.max(0, cellHeight(cell, col) - spanned);
  }
  return heights;
}

/** How tall a heading prints: 三号 characters on 28 pt lines, the first line indented two characters. */
function headingHeight(text: string): number {
  return lineCount(`\u3000\u3000${text}`, TEXT_WIDTH, SIZE.sanhao * 10) * BODY_LINE;
}

/**
 * For each row, whether it is kept on the page of the next one (every row but the last may be).
 *
 * A table that fits on a page with what stands above it on that page (`above`, in twips: the heading, which is
 * kept with the table; one 28 pt line unless told) is kept whole: every row but the last is kept with the next,
 * so a table that does not fit below the text before it moves whole to the next page.
 *
 * A longer table breaks only between groups of rows, and its header rows repeat on the next page: the header
 * rows are kept with the first row below them, the rows of a block that opens with a caption spanning the whole
 * width stay together (表二's 第二十条第（一）项 …), and so do the rows under a label merged down rows (表三's 三、本年度
 * 办理结果, （三）不予公开 …), unless they are too many for a page under the repeated header rows.
 */
export function keptWithNext(block: TableBlock, above: number = BODY_LINE): boolean[] {
  const last = block.rows.length - 1;
  const heights = rowHeights(block);
  const height = (from: number, to: number): number => heights.slice(from, to + 1).reduce((sum, h) => sum + h, 0);
  if (above + height(0, last) <= TEXT_HEIGHT) return block.rows.map((_, r) => r < last);
  const header = height(0, block.headerRows - 1);
  const width = block.columnWidths.length;
  const isCaption = block.rows.map((row) => row.cells.length === 1 && row.cells[0]!.colSpan === width);
  const groupEnds = block.rows.map((row, r) =>
    Math.max(r, ...row.cells.filter((c) => c.rowSpan > 1 && header + height(r, r + c.rowSpan - 1) <= TEXT_HEIGHT).map((c) => r + c.rowSpan - 1)),
  );
  return block.rows.map((_, r) => {
    if (r === last) return false;
    if (r < block.headerRows) return true;
    if (isCaption.slice(0, r + 1).includes(true) && !isCaption[r + 1]) return true;
    return groupEnds.some((end, start) => start <= r && end > r);
  });
}

function table(block: TableBlock, above: number): Table {
  const widths = columnTwips(block.columnWidths);
  const keep = keptWithNext(block, above);
  const starts = cellColumns(block);
  const rows = block.rows.map((row, r) => {
    const cells = row.cells.map((cell, i) => {
      const col = starts[r]![i]!;
      return tableCell(cell, widths.slice(col, col + cell.colSpan).reduce((sum, w) => sum + w, 0));
    });
    // cantSplit: a row never breaks across pages; tableHeader: the header rows repeat on every page.
    return new TableRow({ children: cells, cantSplit: true, tableHeader: r < block.headerRows, keepNext: keep[r] === true });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

function blockChildren(block: Block, document: ReportDocument, before: Block | undefined): (Paragraph | Table)[] {
  switch (block.kind) {
    case "title":
      return [titleParagraph(block.text, document.meta.agencyName)];
    case "heading":
      return [headingParagraph(block.level, block.text)];
    case "paragraph":
      return [bodyParagraphOf(block)];
    case "table":
      // The heading above a table is kept with it (its style keeps it with the next paragraph), so the table must
      // fit on a page with it. An empty paragraph after the table keeps the next heading from touching its
      // bottom border.
      return [table(block, before?.kind === "heading" ? headingHeight(before.text) : 0), new Paragraph({ style: STYLE.body, children: [] })];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Page numbers: "— 1 —", odd pages at the right and even pages at the left, one character in (GB/T 9704 §7.5).

function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: ONE_CHAR_SIHAO } : { left: ONE_CHAR_SIHAO },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/**
 * The report as a .docx file. Characters XML cannot hold are replaced (U+FFFD) first — a file Word, WPS and
 * LibreOffice refuse is never written; `onReplaced` is told how many.
 */
export async function packDocx(given: ReportDocument, onReplaced?: (replaced: number) => void): Promise<Uint8Array> {
  const { document, replaced } = writableDocument(given);
  onReplaced?.(replaced);
  const children = document.blocks.flatMap((block, i) => blockChildren(block, document, document.blocks[i - 1]));
  const file = new Document({
    title: document.title,
    creator: document.meta.agencyName ?? "",
    evenAndOddHeaderAndFooters: true,
    styles,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            // The page number's line sits about 7 mm below the text block.
            margin: { ...MARGIN, header: mm(15), footer: mm(22) },
          },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
