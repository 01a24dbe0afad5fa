// An in-memory fake of the part of the Office.js Excel API that src/adapters/office/ uses, for tests of the
// Office host without Excel. It keeps Office's programming model where the host depends on it:
//   - proxies queue: setting a property or calling a method does nothing until context.sync(), which applies
//     the queue in order (an operation that fails rejects the sync; the operations before it stay applied);
//   - load() fills properties at the next sync; reading a property that was neither loaded nor set on the
//     proxy throws PropertyNotLoaded; getItemOrNullObject() answers isNullObject after the sync;
//   - worksheets.getItem() of a missing sheet makes the sync that uses it reject with ItemNotFound;
//   - Excel.run (`run`) gives every batch a fresh context and syncs what is still queued when the batch ends;
//   - onChanged handlers are registered at the sync and called asynchronously (a timer after the change),
//     for the user's edits and for the add-in's own writes, unless context.runtime.enableEvents was false at
//     that point of the queue. Event details (valueBefore/valueAfter…) exist only on ExcelApi 1.9 and only
//     for single-cell changes.
// Choices of the fake, where Office would do more:
//   - formulas are stored, never calculated: a formula cell reads `values` "" and `valueTypes` "Empty";
//   - text entered in a cell is converted like Excel does on entry ("12" → 12, "TRUE" → true, "#N/A" → an
//     error value) unless the cell's number format is "@"; a 1×1 array (or a scalar) fills a whole range;
//     null in an array leaves the cell alone; other shape mismatches fail with InvalidArgument;
//   - defined names are stored as Excel shows them: "=表三!$A$1:$J$28" (sheet names quoted only if needed);
//   - whole-column and whole-row ranges ("A:A", "3:3") take only columnWidth / rowHeight; getRange() with
//     no address takes only clear(); anything else the fake does not model throws at once.

import type { ExcelRun, RequirementCheck } from "../../src/adapters/office/excel-batch";

export type FakeApi = "1.8" | "1.9" | "1.13";
export type Scalar = string | number | boolean;
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

/** Office's members K of T, checked by name and, for methods, by parameter list (the fake returns its own proxies). */
type Shape<T, K extends keyof T> = { [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : unknown };

/** Like OfficeExtension.Error: `code` is Office's error code ("PropertyNotLoaded", "ItemNotFound"…). */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

function unsupported(what: string): Error {
  return new Error(`fake-excel does not model ${what}`);
}

// --- addresses ---------------------------------------------------------------------------------------------

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

type Area =
  | { readonly kind: "cells"; readonly rect: Rect }
  | { readonly kind: "columns"; readonly first: number; readonly last: number }
  | { readonly kind: "rows"; readonly first: number; readonly last: number }
  | { readonly kind: "sheet" };

function columnLetters(col: number): string {
  let text = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function rectAddress(rect: Rect): string {
  const first = cellAddress(rect.row, rect.col);
  return rect.row === rect.lastRow && rect.col === rect.lastCol ? first : `${first}:${cellAddress(rect.lastRow, rect.lastCol)}`;
}

function invalidAddress(address: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (address "${address}")`);
}

function parseArea(address: string | undefined): Area {
  if (address === undefined) return { kind: "sheet" };
  const parts = address.replace(/\$/g, "").toUpperCase().split(":");
  const [a, b = a] = parts;
  if (parts.length > 2 || a === undefined || b === undefined) throw invalidAddress(address);
  if (/^[A-Z]{1,3}$/.test(a) && /^[A-Z]{1,3}$/.test(b)) {
    const [first, last] = [columnNumber(a), columnNumber(b)].sort((x, y) => x - y) as [number, number];
    return { kind: "columns", first, last };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [first, last] = [Number(a), Number(b)].sort((x, y) => x - y) as [number, number];
    return { kind: "rows", first, last };
  }
  const p = /^([A-Z]{1,3})(\d+)$/.exec(a);
  const q = /^([A-Z]{1,3})(\d+)$/.exec(b);
  if (!p || !q) throw invalidAddress(address);
  const rows = [Number(p[2]), Number(q[2])];
  const cols = [columnNumber(p[1] ?? ""), columnNumber(q[1] ?? "")];
  return { kind: "cells", rect: { row: Math.min(...rows), col: Math.min(...cols), lastRow: Math.max(...rows), lastCol: Math.max(...cols) } };
}

function cellRect(address: string): Rect {
  const area = parseArea(address);
  if (area.kind !== "cells") throw invalidAddress(address);
  return area.rect;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.row <= b.lastRow && b.row <= a.lastRow && a.col <= b.lastCol && b.col <= a.lastCol;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.lastRow === b.lastRow && a.lastCol === b.lastCol;
}

function quoteSheetIfNeeded(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "='表三'!$A$1:$J$28" → { sheet, rect }; null for anything else (constants, formulas). */
function parseNameRef(formula: string): { sheet: string; rect: Rect } | null {
  const match = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(formula);
  const sheet = match?.[1]?.replace(/''/g, "'") ?? match?.[2];
  if (!match || sheet === undefined || match[3] === undefined) return null;
  return { sheet, rect: cellRect(match[3]) };
}

function nameFormula(sheet: string, rect: Rect): string {
  const abs = (row: number, col: number): string => `$${columnLetters(col)}$${row}`;
  const single = rect.row === rect.lastRow && rect.col === rect.lastCol;
  return `=${quoteSheetIfNeeded(sheet)}!${abs(rect.row, rect.col)}${single ? "" : `:${abs(rect.lastRow, rect.lastCol)}`}`;
}

// --- workbook state ----------------------------------------------------------------------------------------

interface CellState {
  value: Scalar;
  type: ValueType;
  formula: string | null;
  numberFormat: string;
  /** Formatting by Office property path: "font.name", "fill.color", "protection.locked", "borders.EdgeTop.style"… */
  readonly format: Map<string, unknown>;
}

const ERROR_VALUES = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

function setContent(cell: CellState, value: Scalar, type: ValueType, formula: string | null = null): void {
  cell.value = value;
  cell.type = type;
  cell.formula = formula;
}

/** Enters a value as Excel does for `range.values` and for typing: null/undefined leave the cell alone. */
function enter(cell: CellState, input: unknown): void {
  if (input === null || input === undefined) return;
  if (typeof input === "number" && Number.isFinite(input)) return setContent(cell, input, "Double");
  if (typeof input === "boolean") return setContent(cell, input, "Boolean");
  if (typeof input !== "string") throw new FakeOfficeError("InvalidArgument", `Unsupported cell value of type ${typeof input}.`);
  if (input === "") return setContent(cell, "", "Empty");
  if (input.startsWith("=")) return setContent(cell, "", "Empty", input);
  if (cell.numberFormat === "@") return setContent(cell, input, "String");
  const trimmed = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return setContent(cell, Number(trimmed), "Double");
  if (/^(true|false)$/i.test(trimmed)) return setContent(cell, trimmed.toLowerCase() === "true", "Boolean");
  if (ERROR_VALUES.has(trimmed.toUpperCase())) return setContent(cell, trimmed.toUpperCase(), "Error");
  return setContent(cell, input, "String");
}

interface ConditionalFormatState {
  range: Rect;
  readonly type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
}

interface ValidationState {
  range: Rect;
  rule?: Excel.DataValidationRule;
  errorAlert?: Excel.DataValidationErrorAlert;
  prompt?: Excel.DataValidationPrompt;
}

type ChangedHandler = (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>;
type FormulaChangedHandler = (args: Excel.WorksheetFormulaChangedEventArgs) => Promise<unknown>;

class SheetState {
  readonly cells = new Map<string, CellState>();
  merges: Rect[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  rowHeights = new Map<number, number>();
  validations: ValidationState[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  freeze: { rows: number; cols: number } | null = null;
  readonly pageLayout = new Map<string, unknown>();
  visibility: string = "Visible";
  protected = false;
  readonly handlers: ChangedHandler[] = [];
  readonly formulaHandlers: FormulaChangedHandler[] = [];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  peek(row: number, col: number): CellState | undefined {
    return this.cells.get(`${row}:${col}`);
  }

  cell(row: number, col: number): CellState {
    const key = `${row}:${col}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "", type: "Empty", formula: null, numberFormat: "General", format: new Map() };
      this.cells.set(key, cell);
    }
    return cell;
  }

  each(rect: Rect, visit: (cell: CellState, row: number, col: number) => void): void {
    for (let row = rect.row; row <= rect.lastRow; row += 1) {
      for (let col = rect.col; col <= rect.lastCol; col += 1) visit(this.cell(row, col), row, col);
    }
  }
}

