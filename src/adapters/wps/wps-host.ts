// The WPS host: the only code that touches WPS 表格's ET object model, behind the host port. ET is
// synchronous and VBA-style, and every member access is a call from the pane into WPS. Call budgets, which the
// tests assert against the fake of tests/support/fake-et.ts:
//   - a typed cell costs one block read (its Value2 and its Formula) once the burst it belongs to is over; a
//     paste or a fill one block read of what it covers in each table, however many events WPS raised for it;
//   - rows or columns inserted or deleted, a label or the metadata edited, one of our sheets activated or
//     another workbook brought forward trigger a full re-read (WPS may miss or merge events: this is the
//     safety net);
//   - event handlers only note what changed: nothing is read in them and nothing is ever written from them;
//   - our own writes run with EnableEvents, ScreenUpdating and DisplayAlerts off, switched back even when a
//     write fails, and events that WPS still delivers during them are ignored.

import type { A1Reference, CellId, ReportMeta, TableId } from "../../core/format";
import { TABLES, parseA1 } from "../../core/format";
import type { Issue } from "../../core/rules";
import { RULE_PACK } from "../../core/rules";
import type { CellChange, Confirmation, HostEvent, HostPort, TemplateResult, WorkbookSnapshot } from "../../core/session";
import { HostError } from "../../core/session";
import type { RawCell } from "../../core/values";
import { dateFromSerial } from "../../core/values";
import type { UnreadCells } from "../../core/check";
import { sheetOrigins } from "../../core/check";
import type { Narrative } from "../../core/report";
import { EMPTY_NARRATIVE, NARRATIVE_FIELDS, narrativeCellContent, narrativeFromRows } from "../../core/report";
import { META_NAMES } from "../workbook/formulas";
import type { Placements, TablePlacement } from "../workbook/grid";
import { STANDARD_PLACEMENTS, a1, foreignSheet, foreignSheetMessage, locatorFor, sheetCellOf, tableName } from "../workbook/grid";
import { checkLayout, tableMissingIssue, unreadReason } from "../workbook/layout-check";
import { META_LABELS, readMetaTexts } from "../workbook/meta-values";
import {
  CONFIRMATION_FIRST_ROW,
  MAX_CONFIRMATIONS,
  META_ROWS,
  SHEET_NAMES,
  TEMPLATE_MARKER,
  TEMPLATE_MARKER_CELL,
  TEXT_FIRST_ROW,
  createTemplatePlan,
} from "../workbook/plan";
import type { EtApplication, EtRange, EtSheets, EtWorkbook, EtWorksheet } from "./et-api";
import { MAX_ADDRESS_LENGTH, isWorksheet } from "./et-api";
import { addSheet, renderPlan } from "./render-plan";

export interface WpsHostOptions {
  /** Events arriving within this window are handled together (default 40 ms). */
  readonly coalesceMs?: number;
}

type Rect = A1Reference;

const REPORT_TEXT_SHEET = "报告文本";

/** A paste over many separate areas is followed by a full re-read rather than area by area. */
const MAX_EVENT_AREAS = 64;

// --- values --------------------------------------------------------------------------------------------------

const ERROR_TEXTS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

/**
 * Error values as a COM bridge may hand them over: the VT_ERROR code (0x800A0000 + xlErr…) as a signed
 * number. No count or amount can take these values.
 */
const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [-2146826288, "#NULL!"],
  [-2146826281, "#DIV/0!"],
  [-2146826273, "#VALUE!"],
  [-2146826265, "#REF!"],
  [-2146826259, "#NAME?"],
  [-2146826252, "#NUM!"],
  [-2146826246, "#N/A"],
]);

/** Raw cell content from a Value2 entry: empty (undefined, null or ""), a number, text, a boolean or an error. */
export function rawFromEt(value: unknown): RawCell {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") {
    const error = ERROR_CODES.get(value);
    return error === undefined ? value : { error };
  }
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return ERROR_TEXTS.has(value.trim().toUpperCase()) ? { error: value.trim().toUpperCase() } : value;
  return null;
}

