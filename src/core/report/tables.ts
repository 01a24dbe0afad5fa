// The three statistical tables as blocks of the report, drawn from the same layout data as the sheet: every
// label verbatim with its merges, every figure as entered (formatted for official text).

import type { CellId, TableLayout } from "../format";
import { gridRows } from "../format";
import { formatNumber } from "../locale";
import type { CellValue } from "../values";
import type { Block, TableCellBlock } from "./document";

/** A cell's figure as printed: numbers in official form, text as typed, blank as empty. */
export function figureText(value: CellValue | undefined): string {
  if (value === undefined) return "";
  switch (value.kind) {
    case "blank":
      return "";
    case "number":
      return formatNumber(value.value);
    case "text":
      return value.raw;
    case "error":
      return value.code;
  }
}

export function createTableBlock(table: TableLayout, valueOf: (id: CellId) => CellValue | undefined): Extract<Block, { kind: "table" }> {
  const rows = gridRows(table).map((items) => ({
    cells: items.map((item): TableCellBlock => {
      if (item.kind === "label") {
        return {
          text: item.cell.text,
          rowSpan: item.cell.rowSpan,
          colSpan: item.cell.colSpan,
          header: true,
          align: item.cell.role === "rowLabel" && !(item.cell.rowSpan > 1 && item.cell.colSpan === 1) ? "left" : "center",
        };
      }
      return {
        text: figureText(valueOf(item.cell.id)),
        rowSpan: item.cell.rowSpan,
        colSpan: item.cell.colSpan,
        header: false,
        align: "center",
        cell: item.cell.id,
      };
    }),
  }));
  // Rows above the first input row are the header that repeats on every page (表三, 表四). 表二 has none: its
  // captions head each of its four blocks.
  const firstInputRow = Math.min(...table.inputs.map((c) => c.row));
  return {
    kind: "table",
    table: table.id,
    columnWidths: table.columnWidths,
    headerRows: table.id === "t2" ? 0 : firstInputRow - 1,
    rows,
  };
}