export interface FakeChangeDetails
  extends Pick<Excel.ChangedEventDetail, "valueBefore" | "valueAfter" | "valueTypeBefore" | "valueTypeAfter"> {
  readonly valueBefore: Scalar;
  readonly valueAfter: Scalar;
  readonly valueTypeBefore: ValueType;
  readonly valueTypeAfter: ValueType;
}

/** What a handler receives: Excel.WorksheetChangedEventArgs without the members the host does not use. */
export interface FakeChangedEvent extends Pick<Excel.WorksheetChangedEventArgs, "type" | "source" | "worksheetId" | "address" | "changeType"> {
  readonly type: "WorksheetChanged";
  readonly source: "Local";
  readonly changeType: "RangeEdited" | "RowInserted";
  readonly details?: FakeChangeDetails;
}

export interface DeliveredEvent {
  readonly sheet: string;
  readonly event: FakeChangedEvent;
}

class World {
  readonly sheets: SheetState[] = [];
  /** Defined names by upper-case name (Excel's names are case-insensitive). */
  readonly names = new Map<string, { name: string; formula: string }>();
  activeSheetId: string | null = null;
  selection: { sheetId: string; address: string } | null = null;
  eventsEnabled = true;
  syncs = 0;
  runs = 0;
  readonly delivered: DeliveredEvent[] = [];
  readonly handlerErrors: unknown[] = [];
  formulaEvents = 0;
  private readonly pending = new Set<Promise<void>>();
  private nextSheet = 1;

  constructor(
    readonly api: FakeApi,
    readonly syncDelayMs: number,
  ) {}

  supports(version: string): boolean {
    const [major = 0, minor = 0] = version.split(".").map(Number);
    const [haveMajor = 0, haveMinor = 0] = this.api.split(".").map(Number);
    return major < haveMajor || (major === haveMajor && minor <= haveMinor);
  }

  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new FakeOfficeError("ApiNotFound", `${what} needs ExcelApi ${version}; this host supports ExcelApi ${this.api}.`);
  }

  findSheet(name: string): SheetState | undefined {
    const upper = name.toUpperCase();
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toUpperCase() === upper);
  }

  sheet(name: string): SheetState {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`fake-excel: the workbook has no sheet named ${name}`);
    return sheet;
  }

  addSheet(name: string): SheetState {
    if (this.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
    const n = this.nextSheet++;
    const sheet = new SheetState(`{00000000-0001-0000-${String(n).padStart(4, "0")}-000000000000}`, name);
    this.sheets.push(sheet);
    this.activeSheetId ??= sheet.id;
    return sheet;
  }

  /** A change of cell values on `sheet`: handlers are called a timer later, if events are on now. */
  changed(sheet: SheetState, address: string, changeType: FakeChangedEvent["changeType"], details: FakeChangeDetails | null): void {
    if (!this.eventsEnabled || sheet.handlers.length === 0) return;
    const base = { type: "WorksheetChanged", source: "Local", worksheetId: sheet.id, address, changeType } as const;
    const event: FakeChangedEvent = details && this.supports("1.9") ? { ...base, details } : base;
    const handlers = [...sheet.handlers];
    this.track(
      new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        this.delivered.push({ sheet: sheet.name, event });
        for (const handler of handlers) {
          try {
            await handler(event as unknown as Excel.WorksheetChangedEventArgs);
          } catch (error) {
            this.handlerErrors.push(error);
          }
        }
      }),
    );
  }

  /** Formulas added, changed or removed on `sheet` (onFormulaChanged, ExcelApi 1.13), a timer later. */
  formulaChanged(sheet: SheetState, formulaDetails: readonly { cellAddress: string; previousFormula: string }[]): void {
    if (!this.eventsEnabled || sheet.formulaHandlers.length === 0 || formulaDetails.length === 0) return;
    const event = { type: "WorksheetFormulaChanged", source: "Local", worksheetId: sheet.id, formulaDetails } as const;
    const handlers = [...sheet.formulaHandlers];
    this.track(
      new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
        this.formulaEvents += 1;
        for (const handler of handlers) {
          try {
            await handler(event as unknown as Excel.WorksheetFormulaChangedEventArgs);
          } catch (error) {
            this.handlerErrors.push(error);
          }
        }
      }),
    );
  }

  track(work: Promise<unknown>): void {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  async settle(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.pending.size === 0) return;
      await Promise.all([...this.pending]);
    }
  }
}

// --- the request context and its proxies ---------------------------------------------------------------------

type Operation = (world: World) => void;

