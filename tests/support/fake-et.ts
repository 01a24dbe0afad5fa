// An in-memory fake of the part of WPS 表格's ET object model that src/adapters/wps uses — the members of
// src/adapters/wps/et-api.ts, picked from the et-jsapi-declare typings — for tests and benches of the WPS host
// without WPS, and for the built WPS pane in Chromium (it uses no Node API, so esbuild can bundle it for the
// browser). It keeps ET's programming model where the host depends on it:
//   - calls are synchronous. Every member access counts as a call; reading cell content (Value2, Formula,
//     NumberFormat) also counts as a read; changing the workbook or its view (a property set, Merge, Clear, Add,
//     Delete, Activate, Select, Protect…) as a write. Settings of the Application (EnableEvents…) are calls only;
//   - Value2 is a scalar for one cell and rows of values for a block; empty cells read as undefined; error
//     values read as their text ("#N/A"), or with `errorValues: "code"` as COM error codes (-2146826246);
//   - text entered is converted as on entry ("12" → 12, "TRUE" → true, "#N/A" → an error) unless the cell's
//     number format is "@"; "=…" is stored as a formula, never calculated (it reads as empty);
//   - ApiEvent listeners are called synchronously as the user acts — SheetChange for typing, a paste, a fill,
//     clearing, rows or columns inserted or deleted; SheetActivate; WorkbookActivate — and for the add-in's own
//     writes, unless EnableEvents is false (with `ignoreEnableEvents`, as a WPS that delivers them anyway);
//   - the traps of the VBA-style model: Validation.Add fails on cells that have validation; Range.Select fails
//     on a sheet that is not active; a hidden sheet cannot be activated; an address longer than 255 characters
//     fails; a locked cell of a protected sheet cannot be written, nor any of its cells formatted; Unprotect with
//     the wrong password fails; a block of values may not cover part of a merged area; merging cells that hold
//     values asks first while DisplayAlerts is on; the
//     formula of a new FormatCondition is read against the active cell, which the fake records.
// Choices of the fake, where WPS does more: formulas are not calculated; a fill repeats its source (no
// series); a multi-area range takes formatting and scalar writes, never reads; sheet names compare
// case-insensitively, as in ET.

import type {
  ActivateListener,
  EtApiEvent,
  EtApplication,
  EtBorders,
  EtEventName,
  EtFont,
  EtFormatCondition,
  EtFormatConditions,
  EtInterior,
  EtName,
  EtNames,
  EtPageSetup,
  EtRange,
  EtSheets,
  EtValidation,
  EtWindow,
  EtWorkbook,
  EtWorksheet,
  SheetChangeListener,
} from "../../src/adapters/wps/et-api";
import { XL_SHEET_HIDDEN, XL_SHEET_VISIBLE } from "../../src/adapters/wps/et-api";
import { dateFromSerial, isDateFormat } from "../../src/core/values";

export type Scalar = string | number | boolean;

/** What a cell holds: nothing, a constant, or an error value. */
type Content = Scalar | { readonly error: string } | null;

export interface FakeEtOptions {
  /** How Value2 hands over error values (default "text"). */
  readonly errorValues?: "text" | "code";
  /** A paste raises one SheetChange for the block (default) or one per cell. */
  readonly pasteEvents?: "block" | "perCell";
  /** Listeners are called for the add-in's own writes even while EnableEvents is false. */
  readonly ignoreEnableEvents?: boolean;
  /** No workbook is open (ActiveWorkbook is null). */
  readonly withoutWorkbook?: boolean;
}

// --- addresses ---------------------------------------------------------------------------------------------

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const MAX_ADDRESS = 255;

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

