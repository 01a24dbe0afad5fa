// Naming cells for the user: sheet addresses, compressed into ranges where the cells are contiguous.

import type { CellId } from "../format";
import { columnLetters, getCell, parseA1, standardAddress } from "../format";

/** Maps a cell ID to the address the user sees, e.g. "表三!D4". Hosts may supply their own. */
export interface CellLocator {
  readonly address: (id: CellId) => string;
}

export const STANDARD_LOCATOR: CellLocator = { address: standardAddress };

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
  const labels = getCell(id).labels;
  const rowLabels = labels.filter((l) => !["法人或其他组织", "行政诉讼"].includes(l));
  const shown = rowLabels.length > 2 ? rowLabels.slice(-2) : rowLabels;
  return `${locator.address(id)}（${shown.join(" · ")}）`;
}