class FakeContext implements Pick<Excel.RequestContext, "sync"> {
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;
  private queue: Operation[] = [];
  private closed = false;

  constructor(readonly world: World) {
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
  }

  enqueue(operation: Operation): void {
    if (this.closed) throw new FakeOfficeError("InvalidObjectPath", "The object was used outside the Excel.run batch that created it.");
    this.queue.push(operation);
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    if (this.closed) return Promise.reject(new FakeOfficeError("InvalidObjectPath", "The request context of a finished Excel.run batch was used."));
    this.world.syncs += 1;
    const operations = this.queue;
    this.queue = [];
    const work = (async () => {
      if (this.world.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.world.syncDelayMs));
      for (const operation of operations) operation(this.world);
    })();
    this.world.track(work);
    return work.then(() => passThroughValue as T);
  }

  close(): void {
    this.closed = true;
  }
}

abstract class ClientObject {
  private local: Map<string, unknown> | null = null;

  constructor(protected readonly context: FakeContext) {}

  protected read<T>(property: string): T {
    if (!this.local?.has(property)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.local.get(property) as T;
  }

  /** The proxy's copy of a property: filled by a load at sync, or set by the add-in. */
  remember(property: string, value: unknown): void {
    (this.local ??= new Map()).set(property, value);
  }

  protected queue(operation: Operation): void {
    this.context.enqueue(operation);
  }

  protected loadList(properties: string | string[], allowed: readonly string[]): string[] {
    const list = (Array.isArray(properties) ? properties : properties.split(",")).map((p) => p.trim()).filter((p) => p !== "");
    for (const p of list) if (!allowed.includes(p)) throw unsupported(`loading "${p}" on ${this.constructor.name}`);
    return list;
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;

  constructor(context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

class FakeRuntime extends ClientObject implements Pick<Excel.Runtime, "enableEvents"> {
  get enableEvents(): boolean {
    return this.read("enableEvents");
  }

  set enableEvents(value: boolean) {
    this.remember("enableEvents", value);
    this.queue((world) => {
      world.eventsEnabled = value;
    });
  }
}

class FakeWorksheetCollection extends ClientObject implements Shape<Excel.WorksheetCollection, "getItem" | "getItemOrNullObject" | "add"> {
  get items(): FakeWorksheet[] {
    return this.read("items");
  }

  load(properties: string | string[]): this {
    const props = this.loadList(properties, ["items/name", "items/id", "items/visibility"]).map((p) => p.slice("items/".length));
    this.queue((world) => {
      this.remember(
        "items",
        world.sheets.map((state) => {
          const sheet = new FakeWorksheet(this.context, { id: state.id });
          for (const p of props) sheet.remember(p, p === "name" ? state.name : p === "id" ? state.id : state.visibility);
          return sheet;
        }),
      );
    });
    return this;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, { name: key });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, { name: key });
    this.queue((world) => sheet.remember("isNullObject", world.findSheet(key) === undefined));
    return sheet;
  }

  add(name?: string): FakeWorksheet {
    if (name === undefined) throw unsupported("worksheets.add() without a name");
    this.queue((world) => world.addSheet(name));
    return new FakeWorksheet(this.context, { name });
  }
}

class FakeEventHandlers<H> {
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
    private readonly list: (sheet: SheetState) => H[],
    private readonly api?: { readonly version: string; readonly what: string },
  ) {}

  add(handler: H): { remove(): void } {
    this.context.enqueue((world) => {
      if (this.api) world.requireApi(this.api.version, this.api.what);
      this.list(this.sheet.resolve(world)).push(handler);
    });
    return {
      remove: () =>
        this.context.enqueue((world) => {
          const handlers = this.list(this.sheet.resolve(world));
          const at = handlers.indexOf(handler);
          if (at >= 0) handlers.splice(at, 1);
        }),
    };
  }
}

class FakeWorksheet
  extends ClientObject
  implements Pick<Excel.Worksheet, "name" | "id" | "visibility">, Shape<Excel.Worksheet, "getRange" | "getRanges" | "activate">
{
  constructor(
    context: FakeContext,
    private readonly key: { readonly name: string } | { readonly id: string },
  ) {
    super(context);
  }

  resolve(world: World): SheetState {
    const key = this.key;
    const sheet = "name" in key ? world.findSheet(key.name) : world.sheets.find((s) => s.id === key.id);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return sheet;
  }

  /** For writes: fails like Office on a protected sheet. */
  writable(world: World): SheetState {
    const sheet = this.resolve(world);
    if (sheet.protected) throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
    return sheet;
  }

  get name(): string {
    return this.read("name");
  }

  get id(): string {
    return this.read("id");
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get visibility(): Excel.Worksheet["visibility"] {
    return this.read("visibility");
  }

  set visibility(value: Excel.Worksheet["visibility"]) {
    this.remember("visibility", value);
    this.queue((world) => {
      this.resolve(world).visibility = value;
    });
  }

  get onChanged(): FakeEventHandlers<ChangedHandler> {
    return new FakeEventHandlers(this.context, this, (sheet) => sheet.handlers);
  }

  get onFormulaChanged(): FakeEventHandlers<FormulaChangedHandler> {
    return new FakeEventHandlers(this.context, this, (sheet) => sheet.formulaHandlers, { version: "1.13", what: "onFormulaChanged" });
  }

  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, this);
  }

  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, this);
  }

  load(properties: string | string[]): this {
    const props = this.loadList(properties, ["name", "id", "visibility"]);
    this.queue((world) => {
      const sheet = this.resolve(world);
      for (const p of props) this.remember(p, p === "name" ? sheet.name : p === "id" ? sheet.id : sheet.visibility);
    });
    return this;
  }

  activate(): void {
    this.queue((world) => {
      world.activeSheetId = this.resolve(world).id;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, this, parseArea(address));
  }

  getRanges(address?: string): FakeRangeAreas {
    if (address === undefined) throw unsupported("getRanges() without an address");
    return new FakeRangeAreas(this.context, this, address.split(",").map((a) => cellRect(a.trim())));
  }
}

class FakeRangeAreas extends ClientObject implements Shape<Excel.RangeAreas, "select"> {
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet,
    private readonly rects: readonly Rect[],
  ) {
    super(context);
  }

  select(): void {
    this.queue((world) => {
      world.requireApi("1.9", "RangeAreas");
      const sheet = this.sheet.resolve(world);
      world.activeSheetId = sheet.id;
      world.selection = { sheetId: sheet.id, address: this.rects.map(rectAddress).join(",") };
    });
  }
}