function letters(col: number): string {
  let text = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

function columnNumber(text: string): number {
  let col = 0;
  for (const ch of text.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

function cellAddress(row: number, col: number, absolute = false): string {
  return absolute ? `$${letters(col)}$${row}` : `${letters(col)}${row}`;
}

export function rectAddress(rect: Rect, absolute = false): string {
  if (rect.col === 1 && rect.lastCol === MAX_COL) return absolute ? `$${rect.row}:$${rect.lastRow}` : `${rect.row}:${rect.lastRow}`;
  if (rect.row === 1 && rect.lastRow === MAX_ROW) return absolute ? `$${letters(rect.col)}:$${letters(rect.lastCol)}` : `${letters(rect.col)}:${letters(rect.lastCol)}`;
  const first = cellAddress(rect.row, rect.col, absolute);
  return rect.row === rect.lastRow && rect.col === rect.lastCol ? first : `${first}:${cellAddress(rect.lastRow, rect.lastCol, absolute)}`;
}

class FakeEtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FakeEtError";
  }
}

/** One area: "D4", "$D$4:$J$28", "D:D", "3:5". Whole rows and columns become rectangles spanning the sheet. */
function parseArea(text: string): Rect {
  const parts = text.replace(/\$/g, "").trim().toUpperCase().split(":");
  const [a, b = a] = parts;
  if (parts.length > 2 || a === undefined || b === undefined) throw new FakeEtError(`无效的引用：${text}`);
  if (/^[A-Z]{1,3}$/.test(a) && /^[A-Z]{1,3}$/.test(b)) {
    const cols = [columnNumber(a), columnNumber(b)];
    return { row: 1, lastRow: MAX_ROW, col: Math.min(...cols), lastCol: Math.max(...cols) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const rows = [Number(a), Number(b)];
    return { row: Math.min(...rows), lastRow: Math.max(...rows), col: 1, lastCol: MAX_COL };
  }
  const p = /^([A-Z]{1,3})(\d+)$/.exec(a);
  const q = /^([A-Z]{1,3})(\d+)$/.exec(b);
  if (!p || !q) throw new FakeEtError(`无效的引用：${text}`);
  const rows = [Number(p[2]), Number(q[2])];
  const cols = [columnNumber(p[1] ?? ""), columnNumber(q[1] ?? "")];
  const rect = { row: Math.min(...rows), col: Math.min(...cols), lastRow: Math.max(...rows), lastCol: Math.max(...cols) };
  if (rect.row < 1 || rect.col < 1 || rect.lastRow > MAX_ROW || rect.lastCol > MAX_COL) throw new FakeEtError(`无效的引用：${text}`);
  return rect;
}

function parseAddress(address: string): Rect[] {
  if (address.length > MAX_ADDRESS) throw new FakeEtError(`引用超过 ${MAX_ADDRESS} 个字符：${address.slice(0, 40)}…`);
  return address.split(",").map(parseArea);
}

function intersects(a: Rect, b: Rect): boolean {
  return a.row <= b.lastRow && b.row <= a.lastRow && a.col <= b.lastCol && b.col <= a.lastCol;
}

function contains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.row && row <= outer.lastRow && col >= outer.col && col <= outer.lastCol;
}

function isSingle(rect: Rect): boolean {
  return rect.row === rect.lastRow && rect.col === rect.lastCol;
}

function plainSheetName(name: string): boolean {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
}

function quoteIfNeeded(name: string): string {
  return plainSheetName(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "='表三'!$A$1:$J$28" → sheet and rectangle; null for anything else (constants, #REF!). */
function parseRefersTo(formula: string): { sheet: string; rect: Rect } | null {
  const match = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(formula);
  const sheet = match?.[1]?.replace(/''/g, "'") ?? match?.[2];
  if (!match || sheet === undefined || match[3] === undefined || sheet === "#REF") return null;
  return { sheet, rect: parseArea(match[3]) };
}

/** A name's reference as ET shows it: "=表三!$A$1:$J$28", the sheet quoted only where needed. */
function refersTo(sheet: string, rect: Rect): string {
  return `=${quoteIfNeeded(sheet)}!${rectAddress(rect, true)}`;
}

// --- values ------------------------------------------------------------------------------------------------

const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
const ERROR_CODES: Readonly<Record<string, number>> = {
  "#NULL!": -2146826288,
  "#DIV/0!": -2146826281,
  "#VALUE!": -2146826273,
  "#REF!": -2146826265,
  "#NAME?": -2146826259,
  "#NUM!": -2146826252,
  "#N/A": -2146826246,
};

interface ValidationState {
  readonly type: number;
  readonly alertStyle: number | undefined;
  readonly operator: number | undefined;
  readonly formula1: string | undefined;
  readonly formula2: string | undefined;
  ignoreBlank: boolean;
  inCellDropdown: boolean;
  inputTitle: string;
  inputMessage: string;
  errorTitle: string;
  errorMessage: string;
  showInput: boolean;
  showError: boolean;
}

interface CellState {
  value: Content;
  formula: string | null;
  numberFormat: string;
  locked: boolean;
  /** Formatting by property path: "font.name", "interior.color", "borders.lineStyle", "wrapText"… */
  readonly format: Map<string, unknown>;
  validation: ValidationState | null;
}

function newCell(): CellState {
  return { value: null, formula: null, numberFormat: "General", locked: true, format: new Map(), validation: null };
}

/** Enters a value as ET does for Value2, Formula and typing. */
function enter(cell: CellState, input: unknown): void {
  cell.formula = null;
  if (input === null || input === undefined || input === "") {
    cell.value = null;
    return;
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new FakeEtError("数值无效");
    cell.value = input;
    return;
  }
  if (typeof input === "boolean") {
    cell.value = input;
    return;
  }
  if (typeof input !== "string") throw new FakeEtError(`fake-et does not take cell values of type ${typeof input}`);
  if (input.startsWith("=")) {
    cell.value = null;
    cell.formula = input;
    return;
  }
  if (cell.numberFormat === "@") {
    cell.value = input;
    return;
  }
  const trimmed = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) cell.value = Number(trimmed);
  else if (/^(true|false)$/i.test(trimmed)) cell.value = trimmed.toLowerCase() === "true";
  else if (ERROR_VALUES.includes(trimmed.toUpperCase())) cell.value = { error: trimmed.toUpperCase() };
  else cell.value = input;
}

// --- workbook state ----------------------------------------------------------------------------------------

interface FormatConditionState {
  areas: Rect[];
  readonly type: number;
  readonly formula: string;
  /** The active cell when the rule was added: relative references in the formula are read against it. */
  readonly anchor: string | null;
  interiorColor?: number;
  fontColor?: number;
}

interface WindowState {
  frozen: boolean;
  splitRow: number;
  splitColumn: number;
  scrollRow: number;
  scrollColumn: number;
}

class SheetState {
  readonly cells = new Map<string, CellState>();
  merges: Rect[] = [];
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  rowHeights = new Map<number, number>();
  formatConditions: FormatConditionState[] = [];
  readonly pageSetup = new Map<string, unknown>();
  readonly window: WindowState = { frozen: false, splitRow: 0, splitColumn: 0, scrollRow: 1, scrollColumn: 1 };
  visible: Et.XlSheetVisibility = XL_SHEET_VISIBLE;
  /** The protection's password ("" for none); null when the sheet is not protected. */
  protection: string | null = null;
  selection = "A1";
  activeCell = "A1";

  constructor(public name: string) {}

  peek(row: number, col: number): CellState | undefined {
    return this.cells.get(`${row}:${col}`);
  }

  cell(row: number, col: number): CellState {
    const key = `${row}:${col}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = newCell();
      this.cells.set(key, cell);
    }
    return cell;
  }

  each(rect: Rect, visit: (cell: CellState, row: number, col: number) => void): void {
    if ((rect.lastRow - rect.row + 1) * (rect.lastCol - rect.col + 1) > 100_000) throw new FakeEtError("fake-et does not visit more than 100,000 cells at once");
    for (let row = rect.row; row <= rect.lastRow; row += 1) {
      for (let col = rect.col; col <= rect.lastCol; col += 1) visit(this.cell(row, col), row, col);
    }
  }

  /** The stored cells inside `rect`, for operations over large ranges. */
  stored(rect: Rect): [CellState, number, number][] {
    const found: [CellState, number, number][] = [];
    for (const [key, cell] of this.cells) {
      const [row = 0, col = 0] = key.split(":").map(Number);
      if (contains(rect, row, col)) found.push([cell, row, col]);
    }
    return found;
  }

  mergeAt(row: number, col: number): Rect | undefined {
    return this.merges.find((m) => contains(m, row, col));
  }

  /** True when a write to the cell is dropped: it lies in a merged area but is not its top-left cell. */
  hiddenByMerge(row: number, col: number): boolean {
    const merge = this.mergeAt(row, col);
    return merge !== undefined && (merge.row !== row || merge.col !== col);
  }
}

export interface DeliveredEvent {
  readonly event: EtEventName;
  readonly sheet: string | null;
  readonly address: string | null;
}

type Listener = SheetChangeListener | ActivateListener;

class World {
  readonly sheets: SheetState[] = [];
  readonly names = new Map<string, { name: string; refersTo: string }>();
  active: SheetState | null = null;
  enableEvents = true;
  screenUpdating = true;
  displayAlerts = true;
  readonly listeners = new Map<EtEventName, Listener[]>();
  readonly counts = { calls: 0, reads: 0, writes: 0 };
  readonly inListeners = { reads: 0, writes: 0 };
  readonly delivered: DeliveredEvent[] = [];
  readonly listenerErrors: unknown[] = [];
  readonly alerts: string[] = [];
  readonly failing = new Map<string, string>();
  private dispatching = 0;
  private nextSheet = 1;

  constructor(readonly options: FakeEtOptions) {}

  call(): void {
    this.counts.calls += 1;
  }

  read(): void {
    this.counts.calls += 1;
    this.counts.reads += 1;
    if (this.dispatching > 0) this.inListeners.reads += 1;
  }

  /** Counts a change of the workbook or its view; fails where the test told the fake to. */
  write(sheet: SheetState | null): void {
    this.counts.calls += 1;
    this.counts.writes += 1;
    if (this.dispatching > 0) this.inListeners.writes += 1;
    const failure = sheet === null ? undefined : this.failing.get(sheet.name.toUpperCase());
    if (failure !== undefined) throw new FakeEtError(failure);
  }

  findSheet(name: string): SheetState | undefined {
    const upper = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === upper);
  }

  sheet(name: string): SheetState {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`fake-et: the workbook has no sheet named ${name}`);
    return sheet;
  }

  unusedSheetName(): string {
    for (;;) {
      const name = `Sheet${this.nextSheet++}`;
      if (!this.findSheet(name)) return name;
    }
  }

  addSheet(name: string, at = this.sheets.length): SheetState {
    if (this.findSheet(name)) throw new FakeEtError(`工作表名称“${name}”已被使用`);
    const sheet = new SheetState(name);
    this.sheets.splice(at, 0, sheet);
    this.active ??= sheet;
    return sheet;
  }

  alive(sheet: SheetState): SheetState {
    if (!this.sheets.includes(sheet)) throw new FakeEtError("对象已被删除");
    return sheet;
  }

  /** Calls the listeners of `event` now, unless events are switched off. */
  raise(event: "SheetChange", sheet: SheetState, rects: readonly Rect[]): void;
  raise(event: "SheetActivate", sheet: SheetState): void;
  raise(event: "WorkbookActivate"): void;
  raise(event: EtEventName, sheet?: SheetState, rects?: readonly Rect[]): void {
    if (!this.enableEvents && this.options.ignoreEnableEvents !== true) return;
    const address = rects ? rects.map((r) => rectAddress(r, true)).join(",") : null;
    this.delivered.push({ event, sheet: sheet?.name ?? null, address });
    const listeners = [...(this.listeners.get(event) ?? [])];
    this.dispatching += 1;
    try {
      for (const listener of listeners) {
        try {
          if (event === "SheetChange" && sheet && rects) listener(new FakeWorksheet(this, sheet), new FakeRange(this, sheet, [...rects]));
          else if (event === "SheetActivate" && sheet) (listener as ActivateListener)(new FakeWorksheet(this, sheet));
          else (listener as ActivateListener)(new FakeWorkbook(this));
        } catch (error) {
          this.listenerErrors.push(error);
        }
      }
    } finally {
      this.dispatching -= 1;
    }
  }

  activate(sheet: SheetState): void {
    if (sheet.visible !== XL_SHEET_VISIBLE) throw new FakeEtError(`无法激活隐藏的工作表“${sheet.name}”`);
    if (this.active === sheet) return;
    this.active = sheet;
    this.raise("SheetActivate", sheet);
  }

  /** Names referring to `sheet` follow `move` (null: the reference is lost, "=#REF!…"). */
  moveNames(sheet: SheetState, move: (rect: Rect) => Rect | null): void {
    for (const entry of this.names.values()) {
      const ref = parseRefersTo(entry.refersTo);
      if (!ref || ref.sheet.toUpperCase() !== sheet.name.toUpperCase()) continue;
      const moved = move(ref.rect);
      entry.refersTo = moved === null ? `=#REF!${rectAddress(ref.rect, true)}` : refersTo(sheet.name, moved);
    }
  }
}

// --- the object model ----------------------------------------------------------------------------------------

function colorHex(color: unknown): string | undefined {
  if (typeof color !== "number") return undefined;
  const red = color & 0xff;
  const green = (color >> 8) & 0xff;
  const blue = (color >> 16) & 0xff;
  return `#${[red, green, blue].map((v) => v.toString(16).padStart(2, "0").toUpperCase()).join("")}`;
}

class FakeApiEvent implements EtApiEvent {
  constructor(private readonly world: World) {}

  AddApiEventListener(EventName: "SheetChange", callback: SheetChangeListener): void;
  AddApiEventListener(EventName: "SheetActivate" | "WorkbookActivate", callback: ActivateListener): void;
  AddApiEventListener(EventName: EtEventName, callback: Listener): void {
    this.world.call();
    this.world.listeners.set(EventName, [...(this.world.listeners.get(EventName) ?? []), callback]);
  }

  RemoveApiEventListener(EventName: "SheetChange", callback?: SheetChangeListener): void;
  RemoveApiEventListener(EventName: "SheetActivate" | "WorkbookActivate", callback?: ActivateListener): void;
  RemoveApiEventListener(EventName: EtEventName, callback?: Listener): void {
    this.world.call();
    const listeners = this.world.listeners.get(EventName) ?? [];
    this.world.listeners.set(EventName, callback === undefined ? [] : listeners.filter((l) => l !== callback));
  }
}

class FakeWindow implements EtWindow {
  constructor(
    private readonly world: World,
    private readonly sheet: SheetState,
  ) {}

  private state(): WindowState {
    this.world.alive(this.sheet);
    return this.sheet.window;
  }

  private set(apply: (state: WindowState) => void): void {
    this.world.write(null);
    apply(this.state());
  }

  get FreezePanes(): boolean {
    this.world.call();
    return this.state().frozen;
  }

  set FreezePanes(value: boolean) {
    this.set((s) => (s.frozen = value));
  }

  get SplitRow(): number {
    this.world.call();
    return this.state().splitRow;
  }

  set SplitRow(value: number) {
    this.set((s) => (s.splitRow = value));
  }

  get SplitColumn(): number {
    this.world.call();
    return this.state().splitColumn;
  }

  set SplitColumn(value: number) {
    this.set((s) => (s.splitColumn = value));
  }

  get ScrollRow(): number {
    this.world.call();
    return this.state().scrollRow;
  }

  set ScrollRow(value: number) {
    this.set((s) => (s.scrollRow = value));
  }

  get ScrollColumn(): number {
    this.world.call();
    return this.state().scrollColumn;
  }

  set ScrollColumn(value: number) {
    this.set((s) => (s.scrollColumn = value));
  }
}

class FakeApplication implements EtApplication {
  readonly ApiEvent: FakeApiEvent;
  private readonly workbook: FakeWorkbook;

  constructor(private readonly world: World) {
    this.ApiEvent = new FakeApiEvent(world);
    this.workbook = new FakeWorkbook(world);
  }

  get ActiveWorkbook(): FakeWorkbook | null {
    this.world.call();
    return this.world.options.withoutWorkbook === true ? null : this.workbook;
  }

  get ActiveWindow(): FakeWindow | null {
    this.world.call();
    const active = this.world.active;
    return active === null || this.world.options.withoutWorkbook === true ? null : new FakeWindow(this.world, active);
  }

  get EnableEvents(): boolean {
    this.world.call();
    return this.world.enableEvents;
  }

  set EnableEvents(value: boolean) {
    this.world.call();
    this.world.enableEvents = value;
  }

  get ScreenUpdating(): boolean {
    this.world.call();
    return this.world.screenUpdating;
  }

  set ScreenUpdating(value: boolean) {
    this.world.call();
    this.world.screenUpdating = value;
  }

  get DisplayAlerts(): boolean {
    this.world.call();
    return this.world.displayAlerts;
  }

  set DisplayAlerts(value: boolean) {
    this.world.call();
    this.world.displayAlerts = value;
  }
}

class FakeWorkbook implements EtWorkbook {
  constructor(private readonly world: World) {}

  get Sheets(): FakeSheets {
    this.world.call();
    return new FakeSheets(this.world);
  }

  get Worksheets(): FakeSheets {
    this.world.call();
    return new FakeSheets(this.world);
  }

  get Names(): FakeNames {
    this.world.call();
    return new FakeNames(this.world);
  }
}

class FakeSheets implements EtSheets {
  constructor(private readonly world: World) {}

  get Count(): number {
    this.world.call();
    return this.world.sheets.length;
  }

  Item(Index: string | number): FakeWorksheet {
    this.world.call();
    const sheet = typeof Index === "number" ? this.world.sheets[Index - 1] : this.world.findSheet(Index);
    if (!sheet) throw new FakeEtError("下标越界");
    return new FakeWorksheet(this.world, sheet);
  }

  Add(Before?: unknown, After?: unknown): FakeWorksheet {
    this.world.write(null);
    const anchor = (Before ?? After) instanceof FakeWorksheet ? ((Before ?? After) as FakeWorksheet).state : null;
    if ((Before !== undefined || After !== undefined) && anchor === null) throw new FakeEtError("Sheets.Add 的参数无效");
    const activeAt = this.world.active ? this.world.sheets.indexOf(this.world.active) : this.world.sheets.length;
    const at = anchor === null ? activeAt : this.world.sheets.indexOf(anchor) + (After !== undefined ? 1 : 0);
    const sheet = this.world.addSheet(this.world.unusedSheetName(), at);
    this.world.activate(sheet);
    return new FakeWorksheet(this.world, sheet);
  }
}

class FakeNames implements EtNames {
  constructor(private readonly world: World) {}

  get Count(): number {
    this.world.call();
    return this.world.names.size;
  }

  Item(Index: string | number): FakeName {
    this.world.call();
    const entry = typeof Index === "number" ? [...this.world.names.values()][Index - 1] : this.world.names.get(Index.toUpperCase());
    if (!entry) throw new FakeEtError("下标越界");
    return new FakeName(this.world, entry.name);
  }

  Add(Name: string, RefersTo: string): FakeName {
    this.world.write(null);
    if (!RefersTo.startsWith("=")) throw new FakeEtError("引用无效");
    const ref = parseRefersTo(RefersTo);
    this.world.names.set(Name.toUpperCase(), { name: Name, refersTo: ref ? refersTo(ref.sheet, ref.rect) : RefersTo });
    return new FakeName(this.world, Name);
  }
}

class FakeName implements EtName {
  constructor(
    private readonly world: World,
    private readonly key: string,
  ) {}

  private entry(): { name: string; refersTo: string } {
    const entry = this.world.names.get(this.key.toUpperCase());
    if (!entry) throw new FakeEtError("对象已被删除");
    return entry;
  }

  get Name(): string {
    this.world.call();
    return this.entry().name;
  }

  get RefersTo(): string {
    this.world.call();
    return this.entry().refersTo;
  }

  Delete(): void {
    this.world.write(null);
    this.entry();
    this.world.names.delete(this.key.toUpperCase());
  }
}

class FakeWorksheet implements EtWorksheet {
  constructor(
    private readonly world: World,
    readonly state: SheetState,
  ) {}

  private sheet(): SheetState {
    return this.world.alive(this.state);
  }

  get Name(): string {
    this.world.call();
    return this.sheet().name;
  }

  set Name(value: string) {
    const sheet = this.sheet();
    this.world.write(sheet);
    const other = this.world.findSheet(value);
    if (other && other !== sheet) throw new FakeEtError(`工作表名称“${value}”已被使用`);
    if (value === "" || value.length > 31 || /[:\\/?*[\]]/.test(value)) throw new FakeEtError(`工作表名称无效：${value}`);
    // ET rewrites the references of names to the renamed sheet.
    const before = sheet.name;
    for (const entry of this.world.names.values()) {
      const ref = parseRefersTo(entry.refersTo);
      if (ref && ref.sheet.toUpperCase() === before.toUpperCase()) entry.refersTo = refersTo(value, ref.rect);
    }
    sheet.name = value;
  }

  Activate(): void {
    const sheet = this.sheet();
    this.world.write(null);
    this.world.activate(sheet);
  }

  get Visible(): Et.XlSheetVisibility {
    this.world.call();
    return this.sheet().visible;
  }

  set Visible(value: Et.XlSheetVisibility) {
    const sheet = this.sheet();
    this.world.write(sheet);
    if (value !== XL_SHEET_VISIBLE) {
      const others = this.world.sheets.filter((s) => s !== sheet && s.visible === XL_SHEET_VISIBLE);
      if (others.length === 0) throw new FakeEtError("工作簿中至少要有一张可见的工作表");
      sheet.visible = value;
      if (this.world.active === sheet) this.world.activate(others[0]!);
    } else sheet.visible = XL_SHEET_VISIBLE;
  }

  get ProtectContents(): boolean {
    this.world.call();
    return this.sheet().protection !== null;
  }

  Protect(Password?: string | boolean): void {
    const sheet = this.sheet();
    this.world.write(sheet);
    sheet.protection = typeof Password === "string" ? Password : "";
  }

  Unprotect(Password?: string | boolean): void {
    const sheet = this.sheet();
    this.world.write(sheet);
    if (sheet.protection === null) return;
    if (Password === undefined && sheet.protection !== "") throw new FakeEtError("fake-et: Unprotect() without a password would ask the user for it");
    if ((typeof Password === "string" ? Password : "") !== sheet.protection) throw new FakeEtError("密码不正确");
    sheet.protection = null;
  }

  Range(Cell1: string): FakeRange {
    this.world.call();
    return new FakeRange(this.world, this.sheet(), parseAddress(Cell1));
  }

  get Cells(): FakeRange {
    this.world.call();
    return new FakeRange(this.world, this.sheet(), [{ row: 1, col: 1, lastRow: MAX_ROW, lastCol: MAX_COL }]);
  }

  get PageSetup(): FakePageSetup {
    this.world.call();
    return new FakePageSetup(this.world, this.sheet());
  }
}

class FakePageSetup implements EtPageSetup {
  constructor(
    private readonly world: World,
    private readonly sheet: SheetState,
  ) {}

  private get<T>(key: string, fallback: T): T {
    this.world.call();
    return (this.world.alive(this.sheet).pageSetup.get(key) as T | undefined) ?? fallback;
  }

  private set(key: string, value: unknown): void {
    this.world.write(this.sheet);
    this.world.alive(this.sheet).pageSetup.set(key, value);
  }

  get Orientation(): Et.XlPageOrientation {
    return this.get<Et.XlPageOrientation>("Orientation", 1);
  }

  set Orientation(value: Et.XlPageOrientation) {
    this.set("Orientation", value);
  }

  get PaperSize(): Et.XlPaperSize {
    return this.get<Et.XlPaperSize>("PaperSize", 9);
  }

  set PaperSize(value: Et.XlPaperSize) {
    this.set("PaperSize", value);
  }

  get CenterHorizontally(): boolean {
    return this.get("CenterHorizontally", false);
  }

  set CenterHorizontally(value: boolean) {
    this.set("CenterHorizontally", value);
  }

  get Zoom(): boolean | number {
    return this.get<boolean | number>("Zoom", 100);
  }

  set Zoom(value: boolean | number) {
    this.set("Zoom", value);
  }

  get FitToPagesWide(): boolean | number {
    return this.get<boolean | number>("FitToPagesWide", 1);
  }

  set FitToPagesWide(value: boolean | number) {
    this.set("FitToPagesWide", value);
  }

  get FitToPagesTall(): boolean | number {
    return this.get<boolean | number>("FitToPagesTall", 1);
  }

  set FitToPagesTall(value: boolean | number) {
    this.set("FitToPagesTall", value);
  }

  get PrintArea(): string {
    return this.get("PrintArea", "");
  }

  set PrintArea(value: string) {
    this.set("PrintArea", value);
  }

  get PrintTitleRows(): string {
    return this.get("PrintTitleRows", "");
  }

  set PrintTitleRows(value: string) {
    this.set("PrintTitleRows", value);
  }

  get CenterHeader(): string {
    return this.get("CenterHeader", "");
  }

  set CenterHeader(value: string) {
    this.set("CenterHeader", value);
  }
}

class FakeRange implements EtRange {
  constructor(
    private readonly world: World,
    readonly sheet: SheetState,
    readonly areas: readonly Rect[],
  ) {}

  private live(): SheetState {
    return this.world.alive(this.sheet);
  }

  /** The one area of a range that is read or written cell by cell. */
  private single(what: string): Rect {
    const [area] = this.areas;
    if (area === undefined || this.areas.length !== 1) throw new FakeEtError(`fake-et does not model ${what} of a multi-area range`);
    return area;
  }

  private writeContent(input: unknown, asTyped: (cell: CellState, value: unknown) => void): void {
    const sheet = this.live();
    this.world.write(sheet);
    const isGrid = Array.isArray(input);
    if (isGrid && this.areas.length !== 1) throw new FakeEtError("fake-et does not model writing rows of values into a multi-area range");
    for (const area of this.areas) {
      const rows = area.lastRow - area.row + 1;
      const cols = area.lastCol - area.col + 1;
      // Like ET, a block may not cover only part of a merged area (a merged cell's own top-left cell is fine).
      const partial = sheet.merges.find((m) => intersects(m, area) && !(contains(area, m.row, m.col) && contains(area, m.lastRow, m.lastCol)));
      if (partial && !(isSingle(area) && partial.row === area.row && partial.col === area.col)) {
        throw new FakeEtError(`不能更改合并单元格的一部分（${rectAddress(partial)}）`);
      }
      const grid = input as unknown[];
      if (isGrid && (grid.length !== rows || grid.some((r) => !Array.isArray(r) || (r as unknown[]).length !== cols))) {
        throw new FakeEtError(`数组大小与区域不符（${rows} 行 ${cols} 列）`);
      }
      sheet.each(area, (cell, row, col) => {
        if (sheet.protection !== null && cell.locked) throw new FakeEtError("不能更改受保护的工作表中的单元格");
        if (sheet.hiddenByMerge(row, col)) return;
        asTyped(cell, isGrid ? (grid[row - area.row] as unknown[])[col - area.col] : input);
      });
    }
    this.world.raise("SheetChange", sheet, this.areas);
  }

  private format(key: string, value: unknown, apply: (cell: CellState) => void = (cell) => cell.format.set(key, value)): void {
    const sheet = this.live();
    this.world.write(sheet);
    if (sheet.protection !== null) throw new FakeEtError("不能设置受保护的工作表中的单元格格式");
    for (const area of this.areas) sheet.each(area, apply);
  }

  private first(): CellState | undefined {
    const area = this.single("reading");
    return this.live().peek(area.row, area.col);
  }

  private valueOf(cell: CellState | undefined): unknown {
    const value = cell?.value ?? null;
    if (value === null) return undefined;
    if (typeof value === "object") return this.world.options.errorValues === "code" ? ERROR_CODES[value.error] : value.error;
    return value;
  }

  get Value2(): unknown {
    this.world.read();
    const area = this.single("reading");
    const sheet = this.live();
    if (isSingle(area)) return this.valueOf(sheet.peek(area.row, area.col));
    const rows: unknown[][] = [];
    for (let row = area.row; row <= area.lastRow; row += 1) {
      const values: unknown[] = [];
      for (let col = area.col; col <= area.lastCol; col += 1) values.push(this.valueOf(sheet.peek(row, col)));
      rows.push(values);
    }
    return rows;
  }

  set Value2(input: unknown) {
    this.writeContent(input, enter);
  }

  /** As in ET (and Excel's object model): a scalar for one cell, rows for a block; a date constant as its text. */
  get Formula(): unknown {
    this.world.read();
    const area = this.single("reading");
    const sheet = this.live();
    const formulaOf = (cell: CellState | undefined): string => {
      if (cell?.formula) return cell.formula;
      const value = cell?.value ?? null;
      if (typeof value === "number" && isDateFormat(cell?.numberFormat ?? "General")) {
        const [year, month, day] = dateFromSerial(value).split("-").map(Number);
        return `${year}/${month}/${day}`;
      }
      return stringOfContent(value);
    };
    if (isSingle(area)) return formulaOf(sheet.peek(area.row, area.col));
    const rows: string[][] = [];
    for (let row = area.row; row <= area.lastRow; row += 1) {
      const formulas: string[] = [];
      for (let col = area.col; col <= area.lastCol; col += 1) formulas.push(formulaOf(sheet.peek(row, col)));
      rows.push(formulas);
    }
    return rows;
  }

  set Formula(input: unknown) {
    this.writeContent(input, enter);
  }

  get NumberFormat(): string {
    this.world.read();
    return this.first()?.numberFormat ?? "General";
  }

  set NumberFormat(value: string) {
    const sheet = this.live();
    this.world.write(sheet);
    for (const area of this.areas) {
      sheet.each(area, (cell) => {
        if (sheet.protection !== null && cell.locked) throw new FakeEtError("不能设置受保护的工作表中的单元格格式");
        cell.numberFormat = value === "" ? "General" : value;
      });
    }
  }

  get Locked(): boolean {
    this.world.call();
    return this.first()?.locked ?? true;
  }

  set Locked(value: boolean) {
    this.format("locked", value, (cell) => (cell.locked = value));
  }

  get WrapText(): boolean {
    this.world.call();
    return this.first()?.format.get("wrapText") === true;
  }

  set WrapText(value: boolean) {
    this.format("wrapText", value);
  }

  get HorizontalAlignment(): number | boolean {
    this.world.call();
    return (this.first()?.format.get("horizontalAlignment") as number | undefined) ?? 1;
  }

  set HorizontalAlignment(value: number | boolean) {
    this.format("horizontalAlignment", value);
  }

  get VerticalAlignment(): number | boolean {
    this.world.call();
    return (this.first()?.format.get("verticalAlignment") as number | undefined) ?? -4107;
  }

  set VerticalAlignment(value: number | boolean) {
    this.format("verticalAlignment", value);
  }

  /** Hidden, as ET's Range.Hidden: for a range of whole columns, whether they are hidden. */
  get Hidden(): boolean {
    this.world.call();
    return this.live().hiddenColumns.has(this.single("reading").col);
  }

  set Hidden(value: boolean) {
    const sheet = this.live();
    this.world.write(sheet);
    for (const area of this.areas) {
      for (let col = area.col; col <= area.lastCol; col += 1) {
        if (value) sheet.hiddenColumns.add(col);
        else sheet.hiddenColumns.delete(col);
      }
    }
  }

  get ColumnWidth(): number {
    this.world.call();
    return this.live().columnWidths.get(this.single("reading").col) ?? 8.38;
  }

  set ColumnWidth(value: number) {
    const sheet = this.live();
    this.world.write(sheet);
    for (const area of this.areas) for (let col = area.col; col <= area.lastCol; col += 1) sheet.columnWidths.set(col, value);
  }

  get RowHeight(): number {
    this.world.call();
    return this.live().rowHeights.get(this.single("reading").row) ?? 13.5;
  }

  set RowHeight(value: number) {
    const sheet = this.live();
    this.world.write(sheet);
    for (const area of this.areas) {
      if (area.lastRow - area.row > 10_000) throw new FakeEtError("fake-et does not model the height of every row");
      for (let row = area.row; row <= area.lastRow; row += 1) sheet.rowHeights.set(row, value);
    }
  }

  get Font(): FakeFont {
    this.world.call();
    return new FakeFont(this.world, (key, value) => this.format(`font.${key}`, value), (key) => this.first()?.format.get(`font.${key}`));
  }

  get Interior(): FakeInterior {
    this.world.call();
    return new FakeInterior(this.world, (value) => this.format("interior.color", value), () => this.first()?.format.get("interior.color"));
  }

  get Borders(): FakeBorders {
    this.world.call();
    return new FakeBorders(this.world, (key, value) => this.format(`borders.${key}`, value), (key) => this.first()?.format.get(`borders.${key}`));
  }

  get Validation(): FakeValidation {
    this.world.call();
    return new FakeValidation(this.world, this);
  }

  get FormatConditions(): FakeFormatConditions {
    this.world.call();
    return new FakeFormatConditions(this.world, this);
  }

  Address(RowAbsolute = true, ColumnAbsolute = true): string {
    this.world.call();
    if (RowAbsolute !== ColumnAbsolute) throw new FakeEtError("fake-et does not model mixed references");
    return this.areas.map((area) => rectAddress(area, RowAbsolute)).join(",");
  }

  Merge(Across?: boolean): void {
    if (Across === true) throw new FakeEtError("fake-et does not model Merge(true)");
    const sheet = this.live();
    this.world.write(sheet);
    if (sheet.protection !== null) throw new FakeEtError("不能合并受保护的工作表中的单元格");
    for (const area of this.areas) {
      const filled = sheet.stored(area).filter(([cell]) => cell.value !== null || cell.formula !== null);
      if (filled.length > 1 && this.world.displayAlerts) this.world.alerts.push(`合并 ${rectAddress(area)} 只保留左上角的值`);
      sheet.merges = [...sheet.merges.filter((m) => !intersects(m, area)), area];
      for (const [cell, row, col] of filled) if (row !== area.row || col !== area.col) enter(cell, null);
    }
  }

  Select(): boolean {
    const sheet = this.live();
    this.world.write(null);
    if (this.world.active !== sheet) throw new FakeEtError(`fake-et: Range.Select on “${sheet.name}”, which is not the active sheet`);
    sheet.selection = this.areas.map((area) => rectAddress(area)).join(",");
    const first = this.areas[0];
    if (first) sheet.activeCell = cellAddress(first.row, first.col);
    return true;
  }

  Clear(): boolean {
    const sheet = this.live();
    this.world.write(sheet);
    if (sheet.protection !== null) throw new FakeEtError("不能更改受保护的工作表中的单元格");
    for (const area of this.areas) {
      for (const [, row, col] of sheet.stored(area)) sheet.cells.delete(`${row}:${col}`);
      sheet.merges = sheet.merges.filter((m) => !intersects(m, area));
      sheet.formatConditions = sheet.formatConditions.filter((f) => !f.areas.some((a) => intersects(a, area)));
    }
    this.world.raise("SheetChange", sheet, this.areas);
    return true;
  }

  ClearContents(): boolean {
    const sheet = this.live();
    this.world.write(sheet);
    for (const area of this.areas) {
      for (const [cell] of sheet.stored(area)) {
        if (sheet.protection !== null && cell.locked) throw new FakeEtError("不能更改受保护的工作表中的单元格");
        enter(cell, null);
      }
    }
    this.world.raise("SheetChange", sheet, this.areas);
    return true;
  }

  /** For Validation and FormatConditions: every cell of the range. */
  cellsOf(visit: (cell: CellState) => void): void {
    const sheet = this.live();
    for (const area of this.areas) sheet.each(area, visit);
  }
}

function stringOfContent(value: Content): string {
  if (value === null) return "";
  return typeof value === "object" ? value.error : String(value);
}

class FakeFont implements EtFont {
  constructor(
    private readonly world: World,
    private readonly write: (key: string, value: unknown) => void,
    private readonly read: (key: string) => unknown,
  ) {}

  private get<T>(key: string, fallback: T): T {
    this.world.call();
    return (this.read(key) as T | undefined) ?? fallback;
  }

  get Name(): string | undefined {
    return this.get<string | undefined>("name", "宋体");
  }

  set Name(value: string | undefined) {
    this.write("name", value);
  }

  get Size(): number {
    return this.get("size", 11);
  }

  set Size(value: number) {
    this.write("size", value);
  }

  get Bold(): boolean {
    return this.get("bold", false);
  }

  set Bold(value: boolean) {
    this.write("bold", value);
  }

  get Color(): number {
    return this.get("color", 0);
  }

  set Color(value: number) {
    this.write("color", value);
  }
}

class FakeInterior implements EtInterior {
  constructor(
    private readonly world: World,
    private readonly write: (value: unknown) => void,
    private readonly read: () => unknown,
  ) {}

  get Color(): unknown {
    this.world.call();
    return this.read() ?? 16777215;
  }

  set Color(value: unknown) {
    this.write(value);
  }
}

class FakeBorders implements EtBorders {
  constructor(
    private readonly world: World,
    private readonly write: (key: string, value: unknown) => void,
    private readonly read: (key: string) => unknown,
  ) {}

  get LineStyle(): number | boolean {
    this.world.call();
    return (this.read("lineStyle") as number | undefined) ?? -4142;
  }

  set LineStyle(value: number | boolean) {
    this.write("lineStyle", value);
  }

  get Color(): number {
    this.world.call();
    return (this.read("color") as number | undefined) ?? 0;
  }

  set Color(value: number) {
    this.write("color", value);
  }
}

class FakeValidation implements EtValidation {
  constructor(
    private readonly world: World,
    private readonly range: FakeRange,
  ) {}

  private records(): ValidationState[] {
    const found = new Set<ValidationState>();
    this.range.cellsOf((cell) => {
      if (cell.validation) found.add(cell.validation);
    });
    return [...found];
  }

  private first(): ValidationState | undefined {
    return this.records()[0];
  }

  private set<K extends keyof ValidationState>(key: K, value: ValidationState[K]): void {
    this.world.write(this.range.sheet);
    const records = this.records();
    if (records.length === 0) throw new FakeEtError("区域中没有数据有效性");
    for (const record of records) record[key] = value;
  }

  Add(Type: Et.XlDVType, AlertStyle?: number, Operator?: number, Formula1?: string, Formula2?: string): void {
    this.world.write(this.range.sheet);
    if (this.records().length > 0) throw new FakeEtError("fake-et: Validation.Add on cells that already have validation (ET fails; Delete first)");
    const record: ValidationState = {
      type: Type,
      alertStyle: AlertStyle,
      operator: Operator,
      formula1: Formula1,
      formula2: Formula2,
      ignoreBlank: true,
      inCellDropdown: true,
      inputTitle: "",
      inputMessage: "",
      errorTitle: "",
      errorMessage: "",
      showInput: true,
      showError: true,
    };
    this.range.cellsOf((cell) => (cell.validation = record));
  }

  Delete(): void {
    this.world.write(this.range.sheet);
    this.range.cellsOf((cell) => (cell.validation = null));
  }

  get IgnoreBlank(): boolean {
    this.world.call();
    return this.first()?.ignoreBlank ?? true;
  }

  set IgnoreBlank(value: boolean) {
    this.set("ignoreBlank", value);
  }

  get InCellDropdown(): boolean {
    this.world.call();
    return this.first()?.inCellDropdown ?? true;
  }

  set InCellDropdown(value: boolean) {
    this.set("inCellDropdown", value);
  }

  get InputTitle(): string {
    this.world.call();
    return this.first()?.inputTitle ?? "";
  }

  set InputTitle(value: string) {
    this.set("inputTitle", value);
  }

  get InputMessage(): string {
    this.world.call();
    return this.first()?.inputMessage ?? "";
  }

  set InputMessage(value: string) {
    this.set("inputMessage", value);
  }

  get ErrorTitle(): string {
    this.world.call();
    return this.first()?.errorTitle ?? "";
  }

  set ErrorTitle(value: string) {
    this.set("errorTitle", value);
  }

  get ErrorMessage(): string {
    this.world.call();
    return this.first()?.errorMessage ?? "";
  }

  set ErrorMessage(value: string) {
    this.set("errorMessage", value);
  }

  get ShowInput(): boolean {
    this.world.call();
    return this.first()?.showInput ?? true;
  }

  set ShowInput(value: boolean) {
    this.set("showInput", value);
  }

  get ShowError(): boolean {
    this.world.call();
    return this.first()?.showError ?? true;
  }

  set ShowError(value: boolean) {
    this.set("showError", value);
  }
}

class FakeFormatConditions implements EtFormatConditions {
  constructor(
    private readonly world: World,
    private readonly range: FakeRange,
  ) {}

  Add(Type: Et.XlFormatConditionType, _Operator?: unknown, Formula1?: unknown): FakeFormatCondition {
    const sheet = this.world.alive(this.range.sheet);
    this.world.write(sheet);
    if (sheet.protection !== null) throw new FakeEtError("不能设置受保护的工作表中的条件格式");
    if (typeof Formula1 !== "string" || !Formula1.startsWith("=")) throw new FakeEtError("条件格式的公式无效");
    if (Formula1.length > MAX_ADDRESS) throw new FakeEtError("条件格式的公式超过 255 个字符");
    const record: FormatConditionState = {
      areas: [...this.range.areas],
      type: Type,
      formula: Formula1,
      anchor: this.world.active === sheet ? sheet.activeCell : null,
    };
    sheet.formatConditions.push(record);
    return new FakeFormatCondition(this.world, sheet, record);
  }

  Delete(): void {
    const sheet = this.world.alive(this.range.sheet);
    this.world.write(sheet);
    sheet.formatConditions = sheet.formatConditions.filter((f) => !f.areas.some((a) => this.range.areas.some((b) => intersects(a, b))));
  }
}

class FakeFormatCondition implements EtFormatCondition {
  constructor(
    private readonly world: World,
    private readonly sheet: SheetState,
    private readonly record: FormatConditionState,
  ) {}

  get Interior(): FakeInterior {
    this.world.call();
    return new FakeInterior(
      this.world,
      (value) => {
        this.world.write(this.sheet);
        this.record.interiorColor = value as number;
      },
      () => this.record.interiorColor,
    );
  }

  get Font(): FakeFont {
    this.world.call();
    return new FakeFont(
      this.world,
      (key, value) => {
        this.world.write(this.sheet);
        if (key !== "color") throw new FakeEtError(`fake-et does not model the ${key} of a format condition`);
        this.record.fontColor = value as number;
      },
      (key) => (key === "color" ? this.record.fontColor : undefined),
    );
  }
}

// --- rows and columns inserted or deleted ----------------------------------------------------------------------

type Axis = "rows" | "columns";

/** Moves a rectangle for `count` rows or columns inserted before `at` (count > 0) or deleted from `at` (< 0). */
function shiftRect(rect: Rect, axis: Axis, at: number, count: number): Rect | null {
  const [first, last] = axis === "rows" ? [rect.row, rect.lastRow] : [rect.col, rect.lastCol];
  let from = first;
  let to = last;
  if (count > 0) {
    if (first >= at) from += count;
    if (last >= at) to += count;
  } else {
    const deleted = -count;
    const end = at + deleted - 1;
    if (last < at) return rect;
    if (first >= at && last <= end) return null;
    // What was below the deleted rows moves up; a rectangle reaching into them loses that part.
    from = first > end ? first - deleted : Math.min(first, at);
    to = last > end ? last - deleted : at - 1;
  }
  return axis === "rows" ? { ...rect, row: from, lastRow: to } : { ...rect, col: from, lastCol: to };
}

function shiftSheet(world: World, sheet: SheetState, axis: Axis, at: number, count: number): void {
  const moved = new Map<string, CellState>();
  for (const [key, cell] of sheet.cells) {
    const [row = 0, col = 0] = key.split(":").map(Number);
    const rect = shiftRect({ row, col, lastRow: row, lastCol: col }, axis, at, count);
    if (rect) moved.set(`${rect.row}:${rect.col}`, cell);
  }
  sheet.cells.clear();
  for (const [key, cell] of moved) sheet.cells.set(key, cell);
  sheet.merges = sheet.merges.map((m) => shiftRect(m, axis, at, count)).filter((m): m is Rect => m !== null && !isSingle(m));
  sheet.formatConditions = sheet.formatConditions
    .map((f) => ({ ...f, areas: f.areas.map((a) => shiftRect(a, axis, at, count)).filter((a): a is Rect => a !== null) }))
    .filter((f) => f.areas.length > 0);
  const shiftSizes = (sizes: Map<number, number>): Map<number, number> => {
    const next = new Map<number, number>();
    for (const [n, size] of sizes) {
      const rect = shiftRect(axis === "rows" ? { row: n, lastRow: n, col: 1, lastCol: 1 } : { row: 1, lastRow: 1, col: n, lastCol: n }, axis, at, count);
      if (rect) next.set(axis === "rows" ? rect.row : rect.col, size);
    }
    return next;
  };
  if (axis === "rows") sheet.rowHeights = shiftSizes(sheet.rowHeights);
  else sheet.columnWidths = shiftSizes(sheet.columnWidths);
  world.moveNames(sheet, (rect) => shiftRect(rect, axis, at, count));
}

// --- the fake and its helpers ----------------------------------------------------------------------------------

export interface CellView {
  /** The value as stored: null when empty, errors as { error }. */
  readonly value: Scalar | { readonly error: string } | null;
  readonly formula: string | null;
  readonly numberFormat: string;
  readonly locked: boolean;
  readonly format: Readonly<Record<string, unknown>>;
  readonly validation: Readonly<ValidationState> | null;
}

export interface FormatConditionView {
  readonly range: string;
  readonly formula: string;
  /** The active cell when the rule was added, against which ET reads its relative references. */
  readonly anchor: string | null;
  readonly fill: string | undefined;
  readonly fontColor: string | undefined;
}

export interface SheetView {
  readonly visible: "visible" | "hidden" | "veryHidden";
  readonly protected: boolean;
  readonly columnWidths: ReadonlyMap<number, number>;
  readonly hiddenColumns: ReadonlySet<number>;
  readonly rowHeights: ReadonlyMap<number, number>;
  readonly freeze: { readonly rows: number; readonly cols: number } | null;
  readonly pageSetup: Readonly<Record<string, unknown>>;
  /** Distinct validation rules on the sheet. */
  readonly validations: number;
  readonly formatConditions: readonly FormatConditionView[];
  readonly selection: string;
}

export interface FakeEt {
  /** The ET Application, as `window.Application` in WPS. */
  readonly application: EtApplication;
  /** Calls into ET so far: every member access; reads of cell content; writes to the workbook or its view. */
  readonly counts: { readonly calls: number; readonly reads: number; readonly writes: number };
  /** Reads and writes made while a listener ran (the WPS host makes none). */
  readonly inListeners: { readonly reads: number; readonly writes: number };
  resetCounts(): void;
  /** Events delivered so far, oldest first (none while EnableEvents is false). */
  readonly events: readonly DeliveredEvent[];
  /** Errors thrown by listeners (WPS would swallow them). */
  readonly listenerErrors: readonly unknown[];
  /** Dialogs WPS would have shown (a merge dropping values while DisplayAlerts is on). */
  readonly alerts: readonly string[];
  listenerCount(event: EtEventName): number;
  settings(): { enableEvents: boolean; screenUpdating: boolean; displayAlerts: boolean };

  sheetNames(): string[];
  sheet(name: string): SheetView;
  cell(sheet: string, address: string): CellView;
  /** A block row by row: values, formulas as "=…", errors as their text, "" for empty cells. */
  block(sheet: string, address: string): Scalar[][];
  merges(sheet: string): string[];
  names(): Record<string, string>;
  activeSheet(): string | null;
  selection(): { sheet: string; address: string } | null;

  /** The user types into one cell (null or "" deletes its content). */
  userType(sheet: string, address: string, value: Scalar | null): void;
  /** The user pastes a block whose top-left cell is `topLeft`. */
  userPaste(sheet: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): void;
  /** The user drags the fill handle: `source` is repeated over `target`, which starts with it. */
  userFill(sheet: string, source: string, target: string): void;
  /** The user selects a range and presses Delete. */
  userClear(sheet: string, address: string): void;
  userInsertRows(sheet: string, before: number, count: number): void;
  userDeleteRows(sheet: string, first: number, count: number): void;
  userInsertColumns(sheet: string, before: string, count: number): void;
  userDeleteColumns(sheet: string, first: string, count: number): void;
  /** The user clicks a sheet's tab. */
  userActivate(sheet: string): void;
  /** The user brings this workbook's window forward again. */
  userActivateWorkbook(): void;
  /** The user deletes a sheet: names that referred to it become "=#REF!…". */
  userDeleteSheet(sheet: string): void;
  userProtect(sheet: string, password?: string): void;
  /** A sheet the add-in did not make, e.g. { A1: "我的表" }. */
  addForeignSheet(name: string, cells?: Readonly<Record<string, Scalar>>): void;
  /** Fills cells silently (no events, not counted): the workbook as it was opened. */
  setCells(sheet: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): void;
  /** From now on every write to the sheet fails with `message`, as ET failing part-way. */
  failWritesTo(sheet: string, message?: string): void;
  /** A formula with its last result, silently (as a workbook opened after WPS calculated it): Value2 gives the result. */
  setFormula(sheet: string, address: string, formula: string, result: Scalar): void;
  /** A cell's number format, silently (e.g. "yyyy/m/d": Value2 then still gives the serial number). */
  setNumberFormat(sheet: string, address: string, format: string): void;
}

/** Object.fromEntries is newer than the ES2017 the WPS pane is built for. */
function recordOf(map: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of map) record[key] = value;
  return record;
}

export function createFakeEt(options: FakeEtOptions = {}): FakeEt {
  const world = new World(options);
  world.addSheet("Sheet1");
  const application = new FakeApplication(world);

  const single = (address: string): Rect => {
    const [rect, ...rest] = parseAddress(address);
    if (!rect || rest.length > 0) throw new Error(`fake-et: ${address} is not one area`);
    return rect;
  };

  const writeBlock = (sheet: SheetState, topLeft: string, rows: readonly (readonly (Scalar | null)[])[], check: boolean): Rect => {
    const start = single(topLeft);
    const width = Math.max(...rows.map((r) => r.length));
    rows.forEach((values, r) =>
      values.forEach((value, c) => {
        const row = start.row + r;
        const col = start.col + c;
        if (sheet.hiddenByMerge(row, col)) return;
        const cell = sheet.cell(row, col);
        if (check && sheet.protection !== null && cell.locked) throw new Error(`fake-et: ${sheet.name}!${cellAddress(row, col)} is locked on a protected sheet`);
        enter(cell, value);
      }),
    );
    return { row: start.row, col: start.col, lastRow: start.row + rows.length - 1, lastCol: start.col + width - 1 };
  };

  const contentText = (cell: CellState | undefined): Scalar => cell?.formula ?? (cell?.value === null || cell?.value === undefined ? "" : typeof cell.value === "object" ? cell.value.error : cell.value);

  const axisUser = (sheetName: string, axis: Axis, at: number, count: number): void => {
    const sheet = world.sheet(sheetName);
    shiftSheet(world, sheet, axis, at, count);
    const n = Math.abs(count);
    const rect = axis === "rows" ? { row: at, lastRow: at + n - 1, col: 1, lastCol: MAX_COL } : { row: 1, lastRow: MAX_ROW, col: at, lastCol: at + n - 1 };
    world.raise("SheetChange", sheet, [rect]);
  };

  return {
    application,
    get counts() {
      return { ...world.counts };
    },
    get inListeners() {
      return { ...world.inListeners };
    },
    resetCounts() {
      world.counts.calls = 0;
      world.counts.reads = 0;
      world.counts.writes = 0;
      world.inListeners.reads = 0;
      world.inListeners.writes = 0;
    },
    get events() {
      return world.delivered;
    },
    get listenerErrors() {
      return world.listenerErrors;
    },
    get alerts() {
      return world.alerts;
    },
    listenerCount: (event) => world.listeners.get(event)?.length ?? 0,
    settings: () => ({ enableEvents: world.enableEvents, screenUpdating: world.screenUpdating, displayAlerts: world.displayAlerts }),

    sheetNames: () => world.sheets.map((s) => s.name),
    sheet(name) {
      const s = world.sheet(name);
      const validations = new Set<ValidationState>();
      for (const cell of s.cells.values()) if (cell.validation) validations.add(cell.validation);
      return {
        visible: s.visible === XL_SHEET_VISIBLE ? "visible" : s.visible === XL_SHEET_HIDDEN ? "hidden" : "veryHidden",
        protected: s.protection !== null,
        columnWidths: s.columnWidths,
        hiddenColumns: s.hiddenColumns,
        rowHeights: s.rowHeights,
        freeze: s.window.frozen ? { rows: s.window.splitRow, cols: s.window.splitColumn } : null,
        pageSetup: recordOf(s.pageSetup),
        validations: validations.size,
        formatConditions: s.formatConditions.map((f) => ({
          range: f.areas.map((a) => rectAddress(a)).join(","),
          formula: f.formula,
          anchor: f.anchor,
          fill: colorHex(f.interiorColor),
          fontColor: colorHex(f.fontColor),
        })),
        selection: s.selection,
      };
    },
    cell(sheet, address) {
      const rect = single(address);
      const cell = world.sheet(sheet).peek(rect.row, rect.col);
      return {
        value: cell?.value ?? null,
        formula: cell?.formula ?? null,
        numberFormat: cell?.numberFormat ?? "General",
        locked: cell?.locked ?? true,
        format: recordOf(cell?.format ?? new Map<string, unknown>()),
        validation: cell?.validation ? { ...cell.validation } : null,
      };
    },
    block(sheet, address) {
      const s = world.sheet(sheet);
      const rect = single(address);
      const rows: Scalar[][] = [];
      for (let row = rect.row; row <= rect.lastRow; row += 1) {
        const values: Scalar[] = [];
        for (let col = rect.col; col <= rect.lastCol; col += 1) values.push(contentText(s.peek(row, col)));
        rows.push(values);
      }
      return rows;
    },
    merges: (sheet) => world.sheet(sheet).merges.map((m) => rectAddress(m)),
    names() {
      const names: Record<string, string> = {};
      for (const entry of world.names.values()) names[entry.name] = entry.refersTo;
      return names;
    },
    activeSheet: () => world.active?.name ?? null,
    selection: () => (world.active ? { sheet: world.active.name, address: world.active.selection } : null),

    userType(sheet, address, value) {
      const s = world.sheet(sheet);
      const rect = single(address);
      if (!isSingle(rect)) throw new Error("fake-et: userType types into one cell; use userPaste for a block");
      const merge = s.mergeAt(rect.row, rect.col);
      const target = merge ?? rect;
      const cell = s.cell(target.row, target.col);
      if (s.protection !== null && cell.locked) throw new Error(`fake-et: ${sheet}!${address} is locked on a protected sheet`);
      enter(cell, value);
      world.raise("SheetChange", s, [target]);
    },
    userPaste(sheet, topLeft, rows) {
      const s = world.sheet(sheet);
      const rect = writeBlock(s, topLeft, rows, true);
      if (options.pasteEvents === "perCell") {
        for (let row = rect.row; row <= rect.lastRow; row += 1) {
          for (let col = rect.col; col <= rect.lastCol; col += 1) world.raise("SheetChange", s, [{ row, col, lastRow: row, lastCol: col }]);
        }
      } else world.raise("SheetChange", s, [rect]);
    },
    userFill(sheet, source, target) {
      const s = world.sheet(sheet);
      const from = single(source);
      const to = single(target);
      if (to.row !== from.row || to.col !== from.col) throw new Error("fake-et: a fill's target starts with its source");
      const height = from.lastRow - from.row + 1;
      const width = from.lastCol - from.col + 1;
      const pattern = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => s.peek(from.row + r, from.col + c)));
      for (let row = to.row; row <= to.lastRow; row += 1) {
        for (let col = to.col; col <= to.lastCol; col += 1) {
          const origin = pattern[(row - to.row) % height]?.[(col - to.col) % width];
          const cell = s.cell(row, col);
          cell.value = origin?.value ?? null;
          cell.formula = origin?.formula ?? null;
        }
      }
      world.raise("SheetChange", s, [to]);
    },
    userClear(sheet, address) {
      const s = world.sheet(sheet);
      const areas = parseAddress(address);
      for (const area of areas) for (const [cell] of s.stored(area)) enter(cell, null);
      world.raise("SheetChange", s, areas);
    },
    userInsertRows: (sheet, before, count) => axisUser(sheet, "rows", before, count),
    userDeleteRows: (sheet, first, count) => axisUser(sheet, "rows", first, -count),
    userInsertColumns: (sheet, before, count) => axisUser(sheet, "columns", columnNumber(before), count),
    userDeleteColumns: (sheet, first, count) => axisUser(sheet, "columns", columnNumber(first), -count),
    userActivate(sheet) {
      world.activate(world.sheet(sheet));
    },
    userActivateWorkbook() {
      world.raise("WorkbookActivate");
    },
    userDeleteSheet(sheet) {
      const s = world.sheet(sheet);
      world.sheets.splice(world.sheets.indexOf(s), 1);
      world.moveNames(s, () => null);
      if (world.active === s) world.active = world.sheets.find((x) => x.visible === XL_SHEET_VISIBLE) ?? null;
    },
    userProtect(sheet, password = "") {
      world.sheet(sheet).protection = password;
    },
    addForeignSheet(name, cells = {}) {
      const sheet = world.addSheet(name);
      for (const [address, value] of Object.entries(cells)) writeBlock(sheet, address, [[value]], false);
    },
    setCells(sheet, topLeft, rows) {
      writeBlock(world.sheet(sheet), topLeft, rows, false);
    },
    failWritesTo(sheet, message = "写入失败") {
      world.failing.set(world.sheet(sheet).name.toUpperCase(), message);
    },
    setFormula(sheet, address, formula, result) {
      const at = single(address);
      const cell = world.sheet(sheet).cell(at.row, at.col);
      enter(cell, result);
      cell.formula = formula;
    },
    setNumberFormat(sheet, address, format) {
      const at = single(address);
      world.sheet(sheet).cell(at.row, at.col).numberFormat = format;
    },
  };
}
