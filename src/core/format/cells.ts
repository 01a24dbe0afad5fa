// Index of the 200 input cells of the 2021 format (spec §1): 10 in 表二, 175 in 表三, 15 in 表四.

import type { CellId, InputCell, TableId, TableLayout } from "./layout";
import { columnLetters } from "./layout";
import { TABLES } from "./tables";

export const INPUT_CELLS: readonly InputCell[] = TABLES.flatMap((table) => table.inputs);

const CELL_BY_ID: ReadonlyMap<CellId, InputCell> = new Map(INPUT_CELLS.map((cell) => [cell.id, cell]));
const TABLE_BY_ID: ReadonlyMap<TableId, TableLayout> = new Map(TABLES.map((table) => [table.id, table]));

export class UnknownCellError extends Error {
  constructor(readonly cellId: string) {
    super(`Unknown cell ID: ${cellId}`);
    this.name = "UnknownCellError";
  }
}

export function isCellId(id: string): boolean {
  return CELL_BY_ID.has(id);
}

export function getCell(id: CellId): InputCell {
  const cell = CELL_BY_ID.get(id);
  if (!cell) throw new UnknownCellError(id);
  return cell;
}

export function getTable(id: TableId): TableLayout {
  const table = TABLE_BY_ID.get(id);
  if (!table) throw new Error(`Unknown table: ${id}`);
  return table;
}

/** The cell's name as a user reads it: the label path joined, e.g. "表三 一、本年新收政府信息公开申请数量 / 自然人". */
export function describeCell(id: CellId): string {
  const cell = getCell(id);
  return `${getTable(cell.table).sheetName} ${cell.labels.join(" / ")}`;
}

export function t3Id(rowKey: string, colKey: string): CellId {
  return `t3.${rowKey}.${colKey}`;
}

export function t4Id(blockKey: string, colKey: string): CellId {
  return `t4.${blockKey}.${colKey}`;
}

/**
 * The cell's address in the standard template, where each table starts at A1 of its own sheet
 * (spec §1: 表三!D4 is `t3.new.natural`). Adapters that find a table elsewhere supply their own locator.
 */
export function standardAddress(id: CellId): string {
  const cell = getCell(id);
  return `${getTable(cell.table).sheetName}!${columnLetters(cell.col)}${cell.row}`;
}