/** Fits an array written to a range: same shape, or one value (scalar or 1×1) for every cell. */
function fitToRange(input: unknown, rect: Rect): (row: number, col: number) => unknown {
  const rows = rect.lastRow - rect.row + 1;
  const cols = rect.lastCol - rect.col + 1;
  if (!Array.isArray(input)) return () => input;
  const grid = input as unknown[];
  const only = grid.length === 1 && Array.isArray(grid[0]) && (grid[0] as unknown[]).length === 1 ? (grid[0] as unknown[])[0] : undefined;
  if (only !== undefined) return () => only;
  if (grid.length !== rows || grid.some((r) => !Array.isArray(r) || (r as unknown[]).length !== cols)) {
    throw new FakeOfficeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
  }
  return (row, col) => (grid[row - rect.row] as unknown[])[col - rect.col];
}

class FakeRange
  extends ClientObject
  implements Pick<Excel.Range, "values" | "formulas" | "numberFormat" | "valueTypes" | "address">, Shape<Excel.Range, "merge" | "select" | "clear">
{
  constructor(
    context: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly area: Area,
  ) {
    super(context);
  }

  /** The range's cells, for reading and writing cell properties; unbounded ranges have none in this fake. */
  rect(): Rect {
    if (this.area.kind !== "cells") throw unsupported(`cell properties of the unbounded range ${this.area.kind}`);
    return this.area.rect;
  }

  private write(property: string, input: unknown, apply: (cell: CellState, value: unknown) => void, isContent: boolean): void {
    const rect = this.rect();
    this.remember(property, input);
    this.queue((world) => {
      const sheet = this.sheet.writable(world);
      const valueAt = fitToRange(input, rect);
      const single = rect.row === rect.lastRow && rect.col === rect.lastCol;
      const before = single ? { ...sheet.cell(rect.row, rect.col) } : null;
      sheet.each(rect, (cell, row, col) => apply(cell, valueAt(row, col)));
      if (!isContent) return;
      const after = sheet.cell(rect.row, rect.col);
      const details = before
        ? { valueBefore: before.value, valueAfter: after.value, valueTypeBefore: before.type, valueTypeAfter: after.type }
        : null;
      world.changed(sheet, rectAddress(rect), "RangeEdited", details);
    });
  }

  get values(): unknown[][] {
    return this.read("values");
  }

  set values(input: unknown[][]) {
    this.write("values", input, enter, true);
  }

  get formulas(): unknown[][] {
    return this.read("formulas");
  }

  set formulas(input: unknown[][]) {
    this.write("formulas", input, enter, true);
  }

  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }

  set numberFormat(input: unknown[][]) {
    this.write(
      "numberFormat",
      input,
      (cell, value) => {
        if (value === null || value === undefined) return;
        if (typeof value !== "string") throw new FakeOfficeError("InvalidArgument", "A number format is a string.");
        cell.numberFormat = value === "" ? "General" : value;
      },
      false,
    );
  }

  get valueTypes(): Excel.RangeValueType[][] {
    return this.read("valueTypes");
  }

  get address(): string {
    return this.read("address");
  }

  private formatProxy: FakeRangeFormat | null = null;

  /** Hides or shows whole columns ("L:L"); as in Excel, the property of a range of whole columns. */
  set columnHidden(value: boolean) {
    const area = this.area;
    if (area.kind !== "columns") throw unsupported("columnHidden of anything but whole columns");
    this.remember("columnHidden", value);
    this.queue((world) => {
      const sheet = this.sheet.writable(world);
      for (let col = area.first; col <= area.last; col += 1) {
        if (value) sheet.hiddenColumns.add(col);
        else sheet.hiddenColumns.delete(col);
      }
    });
  }

  get columnHidden(): boolean {
    return this.read<boolean>("columnHidden");
  }

  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.context, this));
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, this);
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, this);
  }

  load(properties: string | string[]): this {
    const props = this.loadList(properties, ["values", "formulas", "valueTypes", "numberFormat", "address"]);
    const rect = this.rect();
    this.queue((world) => {
      const sheet = this.sheet.resolve(world);
      const grid = <T>(of: (cell: CellState | undefined) => T): T[][] =>
        Array.from({ length: rect.lastRow - rect.row + 1 }, (_, r) =>
          Array.from({ length: rect.lastCol - rect.col + 1 }, (_, c) => of(sheet.peek(rect.row + r, rect.col + c))),
        );
      for (const p of props) {
        if (p === "values") this.remember(p, grid((cell) => cell?.value ?? ""));
        else if (p === "formulas") this.remember(p, grid((cell) => cell?.formula ?? cell?.value ?? ""));
        else if (p === "valueTypes") this.remember(p, grid((cell) => cell?.type ?? "Empty"));
        else if (p === "numberFormat") this.remember(p, grid((cell) => cell?.numberFormat ?? "General"));
        else this.remember(p, `${quoteSheetIfNeeded(sheet.name)}!${rectAddress(rect)}`);
      }
    });
    return this;
  }

  merge(across?: boolean): void {
    if (across === true) throw unsupported("merge(true)");
    const rect = this.rect();
    this.queue((world) => {
      const sheet = this.sheet.writable(world);
      sheet.merges = [...sheet.merges.filter((m) => !intersects(m, rect)), rect];
      // Like Excel, a merge keeps only the top-left cell's content.
      sheet.each(rect, (cell, row, col) => {
        if (row !== rect.row || col !== rect.col) setContent(cell, "", "Empty");
      });
    });
  }

  select(): void {
    const rect = this.rect();
    this.queue((world) => {
      const sheet = this.sheet.resolve(world);
      world.activeSheetId = sheet.id;
      world.selection = { sheetId: sheet.id, address: rectAddress(rect) };
    });
  }

  clear(applyTo: Excel.ClearApplyTo | "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" | "ResetContents" = "All"): void {
    const mode = String(applyTo);
    if (mode !== "All" && mode !== "Contents" && mode !== "Formats") throw unsupported(`clear("${mode}")`);
    const area = this.area;
    if (area.kind === "columns" || area.kind === "rows") throw unsupported("clearing whole rows or columns");
    this.queue((world) => {
      const sheet = this.sheet.writable(world);
      const inRange = (row: number, col: number): boolean =>
        area.kind === "sheet" || (row >= area.rect.row && row <= area.rect.lastRow && col >= area.rect.col && col <= area.rect.lastCol);
      for (const [key, cell] of sheet.cells) {
        const [row = 0, col = 0] = key.split(":").map(Number);
        if (!inRange(row, col)) continue;
        if (mode !== "Formats") setContent(cell, "", "Empty");
        if (mode !== "Contents") {
          cell.format.clear();
          cell.numberFormat = "General";
        }
      }
      if (mode !== "Contents") {
        const touched = (r: Rect): boolean => area.kind === "sheet" || intersects(r, area.rect);
        sheet.merges = sheet.merges.filter((m) => !touched(m));
        sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !touched(f.range));
      }
      if (mode !== "Formats") world.changed(sheet, area.kind === "sheet" ? "A1:XFD1048576" : rectAddress(area.rect), "RangeEdited", null);
    });
  }
}

