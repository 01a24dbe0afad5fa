// The Office host: the only code that touches Excel.* (house style). Sync budgets, which the tests assert
// against an in-memory fake of the Excel API:
//   - a single-cell edit is validated from the event's details (ExcelApi 1.9) with zero context.sync() calls
//     (the details carry no formula: from ExcelApi 1.13 onFormulaChanged names the cell, which is then read as a
//     block, one sync; before 1.13 a formula typed into one cell is named at the next full read);
//   - a paste or fill (a multi-cell address, no details) costs one read of the affected block;
//   - inserting or deleting rows or columns, or editing a label, triggers a full re-read (two syncs);
//   - writing the whole template takes two syncs (one read, one write);
//   - event handlers never write to the workbook, and our own writes run with events switched off.

import type { CellId, ReportMeta, TableId } from "../../core/format";
import type { A1Reference } from "../../core/format";
import { TABLES, columnLetters, parseA1 } from "../../core/format";
import type { Issue } from "../../core/rules";
import { RULE_PACK } from "../../core/rules";
import type { CellChange, Confirmation, HostEvent, HostPort, TemplateResult, WorkbookSnapshot } from "../../core/session";
import { HostError } from "../../core/session";
import type { RawCell } from "../../core/values";
import { dateFromSerial, isDateFormat } from "../../core/values";
import { META_NAMES } from "../workbook/formulas";
import type { Placements, TablePlacement } from "../workbook/grid";
import { STANDARD_PLACEMENTS, a1, foreignSheet, foreignSheetMessage, locatorFor, sheetCellOf, tableName } from "../workbook/grid";
import { checkLayout, tableMissingIssue, unreadReason } from "../workbook/layout-check";
import { META_LABELS, readMetaTexts } from "../workbook/meta-values";
import { CONFIRMATION_FIRST_ROW, MAX_CONFIRMATIONS, META_ROWS, SHEET_NAMES, TEXT_FIRST_ROW, createTemplatePlan } from "../workbook/plan";
import type { UnreadCells } from "../../core/check";
import { sheetOrigins } from "../../core/check";
import type { Narrative } from "../../core/report";
import { EMPTY_NARRATIVE, NARRATIVE_FIELDS, narrativeCellContent, narrativeFromRows } from "../../core/report";
import type { ExcelRun, RequirementCheck } from "./excel-batch";
import { SyncTimeoutError, defaultExcelRun, defaultRequirementCheck, syncWithTimeout } from "./excel-batch";
import { renderPlan } from "./render-plan";

export interface OfficeHostOptions {
  readonly run?: ExcelRun;
  readonly requirements?: RequirementCheck;
  /** Give up on a sync after this long (default 15 s) and tell the user. */
  readonly syncTimeoutMs?: number;
  /** Events arriving within this window are handled together (default 40 ms). */
  readonly coalesceMs?: number;
}



type ParsedRef = A1Reference;

/** Parses "='表三'!$A$1:$J$28", "表三!D4" or "D4:J10" (with a default sheet). */
export const parseReference = parseA1;

/** Text of a primitive value from Excel (values are strings, numbers or booleans). */
/** The rows of the 正文 sheet that hold the user's parts (A key, C content), with room for inserted rows. */
function narrativeRangeAddress(): string {
  return `A${TEXT_FIRST_ROW}:C${TEXT_FIRST_ROW + NARRATIVE_FIELDS.length + 20}`;
}

function narrativeFromValues(values: readonly (readonly unknown[])[]): Narrative {
  return narrativeFromRows(
    values.map((row): [string, string | number | boolean | null] => {
      const content = row[2];
      return [stringOf(row[0]), typeof content === "number" || typeof content === "boolean" ? content : stringOf(content)];
    }),
  );
}