/**
 * Whether the Formula of a cell holding a number shows it as a date or a time: ET, like Excel's object model,
 * hands a date constant over as its text ("2025/3/1", "3/1/2025", "2025年3月1日", "8:30"), other numbers as
 * the number. Value2 gives only the serial number, and NumberFormat of a block is one format or none.
 */
function isDateConstant(formula: unknown): boolean {
  return typeof formula === "string" && !formula.startsWith("=") && /\d\s*(?:[/:年月日]|-\s*\d)/.test(formula);
}

/**
 * One input cell from its Value2 and its Formula (read as two blocks, ET's one way to tell a formula's cached
 * result from a value typed as it is): a date constant is handed over as the ISO date, as the .xlsx reader does.
 */
export function changeFromEt(id: CellId, value: unknown, formula: unknown): CellChange {
  const raw = rawFromEt(value);
  if (typeof raw === "number" && isDateConstant(formula)) return { id, raw: dateFromSerial(raw) };
  if (raw !== null && typeof formula === "string" && formula.startsWith("=")) return { id, raw, formula };
  return { id, raw };
}

function stringOf(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

function textOf(value: unknown): string | null {
  const text = stringOf(value);
  return text === "" ? null : text;
}

/**
 * A block's Value2 as rows × cols: ET gives a scalar for one cell and rows of values for a block; a single row
 * or column handed over flat is accepted as well.
 */
export function rowsOf(value: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(value)) return [[value]];
  const items = value as unknown[];
  if (items.every((item) => Array.isArray(item))) return items as unknown[][];
  if (rows === 1) return [items];
  if (cols === 1) return items.map((item) => [item]);
  const grid: unknown[][] = [];
  for (let r = 0; r < rows; r += 1) grid.push(items.slice(r * cols, (r + 1) * cols));
  return grid;
}

function rectAddress(rect: Rect): string {
  const first = a1(rect.row, rect.col);
  return rect.row === rect.lastRow && rect.col === rect.lastCol ? first : `${first}:${a1(rect.lastRow, rect.lastCol)}`;
}

function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const lastRow = Math.min(a.lastRow, b.lastRow);
  const col = Math.max(a.col, b.col);
  const lastCol = Math.min(a.lastCol, b.lastCol);
  return row <= lastRow && col <= lastCol ? { sheet: a.sheet, row, col, lastRow, lastCol } : null;
}

function span(a: Rect, row: number, col: number): Rect {
  return { sheet: a.sheet, row: Math.min(a.row, row), col: Math.min(a.col, col), lastRow: Math.max(a.lastRow, row), lastCol: Math.max(a.lastCol, col) };
}

/** The areas of an address as ET writes it ("D4", "D4:J28", "D4,F6:G7"); null for whole rows or columns. */
function areasOf(address: string | null, sheet: string): Rect[] | null {
  if (address === null) return null;
  const parts = address.split(",");
  if (parts.length > MAX_EVENT_AREAS) return null;
  const areas: Rect[] = [];
  for (const part of parts) {
    const area = parseA1(part.trim(), sheet);
    if (area === null) return null;
    areas.push({ ...area, sheet });
  }
  return areas;
}

// --- reading the object model ------------------------------------------------------------------------------

/** Name of a sheet handed over by an event or a collection (worksheets and chart sheets both have one). */
function sheetNameOf(item: unknown): string | null {
  if (typeof item !== "object" || item === null) return null;
  const name = (item as { Name?: unknown }).Name;
  return typeof name === "string" ? name : null;
}

function isRange(value: unknown): value is Pick<EtRange, "Address"> {
  return typeof value === "object" && value !== null && typeof (value as { Address?: unknown }).Address === "function";
}

function sheetNamesOf(workbook: EtWorkbook): string[] {
  const sheets: EtSheets = workbook.Sheets;
  const names: string[] = [];
  for (let i = 1, count = sheets.Count; i <= count; i += 1) {
    const name = sheetNameOf(sheets.Item(i));
    if (name !== null) names.push(name);
  }
  return names;
}

function worksheetOf(workbook: EtWorkbook, name: string): EtWorksheet {
  const item = workbook.Worksheets.Item(name);
  if (!isWorksheet(item)) throw new HostError(`工作簿中的“${name}”不是普通工作表，无法读写。`);
  return item;
}