/** A formatting proxy below a range: its properties are stored per cell under `prefix + name`. */
abstract class CellFormatProxy extends ClientObject {
  constructor(
    context: FakeContext,
    protected readonly range: FakeRange,
    private readonly prefix: string,
  ) {
    super(context);
  }

  protected setFormat(name: string, value: unknown): void {
    const rect = this.range.rect();
    this.remember(name, value);
    this.queue((world) => this.range.sheet.writable(world).each(rect, (cell) => cell.format.set(this.prefix + name, value)));
  }
}

class FakeRangeFormat
  extends CellFormatProxy
  implements Pick<Excel.RangeFormat, "columnWidth" | "rowHeight" | "horizontalAlignment" | "verticalAlignment" | "wrapText">
{
  constructor(context: FakeContext, range: FakeRange) {
    super(context, range, "");
  }

  private fontProxy: FakeRangeFont | null = null;

  get font(): FakeRangeFont {
    return (this.fontProxy ??= new FakeRangeFont(this.context, this.range));
  }

  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.context, this.range);
  }

  get protection(): FakeFormatProtection {
    return new FakeFormatProtection(this.context, this.range);
  }

  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this.context, this.range);
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }

  set columnWidth(value: number) {
    const area = this.range.area;
    if (area.kind === "rows" || area.kind === "sheet") throw unsupported("columnWidth of rows or of the whole sheet");
    const [first, last] = area.kind === "columns" ? [area.first, area.last] : [area.rect.col, area.rect.lastCol];
    this.remember("columnWidth", value);
    this.queue((world) => {
      const sheet = this.range.sheet.writable(world);
      for (let col = first; col <= last; col += 1) sheet.columnWidths.set(col, value);
    });
  }

  get rowHeight(): number {
    return this.read("rowHeight");
  }

  set rowHeight(value: number) {
    const area = this.range.area;
    if (area.kind === "columns" || area.kind === "sheet") throw unsupported("rowHeight of columns or of the whole sheet");
    const [first, last] = area.kind === "rows" ? [area.first, area.last] : [area.rect.row, area.rect.lastRow];
    this.remember("rowHeight", value);
    this.queue((world) => {
      const sheet = this.range.sheet.writable(world);
      for (let row = first; row <= last; row += 1) sheet.rowHeights.set(row, value);
    });
  }

  get horizontalAlignment(): Excel.RangeFormat["horizontalAlignment"] {
    return this.read("horizontalAlignment");
  }

  set horizontalAlignment(value: Excel.RangeFormat["horizontalAlignment"]) {
    this.setFormat("horizontalAlignment", value);
  }

  get verticalAlignment(): Excel.RangeFormat["verticalAlignment"] {
    return this.read("verticalAlignment");
  }

  set verticalAlignment(value: Excel.RangeFormat["verticalAlignment"]) {
    this.setFormat("verticalAlignment", value);
  }

  get wrapText(): boolean {
    return this.read("wrapText");
  }

  set wrapText(value: boolean) {
    this.setFormat("wrapText", value);
  }
}

class FakeRangeFont extends CellFormatProxy implements Pick<Excel.RangeFont, "name" | "size" | "bold" | "color"> {
  constructor(context: FakeContext, range: FakeRange) {
    super(context, range, "font.");
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.setFormat("name", value);
  }

  get size(): number {
    return this.read("size");
  }

  set size(value: number) {
    this.setFormat("size", value);
  }

  get bold(): boolean {
    return this.read("bold");
  }

  set bold(value: boolean) {
    this.setFormat("bold", value);
  }

  get color(): string {
    return this.read("color");
  }

  set color(value: string) {
    this.setFormat("color", value);
  }
}

class FakeRangeFill extends CellFormatProxy implements Pick<Excel.RangeFill, "color"> {
  constructor(context: FakeContext, range: FakeRange) {
    super(context, range, "fill.");
  }

  get color(): string {
    return this.read("color");
  }

  set color(value: string) {
    this.setFormat("color", value);
  }
}

class FakeFormatProtection extends CellFormatProxy implements Pick<Excel.FormatProtection, "locked"> {
  constructor(context: FakeContext, range: FakeRange) {
    super(context, range, "protection.");
  }

  get locked(): boolean {
    return this.read("locked");
  }

  set locked(value: boolean) {
    this.setFormat("locked", value);
  }
}

class FakeRangeBorderCollection extends ClientObject implements Shape<Excel.RangeBorderCollection, "getItem"> {
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  getItem(index: Excel.BorderIndex | "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal" | "DiagonalDown" | "DiagonalUp"): FakeRangeBorder {
    return new FakeRangeBorder(this.context, this.range, `borders.${String(index)}.`);
  }
}

class FakeRangeBorder extends CellFormatProxy implements Pick<Excel.RangeBorder, "style" | "color"> {
  get style(): Excel.RangeBorder["style"] {
    return this.read("style");
  }

  set style(value: Excel.RangeBorder["style"]) {
    this.setFormat("style", value);
  }

  get color(): string {
    return this.read("color");
  }

  set color(value: string) {
    this.setFormat("color", value);
  }
}

class FakeDataValidation extends ClientObject implements Pick<Excel.DataValidation, "rule" | "errorAlert" | "prompt">, Shape<Excel.DataValidation, "clear"> {
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  private update(property: "rule" | "errorAlert" | "prompt", value: unknown, apply: (state: ValidationState) => void): void {
    const rect = this.range.rect();
    this.remember(property, value);
    this.queue((world) => {
      const sheet = this.range.sheet.writable(world);
      let state = sheet.validations.find((v) => sameRect(v.range, rect));
      if (!state) {
        state = { range: rect };
        sheet.validations.push(state);
      }
      apply(state);
    });
  }

  clear(): void {
    const rect = this.range.rect();
    this.queue((world) => {
      const sheet = this.range.sheet.writable(world);
      sheet.validations = sheet.validations.filter((v) => !intersects(v.range, rect));
    });
  }

  get rule(): Excel.DataValidationRule {
    return this.read("rule");
  }

