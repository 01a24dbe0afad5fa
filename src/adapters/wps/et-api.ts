// The part of WPS 表格's ET object model that the WPS host uses, picked member by member from the
// `et-jsapi-declare` typings (2.5.0; declaration-only, used unmodified). The real `Application` is assignable
// to `EtApplication`, and the fake of tests/support/fake-et.ts implements exactly these members.
// Where the typings are narrower than what ET accepts, the member is widened here and the host narrows what
// it reads: `Value2` and `Formula` hold numbers, booleans and 2-D arrays as well as strings.
// The typings' enums are ambient (there is no `Et` object at run time), so their values are spelled out below.

/// <reference types="et-jsapi-declare" />

export type EtFont = Pick<Et.Font, "Name" | "Size" | "Bold" | "Color">;

export type EtInterior = Pick<Et.Interior, "Color">;

export type EtBorders = Pick<Et.Borders, "LineStyle" | "Color">;

export type EtValidation = Pick<
  Et.Validation,
  "Add" | "Delete" | "IgnoreBlank" | "InCellDropdown" | "InputTitle" | "InputMessage" | "ErrorTitle" | "ErrorMessage" | "ShowInput" | "ShowError"
>;

/** A rule added by FormatConditions.Add (the typings return `any`). */
export interface EtFormatCondition {
  readonly Interior: EtInterior;
  readonly Font: EtFont;
}

export interface EtFormatConditions extends Pick<Et.FormatConditions, "Delete"> {
  Add(Type: Et.XlFormatConditionType, Operator?: unknown, Formula1?: unknown): EtFormatCondition;
}

export interface EtRange
  extends Pick<
    Et.Range,
    | "NumberFormat"
    | "Locked"
    | "WrapText"
    | "HorizontalAlignment"
    | "VerticalAlignment"
    | "ColumnWidth"
    | "Hidden"
    | "RowHeight"
    | "Address"
    | "Merge"
    | "Select"
    | "Clear"
    | "ClearContents"
  > {
  /** A scalar for one cell, rows of values for a block; empty cells read as undefined, null or "". */
  Value2: unknown;
  /** Formulas ("=…") or constants, as a scalar or as rows for a block. */
  Formula: unknown;
  readonly Font: EtFont;
  readonly Interior: EtInterior;
  readonly Borders: EtBorders;
  readonly Validation: EtValidation;
  readonly FormatConditions: EtFormatConditions;
}

export type EtPageSetup = Pick<
  Et.PageSetup,
  "Orientation" | "PaperSize" | "CenterHorizontally" | "Zoom" | "FitToPagesWide" | "FitToPagesTall" | "PrintArea" | "PrintTitleRows" | "CenterHeader"
>;

export interface EtWorksheet extends Pick<Et.Worksheet, "Name" | "Activate" | "Visible" | "ProtectContents" | "Protect" | "Unprotect"> {
  Range(Cell1: string): EtRange;
  readonly Cells: EtRange;
  readonly PageSetup: EtPageSetup;
}

/** Sheets and Worksheets: Item gives a worksheet, or a group of sheets when given an array (never here). */
export interface EtSheets extends Pick<Et.Sheets, "Count"> {
  Item(Index: string | number): EtWorksheet | Et.Sheets;
  Add(Before?: unknown, After?: unknown): EtWorksheet;
}

/** Narrows Sheets.Item's result to a worksheet. */
export function isWorksheet(item: EtWorksheet | Et.Sheets): item is EtWorksheet {
  return typeof (item as Partial<EtWorksheet>).Range === "function";
}

export type EtName = Pick<Et.Name, "Name" | "RefersTo" | "Delete">;

export interface EtNames extends Pick<Et.Names, "Count"> {
  Item(Index: string | number): EtName;
  Add(Name: string, RefersTo: string): EtName;
}

export interface EtWorkbook {
  readonly Sheets: EtSheets;
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
}

export type EtWindow = Pick<Et.Window, "FreezePanes" | "SplitRow" | "SplitColumn" | "ScrollRow" | "ScrollColumn">;

/** SheetChange passes the sheet and the changed range; the typings declare the range loosely. */
export type SheetChangeListener = (Sh: EtWorksheet, Target: unknown) => void;
/** SheetActivate passes the sheet, WorkbookActivate the workbook (both declared loosely). */
export type ActivateListener = (Target: unknown) => void;

export type EtEventName = "SheetChange" | "SheetActivate" | "WorkbookActivate";

export interface EtApiEvent {
  AddApiEventListener(EventName: "SheetChange", callback: SheetChangeListener): void;
  AddApiEventListener(EventName: "SheetActivate" | "WorkbookActivate", callback: ActivateListener): void;
  RemoveApiEventListener(EventName: "SheetChange", callback?: SheetChangeListener): void;
  RemoveApiEventListener(EventName: "SheetActivate" | "WorkbookActivate", callback?: ActivateListener): void;
}

export interface EtApplication extends Pick<Et.Application, "EnableEvents" | "ScreenUpdating" | "DisplayAlerts"> {
  /** Null when no workbook is open. */
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveWindow: EtWindow | null;
  readonly ApiEvent: EtApiEvent;
}

// --- enumeration values (Et.* in the typings) ------------------------------------------------------------------

export const XL_SHEET_VISIBLE: Et.XlSheetVisibility = -1;
export const XL_SHEET_HIDDEN: Et.XlSheetVisibility = 0;
export const XL_CONTINUOUS = 1;
export const XL_H_ALIGN_CENTER = -4108;
export const XL_H_ALIGN_LEFT = -4131;
export const XL_V_ALIGN_CENTER = -4108;
export const XL_DV_WHOLE: Et.XlDVType = 1;
export const XL_DV_DECIMAL: Et.XlDVType = 2;
export const XL_DV_LIST: Et.XlDVType = 3;
export const XL_DV_ALERT_STOP = 1;
export const XL_BETWEEN = 1;
export const XL_GREATER_EQUAL = 7;
export const XL_EXPRESSION: Et.XlFormatConditionType = 2;
export const XL_PORTRAIT: Et.XlPageOrientation = 1;
export const XL_LANDSCAPE: Et.XlPageOrientation = 2;
export const XL_PAPER_A4: Et.XlPaperSize = 9;

/** ET's colours are BGR integers (red + green·256 + blue·65536); the plan's are "#RRGGBB". */
export function etColor(hex: string): number {
  const value = Number.parseInt(hex.replace(/^#/, ""), 16);
  const red = (value >> 16) & 0xff;
  const green = (value >> 8) & 0xff;
  const blue = value & 0xff;
  return red + green * 256 + blue * 65536;
}

/** Excel and ET refuse a range address longer than 255 characters (Range("A1,B2,…")). */
export const MAX_ADDRESS_LENGTH = 255;
