// Writes a WorkbookPlan (src/adapters/workbook/plan.ts) into a WPS 表格 workbook through the ET object model —
// the same plan the .xlsx writer and the Office host render. Input cells' values are never written:
// regenerating the template keeps everything already entered.
// Every ET call crosses from the pane to WPS, so calls are grouped: cells of one style are formatted through
// one multi-area range (addresses of at most 255 characters), values go in as blocks of rows, validation is
// added once per rule. Two traps of the VBA-style model are avoided: Validation.Add fails on cells that already
// have validation (it is deleted first), and relative references in a FormatConditions formula are read
// relative to the active cell (the range's top-left cell is selected first).

import type { PlanCell, SheetPlan, StyleName, WorkbookPlan } from "../workbook/plan";
import { a1 } from "../workbook/grid";
import { columnLetters } from "../../core/format";
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from "./et-api";
import {
  MAX_ADDRESS_LENGTH,
  XL_BETWEEN,
  XL_CONTINUOUS,
  XL_DV_ALERT_STOP,
  XL_DV_DECIMAL,
  XL_DV_LIST,
  XL_DV_WHOLE,
  XL_EXPRESSION,
  XL_GREATER_EQUAL,
  XL_H_ALIGN_CENTER,
  XL_H_ALIGN_LEFT,
  XL_LANDSCAPE,
  XL_PAPER_A4,
  XL_PORTRAIT,
  XL_SHEET_HIDDEN,
  XL_SHEET_VISIBLE,
  XL_V_ALIGN_CENTER,
  etColor,
} from "./et-api";

interface FormatSpec {
  readonly font: string;
  readonly size: number;
  readonly bold?: boolean;
  readonly horizontal?: "left" | "center";
  readonly wrap: boolean;
  readonly border: boolean;
  readonly fill?: string;
  readonly numberFormat?: string;
}

/** The styles of the plan, as the Office host and the .xlsx writer draw them. */
const FORMATS: Readonly<Record<StyleName, FormatSpec>> = {
  title: { font: "黑体", size: 14, horizontal: "center", wrap: false, border: false },
  caption: { font: "宋体", size: 10.5, bold: true, horizontal: "left", wrap: true, border: true },
  header: { font: "宋体", size: 10.5, bold: true, horizontal: "center", wrap: true, border: true },
  rowLabel: { font: "宋体", size: 10.5, horizontal: "left", wrap: true, border: true },
  note: { font: "宋体", size: 9, horizontal: "center", wrap: true, border: true },
  count: { font: "仿宋", size: 11, horizontal: "center", wrap: false, border: true, numberFormat: "0" },
  money: { font: "仿宋", size: 11, horizontal: "center", wrap: false, border: true, numberFormat: "0.00##" },
  metaLabel: { font: "宋体", size: 11, bold: true, horizontal: "left", wrap: true, border: true, fill: "#F2F2F2" },
  metaInput: { font: "仿宋", size: 12, horizontal: "left", wrap: true, border: true },
  text: { font: "宋体", size: 10.5, wrap: true, border: false },
  checkHeader: { font: "黑体", size: 10.5, horizontal: "center", wrap: true, border: true, fill: "#D9D9D9" },
  checkCell: { font: "宋体", size: 10, wrap: true, border: true },
  status: { font: "宋体", size: 11, bold: true, wrap: false, border: false },
};

const TONE_COLORS = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  pass: { fill: "#C6EFCE", font: "#006100" },
  muted: { fill: "#F2F2F2", font: "#7F7F7F" },
} as const;