  set rule(value: Excel.DataValidationRule) {
    this.update("rule", value, (state) => (state.rule = value));
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.read("errorAlert");
  }

  set errorAlert(value: Excel.DataValidationErrorAlert) {
    this.update("errorAlert", value, (state) => (state.errorAlert = value));
  }

  get prompt(): Excel.DataValidationPrompt {
    return this.read("prompt");
  }

  set prompt(value: Excel.DataValidationPrompt) {
    this.update("prompt", value, (state) => (state.prompt = value));
  }
}

class FakeConditionalFormatCollection extends ClientObject implements Shape<Excel.ConditionalFormatCollection, "add" | "clearAll"> {
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }

  add(type: Excel.ConditionalFormatType | "Custom" | "DataBar" | "ColorScale" | "IconSet" | "TopBottom" | "PresetCriteria" | "ContainsText" | "CellValue"): FakeConditionalFormat {
    if (String(type) !== "Custom") throw unsupported(`conditional formats of type ${String(type)}`);
    const rect = this.range.rect();
    const holder: { state: ConditionalFormatState | null } = { state: null };
    this.queue((world) => {
      holder.state = { range: rect, type: "Custom" };
      this.range.sheet.writable(world).conditionalFormats.push(holder.state);
    });
    return new FakeConditionalFormat(this.context, holder);
  }

  clearAll(): void {
    const rect = this.range.rect();
    this.queue((world) => {
      const sheet = this.range.sheet.writable(world);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !intersects(f.range, rect));
    });
  }
}

type ConditionalHolder = { state: ConditionalFormatState | null };

/** A property of a conditional format added in this batch (`apply` runs on its state at sync). */
abstract class ConditionalPart extends ClientObject {
  constructor(
    context: FakeContext,
    protected readonly holder: ConditionalHolder,
  ) {
    super(context);
  }

  protected set(property: string, value: string, apply: (state: ConditionalFormatState) => void): void {
    this.remember(property, value);
    this.queue(() => {
      if (!this.holder.state) throw new FakeOfficeError("InvalidObjectPath", "The conditional format does not exist.");
      apply(this.holder.state);
    });
  }
}

class FakeConditionalFormat extends ConditionalPart {
  get custom(): { rule: FakeConditionalFormatRule; format: { fill: FakeConditionalFill; font: FakeConditionalFont } } {
    return {
      rule: new FakeConditionalFormatRule(this.context, this.holder),
      format: { fill: new FakeConditionalFill(this.context, this.holder), font: new FakeConditionalFont(this.context, this.holder) },
    };
  }
}

class FakeConditionalFormatRule extends ConditionalPart implements Pick<Excel.ConditionalFormatRule, "formula"> {
  get formula(): string {
    return this.read("formula");
  }

  set formula(value: string) {
    this.set("formula", value, (state) => (state.formula = value));
  }
}

class FakeConditionalFill extends ConditionalPart implements Pick<Excel.ConditionalRangeFill, "color"> {
  get color(): string {
    return this.read("color");
  }

  set color(value: string) {
    this.set("color", value, (state) => (state.fill = value));
  }
}

class FakeConditionalFont extends ConditionalPart implements Pick<Excel.ConditionalRangeFont, "color"> {
  get color(): string {
    return this.read("color");
  }

  set color(value: string) {
    this.set("color", value, (state) => (state.fontColor = value));
  }
}

class FakeFreezePanes extends ClientObject implements Shape<Excel.WorksheetFreezePanes, "unfreeze" | "freezeRows" | "freezeAt"> {
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context);
  }

  private set(freeze: { rows: number; cols: number } | null): void {
    this.queue((world) => {
      this.sheet.resolve(world).freeze = freeze;
    });
  }

  unfreeze(): void {
    this.set(null);
  }

  freezeRows(count?: number): void {
    this.set({ rows: count ?? 1, cols: 0 });
  }

  freezeAt(frozenRange: Excel.Range | string): void {
    const rect = typeof frozenRange === "string" ? cellRect(frozenRange) : frozenRange instanceof FakeRange ? frozenRange.rect() : null;
    if (!rect) throw unsupported("freezeAt with a range of another context");
    this.set({ rows: rect.lastRow, cols: rect.lastCol });
  }
}

class FakePageLayout
  extends ClientObject
  implements Pick<Excel.PageLayout, "orientation" | "paperSize" | "centerHorizontally" | "zoom">, Shape<Excel.PageLayout, "setPrintArea" | "setPrintTitleRows">
{
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context);
  }

  /** Page layout is ExcelApi 1.9: on older hosts the sync fails, as in Office. */
  set(property: string, value: unknown): void {
    this.remember(property, value);
    this.queue((world) => {
      world.requireApi("1.9", "PageLayout");
      this.sheet.writable(world).pageLayout.set(property, value);
    });
  }

  get orientation(): Excel.PageLayout["orientation"] {
    return this.read("orientation");
  }

  set orientation(value: Excel.PageLayout["orientation"]) {
    this.set("orientation", value);
  }

  get paperSize(): Excel.PageLayout["paperSize"] {
    return this.read("paperSize");
  }

  set paperSize(value: Excel.PageLayout["paperSize"]) {
    this.set("paperSize", value);
  }

  get centerHorizontally(): boolean {
    return this.read("centerHorizontally");
  }

  set centerHorizontally(value: boolean) {
    this.set("centerHorizontally", value);
  }

  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read("zoom");
  }

  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.set("zoom", value);
  }

  get headersFooters(): { defaultForAllPages: FakeHeaderFooter } {
    return { defaultForAllPages: new FakeHeaderFooter(this.context, this) };
  }

  setPrintArea(printArea: Excel.Range | Excel.RangeAreas | string): void {
    if (typeof printArea !== "string") throw unsupported("setPrintArea with a range object");
    this.set("printArea", printArea);
  }

  setPrintTitleRows(printTitleRows: Excel.Range | string): void {
    if (typeof printTitleRows !== "string") throw unsupported("setPrintTitleRows with a range object");
    this.set("printTitleRows", printTitleRows);
  }
}

class FakeHeaderFooter extends ClientObject implements Pick<Excel.HeaderFooter, "centerHeader"> {
  constructor(
    context: FakeContext,
    private readonly layout: FakePageLayout,
  ) {
    super(context);
  }

  get centerHeader(): string {
    return this.read("centerHeader");
  }

  set centerHeader(value: string) {
    this.remember("centerHeader", value);
    this.layout.set("centerHeader", value);
  }
}

