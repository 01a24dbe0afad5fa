// Verifying a table found in a workbook against the official layout (spec §1): every label must read as
// published. A label that does not match is reported, and the input cells it governs are left unread —
// a moved row is detected, never misread. Shared by the .xlsx reader and the Office host.

import type { CellId, LabelCell, TableLayout } from "../../core/format";
import { columnLetters } from "../../core/format";
import type { Issue } from "../../core/rules";
import type { TablePlacement } from "./grid";

/** Label comparison ignores whitespace, line breaks and the width or shape of brackets, quotes and commas. */
export function normalizeLabel(text: string): string {
  return text
    .replace(/\s+/g, "")
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")")
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[，,]/g, "、")
    .replace(/[：:]/g, ":");
}

export function labelMatches(text: string | null, label: LabelCell): boolean {
  return text !== null && normalizeLabel(text) === normalizeLabel(label.text);
}

/** Input cells governed by a label: the rows it spans (row labels) or the columns below it (headers). */
export function governedCells(table: TableLayout, label: LabelCell): CellId[] {
  const inRows = (r: number): boolean => r >= label.row && r < label.row + label.rowSpan;
  const inCols = (c: number): boolean => c >= label.col && c < label.col + label.colSpan;
  if (label.role === "rowLabel") return table.inputs.filter((c) => inRows(c.row)).map((c) => c.id);
  if (label.role === "header") {
    // A header governs the input cells below it in its columns, within its block (up to the next caption).
    const nextCaption = table.labels.filter((l) => l.role === "caption" && l.row > label.row).map((l) => l.row);
    const end = nextCaption.length > 0 ? Math.min(...nextCaption) : table.rowCount + 1;
    return table.inputs.filter((c) => inCols(c.col) && c.row > label.row && c.row < end).map((c) => c.id);
  }
  return [];
}

export interface LayoutCheck {
  readonly issues: readonly Issue[];
  readonly unread: ReadonlySet<CellId>;
}

/**
 * Checks every label of `table` placed at `placement`; `textAt` gives the text of a sheet cell (1-based
 * sheet row and column), or null when it is empty.
 */
export function checkLayout(table: TableLayout, placement: TablePlacement, textAt: (row: number, col: number) => string | null): LayoutCheck {
  const issues: Issue[] = [];
  const unread = new Set<CellId>();
  for (const label of table.labels) {
    const row = placement.originRow + label.row - 1;
    const col = placement.originCol + label.col - 1;
    const text = textAt(row, col);
    if (labelMatches(text, label)) continue;
    const cells = governedCells(table, label);
    cells.forEach((id) => unread.add(id));
    issues.push({
      id: `S-LAYOUT.${table.id}.${columnLetters(col)}${row}`,
      rule: "S-LAYOUT",
      severity: "error",
      scope: "structure",
      cells,
      expected: label.text,
      actual: text ?? "（空白）",
      message: "layoutLabel",
      subject: table.sheetName,
      params: { address: `${placement.sheet}!${columnLetters(col)}${row}` },
    });
  }
  return { issues, unread };
}

/** How many labels of `table` match at `placement` (used to find a table anywhere in a workbook). */
export function layoutScore(table: TableLayout, placement: Pick<TablePlacement, "originRow" | "originCol">, textAt: (row: number, col: number) => string | null): number {
  if (placement.originRow < 1 || placement.originCol < 1) return 0;
  return table.labels.filter((label) => labelMatches(textAt(placement.originRow + label.row - 1, placement.originCol + label.col - 1), label)).length;
}

/** Why a table's cells were not read: the table is not in the workbook, or its labels were edited. */
export function unreadReason(table: TableLayout, found: boolean): string {
  return found ? `${table.sheetName}的表格标签被改动，相应单元格无法按官方格式识别` : `工作簿中没有找到${table.sheetName}`;
}

/** The issue for a table not found in the workbook. */
export function tableMissingIssue(table: TableLayout): Issue {
  return {
    id: `S-TABLE.${table.id}`,
    rule: "S-TABLE",
    severity: "error",
    scope: "structure",
    cells: table.inputs.map((c) => c.id),
    expected: null,
    actual: null,
    message: "tableMissing",
    subject: table.sheetName,
    params: { table: table.id },
  };
}
