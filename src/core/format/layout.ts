// The building blocks of the official tables as data (国办公开办函〔2021〕30号, attachment).
// Rows and columns are 1-based and relative to the table's own grid, as in spec §1; where a table sits
// on a sheet is an adapter's business.

export type TableId = "t2" | "t3" | "t4";

/** Count cells hold non-negative integers (件); money cells hold 万元 amounts and may carry decimals. */
export type CellKind = "count" | "money";

/** A stable cell ID of spec §1, e.g. `t3.new.natural`. The core addresses cells only by these IDs. */
export type CellId = string;

export interface GridSpan {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

export type LabelRole = "caption" | "header" | "rowLabel" | "note";

export interface LabelCell extends GridSpan {
  readonly text: string;
  readonly role: LabelRole;
}

export interface InputCell extends GridSpan {
  readonly id: CellId;
  readonly table: TableId;
  readonly kind: CellKind;
  /** The label path that names the cell, outermost first, e.g. ["第二十条第（一）项", "规章", "本年制发件数"]. */
  readonly labels: readonly string[];
  /** True for cells that the official table defines as a total (总计 column or row, block totals). */
  readonly isTotal: boolean;
}

export interface TableLayout {
  readonly id: TableId;
  /** Sheet name in the template workbook. */
  readonly sheetName: string;
  /** Section heading of the report under which the table is published. */
  readonly title: string;
  readonly rowCount: number;
  readonly colCount: number;
  /** Column widths in character units, one per column. */
  readonly columnWidths: readonly number[];
  readonly labels: readonly LabelCell[];
  readonly inputs: readonly InputCell[];
}

/** 1-based column number to letters: 1 → A, 10 → J. */
export function columnLetters(col: number): string {
  let letters = "";
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function label(row: number, col: number, text: string, role: LabelRole, rowSpan = 1, colSpan = 1): LabelCell {
  return { row, col, rowSpan, colSpan, text, role };
}
