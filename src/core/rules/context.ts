// What a rule is evaluated against: this year's cells (as typed arrays, so that evaluating the 450 table
// rules allocates nothing while they pass), the metadata, last year's report for the cross-year rules, and
// the report text for the text rules. The engine owns the store; rules only read it.

import type { CellId, ReportMeta, TextSection } from "../format";
import { INPUT_CELLS } from "../format";
import type { TypedCell } from "../values";

/** Kinds of a stored cell, as small integers for the typed array. */
export const CELL_BLANK = 0;
export const CELL_NUMBER = 1;
export const CELL_TEXT = 2;
export const CELL_ERROR = 3;

/** Position of each input cell in the store (the order of INPUT_CELLS). */
export const CELL_INDEX: ReadonlyMap<CellId, number> = new Map(INPUT_CELLS.map((cell, index) => [cell.id, index]));

export function cellIndex(id: CellId): number {
  const index = CELL_INDEX.get(id);
  if (index === undefined) throw new RangeError(`not an input cell: ${id}`);
  return index;
}

export interface CellStore {
  /** CELL_BLANK … CELL_ERROR per cell index. */
  readonly kinds: Uint8Array;
  /** The number of each CELL_NUMBER cell (0 otherwise). */
  readonly numbers: Float64Array;
  /** The typed cell with its input problems. */
  typed(index: number): TypedCell;
  /** The formula whose cached result the cell holds ("=1+1"), or null for a value entered as it is. */
  formula(index: number): string | null;
}

/** Last year's report as the cross-year rules read it. */
export interface PreviousYearView {
  readonly year: number | null;
  /** The agency the report names (its title), when known. */
  readonly agencyName?: string | null;
  /** Last year's number in a cell, or null when it was blank, text or unread. */
  readonly number: (id: CellId) => number | null;
  /** 一、总体情况 and 五、存在的主要问题及改进情况 of last year's report, as plain text. */
  readonly one: string;
  readonly five: string;
}

export interface TextParagraph {
  readonly section: TextSection;
  /** Generated from the tables, written by the user, or the template's guidance not yet replaced. */
  readonly source: "generated" | "user" | "guidance";
  readonly text: string;
  /** The user bound figures of the tables into it ({t3.new.total}): they state them on purpose. */
  readonly bound?: boolean;
}

/** A calendar date as printed (e.g. under the signature). */
export interface PrintedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The signature block at the end of a published report: the agency's name and the date under it. */
export interface Signature {
  /** The name line above the date, or null when the date stands alone. */
  readonly agency: string | null;
  readonly date: PrintedDate;
  /** The lines as printed, for the message. */
  readonly text: string;
}

/** The report text as the text rules read it. */
export interface TextView {
  readonly title: string;
  readonly paragraphs: readonly TextParagraph[];
  /**
   * A published report's own opening — what it prints before 一、 (with the title) and the first paragraph of
   * 一 — and its signature block; null for a report written in the workbook (its opening is generated).
   */
  readonly published?: { readonly opening: string; readonly signature: Signature | null } | null;
}

export interface EvaluationContext {
  readonly store: CellStore;
  readonly meta: ReportMeta;
  readonly previous: PreviousYearView | null;
  readonly text: TextView | null;
}
