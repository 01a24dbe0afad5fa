// Reads a published report's text (as extracted from a web page or a PDF) back into the 200 cells
// (spec §1), the agency, the year and the narrative of each section.
//
// Never guesses: a cell is read only when its row label was found and the row holds exactly as many values as
// the row has cells. Everything else is null and listed in `unread` with a reason the user can act on. The
// report's own inconsistencies are kept as published (the rule pack reports them).

import type { ReadMethod, UnreadCells } from "../check";
import type { CellId } from "../format";
import { INPUT_CELLS, T3_COLUMNS } from "../format";
import type { Piece, RunOutcome } from "./glued";
import { solveRuns } from "./glued";
import { looksLikeHtml, readHtmlPage } from "./html";
import { TABLE_IDENTITIES, stockIdentities } from "./identities";
import { labelKey, normalizeText } from "./normalize";
import type { Heading, SectionNumeral } from "./sections";
import { SECTION_NUMERALS, findHeadings, findTitle, furtherReports } from "./sections";
import type { RowPlacement } from "./row-order";
import { placeByRowOrder } from "./row-order";
import type { TableReading } from "./table-reader";
import { TableReader } from "./table-reader";
import type { Identity } from "./glued";
import type { RowSpec, TableSpec } from "./table-specs";
import { FORMAT_2019_CUES, FORMAT_2021_CUES, T2_SPEC, T3_ORG_COLUMNS, T3_OTHER_ROW_KEYS, T3_SPEC, T4_SPEC } from "./table-specs";
import type { Token, ValueCell } from "./tokens";
import { markdownNoiseLines, resolveStandaloneNone, tokenizeLine } from "./tokens";
import type { LeftOutText } from "./imported-source";

export type { UnreadCells } from "../check";

export interface ImportResult {
  readonly agency: string | null;
  readonly year: number | null;
  readonly format: "2021" | "2019" | "unknown";
  /** All 200 input cells; null where the cell could not be read (each such cell is listed in `unread`). */
  readonly values: Readonly<Record<CellId, number | null>>;
  /** The text of each top-level section found, without its heading. */
  readonly sections: Readonly<Partial<Record<SectionNumeral, string>>>;
  /** What the text prints before the first heading (the title, the opening sentence), its last lines at most. */
  readonly preamble: string;
  /** The title of each report in the text: one, or several pasted one after the other (then nothing is guessed). */
  readonly reports: readonly { readonly agency: string | null; readonly year: number | null }[];
  /** With several reports: the tables they print differently (not read). */
  readonly differingTables: readonly string[];
  readonly unread: readonly UnreadCells[];
  /** How each read cell was read: as a separate figure, or cut out of a glued run of digits. */
  readonly methods: Readonly<Partial<Record<CellId, ReadMethod>>>;
  /** Text not put into the 正文, and why (set by sourceFromText, which maps the text to the 正文's parts). */
  readonly leftOut?: readonly LeftOutText[];
}

export interface ImportOptions {
  /** 现行有效件数 of last year's report, for 表二's glued rows; null where unknown. */
  readonly lastYear?: ((cell: CellId) => number | null) | null;
  /** The <title> of the page the text was taken from (an HTML input carries its own). */
  readonly pageTitle?: string | null;
}

type Format = ImportResult["format"];

const READERS = new Map<TableSpec, TableReader>([T2_SPEC, T3_SPEC, T4_SPEC].map((spec) => [spec, new TableReader(spec.reader)]));
const NONE_FOLLOWERS = new Map<TableSpec, Set<string>>([...READERS].map(([spec, reader]) => [spec, reader.labelFollowersOfNone()]));

/** Every input cell, none read yet: the start of each report's values. */
const NO_VALUES: Readonly<Record<CellId, number | null>> = Object.fromEntries(INPUT_CELLS.map((cell) => [cell.id, null]));

class Collector {
  readonly values: Record<CellId, number | null> = { ...NO_VALUES };
  readonly unread: UnreadCells[] = [];
  readonly methods: Partial<Record<CellId, ReadMethod>> = {};

  fail(cells: readonly CellId[], reason: string): void {
    if (cells.length === 0) return;
    for (const id of cells) {
      this.values[id] = null;
      delete this.methods[id];
    }
    this.unread.push({ cells: [...cells], reason });
  }

