// A report as read (house style rule 13): the one value every reader produces — the .xlsx reader, the import
// of a published text, the Office host, the browser host — and the one thing the check reads. It carries
// where each cell came from (house style rule 15), what could not be read and why, and the user's text.

import type { CellId, ReportMeta } from "../format";
import { standardAddress } from "../format";
import type { CellLocator } from "../locale";
import type { Narrative } from "../report";
import type { Issue, Signature } from "../rules";
import type { CellFormulas, RawCell } from "../values";

/** How a cell of an imported text was read (reading real reports: glued digit runs may need splitting). */
export type ReadMethod = "separated" | "splitByLength" | "splitByIdentities" | "splitByPreviousYear" | "placedByRowOrder";

export type CellOrigin =
  /** A workbook cell, e.g. 表三!D4 (or wherever the table was found). */
  | { readonly kind: "sheet"; readonly address: string }
  /** A place in an imported text: the line (1-based) when known, and how the figure was read. */
  | { readonly kind: "text"; readonly line: number | null; readonly method: ReadMethod };

/** Cells that could not be read with confidence, with the reason in the user's words. */
export interface UnreadCells {
  readonly cells: readonly CellId[];
  readonly reason: string;
}

/** A 提示 the user has confirmed with an explanation; stored in the workbook and travelling with it. */
export interface Confirmation {
  readonly ruleId: string;
  readonly note: string;
  /** ISO timestamp of the confirmation. */
  readonly at: string;
}

export interface ReportSource {
  /** A workbook (cells typed by a user) or a published text read back. */
  readonly kind: "workbook" | "text";
  readonly meta: ReportMeta;
  /** The raw content of every cell read; a cell that is absent (or null) is blank or was not read. */
  readonly cells: ReadonlyMap<CellId, RawCell>;
  /** Where each cell read came from. */
  readonly origins: ReadonlyMap<CellId, CellOrigin>;
  /** Cells read whose content is the cached result of a formula, with the formula (workbooks only). */
  readonly formulas?: CellFormulas;
  /** Structure issues found while reading (edited labels, tables not found, unusable metadata). */
  readonly structure: readonly Issue[];
  readonly confirmations: readonly Confirmation[];
  /** The parts the user wrote (正文), or the text of a published report; null when there is none. */
  readonly narrative: Narrative | null;
  /** Cells not read, with reasons (a blank cell of a workbook is not unread: it was read as blank). */
  readonly unread: readonly UnreadCells[];
  /**
   * A published report's own text (imports only): 一 and 五 as published, for comparing next year's report with
   * this one; its opening and its signature block, which the text rules check against the title.
   */
  readonly publishedText?: PublishedText | null;
}

export interface PublishedText {
  readonly one: string;
  readonly five: string;
  /** What it prints before 一、 (the title with it) and the first paragraph of 一. */
  readonly opening?: string;
  readonly signature?: Signature | null;
}

/** The origins of cells at the addresses a locator gives (a workbook's cells). */
export function sheetOrigins(ids: Iterable<CellId>, locator: CellLocator): Map<CellId, CellOrigin> {
  const origins = new Map<CellId, CellOrigin>();
  for (const id of ids) origins.set(id, { kind: "sheet", address: locator.address(id) });
  return origins;
}

/** Names a cell for messages: its sheet address when it came from a workbook, the template's otherwise. */
export function locatorOf(source: Pick<ReportSource, "origins">): CellLocator {
  return {
    address: (id) => {
      const origin = source.origins.get(id);
      return origin?.kind === "sheet" ? origin.address : standardAddress(id);
    },
  };
}

/** The number of cells listed as unread. */
export function unreadCount(unread: readonly UnreadCells[]): number {
  const cells = new Set<CellId>();
  for (const entry of unread) for (const id of entry.cells) cells.add(id);
  return cells.size;
}