class FakeNamedItem extends ClientObject implements Pick<Excel.NamedItem, "name" | "formula" | "delete"> {
  /** Set when the item was reached by getItem(name), so that delete() knows what to remove. */
  key: string | null = null;

  get name(): string {
    return this.read("name");
  }

  get formula(): string {
    return this.read("formula");
  }

  delete(): void {
    const key = this.key;
    this.queue((world) => {
      if (key === null || !world.names.delete(key)) throw new FakeOfficeError("ItemNotFound", "The requested name does not exist.");
    });
  }
}

class FakeNamedItemCollection extends ClientObject implements Shape<Excel.NamedItemCollection, "add" | "getItem"> {
  getItem(name: string): FakeNamedItem {
    const item = new FakeNamedItem(this.context);
    item.key = name.toUpperCase();
    this.queue((world) => {
      if (!world.names.has(name.toUpperCase())) throw new FakeOfficeError("ItemNotFound", `The name ${name} does not exist.`);
    });
    return item;
  }

  get items(): FakeNamedItem[] {
    return this.read("items");
  }

  load(properties: string | string[]): this {
    const props = this.loadList(properties, ["items/name", "items/formula"]).map((p) => p.slice("items/".length));
    this.queue((world) => {
      this.remember(
        "items",
        [...world.names.values()].map((entry) => {
          const item = new FakeNamedItem(this.context);
          for (const p of props) item.remember(p, p === "name" ? entry.name : entry.formula);
          return item;
        }),
      );
    });
    return this;
  }