  /** Takes the value cells of a row in column order: numbers are read, marks and blanks are not. */
  take(cells: readonly CellId[], found: readonly ValueCell[], method: ReadMethod = "separated"): void {
    cells.forEach((id, index) => {
      const cell = found[index];
      if (cell === undefined) return;
      switch (cell.kind) {
        case "number":
          this.values[id] = cell.value;
          this.methods[id] = method;
          break;
        case "mark":
          this.fail([id], `单元格为“${cell.raw}”`);
          break;
        case "blank":
          this.fail([id], "单元格为空");
          break;
      }
    });
  }
}

function sameCells(a: readonly ValueCell[], b: readonly ValueCell[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((cell, i) => {
    const other = b[i];
    if (other === undefined || other.kind !== cell.kind) return false;
    if (cell.kind === "number" && other.kind === "number") return cell.value === other.value;
    if (cell.kind === "mark" && other.kind === "mark") return cell.raw === other.raw;
    return true;
  });
}

/**
 * The values of a row among the places its label was found. A place with exactly `expected` values is the
 * row; places with one value are narrative ("予以公开3件") and ignored next to it; two different row-like
 * places are a conflict.
 */
function pickRow(occurrences: readonly (readonly ValueCell[])[], expected: number, name: string): { cells: readonly ValueCell[] } | { reason: string } {
  if (occurrences.length === 0) return { reason: `未找到${name}` };
  const filled = occurrences.filter((o) => o.length > 0);
  if (filled.length === 0) return { reason: `找到了${name}的标签，但没有读到数字` };
  const fitting = filled.filter((o) => o.length === expected);
  const first = fitting[0];
  if (first === undefined) {
    const counts = [...new Set(filled.map((o) => o.length))].join("、");
    return { reason: `${name}读到${counts}个数字，应为${expected}个，无法确定各数字对应的单元格` };
  }
  const conflicting = filled.some((o) => (o.length === expected || (o.length >= 2 && expected > 1)) && !sameCells(o, first));
  if (conflicting) return { reason: `${name}在文本中出现了多次，数字不一致` };
  return { cells: first };
}

// ---------------------------------------------------------------------------------------------------------
// Glued runs: a row printed with fewer figures than cells, whose digits may hold several cells.

/** A plain run of two or more digits: the only figure that may hold several cells. */
function isDigitRun(cell: ValueCell): cell is { kind: "number"; value: number; raw: string } {
  if (cell.kind !== "number" || cell.raw.length < 2) return false;
  for (let i = 0; i < cell.raw.length; i += 1) {
    const code = cell.raw.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function isRun(occurrence: readonly ValueCell[]): boolean {
  return occurrence.some(isDigitRun);
}

/** The most cells the figures of an occurrence can hold. */
function capacity(occurrence: readonly ValueCell[]): number {
  return occurrence.reduce((n, cell) => n + (isDigitRun(cell) ? cell.raw.length : 1), 0);
}

/** The occurrence of a row that holds its cells as glued runs; "conflict" when two such places differ. */
function pickRun(occurrences: readonly (readonly ValueCell[])[], expected: number): readonly ValueCell[] | "conflict" | null {
  const runs = occurrences.filter((o) => o.length < expected && isRun(o) && capacity(o) >= expected);
  const first = runs[0];
  if (first === undefined) return null;
  return runs.every((o) => sameCells(o, first)) ? first : "conflict";
}

function piecesOf(occurrence: readonly ValueCell[]): Piece[] {
  return occurrence.map((cell) => (isDigitRun(cell) ? { kind: "digits", digits: cell.raw } : { kind: "cell", value: cell.kind === "number" ? cell.value : null }));
}

/** The row's value cells once its runs are cut into `values` (cells that were not runs keep their kind). */
function cutCells(occurrence: readonly ValueCell[], values: readonly (number | null)[]): ValueCell[] {
  const cells: ValueCell[] = [];
  let at = 0;
  for (const cell of occurrence) {
    if (!isDigitRun(cell)) {
      cells.push(cell);
      at += 1;
      continue;
    }
    let length = 0;
    while (length < cell.raw.length && at < values.length) {
      const value = values[at] ?? 0;
      const raw = String(value);
      cells.push({ kind: "number", value, raw });
      length += raw.length;
      at += 1;
    }
  }
  return cells;
}

function runReason(name: string, outcome: RunOutcome, stockRow: boolean): string {
  const head = `${name}的数字连在一起`;
  switch (outcome.kind) {
    case "tooFewDigits":
      return `${head}，位数少于单元格数，无法拆分`;
    case "ambiguous":
      return stockRow
        ? `${head}，仅凭本年数字无法确定各单元格；提供上年度报告后，可按上年现行有效件数拆分`
        : `${head}，有不止一种拆分符合表内勾稽关系，无法确定各单元格`;
    case "noFit":
      return stockRow
        ? `${head}，没有一种拆分与上年现行有效件数相符，无法确定各单元格`
        : `${head}，没有一种拆分符合表内勾稽关系（报告本身可能有误），无法确定各单元格`;
    case "unconfirmed":
      return `${head}，仅有本行合计可以验证，相关各行未能读取，拆分未予采用`;
    case "tooMuchWork":
      return `${head}，可能的拆分过多，未能在计算上限内确定各单元格`;
    case "split":
      return head;
  }
}

function rowName(spec: TableSpec, row: RowSpec): string {
  return row.label.length > 0 ? `${spec.name}“${row.label}”一行` : `${spec.name}的数字行`;
}

/**
 * Whether the table itself is in the text, not just a sentence that names one of its rows ("予以公开3件"
 * under a table published as an image): some row holds exactly its figures, or several rows hold figures.
 */
function tablePresent(placement: RowPlacement, expected: (row: number) => number): boolean {
  const reading = placement.reading;
  if (placement.contradicted.size > 0) return true;
  let rowsWithFigures = 0;
  for (let row = 0; row < reading.rows.length; row += 1) {
    const occurrences = reading.rows[row] ?? [];
    if (occurrences.some((o) => o.length === expected(row))) return true;
    // The figures of several rows under one label (bare rows printed apart from their labels).
    if (occurrences.some((o) => o.length >= Math.max(4, 2 * expected(row)))) return true;
    if (occurrences.some((o) => o.length >= 2 || (isRun(o) && capacity(o) >= expected(row)))) rowsWithFigures += 1;
  }
  return rowsWithFigures >= Math.min(3, reading.rows.length);
}

function missingReason(spec: TableSpec): string {
  return `未找到${spec.name}的表格内容（可能以图片形式发布）`;
}

// ---------------------------------------------------------------------------------------------------------

interface Region {
  readonly start: number;
  readonly end: number;
}

/** Lines of the section that holds table `index` (1 = 二 …); without its heading, the gap where it belongs. */
function regionOf(index: number, headings: readonly Heading[], lineCount: number): Region {
  const own = headings.findIndex((h) => h.index === index);
  if (own >= 0) {
    const heading = headings[own];
    const next = headings[own + 1];
    return { start: (heading?.line ?? 0) + 1, end: next?.line ?? lineCount };
  }
  let start = 0;
  let end = lineCount;
  for (const heading of headings) {
    if (heading.index < index) start = heading.line + 1;
    else if (heading.index > index && end === lineCount) end = heading.line;
  }
  return { start, end: Math.max(start, end) };
}

/**
 * The lines of one text and their tokens, each line tokenized once however many tables look at it (without
 * headings, every table's region is the whole text).
 */
class TextLines {
  private readonly tokens: (readonly Token[] | undefined)[];

  constructor(readonly lines: readonly string[]) {
    this.tokens = new Array<readonly Token[] | undefined>(lines.length);
  }

  tokensOf(region: Region, spec: TableSpec): Token[] {
    const tokens: Token[] = [];
    const noise = markdownNoiseLines(this.lines, region.start, region.end);
    for (let i = region.start; i < region.end; i += 1) {
      if (noise.has(i)) continue;
      let line = this.tokens[i];
      if (line === undefined) {
        const fresh: Token[] = [];
        tokenizeLine(this.lines[i] ?? "", fresh);
        this.tokens[i] = line = fresh;
      }
      for (const token of line) tokens.push(token);
    }
    // Tokens are values: this replaces entries of the table's own array, never a token another table reads.
    resolveStandaloneNone(tokens, NONE_FOLLOWERS.get(spec) ?? new Set());
    return tokens;
  }
}

function readTable(spec: TableSpec, text: TextLines, region: Region): TableReading {
  const reader = READERS.get(spec);
  if (!reader) throw new Error(`No reader for ${spec.name}`);
  return reader.read(text.tokensOf(region, spec));
}

/** A reading taken as printed (表三 with a 小计 column: its rows are never placed by order). */
function unplaced(reading: TableReading): RowPlacement {
  return { reading, placed: new Set(), contradicted: new Set() };
}

function placeRows(spec: TableSpec, printed: TableReading, identities: readonly Identity[]): RowPlacement {
  return placeByRowOrder(spec.rows, printed, identities, (row) => spec.rows[row]?.cells.length ?? 0);
}

/**
 * The rows of a table: a row printed with exactly its figures (or placed there by the row order) is taken as it
 * stands; rows whose figures are glued runs are cut together by the solver, under `identities` (see glued.ts).
 */
function readRows(spec: TableSpec, placement: RowPlacement, out: Collector, identities: readonly Identity[], skip: ReadonlySet<number> = new Set()): void {
  const reading = placement.reading;
  const runs: { row: RowSpec; occurrence: readonly ValueCell[] }[] = [];
  spec.rows.forEach((row, index) => {
    if (skip.has(index)) return;
    const occurrences = reading.rows[index] ?? [];
    const expected = row.cells.length;
    const picked = pickRow(occurrences, expected, rowName(spec, row));
    if (!("reason" in picked)) {
      out.take(row.cells, picked.cells, placement.placed.has(index) ? "placedByRowOrder" : "separated");
      return;
    }
    if (placement.contradicted.has(index)) {
      out.fail(row.cells, `${rowName(spec, row)}的数字与行标签分开印制，按表内行序对应后与本行合计不符，无法确定各数字对应的单元格`);
      return;
    }
    const run = occurrences.some((o) => o.length === expected) ? null : pickRun(occurrences, expected);
    if (run === "conflict") out.fail(row.cells, `${rowName(spec, row)}在文本中出现了多次，数字不一致`);
    else if (run === null) out.fail(row.cells, picked.reason);
    else runs.push({ row, occurrence: run });
  });
  if (runs.length === 0) return;
  const known = new Map<CellId, number>();
  for (const row of spec.rows) {
    for (const cell of row.cells) {
      const value = out.values[cell];
      if (value !== null && value !== undefined) known.set(cell, value);
    }
  }
  const solved = solveRuns(
    runs.map(({ row, occurrence }) => ({ cells: row.cells, pieces: piecesOf(occurrence) })),
    known,
    identities,
  );
  const stockCells = new Set(STOCK_ROWS);
  runs.forEach(({ row, occurrence }, index) => {
    const outcome = solved.outcomes[index] ?? { kind: "tooMuchWork" };
    if (outcome.kind !== "split") {
      out.fail(row.cells, runReason(rowName(spec, row), outcome, row.cells.some((cell) => stockCells.has(cell))));
      return;
    }
    const method: ReadMethod = !outcome.byIdentities ? "splitByLength" : row.cells.some((cell) => stockCells.has(cell)) ? "splitByPreviousYear" : "splitByIdentities";
    out.take(row.cells, cutCells(occurrence, outcome.values), method);
  });
}

/** 表二's 现行有效 cells: their rows are cut only with last year's report. */
const STOCK_ROWS: readonly CellId[] = T2_SPEC.rows.filter((row) => row.cells.length > 1).flatMap((row) => row.cells);

// ---------------------------------------------------------------------------------------------------------
// 表三 with an extra 法人或其他组织 小计 column (spec §4 E9: tolerated on import, dropped).

function sum(cells: readonly ValueCell[]): number | null {
  let total = 0;
  for (const cell of cells) {
    if (cell.kind !== "number") return null;
    total += cell.value;
  }
  return total;
}

/** Position (1–6) of the 小计 column among the 8 value columns, from the order of the headers; null if unknown. */
function subtotalPosition(headerColumns: readonly string[]): number | null {
  const at = headerColumns.indexOf("小计");
  if (at < 0 || !headerColumns.some((column) => T3_ORG_COLUMNS.includes(column))) return null;
  const before = new Set(headerColumns.slice(0, at).filter((column) => T3_ORG_COLUMNS.includes(column)));
  return 1 + before.size;
}

/** The row without the 小计 column at `position`. */
function dropColumn(cells: readonly ValueCell[], position: number): ValueCell[] {
  return cells.filter((_, i) => i !== position);
}

/** False when the row's figures show that `position` is not the 小计 of the five organisation columns. */
function subtotalFits(cells: readonly ValueCell[], position: number): boolean {
  const subtotal = cells[position];
  const orgSum = sum(dropColumn(cells, position).slice(1, 1 + T3_ORG_COLUMNS.length));
  return subtotal?.kind !== "number" || orgSum === null || orgSum === subtotal.value;
}

/**
 * 表三 with a 小计 column: the header says where it is; without that, every position the figures allow is
 * tried, and a row is read only when all of them give the same cells. A row whose 小计 does not add up is not
 * re-aligned but left unread.
 */
function readT3WithSubtotal(reading: TableReading, out: Collector, skip: ReadonlySet<number>): void {
  const fromHeader = subtotalPosition(reading.headerColumns);
  const picks = T3_SPEC.rows.map((row, index) => pickRow(reading.rows[index] ?? [], row.cells.length + 1, rowName(T3_SPEC, row)));
  // 小计 sits somewhere among the organisation columns: index 1 (before 商业企业) … 6 (after 其他).
  const everywhere = Array.from({ length: T3_ORG_COLUMNS.length + 1 }, (_, i) => i + 1);
  const positions =
    fromHeader !== null ? [fromHeader] : everywhere.filter((p) => picks.every((pick) => "reason" in pick || subtotalFits(pick.cells, p)));
  T3_SPEC.rows.forEach((row, index) => {
    if (skip.has(index)) return;
    const name = rowName(T3_SPEC, row);
    const picked = picks[index];
    if (picked === undefined || "reason" in picked) {
      out.fail(row.cells, picked?.reason ?? `未找到${name}`);
      return;
    }
    const viable = positions.filter((p) => subtotalFits(picked.cells, p));
    const readings = viable.map((p) => dropColumn(picked.cells, p));
    const first = readings[0];
    if (first === undefined) {
      out.fail(row.cells, fromHeader === null ? "表三有“小计”列，但无法确定它是哪一列" : `${name}的“小计”与各类组织之和不符，无法确认各列的位置`);
      return;
    }
    if (readings.some((r) => !sameCells(r, first))) {
      out.fail(row.cells, "表三有“小计”列，但无法确定它是哪一列");
      return;
    }
    out.take(row.cells, first);
  });
}

// ---------------------------------------------------------------------------------------------------------

function flatKey(lines: readonly string[]): string {
  return lines.map(labelKey).join("");
}

function detectFormat(flat: string, t3: TableReading, otherRows: readonly number[]): Format {
  const has2019 = FORMAT_2019_CUES.some((cue) => flat.includes(cue));
  const has2021 = FORMAT_2021_CUES.some((cue) => flat.includes(cue)) || otherRows.some((row) => (t3.rows[row]?.length ?? 0) > 0);
  if (has2019 && !has2021) return "2019";
  if (has2021 && !has2019) return "2021";
  if (has2021 && has2019) return "unknown";
  // No header cue: a single （六）其他处理 row with figures is the 2019 layout.
  return (t3.groups.get("other") ?? []).some((o) => o.length > 0) ? "2019" : "unknown";
}

/** The lines before the first heading that the opening is looked for in (a page's menus come before them). */
const PREAMBLE_LINES = 40;
const PREAMBLE_CHARS = 4_000;

function preambleOf(original: readonly string[], end: number): string {
  const text = original.slice(Math.max(0, end - PREAMBLE_LINES), end).join("\n");
  return text.length > PREAMBLE_CHARS ? text.slice(-PREAMBLE_CHARS) : text;
}

function sectionTexts(original: readonly string[], headings: readonly Heading[]): Partial<Record<SectionNumeral, string>> {
  const sections: Partial<Record<SectionNumeral, string>> = {};
  headings.forEach((heading, i) => {
    const numeral = SECTION_NUMERALS[heading.index];
    if (numeral === undefined) return;
    const end = headings[i + 1]?.line ?? original.length;
    const first = (original[heading.line] ?? "").slice(heading.bodyOffset);
    const body = [first, ...original.slice(heading.line + 1, end)].join("\n");
    sections[numeral] = body.trim();
  });
  return sections;
}

const HEADING_SEPARATORS = "、.，,";
/** Places looked at per line: a report has six headings. */
const MAX_GLUED_HEADINGS = 16;
const HEADING_WINDOW = 4096;

/**
 * Lines cut before a top-level heading that runs on after a table's last figure ("…70.319三、收到和处理政府信息公开
 * 申请情况", "…0102五、存在的主要问题及改进情况"): the heading gets its own line, the figure ends its row.
 */
function splitGluedHeadings(input: readonly string[]): { original: string[]; lines: string[] } {
  const original: string[] = [];
  const lines: string[] = [];
  for (const line of input) {
    // Normalising keeps every character's offset, so the original line is cut at the same places.
    const normal = normalizeText(line);
    let from = 0;
    let looked = 0;
    for (let i = 1; i + 1 < normal.length && looked < MAX_GLUED_HEADINGS; i += 1) {
      const before = normal.charCodeAt(i - 1);
      if (before < 0x30 || before > 0x39) continue;
      if (!SECTION_NUMERALS.includes(normal.charAt(i) as SectionNumeral) || !HEADING_SEPARATORS.includes(normal.charAt(i + 1))) continue;
      looked += 1;
      // A heading is judged by its first few dozen characters; the slice keeps the work per place bounded.
      if (findHeadings([normal.slice(i, i + HEADING_WINDOW)]).length !== 1) continue;
      original.push(line.slice(from, i));
      lines.push(normal.slice(from, i));
      from = i;
    }
    original.push(line.slice(from));
    lines.push(normal.slice(from));
  }
  return { original, lines };
}

export function importReportText(text: string, options: ImportOptions = {}): ImportResult {
  const page = looksLikeHtml(text) ? readHtmlPage(text) : { text, title: null };
  const split = splitGluedHeadings(page.text.split(/\r\n|\r|\n/));
  const pageTitle = page.title ?? options.pageTitle ?? null;
  const starts = furtherReports(split.lines, split.original);
  if (starts.length === 0) return importLines(split.original, split.lines, pageTitle, options);
  // Several reports in one text: each read on its own, then only what they agree on is taken.
  if (starts.length + 1 > MAX_REPORTS) return severalReports(null, starts.length + 1);
  const froms = [0, ...starts];
  const to = (k: number): number => froms[k + 1] ?? split.lines.length;
  return severalReports(
    froms.map((from, k) => importLines(split.original.slice(from, to(k)), split.lines.slice(from, to(k)), pageTitle, options)),
    froms.length,
  );
}

/** More reports than this in one text are not read at all (each should be imported on its own). */
const MAX_REPORTS = 10;

/**
 * What several reports in one text give: the title when they all have the same one (else none), each table
 * when every report that prints it prints the same figures (else it is not read, with the reason), the first
 * report's text. `parts` is null when there are too many to read.
 */
function severalReports(parts: readonly ImportResult[] | null, count: number): ImportResult {
  const out = new Collector();
  const first = parts?.[0];
  const titles = (parts ?? []).map((p) => ({ agency: p.agency, year: p.year }));
  const agencies = new Set(titles.map((t) => (t.agency === null ? "" : labelKey(t.agency))));
  const years = new Set(titles.map((t) => t.year));
  const sameTitle = parts !== null && agencies.size === 1 && years.size === 1;
  const differing: string[] = [];
  for (const spec of [T2_SPEC, T3_SPEC, T4_SPEC]) {
    const cells = spec.rows.flatMap((r) => r.cells);
    if (parts === null || first === undefined) {
      out.fail(cells, `文本中有 ${count} 份报告，未读取；请每份报告单独导入`);
      continue;
    }
    // The reports that print the table (some cell read or unread for another reason than its absence).
    const printing = parts.filter((p) => cells.some((id) => p.values[id] !== null));
    const reference = printing[0] ?? first;
    const agree = printing.every((p) => cells.every((id) => p.values[id] === reference.values[id]));
    if (!agree) {
      differing.push(spec.name);
      out.fail(cells, `报告中有${printing.length === 2 ? "两" : ` ${printing.length} `}份不同的${spec.name}，无法确定以哪一份为准；请每份报告单独导入`);
      continue;
    }
    for (const id of cells) {
      out.values[id] = reference.values[id] ?? null;
      const method = reference.methods[id];
      if (method !== undefined) out.methods[id] = method;
    }
    for (const u of reference.unread) if (u.cells.some((id) => cells.includes(id))) out.unread.push({ cells: u.cells.filter((id) => cells.includes(id)), reason: u.reason });
  }
  return {
    agency: sameTitle ? (first?.agency ?? null) : null,
    year: sameTitle ? (first?.year ?? null) : null,
    format: first?.format ?? "unknown",
    values: out.values,
    sections: first?.sections ?? {},
    preamble: first?.preamble ?? "",
    unread: out.unread,
    methods: out.methods,
    reports: parts === null ? Array.from({ length: count }, () => ({ agency: null, year: null })) : titles,
    differingTables: differing,
  };
}

function importLines(original: readonly string[], lines: readonly string[], pageTitle: string | null, options: ImportOptions): ImportResult {
  const headings = findHeadings(lines);
  const title = findTitle(lines, original, headings[0]?.line ?? lines.length, pageTitle);
  const out = new Collector();

  const t2Region = regionOf(1, headings, lines.length);
  const t3Region = regionOf(2, headings, lines.length);
  const t4Region = regionOf(3, headings, lines.length);
  const text = new TextLines(lines);
  const t3 = readTable(T3_SPEC, text, t3Region);
  const otherRows = T3_OTHER_ROW_KEYS.map((key) => T3_SPEC.rows.findIndex((r) => r.cells[0] === `t3.${key}.natural`));
  const format = detectFormat(flatKey(lines), t3, otherRows);

  // 表二
  const t2Cells = T2_SPEC.rows.flatMap((r) => r.cells);
  if (format === "2019") {
    out.fail(t2Cells, "2019年版格式的表二（本年新制作数量、本年新公开数量等栏目）与2021年版栏目不同，不能导入");
  } else {
    const identities = options.lastYear ? stockIdentities(options.lastYear) : [];
    const t2 = placeRows(T2_SPEC, readTable(T2_SPEC, text, t2Region), identities);
    if (!tablePresent(t2, (row) => T2_SPEC.rows[row]?.cells.length ?? 0)) out.fail(t2Cells, missingReason(T2_SPEC));
    else if (format === "unknown") out.fail(t2Cells, "无法确认表二是2021年版还是2019年版格式（两版栏目不同），未导入");
    else readRows(T2_SPEC, t2, out, identities);
  }

  // 表三
  const subtotalColumn = t3.headerColumns.includes("小计");
  const t3Width = T3_COLUMNS.length + (subtotalColumn ? 1 : 0);
  const t3Placed = subtotalColumn ? unplaced(t3) : placeRows(T3_SPEC, t3, TABLE_IDENTITIES);
  if (!tablePresent(t3Placed, () => t3Width)) {
    out.fail(T3_SPEC.rows.flatMap((r) => r.cells), missingReason(T3_SPEC));
  } else {
    const singleOther = format === "2019" || (otherRows.every((row) => (t3.rows[row]?.length ?? 0) === 0) && (t3.groups.get("other") ?? []).some((o) => o.length > 0));
    const skip = new Set(singleOther ? otherRows : []);
    if (singleOther) {
      out.fail(
        otherRows.flatMap((row) => T3_SPEC.rows[row]?.cells ?? []),
        "2019年版格式的表三“（六）其他处理”只有一行，不能拆分为2021年版的三行",
      );
    }
    if (subtotalColumn) readT3WithSubtotal(t3, out, skip);
    else readRows(T3_SPEC, t3Placed, out, TABLE_IDENTITIES, skip);
  }

  // 表四
  const t4 = placeRows(T4_SPEC, readTable(T4_SPEC, text, t4Region), TABLE_IDENTITIES);
  if (!tablePresent(t4, () => T4_SPEC.rows[0]?.cells.length ?? 0)) out.fail(T4_SPEC.rows.flatMap((r) => r.cells), missingReason(T4_SPEC));
  else readRows(T4_SPEC, t4, out, TABLE_IDENTITIES);

  return {
    agency: title.agency,
    year: title.year,
    format,
    values: out.values,
    sections: sectionTexts(original, headings),
    preamble: preambleOf(original, headings[0]?.line ?? original.length),
    unread: out.unread,
    methods: out.methods,
    reports: [{ agency: title.agency, year: title.year }],
    differingTables: [],
  };
}
