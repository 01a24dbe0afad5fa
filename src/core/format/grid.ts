// A table's grid in reading order: for each row, the label and input cells that start in it, skipping the
// positions covered by a merge. The in-page tables, the report's tables and the HTML packer all walk this.

import type { InputCell, LabelCell, TableLayout } from "./layout";

export type GridItem = { readonly kind: "label"; readonly cell: LabelCell } | { readonly kind: "input"; readonly cell: InputCell };

export function gridRows(table: TableLayout): GridItem[][] {
  const starts = new Map<string, GridItem>();
  for (const label of table.labels) starts.set(`${label.row}:${label.col}`, { kind: "label", cell: label });
  for (const input of table.inputs) starts.set(`${input.row}:${input.col}`, { kind: "input", cell: input });
  return Array.from({ length: table.rowCount }, (_, r) => {
    const row: GridItem[] = [];
    for (let c = 1; c <= table.colCount; c += 1) {
      const item = starts.get(`${r + 1}:${c}`);
      if (item) row.push(item);
    }
    return row;
  });
}
