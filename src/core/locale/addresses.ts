// Naming cells for the user: sheet addresses, compressed into ranges where the cells are contiguous (Excel,
// WPS, the CLI: the user sees column letters there); or, where the tables are drawn without column letters
// (the browser page), the table's own row and column labels.

import type { CellId, InputCell, TableId } from "../format";
import { columnLetters, getCell, getTable, parseA1, standardAddress } from "../format";

/**
 * How the user finds a cell: by its sheet address ("表三!D4") where the host shows column letters, or by the
 * table's row and column labels ("表三“一、本年新收政府信息公开申请数量”行“自然人”列") where it does not.
 */
export type CellNaming = "address" | "labels";

/** Maps a cell ID to the name the user sees, e.g. "表三!D4". Hosts may supply their own. */
export interface CellLocator {
  readonly address: (id: CellId) => string;
  /** How `address` names cells (sheet addresses when absent). */
  readonly naming?: CellNaming;
}

export const STANDARD_LOCATOR: CellLocator = { address: standardAddress };

/** The row and column labels of a cell as its table prints them, innermost last; captions left out. */
interface CellLabels {
  readonly cell: InputCell;
  readonly row: readonly string[];
  readonly column: readonly string[];
}

interface TableLabelRoles {
  readonly rows: ReadonlySet<string>;
  readonly headers: ReadonlySet<string>;
}

const LABEL_ROLES = new Map<TableId, TableLabelRoles>();

/** The texts a table prints as row labels and as column headers (a cell's label path mixes both, and captions). */
function labelRolesOf(table: TableId): TableLabelRoles {
  let roles = LABEL_ROLES.get(table);
  if (roles === undefined) {
    const { labels } = getTable(table);
    roles = {
      rows: new Set(labels.filter((l) => l.role === "rowLabel").map((l) => l.text)),
      headers: new Set(labels.filter((l) => l.role === "header").map((l) => l.text)),
    };
    LABEL_ROLES.set(table, roles);
  }
  return roles;
}

function labelsOf(id: CellId): CellLabels {
  const cell = getCell(id);
  const { rows, headers } = labelRolesOf(cell.table);
  // The innermost two of each: "（三）不予公开 · 1.属于国家秘密", "未经复议直接起诉 · 结果维持".
  const row = cell.labels.filter((l) => rows.has(l)).slice(-2);
  const column = cell.labels.filter((l) => headers.has(l) && !rows.has(l)).slice(-2);
  return { cell, row, column };
}

const quoted = (labels: readonly string[]): string => `“${labels.join(" · ")}”`;

/**
 * A cell named by the labels the page shows: "表二“规章”行“本年制发件数”列"; a table with a single data row
 * (表四) by its column headers alone: "表四“行政复议 · 结果维持”栏".
 */
export function cellLabelName(id: CellId): string {
  const { cell, row, column } = labelsOf(id);
  const sheet = getTable(cell.table).sheetName;
  return row.length > 0 ? `${sheet}${quoted(row)}行${quoted(column)}列` : `${sheet}${quoted(column)}栏`;
}

/** Names cells by their row and column labels (the browser page, which shows no column letters). */
export const LABEL_LOCATOR: CellLocator = { address: cellLabelName, naming: "labels" };

/**
 * Cells named by labels, those of one row together: "表三“一、本年新收政府信息公开申请数量”行“自然人”至“总计”各列";
 * at most `limit` cells.
 */
function formatLabelNames(ids: readonly CellId[], limit: number): string {
  const groups: CellLabels[][] = [];
  for (const id of ids.slice(0, limit)) {
    const labels = labelsOf(id);
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && last.cell.table === labels.cell.table && last.row.join() === labels.row.join()) group.push(labels);
    else groups.push([labels]);
  }
  const parts = groups.map((group, index) => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return "";
    const previous = groups[index - 1]?.[0];
    const sheet = previous?.cell.table === first.cell.table ? "" : getTable(first.cell.table).sheetName;
    const row = first.row.length > 0 ? `${quoted(first.row)}行` : "";
    const unit = first.row.length > 0 ? "列" : "栏";
    const contiguous = group.every((g, i) => g.cell.row === first.cell.row && g.cell.col === first.cell.col + i);
    if (group.length > 2 && contiguous) return `${sheet}${row}${quoted(first.column)}至${quoted(last.column)}各${unit}`;
    return `${sheet}${row}${group.map((g) => quoted(g.column)).join("、")}${unit}`;
  });
  return parts.join("，") + (ids.length > limit ? ` 等 ${ids.length} 个单元格` : "");
}

interface ParsedAddress {
  readonly sheet: string;
  readonly col: number;
  readonly row: number;
  readonly letters: string;
}

function parseAddress(address: string): ParsedAddress | null {
  const ref = parseA1(address);
  if (ref === null || ref.sheet === "" || ref.lastRow !== ref.row || ref.lastCol !== ref.col) return null;
  return { sheet: ref.sheet, col: ref.col, row: ref.row, letters: columnLetters(ref.col) };
}

/** "表三!D4:I4" for a contiguous row or column; "表三!D4、D5、D27" otherwise; at most `limit` items. */
export function formatAddresses(ids: readonly CellId[], locator: CellLocator = STANDARD_LOCATOR, limit = 12): string {
  if (locator.naming === "labels") return formatLabelNames(ids, limit);
  const addresses = ids.map((id) => locator.address(id));
  const parsed = addresses.map(parseAddress);
  if (parsed.length > 1 && parsed.every((p): p is ParsedAddress => p !== null)) {
    const first = parsed[0];
    const last = parsed[parsed.length - 1];
    if (first && last && parsed.every((p) => p.sheet === first.sheet)) {
      const sameRow = parsed.every((p, i) => p.row === first.row && p.col === first.col + i);
      const sameCol = parsed.every((p, i) => p.col === first.col && p.row === first.row + i);
      if (sameRow || sameCol) return `${first.sheet}!${first.letters}${first.row}:${last.letters}${last.row}`;
      const shown = parsed.slice(0, limit).map((p, i) => (i === 0 ? `${p.sheet}!${p.letters}${p.row}` : `${p.letters}${p.row}`));
      return shown.join("、") + (parsed.length > limit ? ` 等 ${parsed.length} 个单元格` : "");
    }
  }
  const shown = addresses.slice(0, limit).join("、");
  return shown + (addresses.length > limit ? ` 等 ${addresses.length} 个单元格` : "");
}

/** A cell as the user reads it: address plus the innermost labels, e.g. "表三!D4（一、本年新收政府信息公开申请数量 · 自然人）". */
export function describeCellAt(id: CellId, locator: CellLocator = STANDARD_LOCATOR): string {
  // Named by its labels already: saying them twice would not help.
  if (locator.naming === "labels") return locator.address(id);
  const labels = getCell(id).labels;
  const rowLabels = labels.filter((l) => !["法人或其他组织", "行政诉讼"].includes(l));
  const shown = rowLabels.length > 2 ? rowLabels.slice(-2) : rowLabels;
  return `${locator.address(id)}（${shown.join(" · ")}）`;
}
