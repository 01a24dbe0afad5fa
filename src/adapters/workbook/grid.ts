// Where the tables sit in a workbook: each table's grid starts at an origin cell of its sheet. The template
// puts every table at A1 of its own sheet (so 表三!D4 is t3.new.natural, as in spec §1); a workbook whose
// rows were inserted above a table still maps correctly through the table's defined name.

import type { CellId, TableId, TableLayout } from "../../core/format";
import { TABLES, columnLetters, getCell, parseA1 } from "../../core/format";
import type { CellLocator } from "../../core/locale";

export interface SheetCell {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

export interface TablePlacement {
  readonly table: TableId;
  readonly sheet: string;
  /** Sheet row and column of the table grid's row 1, column 1. */
  readonly originRow: number;
  readonly originCol: number;
}

export type Placements = Readonly<Record<TableId, TablePlacement>>;

export const STANDARD_PLACEMENTS: Placements = {
  t2: { table: "t2", sheet: "表二", originRow: 1, originCol: 1 },
  t3: { table: "t3", sheet: "表三", originRow: 1, originCol: 1 },
  t4: { table: "t4", sheet: "表四", originRow: 1, originCol: 1 },
};

/** Defined name of each table's whole grid in the template, e.g. nb_t3 → 表三!$A$1:$J$28. */
export function tableName(table: TableId): string {
  return `nb_${table}`;
}

export function sheetCellOf(id: CellId, placements: Placements): SheetCell {
  const cell = getCell(id);
  const placement = placements[cell.table];
  return { sheet: placement.sheet, row: placement.originRow + cell.row - 1, col: placement.originCol + cell.col - 1 };
}

export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetters(col)}$${row}` : `${columnLetters(col)}${row}`;
}

export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export function locatorFor(placements: Placements): CellLocator {
  return {
    address: (id) => {
      const at = sheetCellOf(id, placements);
      return `${at.sheet}!${a1(at.row, at.col)}`;
    },
  };
}

export function tableRange(layout: TableLayout, placement: TablePlacement): string {
  return `${quoteSheet(placement.sheet)}!${a1(placement.originRow, placement.originCol, true)}:${a1(
    placement.originRow + layout.rowCount - 1,
    placement.originCol + layout.colCount - 1,
    true,
  )}`;
}

/**
 * Formula references to a set of cells, merged into ranges where they are contiguous in a row or a column:
 * "'表三'!$D$4:$I$4" or "'表二'!$B$3,'表二'!$D$3". With `withSheet: false` the sheet prefix is left out
 * (conditional formatting on the same sheet).
 */
export function formulaRefs(ids: readonly CellId[], placements: Placements, withSheet = true): string {
  const cells = ids.map((id) => sheetCellOf(id, placements));
  const ranges: string[] = [];
  let start = 0;
  while (start < cells.length) {
    const first = cells[start];
    if (!first) break;
    let end = start;
    const next = (i: number): SheetCell | undefined => cells[i + 1];
    // Extend along a row…
    while (next(end)?.sheet === first.sheet && next(end)?.row === first.row && next(end)?.col === first.col + (end - start) + 1) end += 1;
    if (end === start) {
      // …or along a column.
      while (next(end)?.sheet === first.sheet && next(end)?.col === first.col && next(end)?.row === first.row + (end - start) + 1) end += 1;
    }
    const last = cells[end] ?? first;
    const prefix = withSheet ? `${quoteSheet(first.sheet)}!` : "";
    ranges.push(end === start ? `${prefix}${a1(first.row, first.col, true)}` : `${prefix}${a1(first.row, first.col, true)}:${a1(last.row, last.col, true)}`);
    start = end + 1;
  }
  return ranges.join(",");
}

/**
 * The first sheet of the plan that the workbook already has but this tool did not make (then nothing may be
 * written), or null. `ours`: the workbook is ours at all; a table's sheet is ours when our name of the table
 * points at it.
 */
export function foreignSheet(
  sheets: readonly { readonly name: string }[],
  existing: ReadonlySet<string>,
  placements: Placements,
  nameRefs: ReadonlyMap<string, string>,
  ours: boolean,
): string | null {
  for (const sheet of sheets) {
    if (!existing.has(sheet.name)) continue;
    const table = TABLES.find((t) => placements[t.id].sheet === sheet.name);
    const isOurs = ours && (table === undefined || parseA1(nameRefs.get(tableName(table.id)) ?? "")?.sheet === sheet.name);
    if (!isOurs) return sheet.name;
  }
  return null;
}

/** The refusal when a sheet of that name exists and is not ours. */
export function foreignSheetMessage(name: string): string {
  return `工作簿中已有名为“${name}”的工作表，但不是年报助手生成的。为免覆盖其中的内容，未生成统计表。请将该工作表改名或移到其他工作簿后重试。`;
}