function namesOf(workbook: EtWorkbook): Map<string, string> {
  const names = workbook.Names;
  const refs = new Map<string, string>();
  for (let i = 1, count = names.Count; i <= count; i += 1) {
    const item = names.Item(i);
    refs.set(item.Name, stringOf(item.RefersTo));
  }
  return refs;
}

function placementsFrom(nameRefs: ReadonlyMap<string, string>, sheets: ReadonlySet<string>): { placements: Placements; found: Set<TableId> } {
  const found = new Set<TableId>();
  const entries = TABLES.map((table): [TableId, TablePlacement] => {
    const ref = parseA1(nameRefs.get(tableName(table.id)) ?? "");
    if (ref && sheets.has(ref.sheet)) {
      found.add(table.id);
      return [table.id, { table: table.id, sheet: ref.sheet, originRow: ref.row, originCol: ref.col }];
    }
    return [table.id, STANDARD_PLACEMENTS[table.id]];
  });
  const placements = {} as Record<TableId, TablePlacement>;
  for (const [id, placement] of entries) placements[id] = placement;
  return { placements, found };
}

/** The rows of the 正文 sheet that hold the user's parts (A key, C content), with room for inserted rows. */
function narrativeRangeAddress(): string {
  return `A${TEXT_FIRST_ROW}:C${TEXT_FIRST_ROW + NARRATIVE_FIELDS.length + 20}`;
}

function narrativeRows(): number {
  return NARRATIVE_FIELDS.length + 21;
}

function narrativeFromValues(values: readonly (readonly unknown[])[]): Narrative {
  return narrativeFromRows(
    values.map((row): [string, string | number | boolean | null] => {
      const content = row[2];
      return [stringOf(row[0]), typeof content === "number" || typeof content === "boolean" ? content : stringOf(content)];
    }),
  );
}

/** Runs synchronous ET calls as the port's promise: an error thrown by ET becomes the rejection. */
function run<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/** Switching a setting back must not hide the error that made the write stop. */
function restore(step: () => void): void {
  try {
    step();
  } catch {
    // Nothing better to do: the original outcome is reported.
  }
}

interface TableIndex {
  /** "sheet!row:col" of an input cell's top-left cell → the cell. */
  readonly inputs: ReadonlyMap<string, CellId>;
  /** Every sheet cell an input cell covers (merged inputs cover several) → the cell. */
  readonly covered: ReadonlyMap<string, CellId>;
  /** Sheet → the grid rectangles of the tables on it. */
  readonly grids: ReadonlyMap<string, readonly Rect[]>;
}

const NO_TABLES: TableIndex = { inputs: new Map(), covered: new Map(), grids: new Map() };

function indexTables(placements: Placements, found: ReadonlySet<TableId>): TableIndex {
  const inputs = new Map<string, CellId>();
  const covered = new Map<string, CellId>();
  const grids = new Map<string, Rect[]>();
  for (const table of TABLES) {
    if (!found.has(table.id)) continue;
    const placement = placements[table.id];
    for (const input of table.inputs) {
      const at = sheetCellOf(input.id, placements);
      inputs.set(`${at.sheet}!${at.row}:${at.col}`, input.id);
      for (let r = 0; r < input.rowSpan; r += 1) for (let c = 0; c < input.colSpan; c += 1) covered.set(`${at.sheet}!${at.row + r}:${at.col + c}`, input.id);
    }
    const grid: Rect = {
      sheet: placement.sheet,
      row: placement.originRow,
      col: placement.originCol,
      lastRow: placement.originRow + table.rowCount - 1,
      lastCol: placement.originCol + table.colCount - 1,
    };
    grids.set(placement.sheet, [...(grids.get(placement.sheet) ?? []), grid]);
  }
  return { inputs, covered, grids };
}

type PendingEvent =
  /** Cells of a sheet changed; the address is null when ET's range could not be read. */
  | { readonly kind: "change"; readonly sheet: string; readonly address: string | null }
  | { readonly kind: "structure" };