  add(name: string, reference: Excel.Range | string, comment?: string): FakeNamedItem {
    if (typeof reference !== "string" || comment !== undefined) throw unsupported("names.add with a range object or a comment");
    this.queue((world) => {
      if (world.names.has(name.toUpperCase())) throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists.`);
      const ref = parseNameRef(reference);
      world.names.set(name.toUpperCase(), { name, formula: ref ? nameFormula(ref.sheet, ref.rect) : reference });
    });
    return new FakeNamedItem(this.context);
  }
}

// --- the fake, as the tests see it ----------------------------------------------------------------------------

export interface CellView {
  readonly value: Scalar;
  readonly type: ValueType;
  readonly formula: string | null;
  readonly numberFormat: string;
  /** Cells are locked unless the add-in unlocked them, as in Excel. */
  readonly locked: boolean;
  readonly format: Readonly<Record<string, unknown>>;
}

export interface SheetView {
  readonly id: string;
  readonly visibility: string;
  readonly columnWidths: ReadonlyMap<number, number>;
  readonly hiddenColumns: ReadonlySet<number>;
  readonly rowHeights: ReadonlyMap<number, number>;
  readonly freeze: { readonly rows: number; readonly cols: number } | null;
  readonly pageLayout: ReadonlyMap<string, unknown>;
  readonly validations: readonly { readonly range: string; readonly rule?: Excel.DataValidationRule }[];
  readonly conditionalFormats: readonly { readonly range: string; readonly formula?: string; readonly fill?: string; readonly fontColor?: string }[];
  readonly handlers: number;
}

export interface FakeExcel {
  /** Stand-in for Excel.run. */
  readonly run: ExcelRun;
  /** Stand-in for Office.context.requirements.isSetSupported. */
  readonly requirements: RequirementCheck;
  /** context.sync() calls so far (including the final sync of a batch that left work queued). */
  readonly syncs: number;
  /** Excel.run batches so far. */
  readonly runs: number;
  resetCounts(): void;
  /** Events delivered to handlers so far, oldest first. */
  readonly events: readonly DeliveredEvent[];
  /** Errors thrown by event handlers (an Office add-in would lose them silently). */
  readonly handlerErrors: readonly unknown[];
  /** Waits until every sync and event delivery under way has finished. */
  settle(): Promise<void>;

  sheetNames(): string[];
  sheet(name: string): SheetView;
  cell(sheet: string, address: string): CellView;
  /** Text of a block, row by row (values; formulas as "=…"). */
  block(sheet: string, address: string): Scalar[][];
  merges(sheet: string): string[];
  namedItems(): Record<string, string>;
  selection(): { sheet: string; address: string } | null;
  activeSheet(): string | null;

  /** The user types into one cell (null deletes its content). */
  userEdit(sheet: string, address: string, value: Scalar | null): void;
  /**
   * The user types a formula into one cell, which Excel calculates to `result`: onChanged carries the result
   * only; onFormulaChanged (ExcelApi 1.13) names the cell.
   */
  userFormula(sheet: string, address: string, formula: string, result: Scalar): void;
  /** The user pastes a block whose top-left cell is `topLeft`. */
  userPaste(sheet: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): void;
  /** The user inserts `count` rows above row `atRow`: cells, merges, row heights and defined names move down. */
  userInsertRows(sheet: string, atRow: number, count: number): void;
  /** The user deletes a sheet: defined names that referred to it become "=#REF!$A$1…", as in Excel. */
  userDeleteSheet(sheet: string): void;
  /** The user protects a sheet: the add-in's writes to it fail with AccessDenied. */
  userProtect(sheet: string): void;
  /** A sheet the add-in did not make, e.g. { A1: "我的表" }. */
  addForeignSheet(name: string, cells?: Readonly<Record<string, Scalar>>): void;
  /** Fills cells silently (no events): the workbook as it was when opened. */
  fill(sheet: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): void;
  /** A formula with its last result, silently (as Excel shows it after calculating): `values` gives the result. */
  fillFormula(sheet: string, address: string, formula: string, result: Scalar): void;
  /** A cell's number format, silently (e.g. "yyyy/m/d": `values` then still gives the serial number). */
  setNumberFormat(sheet: string, address: string, format: string): void;
}

export function createFakeExcel(options: { api?: FakeApi; syncDelayMs?: number } = {}): FakeExcel {
  const world = new World(options.api ?? "1.9", options.syncDelayMs ?? 0);
  world.addSheet("Sheet1");

  const run: ExcelRun = async (batch) => {
    world.runs += 1;
    const context = new FakeContext(world);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.hasPending) await context.sync();
      return result;
    } finally {
      context.close();
    }
  };

  const cellView = (cell: CellState | undefined): CellView => ({
    value: cell?.value ?? "",
    type: cell?.type ?? "Empty",
    formula: cell?.formula ?? null,
    numberFormat: cell?.numberFormat ?? "General",
    locked: cell?.format.get("protection.locked") !== false,
    format: Object.fromEntries(cell?.format ?? []),
  });

  const writeBlock = (sheet: SheetState, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): Rect => {
    const start = cellRect(topLeft);
    const width = Math.max(...rows.map((r) => r.length));
    rows.forEach((values, r) => values.forEach((value, c) => enter(sheet.cell(start.row + r, start.col + c), value ?? "")));
    return { row: start.row, col: start.col, lastRow: start.row + rows.length - 1, lastCol: start.col + width - 1 };
  };

  return {
    run,
    requirements: (set, version) => set === "ExcelApi" && world.supports(version),
    get syncs() {
      return world.syncs;
    },
    get runs() {
      return world.runs;
    },
    resetCounts() {
      world.syncs = 0;
      world.runs = 0;
    },
    get events() {
      return world.delivered;
    },
    get handlerErrors() {
      return world.handlerErrors;
    },
    settle: () => world.settle(),

    sheetNames: () => world.sheets.map((s) => s.name),
    sheet(name) {
      const s = world.sheet(name);
      return {
        id: s.id,
        visibility: s.visibility,
        columnWidths: s.columnWidths,
        hiddenColumns: s.hiddenColumns,
        rowHeights: s.rowHeights,
        freeze: s.freeze,
        pageLayout: s.pageLayout,
        validations: s.validations.map((v) => ({ range: rectAddress(v.range), ...(v.rule ? { rule: v.rule } : {}) })),
        conditionalFormats: s.conditionalFormats.map((f) => ({ ...f, range: rectAddress(f.range) })),
        handlers: s.handlers.length,
      };
    },
    cell(sheet, address) {
      const rect = cellRect(address);
      return cellView(world.sheet(sheet).peek(rect.row, rect.col));
    },
    block(sheet, address) {
      const s = world.sheet(sheet);
      const rect = cellRect(address);
      return Array.from({ length: rect.lastRow - rect.row + 1 }, (_, r) =>
        Array.from({ length: rect.lastCol - rect.col + 1 }, (_, c) => {
          const cell = s.peek(rect.row + r, rect.col + c);
          return cell?.formula ?? cell?.value ?? "";
        }),
      );
    },
    merges: (sheet) => world.sheet(sheet).merges.map(rectAddress),
    namedItems: () => Object.fromEntries([...world.names.values()].map((n) => [n.name, n.formula])),
    selection() {
      const selection = world.selection;
      const sheet = selection && world.sheets.find((s) => s.id === selection.sheetId);
      return selection && sheet ? { sheet: sheet.name, address: selection.address } : null;
    },
    activeSheet: () => world.sheets.find((s) => s.id === world.activeSheetId)?.name ?? null,

    userEdit(sheet, address, value) {
      const s = world.sheet(sheet);
      const rect = cellRect(address);
      if (rect.row !== rect.lastRow || rect.col !== rect.lastCol) throw new Error("userEdit types into one cell; use userPaste for a block");
      const cell = s.cell(rect.row, rect.col);
      const before = { value: cell.value, type: cell.type, formula: cell.formula };
      enter(cell, value ?? "");
      world.changed(s, rectAddress(rect), "RangeEdited", {
        valueBefore: before.value,
        valueAfter: cell.value,
        valueTypeBefore: before.type,
        valueTypeAfter: cell.type,
      });
      if (before.formula !== null) world.formulaChanged(s, [{ cellAddress: rectAddress(rect), previousFormula: before.formula }]);
    },
    userFormula(sheet, address, formula, result) {
      const s = world.sheet(sheet);
      const rect = cellRect(address);
      const cell = s.cell(rect.row, rect.col);
      const before = { value: cell.value, type: cell.type, formula: cell.formula };
      enter(cell, result);
      cell.formula = formula;
      world.changed(s, rectAddress(rect), "RangeEdited", {
        valueBefore: before.value,
        valueAfter: cell.value,
        valueTypeBefore: before.type,
        valueTypeAfter: cell.type,
      });
      world.formulaChanged(s, [{ cellAddress: rectAddress(rect), previousFormula: before.formula ?? "" }]);
    },
    userPaste(sheet, topLeft, rows) {
      const s = world.sheet(sheet);
      world.changed(s, rectAddress(writeBlock(s, topLeft, rows)), "RangeEdited", null);
    },
    userInsertRows(sheet, atRow, count) {
      const s = world.sheet(sheet);
      const moved = new Map<string, CellState>();
      for (const [key, cell] of s.cells) {
        const [row = 0, col = 0] = key.split(":").map(Number);
        moved.set(`${row >= atRow ? row + count : row}:${col}`, cell);
      }
      s.cells.clear();
      for (const [key, cell] of moved) s.cells.set(key, cell);
      const shift = (rect: Rect): Rect => ({
        ...rect,
        row: rect.row >= atRow ? rect.row + count : rect.row,
        lastRow: rect.lastRow >= atRow ? rect.lastRow + count : rect.lastRow,
      });
      s.merges = s.merges.map(shift);
      s.rowHeights = new Map([...s.rowHeights].map(([row, height]) => [row >= atRow ? row + count : row, height]));
      for (const entry of world.names.values()) {
        const ref = parseNameRef(entry.formula);
        if (ref && ref.sheet.toUpperCase() === s.name.toUpperCase()) entry.formula = nameFormula(s.name, shift(ref.rect));
      }
      world.changed(s, `${atRow}:${atRow + count - 1}`, "RowInserted", null);
    },
    userDeleteSheet(sheet) {
      const s = world.sheet(sheet);
      world.sheets.splice(world.sheets.indexOf(s), 1);
      for (const entry of world.names.values()) {
        const ref = parseNameRef(entry.formula);
        if (ref && ref.sheet.toUpperCase() === s.name.toUpperCase()) entry.formula = entry.formula.replace(/^=.*!/, "=#REF!");
      }
      if (world.activeSheetId === s.id) world.activeSheetId = world.sheets[0]?.id ?? null;
      if (world.selection?.sheetId === s.id) world.selection = null;
    },
    userProtect(sheet) {
      world.sheet(sheet).protected = true;
    },
    addForeignSheet(name, cells = {}) {
      const sheet = world.addSheet(name);
      for (const [address, value] of Object.entries(cells)) writeBlock(sheet, address, [[value]]);
    },
    fill(sheet, topLeft, rows) {
      writeBlock(world.sheet(sheet), topLeft, rows);
    },
    fillFormula(sheet, address, formula, result) {
      const rect = cellRect(address);
      const cell = world.sheet(sheet).cell(rect.row, rect.col);
      enter(cell, result);
      cell.formula = formula;
    },
    setNumberFormat(sheet, address, format) {
      const rect = cellRect(address);
      world.sheet(sheet).cell(rect.row, rect.col).numberFormat = format;
    },
  };
}