/** Joins addresses into comma-separated lists that ET accepts as one range (at most 255 characters each). */
export function addressChunks(addresses: readonly string[]): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const address of addresses) {
    if (current === "") current = address;
    else if (current.length + 1 + address.length <= MAX_ADDRESS_LENGTH) current += `,${address}`;
    else {
      chunks.push(current);
      current = address;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

function areaOf(cell: PlanCell): string {
  const rowSpan = cell.rowSpan ?? 1;
  const colSpan = cell.colSpan ?? 1;
  return rowSpan === 1 && colSpan === 1 ? a1(cell.row, cell.col) : `${a1(cell.row, cell.col)}:${a1(cell.row + rowSpan - 1, cell.col + colSpan - 1)}`;
}

function applyFormat(range: EtRange, spec: FormatSpec, unlocked: boolean, centred: boolean): void {
  range.Font.Name = spec.font;
  range.Font.Size = spec.size;
  range.Font.Bold = spec.bold === true;
  range.VerticalAlignment = XL_V_ALIGN_CENTER;
  const horizontal = centred ? "center" : spec.horizontal;
  if (horizontal) range.HorizontalAlignment = horizontal === "center" ? XL_H_ALIGN_CENTER : XL_H_ALIGN_LEFT;
  range.WrapText = spec.wrap;
  if (spec.fill) range.Interior.Color = etColor(spec.fill);
  if (spec.numberFormat) range.NumberFormat = spec.numberFormat;
  if (spec.border) {
    // The Borders collection sets every edge of every cell; inside a merged area they do not show.
    range.Borders.LineStyle = XL_CONTINUOUS;
    range.Borders.Color = 0;
  }
  range.Locked = !unlocked;
}

/** What goes into a cell: a formula, a constant, or "" to blank a label cell the plan leaves empty. */
type Content = string | number;

function contentOf(cell: PlanCell): Content {
  const value = cell.value;
  if (value === null) return "";
  return typeof value === "object" ? `=${value.formula}` : value;
}

interface Block {
  readonly row: number;
  readonly col: number;
  readonly rows: Content[][];
}

interface Area {
  readonly row: number;
  readonly col: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

function areaOfBlock(block: Block): Area {
  return { row: block.row, col: block.col, lastRow: block.row + block.rows.length - 1, lastCol: block.col + (block.rows[0]?.length ?? 1) - 1 };
}

/** ET refuses a block of values that covers only part of a merged area. */
function coversPartOf(block: Area, merges: readonly Area[]): boolean {
  return merges.some((m) => {
    const meets = m.row <= block.lastRow && block.row <= m.lastRow && m.col <= block.lastCol && block.col <= m.lastCol;
    const inside = m.row >= block.row && m.lastRow <= block.lastRow && m.col >= block.col && m.lastCol <= block.lastCol;
    return meets && !inside;
  });
}

/** A block that would cover part of a merged area, as its rows; a row that still would, as its written cells. */
function splitAtMerges(block: Block, merges: readonly Area[], written: ReadonlyMap<string, Content>): Block[] {
  if (!coversPartOf(areaOfBlock(block), merges)) return [block];
  const parts: Block[] = [];
  block.rows.forEach((values, r) => {
    const row: Block = { row: block.row + r, col: block.col, rows: [values] };
    if (!coversPartOf(areaOfBlock(row), merges)) {
      parts.push(row);
      return;
    }
    values.forEach((_, c) => {
      const content = written.get(`${row.row}:${block.col + c}`);
      if (content !== undefined) parts.push({ row: row.row, col: block.col + c, rows: [[content]] });
    });
  });
  return parts;
}

/**
 * The plan's values as rectangular blocks. A run of a row continues over a cell the plan does not write only
 * when that cell is certainly empty: inside a merged area, or anywhere on a sheet that is new or cleared.
 * Rows with the same runs are stacked into one block; no block covers part of a merged area.
 */
export function valueBlocks(plan: SheetPlan, written: ReadonlyMap<string, Content>, blankSheet: boolean): Block[] {
  const merged = new Set<string>();
  const planned = new Set<string>();
  const merges: Area[] = [];
  for (const cell of plan.cells) {
    planned.add(`${cell.row}:${cell.col}`);
    const lastRow = cell.row + (cell.rowSpan ?? 1) - 1;
    const lastCol = cell.col + (cell.colSpan ?? 1) - 1;
    if (lastRow > cell.row || lastCol > cell.col) merges.push({ row: cell.row, col: cell.col, lastRow, lastCol });
    for (let r = cell.row; r <= lastRow; r += 1) {
      for (let c = cell.col; c <= lastCol; c += 1) if (r !== cell.row || c !== cell.col) merged.add(`${r}:${c}`);
    }
  }
  const fillable = (row: number, col: number): boolean => {
    const key = `${row}:${col}`;
    return merged.has(key) || (blankSheet && !planned.has(key));
  };
  const byRow = new Map<number, number[]>();
  for (const key of written.keys()) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    const cols = byRow.get(row);
    if (cols) cols.push(col);
    else byRow.set(row, [col]);
  }
  const runs: { row: number; first: number; last: number }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = (byRow.get(row) ?? []).sort((a, b) => a - b);
    let first = cols[0] ?? 0;
    let last = first;
    for (const col of cols.slice(1)) {
      let bridgeable = true;
      for (let c = last + 1; c < col; c += 1) if (!fillable(row, c)) bridgeable = false;
      if (bridgeable) last = col;
      else {
        runs.push({ row, first, last });
        first = col;
        last = col;
      }
    }
    runs.push({ row, first, last });
  }
  const contentAt = (row: number, col: number): Content => written.get(`${row}:${col}`) ?? "";
  const blocks: { row: number; col: number; lastCol: number; rows: Content[][] }[] = [];
  for (const run of runs) {
    const above = blocks.find((b) => b.col === run.first && b.lastCol === run.last && b.row + b.rows.length === run.row);
    const values: Content[] = [];
    for (let c = run.first; c <= run.last; c += 1) values.push(contentAt(run.row, c));
    if (above) above.rows.push(values);
    else blocks.push({ row: run.row, col: run.first, lastCol: run.last, rows: [values] });
  }
  const safe: Block[] = [];
  for (const block of blocks) safe.push(...splitAtMerges({ row: block.row, col: block.col, rows: block.rows }, merges, written));
  return safe;
}

function blockAddress(block: Block): string {
  const { row, col, lastRow, lastCol } = areaOfBlock(block);
  return lastRow === row && lastCol === col ? a1(row, col) : `${a1(row, col)}:${a1(lastRow, lastCol)}`;
}

export interface RenderOptions {
  /** Sheets that exist already. */
  readonly existingSheets: ReadonlySet<string>;
  /** Defined names that exist already (and refer to a sheet that exists). */
  readonly existingNames: ReadonlySet<string>;
  /** Sheets whose every cell is ours and that are cleared before writing (the check sheets). */
  readonly rewriteSheets: ReadonlySet<string>;
  /** The worksheet of a name; the caller's lookup, so that names are compared as ET compares them. */
  readonly worksheet: (name: string) => EtWorksheet;
}

/** A new worksheet after the last sheet. */
export function addSheet(workbook: EtWorkbook, name: string): EtWorksheet {
  const sheets = workbook.Sheets;
  const sheet = workbook.Worksheets.Add(undefined, sheets.Item(sheets.Count));
  sheet.Name = name;
  return sheet;
}

function renderSheet(app: EtApplication, workbook: EtWorkbook, plan: SheetPlan, options: RenderOptions): void {
  const exists = options.existingSheets.has(plan.name);
  const sheet = exists ? options.worksheet(plan.name) : addSheet(workbook, plan.name);
  const rewrite = exists && options.rewriteSheets.has(plan.name);
  if (rewrite) sheet.Cells.Clear();

  // Column widths are in characters in ET, as in the plan; row heights in points.
  const widths = new Map<number, string[]>();
  plan.columnWidths.forEach((width, i) => {
    const letter = columnLetters(i + 1);
    widths.set(width, [...(widths.get(width) ?? []), `${letter}:${letter}`]);
  });
  for (const [width, columns] of widths) for (const chunk of addressChunks(columns)) sheet.Range(chunk).ColumnWidth = width;
  // Columns that hold what formulas and readers need (rule IDs, field keys) and no user should read.
  const hidden = (plan.hiddenColumns ?? []).map((col) => `${columnLetters(col)}:${columnLetters(col)}`);
  for (const chunk of addressChunks(hidden)) sheet.Range(chunk).Hidden = true;
  const heights = new Map<number, string[]>();
  for (const [row, height] of Object.entries(plan.rowHeights)) heights.set(height, [...(heights.get(height) ?? []), `${row}:${row}`]);
  for (const [height, rows] of heights) for (const chunk of addressChunks(rows)) sheet.Range(chunk).RowHeight = height;

  for (const cell of plan.cells) if ((cell.rowSpan ?? 1) > 1 || (cell.colSpan ?? 1) > 1) sheet.Range(areaOf(cell)).Merge();

  const styled = new Map<string, { spec: FormatSpec; unlocked: boolean; centred: boolean; areas: string[] }>();
  for (const cell of plan.cells) {
    const unlocked = cell.unlocked === true;
    const centred = cell.style === "rowLabel" && (cell.rowSpan ?? 1) > 1 && (cell.colSpan ?? 1) === 1;
    const key = `${cell.style}|${unlocked}|${centred}`;
    const group = styled.get(key) ?? { spec: FORMATS[cell.style], unlocked, centred, areas: [] };
    group.areas.push(areaOf(cell));
    styled.set(key, group);
  }
  for (const group of styled.values()) {
    for (const chunk of addressChunks(group.areas)) applyFormat(sheet.Range(chunk), group.spec, group.unlocked, group.centred);
  }

  // Labels and check formulas only; never what the user typed (input cells, and 正文 once it exists).
  const written = new Map<string, Content>();
  for (const cell of plan.cells) {
    if (cell.unlocked && cell.value === null) continue;
    if (cell.keepExisting && exists) continue;
    written.set(`${cell.row}:${cell.col}`, contentOf(cell));
  }
  for (const block of valueBlocks(plan, written, !exists || rewrite)) {
    const range = sheet.Range(blockAddress(block));
    const single = block.rows.length === 1 && block.rows[0]?.length === 1;
    range.Formula = single ? (block.rows[0]?.[0] ?? "") : block.rows;
  }

  for (const validation of plan.validations) {
    for (const chunk of addressChunks(validation.range.split(" "))) {
      const rule = sheet.Range(chunk).Validation;
      rule.Delete();
      if (validation.type === "list") {
        rule.Add(XL_DV_LIST, XL_DV_ALERT_STOP, XL_BETWEEN, (validation.list ?? []).join(","));
        rule.InCellDropdown = true;
      } else {
        const type = validation.type === "whole" ? XL_DV_WHOLE : XL_DV_DECIMAL;
        const min = String(validation.min ?? 0);
        if (validation.max !== undefined) rule.Add(type, XL_DV_ALERT_STOP, XL_BETWEEN, min, String(validation.max));
        else rule.Add(type, XL_DV_ALERT_STOP, XL_GREATER_EQUAL, min);
      }
      rule.IgnoreBlank = true;
      rule.InputTitle = validation.promptTitle;
      rule.InputMessage = validation.prompt;
      rule.ErrorTitle = validation.errorTitle;
      rule.ErrorMessage = validation.error;
      rule.ShowInput = true;
      rule.ShowError = true;
    }
  }

  const needsWindow = plan.conditionalFormats.length > 0 || (plan.freeze !== undefined && (plan.freeze.rows > 0 || plan.freeze.cols > 0));
  if (needsWindow) {
    // A hidden sheet cannot be activated; its final visibility is set below.
    sheet.Visible = XL_SHEET_VISIBLE;
    sheet.Activate();
  }

  const byRange = new Map<string, { tone: keyof typeof TONE_COLORS; formula: string }[]>();
  for (const format of plan.conditionalFormats) byRange.set(format.range, [...(byRange.get(format.range) ?? []), format]);
  let anchor: string | null = null;
  for (const [address, formats] of byRange) {
    const topLeft = address.split(":")[0] ?? address;
    if (topLeft !== anchor) sheet.Range(topLeft).Select();
    anchor = topLeft;
    const range = sheet.Range(address);
    // A new or cleared sheet has no rules; elsewhere the plan's rules replace those of the last write.
    if (exists && !rewrite) range.FormatConditions.Delete();
    for (const format of formats) {
      const rule = range.FormatConditions.Add(XL_EXPRESSION, undefined, `=${format.formula}`);
      rule.Interior.Color = etColor(TONE_COLORS[format.tone].fill);
      rule.Font.Color = etColor(TONE_COLORS[format.tone].font);
    }
  }
  if (byRange.size > 0) sheet.Range("A1").Select();

  const window = plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0) ? app.ActiveWindow : null;
  if (plan.freeze && window) {
    window.FreezePanes = false;
    window.ScrollRow = 1;
    window.ScrollColumn = 1;
    window.SplitRow = plan.freeze.rows;
    window.SplitColumn = plan.freeze.cols;
    window.FreezePanes = true;
  }

  const page = sheet.PageSetup;
  page.Orientation = plan.print.orientation === "landscape" ? XL_LANDSCAPE : XL_PORTRAIT;
  page.PaperSize = XL_PAPER_A4;
  page.CenterHorizontally = true;
  page.Zoom = false;
  page.FitToPagesWide = 1;
  page.FitToPagesTall = false;
  if (plan.print.printArea) page.PrintArea = plan.print.printArea;
  if (plan.print.titleRows) page.PrintTitleRows = `$${plan.print.titleRows.replace(":", ":$")}`;
  if (plan.print.header) page.CenterHeader = plan.print.header;

  sheet.Visible = plan.visibility === "hidden" ? XL_SHEET_HIDDEN : XL_SHEET_VISIBLE;
}

/** Writes every sheet of the plan, then the defined names that do not exist yet. */
export function renderPlan(app: EtApplication, workbook: EtWorkbook, plan: WorkbookPlan, options: RenderOptions): void {
  for (const sheet of plan.sheets) renderSheet(app, workbook, sheet, options);
  for (const name of plan.names) if (!options.existingNames.has(name.name)) workbook.Names.Add(name.name, `=${name.ref}`);
}