export class WpsHost implements HostPort {
  readonly kind = "wps" as const;
  private readonly coalesceMs: number;
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private placements: Placements = STANDARD_PLACEMENTS;
  private index: TableIndex = NO_TABLES;
  /** Our sheets whose activation is followed by a full re-read (the tables, 基本信息, 正文). */
  private watched: ReadonlySet<string> = new Set();
  private pending: PendingEvent[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private listening = false;
  /** Depth of our own operations on the workbook: events raised meanwhile are our own. */
  private busy = 0;

  constructor(
    private readonly app: EtApplication,
    options: WpsHostOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 40;
  }

  // --- HostPort ------------------------------------------------------------------------------------------

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.listening) this.listen();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopListening();
    };
  }

  applyTemplate(meta: ReportMeta): Promise<TemplateResult> {
    return run(() => {
      const workbook = this.workbook();
      const existingSheets = new Set(sheetNamesOf(workbook));
      const nameRefs = namesOf(workbook);
      // The workbook is ours when its hidden sheet carries the marker: a sheet of that name made by someone
      // else is refused like any other.
      const ours =
        existingSheets.has(SHEET_NAMES.hidden) && textOf(worksheetOf(workbook, SHEET_NAMES.hidden).Range(TEMPLATE_MARKER_CELL).Value2) === TEMPLATE_MARKER;
      const { placements } = placementsFrom(nameRefs, existingSheets);
      const plan = createTemplatePlan(meta, RULE_PACK, placements);

      // Refuse to write over a sheet of the same name that this tool did not make (nothing is written yet).
      const foreign = foreignSheet(plan.sheets, existingSheets, placements, nameRefs, ours);
      if (foreign !== null) throw new HostError(foreignSheetMessage(foreign));

      // A name whose sheet was deleted reads "=#REF!…": it is replaced, so the regenerated table is found again.
      const liveNames = new Set<string>();
      const staleNames: string[] = [];
      for (const [name, ref] of nameRefs) {
        const parsed = parseA1(ref);
        if (parsed && existingSheets.has(parsed.sheet)) liveNames.add(name);
        else if (plan.names.some((n) => n.name === name)) staleNames.push(name);
      }

      return this.writing((book) => {
        const relock: EtWorksheet[] = [];
        try {
          // Lift the template's own protection (no password) from every sheet first: a password stops the
          // write before anything is changed.
          for (const sheet of plan.sheets) {
            if (!existingSheets.has(sheet.name)) continue;
            const worksheet = worksheetOf(book, sheet.name);
            if (this.unprotect(worksheet, sheet.name)) relock.push(worksheet);
          }
          for (const name of staleNames) book.Names.Item(name).Delete();
          renderPlan(this.app, book, plan, {
            existingSheets,
            existingNames: liveNames,
            rewriteSheets: new Set<string>([SHEET_NAMES.checks, SHEET_NAMES.cellChecks]),
            worksheet: (name) => worksheetOf(book, name),
          });
          worksheetOf(book, SHEET_NAMES.meta).Activate();
        } finally {
          for (const worksheet of relock) restore(() => worksheet.Protect());
        }
        return { sheets: plan.sheets.map((s) => s.name) };
      });
    });
  }

  readSnapshot(): Promise<WorkbookSnapshot> {
    return run(() => this.snapshot());
  }

  select(cells: readonly CellId[]): Promise<void> {
    const first = cells[0];
    if (first === undefined) return Promise.resolve();
    const sheet = sheetCellOf(first, this.placements).sheet;
    const onSheet = cells.map((id) => sheetCellOf(id, this.placements)).filter((c) => c.sheet === sheet);
    const rows = onSheet.map((c) => c.row);
    const cols = onSheet.map((c) => c.col);
    const block = rectAddress({ sheet, row: Math.min(...rows), col: Math.min(...cols), lastRow: Math.max(...rows), lastCol: Math.max(...cols) });
    const contiguous =
      onSheet.length === 1 ||
      (new Set(rows).size === 1 && Math.max(...cols) - Math.min(...cols) === onSheet.length - 1) ||
      (new Set(cols).size === 1 && Math.max(...rows) - Math.min(...rows) === onSheet.length - 1);
    // Scattered cells are selected one by one, as long as ET takes the address; else the block spanning them.
    const list = onSheet.map((c) => a1(c.row, c.col)).join(",");
    const address = contiguous || list.length > MAX_ADDRESS_LENGTH ? block : list;
    return run(() =>
      this.writing((workbook) => {
        const worksheet = worksheetOf(workbook, sheet);
        worksheet.Activate();
        worksheet.Range(address).Select();
      }),
    );
  }

  saveConfirmations(confirmations: readonly Confirmation[]): Promise<void> {
    return run(() => {
      if (confirmations.length > MAX_CONFIRMATIONS) throw new HostError(`确认的提示不能超过 ${MAX_CONFIRMATIONS} 项。`);
      if (!sheetNamesOf(this.workbook()).includes(SHEET_NAMES.hidden)) throw new HostError("本工作簿还没有年报统计表，请先在“模板”页生成统计表。");
      this.writing((workbook) => {
        const sheet = worksheetOf(workbook, SHEET_NAMES.hidden);
        const relock = this.unprotect(sheet, SHEET_NAMES.hidden);
        try {
          sheet.Range(`A${CONFIRMATION_FIRST_ROW}:C${CONFIRMATION_FIRST_ROW + MAX_CONFIRMATIONS - 1}`).ClearContents();
          if (confirmations.length > 0) {
            const range = sheet.Range(`A${CONFIRMATION_FIRST_ROW}:C${CONFIRMATION_FIRST_ROW + confirmations.length - 1}`);
            // Text format first, so that the note and the ISO time stay text.
            range.NumberFormat = "@";
            range.Value2 = confirmations.map((c) => [c.ruleId, c.note, c.at]);
          }
        } finally {
          if (relock) restore(() => sheet.Protect());
        }
      });
    });
  }

  /** One write per cell, events off; the session re-reads afterwards. */
  writeCells(cells: ReadonlyMap<CellId, RawCell>): Promise<void> {
    return run(() =>
      this.writing((workbook) => {
        const sheets = new Map<string, EtWorksheet>();
        for (const [id, raw] of cells) {
          const at = sheetCellOf(id, this.placements);
          let sheet = sheets.get(at.sheet);
          if (!sheet) {
            sheet = worksheetOf(workbook, at.sheet);
            sheets.set(at.sheet, sheet);
          }
          const range = sheet.Range(a1(at.row, at.col));
          if (raw === null) range.ClearContents();
          else range.Value2 = typeof raw === "object" ? raw.error : raw;
        }
      }),
    );
  }

  /**
   * Writes the parts of 正文 the narrative holds (an import the user confirmed) into column C of their rows, found
   * by the key in hidden column A: one read, one write per part, events off. Parts it does not hold are left.
   */
  writeNarrative(narrative: Narrative): Promise<void> {
    return run(() =>
      this.writing((workbook) => {
        if (!sheetNamesOf(workbook).includes(SHEET_NAMES.text)) throw new HostError("本工作簿中没有“正文”表，请先在“模板”页生成统计表。");
        const sheet = worksheetOf(workbook, SHEET_NAMES.text);
        const relock = this.unprotect(sheet, SHEET_NAMES.text);
        try {
          rowsOf(sheet.Range(narrativeRangeAddress()).Value2, narrativeRows(), 3).forEach((row, i) => {
            const content = narrativeCellContent(narrative, textOf(row[0])?.trim() ?? "");
            if (content === undefined) return;
            const cell = sheet.Range(`C${TEXT_FIRST_ROW + i}`);
            if (content === null) cell.ClearContents();
            else cell.Value2 = content;
          });
        } finally {
          if (relock) restore(() => sheet.Protect());
        }
      }),
    );
  }

  readNarrative(): Promise<Narrative> {
    return run(() => {
      const workbook = this.workbook();
      if (!sheetNamesOf(workbook).includes(SHEET_NAMES.text)) return EMPTY_NARRATIVE;
      const values = worksheetOf(workbook, SHEET_NAMES.text).Range(narrativeRangeAddress()).Value2;
      return narrativeFromValues(rowsOf(values, narrativeRows(), 3));
    });
  }

  writeReportText(lines: readonly string[]): Promise<string> {
    return run(() =>
      this.writing((workbook) => {
        const exists = sheetNamesOf(workbook).includes(REPORT_TEXT_SHEET);
        const sheet = exists ? worksheetOf(workbook, REPORT_TEXT_SHEET) : addSheet(workbook, REPORT_TEXT_SHEET);
        const relock = exists && this.unprotect(sheet, REPORT_TEXT_SHEET);
        try {
          sheet.Cells.ClearContents();
          sheet.Range("A:A").ColumnWidth = 100;
          if (lines.length > 0) {
            const range = sheet.Range(`A1:A${lines.length}`);
            range.NumberFormat = "@";
            range.Value2 = lines.map((line) => [line]);
            range.WrapText = true;
          }
          sheet.Activate();
        } finally {
          if (relock) restore(() => sheet.Protect());
        }
        return REPORT_TEXT_SHEET;
      }),
    );
  }

  /** Handles every pending event now (tests and benches call this instead of waiting for the window). */
  flushPending(): Promise<void> {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.flush();
    return Promise.resolve();
  }

  // --- the workbook --------------------------------------------------------------------------------------

  private workbook(): EtWorkbook {
    const workbook = this.app.ActiveWorkbook;
    if (!workbook) throw new HostError("WPS 表格中没有打开的工作簿。请先打开或新建一个工作簿，再点击“重新校验”。");
    return workbook;
  }

  /**
   * Our writes: events, screen updating and alerts (a merge asks before dropping values) off, and back on
   * afterwards whatever happened. Events go back on rather than to what they were: the pane lives on them.
   */
  private writing<T>(write: (workbook: EtWorkbook) => T): T {
    const app = this.app;
    const screenUpdating = app.ScreenUpdating;
    const displayAlerts = app.DisplayAlerts;
    this.busy += 1;
    try {
      app.EnableEvents = false;
      app.ScreenUpdating = false;
      app.DisplayAlerts = false;
      return write(this.workbook());
    } finally {
      restore(() => (app.EnableEvents = true));
      restore(() => (app.ScreenUpdating = screenUpdating));
      restore(() => (app.DisplayAlerts = displayAlerts));
      this.busy -= 1;
    }
  }

  /**
   * Lifts a protection without a password — the template's own, as the .xlsx writer sets it — so the sheet
   * can be written; returns whether it has to be put back. The empty password makes ET fail rather than ask.
   */
  private unprotect(sheet: EtWorksheet, name: string): boolean {
    if (!sheet.ProtectContents) return false;
    try {
      sheet.Unprotect("");
    } catch {
      throw new HostError(`工作表“${name}”设置了保护密码，年报助手无法写入。请先在“审阅”选项卡中撤消该工作表的保护，再重试。`);
    }
    return true;
  }

  private snapshot(): WorkbookSnapshot {
    const workbook = this.workbook();
    const sheetNames = new Set(sheetNamesOf(workbook));
    const nameRefs = namesOf(workbook);
    const { placements, found } = placementsFrom(nameRefs, sheetNames);
    const read = (sheet: string, rect: Rect): unknown[][] =>
      rowsOf(worksheetOf(workbook, sheet).Range(rectAddress(rect)).Value2, rect.lastRow - rect.row + 1, rect.lastCol - rect.col + 1);

    const raw = new Map<CellId, RawCell>();
    const formulas = new Map<CellId, string>();
    const issues: Issue[] = [];
    for (const table of TABLES) {
      if (!found.has(table.id)) {
        if (found.size > 0) issues.push(tableMissingIssue(table));
        continue;
      }
      const p = placements[table.id];
      const grid: Rect = { sheet: p.sheet, row: p.originRow, col: p.originCol, lastRow: p.originRow + table.rowCount - 1, lastCol: p.originCol + table.colCount - 1 };
      const values = read(p.sheet, grid);
      const cellFormulas = rowsOf(worksheetOf(workbook, p.sheet).Range(rectAddress(grid)).Formula, table.rowCount, table.colCount);
      const at = (row: number, col: number): unknown => values[row - p.originRow]?.[col - p.originCol];
      const layout = checkLayout(table, p, (row, col) => textOf(at(row, col)));
      issues.push(...layout.issues);
      for (const input of table.inputs) {
        if (layout.unread.has(input.id)) continue;
        const cell = sheetCellOf(input.id, placements);
        const change = changeFromEt(input.id, at(cell.row, cell.col), cellFormulas[cell.row - p.originRow]?.[cell.col - p.originCol]);
        raw.set(input.id, change.raw);
        if (change.formula !== undefined) formulas.set(input.id, change.formula);
      }
    }
    const metaText = (key: string): string | null => {
      const ref = parseA1(nameRefs.get(key) ?? "");
      if (!ref || !sheetNames.has(ref.sheet)) return null;
      return textOf(read(ref.sheet, { ...ref, lastRow: ref.row, lastCol: ref.col })[0]?.[0]);
    };
    // 简称 has no defined name: its row of 基本信息, taken when its label is there.
    const shortNameRow = sheetNames.has(SHEET_NAMES.meta)
      ? read(SHEET_NAMES.meta, { sheet: SHEET_NAMES.meta, row: META_ROWS.shortName, col: 1, lastRow: META_ROWS.shortName, lastCol: 2 })[0]
      : undefined;
    const metaRead = readMetaTexts({
      agency: metaText(META_NAMES.agency),
      year: metaText(META_NAMES.year),
      level: metaText(META_NAMES.level),
      shortName: textOf(shortNameRow?.[0])?.trim() === META_LABELS.shortName ? textOf(shortNameRow?.[1]) : null,
    });
    issues.push(...metaRead.issues);
    const confirmations: Confirmation[] = [];
    if (sheetNames.has(SHEET_NAMES.hidden)) {
      const rows = read(SHEET_NAMES.hidden, {
        sheet: SHEET_NAMES.hidden,
        row: CONFIRMATION_FIRST_ROW,
        col: 1,
        lastRow: CONFIRMATION_FIRST_ROW + MAX_CONFIRMATIONS - 1,
        lastCol: 3,
      });
      for (const row of rows) {
        const ruleId = textOf(row[0]);
        if (ruleId === null) continue;
        confirmations.push({ ruleId, note: textOf(row[1]) ?? "", at: textOf(row[2]) ?? "" });
      }
    }
    const narrative = sheetNames.has(SHEET_NAMES.text)
      ? narrativeFromValues(rowsOf(worksheetOf(workbook, SHEET_NAMES.text).Range(narrativeRangeAddress()).Value2, narrativeRows(), 3))
      : null;
    const unread: UnreadCells[] = [];
    for (const table of TABLES) {
      const missing = table.inputs.filter((c) => !raw.has(c.id)).map((c) => c.id);
      if (missing.length > 0 && found.size > 0) unread.push({ cells: missing, reason: unreadReason(table, found.has(table.id)) });
    }

    this.placements = placements;
    this.index = indexTables(placements, found);
    const watched = new Set<string>([...found].map((t) => placements[t].sheet));
    if (sheetNames.has(SHEET_NAMES.meta)) watched.add(SHEET_NAMES.meta);
    if (sheetNames.has(SHEET_NAMES.text)) watched.add(SHEET_NAMES.text);
    this.watched = watched;

    return {
      hasTemplate: found.size === TABLES.length,
      source: {
        kind: "workbook",
        meta: metaRead.meta,
        cells: raw,
        origins: sheetOrigins(raw.keys(), locatorFor(placements)),
        formulas,
        structure: issues,
        confirmations,
        narrative,
        unread,
      },
    };
  }

  // --- events --------------------------------------------------------------------------------------------

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private listen(): void {
    const events = this.app.ApiEvent;
    events.AddApiEventListener("SheetChange", this.onSheetChange);
    events.AddApiEventListener("SheetActivate", this.onSheetActivate);
    try {
      events.AddApiEventListener("WorkbookActivate", this.onWorkbookActivate);
    } catch {
      // Optional: without it, switching workbooks is caught by the next SheetActivate of our sheets.
    }
    this.listening = true;
  }

  private stopListening(): void {
    const events = this.app.ApiEvent;
    restore(() => events.RemoveApiEventListener("SheetChange", this.onSheetChange));
    restore(() => events.RemoveApiEventListener("SheetActivate", this.onSheetActivate));
    restore(() => events.RemoveApiEventListener("WorkbookActivate", this.onWorkbookActivate));
    this.listening = false;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
  }

  // Handlers only note the event (two calls: the sheet's name and the range's address); they never read cells
  // and never write. An error inside them must not reach WPS.
  private readonly onSheetChange = (sheet: EtWorksheet, target: unknown): void => {
    if (this.busy > 0) return;
    try {
      const name = sheetNameOf(sheet);
      if (name === null) this.note({ kind: "structure" });
      else this.note({ kind: "change", sheet: name, address: isRange(target) ? target.Address(false, false) : null });
    } catch {
      this.note({ kind: "structure" });
    }
  };

  private readonly onSheetActivate = (sheet: unknown): void => {
    if (this.busy > 0) return;
    try {
      const name = sheetNameOf(sheet);
      if (name === null || this.watched.has(name)) this.note({ kind: "structure" });
    } catch {
      this.note({ kind: "structure" });
    }
  };

  private readonly onWorkbookActivate = (): void => {
    if (this.busy > 0) return;
    this.note({ kind: "structure" });
  };

  private note(event: PendingEvent): void {
    this.pending.push(event);
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush();
      }, this.coalesceMs);
    }
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    const outcome = this.changedBlocks(events);
    if (outcome === "structure") {
      this.emit({ kind: "structure" });
      return;
    }
    const changes: CellChange[] = [];
    if (outcome.blocks.length > 0) {
      try {
        changes.push(...this.readBlocks(outcome.blocks));
      } catch (error) {
        this.emit({ kind: "error", message: error instanceof HostError ? error.message : `读取单元格失败：${String(error)}` });
        return;
      }
    }
    if (changes.length > 0) this.emit({ kind: "cells", changes });
    if (outcome.narrative) this.emit({ kind: "narrative" });
  }

  /**
   * The part of each table the burst touched, as one rectangle per table (so that a paste reported cell by
   * cell is read in one call); "structure" when a label, the metadata or whole rows or columns changed.
   */
  private changedBlocks(events: readonly PendingEvent[]): { blocks: Rect[]; narrative: boolean } | "structure" {
    const blocks = new Map<string, Rect>();
    let narrative = false;
    for (const event of events) {
      if (event.kind === "structure") return "structure";
      if (!this.watched.has(event.sheet)) continue;
      if (event.sheet === SHEET_NAMES.text) {
        narrative = true;
        continue;
      }
      if (event.sheet === SHEET_NAMES.meta) return "structure";
      const grids = this.index.grids.get(event.sheet) ?? [];
      const areas = areasOf(event.address, event.sheet);
      if (areas === null) return "structure";
      for (const area of areas) {
        for (const [i, grid] of grids.entries()) {
          const cut = intersect(area, grid);
          if (cut === null) continue;
          let block = blocks.get(`${event.sheet}#${i}`) ?? cut;
          for (let row = cut.row; row <= cut.lastRow; row += 1) {
            for (let col = cut.col; col <= cut.lastCol; col += 1) {
              const id = this.index.covered.get(`${event.sheet}!${row}:${col}`);
              // Anything in a table but an input cell is a label: the layout must be checked again.
              if (id === undefined) return "structure";
              const topLeft = sheetCellOf(id, this.placements);
              block = span(span(block, row, col), topLeft.row, topLeft.col);
            }
          }
          blocks.set(`${event.sheet}#${i}`, block);
        }
      }
    }
    return { blocks: [...blocks.values()], narrative };
  }

  /** One block read per block: its Value2 and its Formula. */
  private readBlocks(blocks: readonly Rect[]): CellChange[] {
    const workbook = this.workbook();
    const changes: CellChange[] = [];
    for (const block of blocks) {
      const rows = block.lastRow - block.row + 1;
      const cols = block.lastCol - block.col + 1;
      const range = worksheetOf(workbook, block.sheet).Range(rectAddress(block));
      const values = rowsOf(range.Value2, rows, cols);
      const cellFormulas = rowsOf(range.Formula, rows, cols);
      for (let row = block.row; row <= block.lastRow; row += 1) {
        for (let col = block.col; col <= block.lastCol; col += 1) {
          const id = this.index.inputs.get(`${block.sheet}!${row}:${col}`);
          if (id !== undefined) changes.push(changeFromEt(id, values[row - block.row]?.[col - block.col], cellFormulas[row - block.row]?.[col - block.col]));
        }
      }
    }
    return changes;
  }
}
