// Bare number rows set apart from their labels, as Markdown conversions of PDF reports print them: a label on a
// line of its own after the number row it owns, a block of labels followed by a block of bare number rows, or
// the other way round. The TableReader gives each number to the last label before it, so such rows come out
// with too many figures on one label and none on its neighbours.
//
// The figures are then placed by the table's row order, never by proximity: within an uninterrupted stretch of
// consecutive rows printed in the table's order, the figures in reading order fill the rows in order, each row
// taking exactly as many as it has cells. That is done only for a stretch whose figures are exactly as many as
// its rows' cells, so the count leaves one assignment; never across a row printed whole with its label; and
// only when every identity within a placed row (a row's 总计 = its columns, a 表四 block's 总计 = its results,
// 现行有效 against last year) holds for the placed figures. Anything else is left as printed, and its rows are
// unread with the reason.

import type { CellId } from "../format";
import type { Identity } from "./glued";
import type { RowOccurrence, TableReading } from "./table-reader";
import { UNOWNED } from "./table-reader";
import type { RowSpec } from "./table-specs";
import type { ValueCell } from "./tokens";

export interface RowPlacement {
  /** The reading with the figures of each placed stretch moved to their rows. */
  readonly reading: TableReading;
  /** Rows whose figures were placed by the table's row order. */
  readonly placed: ReadonlySet<number>;
  /** Rows of a stretch whose placement an identity of the row contradicted. */
  readonly contradicted: ReadonlySet<number>;
}

/**
 * False when the row's figures break one of its own identities (those whose cells all lie in the row); cells
 * that hold no number decide nothing.
 */
function holds(row: RowSpec, cells: readonly ValueCell[], identities: readonly Identity[]): boolean {
  const values = new Map<CellId, number | null>();
  row.cells.forEach((id, i) => {
    const cell = cells[i];
    values.set(id, cell?.kind === "number" ? cell.value : null);
  });
  return identities.every((identity) => {
    if (identity.terms.length === 0 || !identity.terms.every((term) => values.has(term.cell))) return true;
    let total = identity.constant;
    for (const term of identity.terms) {
      const value = values.get(term.cell);
      if (value === null || value === undefined) return true;
      total += term.coef * value;
    }
    return Math.abs(total) < 1e-6;
  });
}

/**
 * Uninterrupted stretches of occurrences of consecutive rows, in the table's order; figures after a column
 * header that no label owned yet open a stretch (their labels follow).
 */
function stretches(sequence: readonly (RowOccurrence | null)[]): RowOccurrence[][] {
  const out: RowOccurrence[][] = [];
  let current: RowOccurrence[] = [];
  for (const item of sequence) {
    const last = current[current.length - 1];
    const continues = item !== null && item.row !== UNOWNED && (last === undefined || last.row === UNOWNED || item.row === last.row + 1);
    if (!continues) {
      if (current.length > 1) out.push(current);
      current = [];
    }
    if (item !== null) current.push(item);
  }
  if (current.length > 1) out.push(current);
  return out;
}

/**
 * Cuts a stretch where the figures so far exactly fill the rows so far; a part of two or more rows whose
 * figures are not each on their own row is a candidate for placing. A part that never fills up is left, and
 * so is a part with a row that holds exactly its own figures: figures would move across a row printed whole,
 * and which of them belongs where is then not certain.
 */
function displacedParts(stretch: readonly RowOccurrence[], width: (row: number) => number): RowOccurrence[][] {
  const parts: RowOccurrence[][] = [];
  let part: RowOccurrence[] = [];
  let balance = 0;
  for (const occurrence of stretch) {
    part.push(occurrence);
    balance += occurrence.cells.length - width(occurrence.row);
    if (balance !== 0) continue;
    if (part.length > 1 && part.every((o) => o.cells.length !== width(o.row))) parts.push(part);
    part = [];
  }
  return parts;
}

export function placeByRowOrder(rows: readonly RowSpec[], reading: TableReading, identities: readonly Identity[], rowWidth: (row: number) => number): RowPlacement {
  const width = (row: number): number => (row === UNOWNED ? 0 : rowWidth(row));
  const replaced = new Map<readonly ValueCell[], readonly ValueCell[]>();
  const placed = new Set<number>();
  const contradicted = new Set<number>();
  for (const stretch of stretches(reading.sequence)) {
    // A stretch with more or fewer figures than cells holds a row printed empty, a stray figure or a lost
    // one somewhere: figures could then belong one row further up or down, so none is placed.
    if (stretch.reduce((balance, o) => balance + o.cells.length - width(o.row), 0) !== 0) continue;
    for (const part of displacedParts(stretch, width)) {
      const figures = part.flatMap((occurrence) => occurrence.cells);
      let at = 0;
      const cut = part.map((occurrence) => {
        const cells = figures.slice(at, at + width(occurrence.row));
        at += cells.length;
        return { occurrence, cells };
      });
      const placedRows = cut.filter(({ occurrence }) => occurrence.row !== UNOWNED);
      const fits = placedRows.every(({ occurrence, cells }) => {
        const row = rows[occurrence.row];
        return row !== undefined && holds(row, cells, identities);
      });
      if (!fits) {
        for (const { occurrence } of placedRows) contradicted.add(occurrence.row);
        continue;
      }
      for (const { occurrence, cells } of placedRows) {
        replaced.set(occurrence.cells, cells);
        placed.add(occurrence.row);
      }
    }
  }
  if (replaced.size === 0) return { reading, placed, contradicted };
  const moved = reading.rows.map((occurrences) => occurrences.map((cells) => replaced.get(cells) ?? cells));
  return { reading: { ...reading, rows: moved }, placed, contradicted };
}