function stringOf(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/**
 * Raw cell content from Excel's value, value type and number format: a number shown as a date is handed over
 * as the date ("2025-03-01"), as the .xlsx reader does, since Office.js gives only its serial number.
 */
export function rawFromExcel(value: unknown, type: string | undefined, numberFormat?: unknown): RawCell {
  if (type === "Empty" || value === "" || value === null || value === undefined) return null;
  if (type === "Error") return { error: stringOf(value) };
  if (typeof value === "number" && typeof numberFormat === "string" && isDateFormat(numberFormat)) return dateFromSerial(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return stringOf(value);
}

/** The formula of a cell from Range.formulas ("=1+1"), or null when the cell holds a constant. */
export function formulaFromExcel(formula: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") ? formula : null;
}

/** One cell of a grid read with `values,valueTypes,formulas,numberFormat` (one load, one sync). */
function changeFromGrid(id: CellId, value: unknown, type: string | undefined, formula: unknown, numberFormat: unknown): CellChange {
  const raw = rawFromExcel(value, type, numberFormat);
  const written = raw === null ? null : formulaFromExcel(formula);
  return written === null ? { id, raw } : { id, raw, formula: written };
}

/** What a grid read gives (the properties every read of input cells loads together). */
const GRID_PROPERTIES = "values,valueTypes,formulas,numberFormat";

function textOf(value: unknown): string | null {
  const text = stringOf(value);
  return text === "" ? null : text;
}

interface TableIndex {
  /** "sheet!row:col" → input cell. */
  readonly inputs: ReadonlyMap<string, CellId>;
  /** Sheet → the grid rectangles of the tables on it. */
  readonly grids: ReadonlyMap<string, readonly ParsedRef[]>;
}

function indexTables(placements: Placements, found: ReadonlySet<TableId>): TableIndex {
  const inputs = new Map<string, CellId>();
  const grids = new Map<string, ParsedRef[]>();
  for (const table of TABLES) {
    if (!found.has(table.id)) continue;
    const placement = placements[table.id];
    for (const input of table.inputs) {
      const at = sheetCellOf(input.id, placements);
      inputs.set(`${at.sheet}!${at.row}:${at.col}`, input.id);
    }
    const grid: ParsedRef = {
      sheet: placement.sheet,
      row: placement.originRow,
      col: placement.originCol,
      lastRow: placement.originRow + table.rowCount - 1,
      lastCol: placement.originCol + table.colCount - 1,
    };
    grids.set(placement.sheet, [...(grids.get(placement.sheet) ?? []), grid]);
  }
  return { inputs, grids };
}

function inGrid(index: TableIndex, sheet: string, row: number, col: number): boolean {
  return (index.grids.get(sheet) ?? []).some((g) => row >= g.row && row <= g.lastRow && col >= g.col && col <= g.lastCol);
}

interface PendingEvent {
  readonly worksheetId: string;
  readonly address: string;
  readonly changeType: string;
  readonly details: { readonly valueAfter: unknown; readonly valueTypeAfter: string } | null;
}

export class OfficeHost implements HostPort {
  readonly kind = "excel" as const;
  private readonly run: ExcelRun;
  private readonly requirements: RequirementCheck;
  private readonly timeoutMs: number;
  private readonly coalesceMs: number;
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly sheetNames = new Map<string, string>();
  private readonly watchedSheets = new Set<string>();
  private placements: Placements = STANDARD_PLACEMENTS;
  private index: TableIndex = { inputs: new Map(), grids: new Map() };
  /** Input cells shown as dates at the last read: a single-cell edit there (no sync) is read as a date too. */
  private dateCells = new Set<CellId>();
  /** Input cells holding a formula at the last read: an edit there is read as a block, whatever the event says. */
  private formulaCells = new Set<CellId>();
  private pending: PendingEvent[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(options: OfficeHostOptions = {}) {
    this.run = options.run ?? defaultExcelRun;
    this.requirements = options.requirements ?? defaultRequirementCheck;
    this.timeoutMs = options.syncTimeoutMs ?? 15_000;
    this.coalesceMs = options.coalesceMs ?? 40;
  }

  private sync(context: Excel.RequestContext): Promise<void> {
    return syncWithTimeout(context, this.timeoutMs);
  }

  /**
   * Syncs writes queued between `enableEvents = false` and `enableEvents = true`. When Excel rejects one of
   * them, the operations before it stay applied — switching events off included — so events are switched
   * back on before the error is passed on. (After a timeout the batch is still running and ends with its own
   * `enableEvents = true`.)
   */
  private async syncWrites(context: Excel.RequestContext): Promise<void> {
    try {
      await this.sync(context);
    } catch (error) {
      if (!(error instanceof SyncTimeoutError)) {
        context.runtime.enableEvents = true;
        await this.sync(context).catch(() => undefined);
      }
      throw error;
    }
  }

  // --- HostPort --------------------------------------------------------------------------------------------

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async applyTemplate(meta: ReportMeta): Promise<TemplateResult> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const names = context.workbook.names;
      names.load("items/name,items/formula");
      await this.sync(context);

      const existingSheets = new Set(sheets.items.map((s) => s.name));
      const nameRefs = new Map(names.items.map((n) => [n.name, stringOf(n.formula)]));
      // The workbook is ours when it has our hidden sheet and our names of the tables: a sheet called _nianbao
      // made by someone else is refused like any other (the .xlsx reader looks at the marker in it).
      const ours = existingSheets.has(SHEET_NAMES.hidden) && TABLES.some((table) => nameRefs.has(tableName(table.id)));
      const placements = this.placementsFrom(nameRefs, existingSheets).placements;
      const plan = createTemplatePlan(meta, RULE_PACK, placements);

      // Refuse to write over a sheet of the same name that this tool did not make.
      const foreign = foreignSheet(plan.sheets, existingSheets, placements, nameRefs, ours);
      if (foreign !== null) throw new HostError(foreignSheetMessage(foreign));

      // A name whose sheet was deleted reads "=#REF!…": it is replaced, so the regenerated table is found again.
      const liveNames = new Set<string>();
      const staleNames = new Set<string>();
      for (const [name, ref] of nameRefs) {
        const parsed = parseReference(ref);
        if (parsed && existingSheets.has(parsed.sheet)) liveNames.add(name);
        else staleNames.add(name);
      }
      context.runtime.enableEvents = false;
      for (const name of staleNames) {
        if (plan.names.some((n) => n.name === name)) context.workbook.names.getItem(name).delete();
      }
      renderPlan(context, plan, {
        existingSheets,
        existingNames: liveNames,
        rewriteSheets: new Set([SHEET_NAMES.checks, SHEET_NAMES.cellChecks]),
        pageLayout: this.requirements("ExcelApi", "1.9"),
      });
      context.workbook.worksheets.getItem(SHEET_NAMES.meta).activate();
      context.runtime.enableEvents = true;
      await this.syncWrites(context);
      return { sheets: plan.sheets.map((s) => s.name) };
    });
  }

  private placementsFrom(nameRefs: ReadonlyMap<string, string>, sheets: ReadonlySet<string>): { placements: Placements; found: Set<TableId> } {
    const found = new Set<TableId>();
    const entries = TABLES.map((table): [TableId, TablePlacement] => {
      const ref = parseReference(nameRefs.get(tableName(table.id)) ?? "");
      if (ref && sheets.has(ref.sheet)) {
        found.add(table.id);
        return [table.id, { table: table.id, sheet: ref.sheet, originRow: ref.row, originCol: ref.col }];
      }
      return [table.id, STANDARD_PLACEMENTS[table.id]];
    });
    return { placements: Object.fromEntries(entries) as Record<TableId, TablePlacement>, found };
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      const names = context.workbook.names;
      names.load("items/name,items/formula");
      await this.sync(context);

      const sheetNames = new Set(sheets.items.map((s) => s.name));
      this.sheetNames.clear();
      for (const sheet of sheets.items) this.sheetNames.set(sheet.id, sheet.name);
      const nameRefs = new Map(names.items.map((n) => [n.name, stringOf(n.formula)]));
      const { placements, found } = this.placementsFrom(nameRefs, sheetNames);

      // Second sync: the three grids, the metadata cells and the confirmations, in one read; handlers are
      // registered in the same batch the first time a sheet is seen.
      const grids = new Map<TableId, Excel.Range>();
      for (const table of TABLES) {
        if (!found.has(table.id)) continue;
        const p = placements[table.id];
        const range = context.workbook.worksheets
          .getItem(p.sheet)
          .getRange(`${a1(p.originRow, p.originCol)}:${a1(p.originRow + table.rowCount - 1, p.originCol + table.colCount - 1)}`);
        range.load(GRID_PROPERTIES);
        grids.set(table.id, range);
      }
      const metaRanges = new Map<string, Excel.Range>();
      for (const key of [META_NAMES.agency, META_NAMES.year, META_NAMES.level]) {
        const ref = parseReference(nameRefs.get(key) ?? "");
        if (!ref || !sheetNames.has(ref.sheet)) continue;
        const range = context.workbook.worksheets.getItem(ref.sheet).getRange(a1(ref.row, ref.col));
        range.load("values");
        metaRanges.set(key, range);
      }
      // 简称 has no defined name: its row of 基本信息, taken when its label is there.
      let shortNameRange: Excel.Range | null = null;
      if (sheetNames.has(SHEET_NAMES.meta)) {
        shortNameRange = context.workbook.worksheets.getItem(SHEET_NAMES.meta).getRange(`A${META_ROWS.shortName}:B${META_ROWS.shortName}`);
        shortNameRange.load("values");
      }
      let textRange: Excel.Range | null = null;
      if (sheetNames.has(SHEET_NAMES.text)) {
        textRange = context.workbook.worksheets.getItem(SHEET_NAMES.text).getRange(narrativeRangeAddress());
        textRange.load("values");
      }
      let confirmationRange: Excel.Range | null = null;
      if (sheetNames.has(SHEET_NAMES.hidden)) {
        confirmationRange = context.workbook.worksheets
          .getItem(SHEET_NAMES.hidden)
          .getRange(`A${CONFIRMATION_FIRST_ROW}:C${CONFIRMATION_FIRST_ROW + MAX_CONFIRMATIONS - 1}`);
        confirmationRange.load("values");
      }
      const watch = new Set<string>([...found].map((t) => placements[t].sheet));
      if (sheetNames.has(SHEET_NAMES.meta)) watch.add(SHEET_NAMES.meta);
      if (sheetNames.has(SHEET_NAMES.text)) watch.add(SHEET_NAMES.text);
      for (const sheet of sheets.items) {
        if (watch.has(sheet.name) && !this.watchedSheets.has(sheet.id)) {
          sheet.onChanged.add((event) => this.onChanged(event));
          if (this.requirements("ExcelApi", "1.13")) sheet.onFormulaChanged.add((event) => this.onFormulaChanged(event));
          this.watchedSheets.add(sheet.id);
        }
      }
      await this.sync(context);

      this.placements = placements;
      this.index = indexTables(placements, found);
      const raw = new Map<CellId, RawCell>();
      const formulas = new Map<CellId, string>();
      const dateCells = new Set<CellId>();
      const issues: Issue[] = [];
      for (const table of TABLES) {
        const range = grids.get(table.id);
        if (!range) {
          if (found.size > 0) issues.push(tableMissingIssue(table));
          continue;
        }
        const p = placements[table.id];
        const values = range.values as unknown[][];
        const types = range.valueTypes as string[][];
        const cellFormulas = range.formulas as unknown[][];
        const formats = range.numberFormat as unknown[][];
        const at = (row: number, col: number): [unknown, string | undefined, unknown, unknown] => [
          values[row - p.originRow]?.[col - p.originCol],
          types[row - p.originRow]?.[col - p.originCol],
          cellFormulas[row - p.originRow]?.[col - p.originCol],
          formats[row - p.originRow]?.[col - p.originCol],
        ];
        const layout = checkLayout(table, p, (row, col) => textOf(at(row, col)[0]));
        issues.push(...layout.issues);
        for (const input of table.inputs) {
          if (layout.unread.has(input.id)) continue;
          const cell = sheetCellOf(input.id, placements);
          const [value, type, formula, format] = at(cell.row, cell.col);
          const change = changeFromGrid(input.id, value, type, formula, format);
          raw.set(input.id, change.raw);
          if (change.formula !== undefined) formulas.set(input.id, change.formula);
          if (typeof format === "string" && isDateFormat(format)) dateCells.add(input.id);
        }
      }
      const metaText = (key: string): string | null => textOf((metaRanges.get(key)?.values as unknown[][] | undefined)?.[0]?.[0]);
      const shortNameRow = (shortNameRange?.values as unknown[][] | undefined)?.[0];
      const metaRead = readMetaTexts({
        agency: metaText(META_NAMES.agency),
        year: metaText(META_NAMES.year),
        level: metaText(META_NAMES.level),
        shortName: textOf(shortNameRow?.[0])?.trim() === META_LABELS.shortName ? textOf(shortNameRow?.[1]) : null,
      });
      issues.push(...metaRead.issues);
      const confirmations: Confirmation[] = [];
      for (const row of (confirmationRange?.values as unknown[][] | undefined) ?? []) {
        const ruleId = textOf(row[0]);
        if (ruleId === null) continue;
        confirmations.push({ ruleId, note: textOf(row[1]) ?? "", at: textOf(row[2]) ?? "" });
      }
      const unread: UnreadCells[] = [];
      for (const table of TABLES) {
        const missing = table.inputs.filter((c) => !raw.has(c.id)).map((c) => c.id);
        if (missing.length > 0 && found.size > 0) unread.push({ cells: missing, reason: unreadReason(table, found.has(table.id)) });
      }
      this.dateCells = dateCells;
      this.formulaCells = new Set(formulas.keys());
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
          narrative: textRange === null ? null : narrativeFromValues(textRange.values as unknown[][]),
          unread,
        },
      };
    });
  }

  async select(cells: readonly CellId[]): Promise<void> {
    const first = cells[0];
    if (first === undefined) return;
    const sheet = sheetCellOf(first, this.placements).sheet;
    const onSheet = cells.map((id) => sheetCellOf(id, this.placements)).filter((c) => c.sheet === sheet);
    await this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      const rows = onSheet.map((c) => c.row);
      const cols = onSheet.map((c) => c.col);
      const contiguous =
        (new Set(rows).size === 1 && Math.max(...cols) - Math.min(...cols) === onSheet.length - 1) ||
        (new Set(cols).size === 1 && Math.max(...rows) - Math.min(...rows) === onSheet.length - 1);
      if (contiguous || onSheet.length === 1) {
        worksheet.getRange(`${a1(Math.min(...rows), Math.min(...cols))}:${a1(Math.max(...rows), Math.max(...cols))}`).select();
      } else if (this.requirements("ExcelApi", "1.9")) {
        worksheet.getRanges(onSheet.map((c) => a1(c.row, c.col)).join(",")).select();
      } else {
        // ExcelApi 1.8 selects one area: the block spanning the cells.
        worksheet.getRange(`${a1(Math.min(...rows), Math.min(...cols))}:${a1(Math.max(...rows), Math.max(...cols))}`).select();
      }
      await this.sync(context);
    });
  }

  async saveConfirmations(confirmations: readonly Confirmation[]): Promise<void> {
    if (confirmations.length > MAX_CONFIRMATIONS) throw new HostError(`确认的提示不能超过 ${MAX_CONFIRMATIONS} 项。`);
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SHEET_NAMES.hidden);
      await this.sync(context);
      if (sheet.isNullObject) throw new HostError("本工作簿还没有年报统计表，请先在“模板”页生成统计表。");
      context.runtime.enableEvents = false;
      const last = CONFIRMATION_FIRST_ROW + MAX_CONFIRMATIONS - 1;
      sheet.getRange(`A${CONFIRMATION_FIRST_ROW}:C${last}`).clear("Contents");
      if (confirmations.length > 0) {
        const range = sheet.getRange(`A${CONFIRMATION_FIRST_ROW}:C${CONFIRMATION_FIRST_ROW + confirmations.length - 1}`);
        range.numberFormat = confirmations.map(() => ["@", "@", "@"]);
        range.values = confirmations.map((c) => [c.ruleId, c.note, c.at]);
      }
      context.runtime.enableEvents = true;
      await this.syncWrites(context);
    });
  }

  /** One write sync; events are off for it, so the session re-reads afterwards. */
  async writeCells(cells: ReadonlyMap<CellId, RawCell>): Promise<void> {
    await this.run(async (context) => {
      context.runtime.enableEvents = false;
      for (const [id, raw] of cells) {
        const at = sheetCellOf(id, this.placements);
        const range = context.workbook.worksheets.getItem(at.sheet).getRange(a1(at.row, at.col));
        if (raw === null) range.clear("Contents");
        else range.values = [[typeof raw === "object" ? raw.error : raw]];
      }
      context.runtime.enableEvents = true;
      await this.syncWrites(context);
    });
  }

  /**
   * Writes the parts of 正文 the narrative holds (an import the user confirmed) into column C of their rows,
   * found by the key in hidden column A: three syncs (the sheet, its keys, the write), events off. Parts it does not hold are
   * left as they are.
   */
  async writeNarrative(narrative: Narrative): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SHEET_NAMES.text);
      await this.sync(context);
      if (sheet.isNullObject) throw new HostError("本工作簿中没有“正文”表，请先在“模板”页生成统计表。");
      const range = sheet.getRange(narrativeRangeAddress());
      range.load("values");
      await this.sync(context);
      context.runtime.enableEvents = false;
      (range.values as unknown[][]).forEach((row, i) => {
        const content = narrativeCellContent(narrative, stringOf(row[0]).trim());
        if (content === undefined) return;
        const cell = sheet.getRange(`C${TEXT_FIRST_ROW + i}`);
        if (content === null) cell.clear("Contents");
        else cell.values = [[content]];
      });
      context.runtime.enableEvents = true;
      await this.syncWrites(context);
    });
  }

  async readNarrative(): Promise<Narrative> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SHEET_NAMES.text);
      await this.sync(context);
      if (sheet.isNullObject) return EMPTY_NARRATIVE;
      const range = sheet.getRange(narrativeRangeAddress());
      range.load("values");
      await this.sync(context);
      return narrativeFromValues(range.values as unknown[][]);
    });
  }

  async writeReportText(lines: readonly string[]): Promise<string> {
    const name = "报告文本";
    await this.run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(name);
      await this.sync(context);
      context.runtime.enableEvents = false;
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(name) : existing;
      sheet.getRange().clear("Contents");
      sheet.getRange("A:A").format.columnWidth = 600;
      if (lines.length > 0) {
        const range = sheet.getRange(`A1:A${lines.length}`);
        range.numberFormat = lines.map(() => ["@"]);
        range.values = lines.map((line) => [line]);
        range.format.wrapText = true;
      }
      sheet.activate();
      context.runtime.enableEvents = true;
      await this.syncWrites(context);
    });
    return name;
  }

  // --- change events ---------------------------------------------------------------------------------------

  private onChanged(event: Excel.WorksheetChangedEventArgs): Promise<void> {
    // Event details (valueBefore/valueAfter) exist only for single-cell edits, from ExcelApi 1.9.
    const details = (event as { details?: { valueAfter: unknown; valueTypeAfter: string } }).details;
    this.pending.push({
      worksheetId: event.worksheetId,
      address: event.address,
      changeType: event.changeType,
      details: details && typeof details === "object" ? { valueAfter: details.valueAfter, valueTypeAfter: details.valueTypeAfter } : null,
    });
    this.schedule();
    return Promise.resolve();
  }

  /**
   * A formula typed, changed or removed (ExcelApi 1.13): the change event's details carry the result only, so
   * each such cell is read as a block (one sync), which brings its formula.
   */
  private onFormulaChanged(event: Excel.WorksheetFormulaChangedEventArgs): Promise<void> {
    for (const detail of event.formulaDetails ?? []) {
      this.pending.push({ worksheetId: event.worksheetId, address: detail.cellAddress, changeType: "RangeEdited", details: null });
    }
    this.schedule();
    return Promise.resolve();
  }

  private schedule(): void {
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flushing = this.flushing.then(() => this.flush());
      }, this.coalesceMs);
    }
  }

  /** Handles every pending event now (tests call this instead of waiting for the coalescing window). */
  async flushPending(): Promise<void> {
    if (this.flushTimer !== null) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    if (events.some((e) => e.changeType !== "RangeEdited")) {
      this.emit({ kind: "structure" });
      return;
    }
    const changes: CellChange[] = [];
    const reads: ParsedRef[] = [];
    let narrativeChanged = false;
    for (const event of events) {
      const sheet = this.sheetNames.get(event.worksheetId);
      if (sheet === undefined) continue;
      const ref = parseReference(event.address, sheet);
      if (ref === null) {
        // Whole rows or columns ("D:D", "3:5") or anything else unexpected: read everything again.
        this.emit({ kind: "structure" });
        return;
      }
      if (sheet === SHEET_NAMES.meta) {
        this.emit({ kind: "structure" });
        return;
      }
      if (sheet === SHEET_NAMES.text) {
        narrativeChanged = true;
        continue;
      }
      const single = ref.row === ref.lastRow && ref.col === ref.lastCol;
      if (single && event.details) {
        const id = this.index.inputs.get(`${sheet}!${ref.row}:${ref.col}`);
        if (id !== undefined && this.formulaCells.has(id)) {
          // The cell held a formula: whether it still does is not in the details.
          reads.push(ref);
        }
        else if (id !== undefined) {
          const format = this.dateCells.has(id) ? "yyyy-mm-dd" : undefined;
          changes.push({ id, raw: rawFromExcel(event.details.valueAfter, event.details.valueTypeAfter, format) });
        }
        else if (inGrid(this.index, sheet, ref.row, ref.col)) {
          this.emit({ kind: "structure" });
          return;
        }
        continue;
      }
      reads.push(ref);
    }
    if (reads.length > 0) {
      try {
        const read = await this.readBlocks(reads);
        if (read === "structure") {
          this.emit({ kind: "structure" });
          return;
        }
        changes.push(...read);
      } catch (error) {
        this.emit({ kind: "error", message: error instanceof HostError ? error.message : `读取单元格失败：${String(error)}` });
        return;
      }
    }
    if (changes.length > 0) this.emit({ kind: "cells", changes });
    if (narrativeChanged) this.emit({ kind: "narrative" });
  }

  /** One read (one sync) of every block touched by a paste or fill; "structure" if a label was touched. */
  private async readBlocks(blocks: readonly ParsedRef[]): Promise<CellChange[] | "structure"> {
    // Only the part of each block that overlaps a table is read: a paste over a whole sheet reads the tables.
    const touched: ParsedRef[] = [];
    for (const b of blocks) {
      for (const grid of this.index.grids.get(b.sheet) ?? []) {
        const row = Math.max(b.row, grid.row);
        const lastRow = Math.min(b.lastRow, grid.lastRow);
        const col = Math.max(b.col, grid.col);
        const lastCol = Math.min(b.lastCol, grid.lastCol);
        if (row <= lastRow && col <= lastCol) touched.push({ sheet: b.sheet, row, col, lastRow, lastCol });
      }
    }
    if (touched.length === 0) return [];
    return this.run(async (context) => {
      const ranges = touched.map((block) => {
        const range = context.workbook.worksheets
          .getItem(block.sheet)
          .getRange(`${columnLetters(block.col)}${block.row}:${columnLetters(block.lastCol)}${block.lastRow}`);
        range.load(GRID_PROPERTIES);
        return { block, range };
      });
      await this.sync(context);
      const changes: CellChange[] = [];
      for (const { block, range } of ranges) {
        const values = range.values as unknown[][];
        const types = range.valueTypes as string[][];
        const cellFormulas = range.formulas as unknown[][];
        const formats = range.numberFormat as unknown[][];
        for (let row = block.row; row <= block.lastRow; row += 1) {
          for (let col = block.col; col <= block.lastCol; col += 1) {
            const id = this.index.inputs.get(`${block.sheet}!${row}:${col}`);
            const value = values[row - block.row]?.[col - block.col];
            if (id !== undefined) {
              const format = formats[row - block.row]?.[col - block.col];
              const change = changeFromGrid(id, value, types[row - block.row]?.[col - block.col], cellFormulas[row - block.row]?.[col - block.col], format);
              changes.push(change);
              if (typeof format === "string" && isDateFormat(format)) this.dateCells.add(id);
              else this.dateCells.delete(id);
              if (change.formula !== undefined) this.formulaCells.add(id);
              else this.formulaCells.delete(id);
            }
            else if (inGrid(this.index, block.sheet, row, col) && textOf(value) !== null) {
              // A label inside a table changed with the paste: the layout must be checked again.
              return "structure";
            }
          }
        }
      }
      return changes;
    });
  }
}
