// The host port (house style rule 6): the small interface through which the pane talks to whatever holds
// the workbook — Excel through Office.js, WPS through its ET object model, the in-page tables of the browser
// app. The UI never sees Excel.* or the page's storage; hosts never see React.

import type { Confirmation, ReportSource, UnreadCells } from "../check";
import type { CellId, ReportMeta } from "../format";
import type { CellNaming } from "../locale";
import type { Narrative } from "../report";
import type { RawCell } from "../values";

export type { Confirmation } from "../check";
export type { CellNaming } from "../locale";

/** A full read of the workbook: the report as read, and whether the tables exist yet. */
export interface WorkbookSnapshot {
  /** False when the workbook holds no tables yet (the template was never applied). */
  readonly hasTemplate: boolean;
  readonly source: ReportSource;
}

export interface CellChange {
  readonly id: CellId;
  readonly raw: RawCell;
  /** The formula whose cached result `raw` is ("=1+1"); absent for a value entered as it is. */
  readonly formula?: string;
}

export type HostEvent =
  /** Cells changed; their new content is known without reading the workbook again. */
  | { readonly kind: "cells"; readonly changes: readonly CellChange[] }
  /** The user's text (正文) changed. */
  | { readonly kind: "narrative" }
  /** The workbook changed in a way that needs a full re-read (rows inserted, labels edited, metadata). */
  | { readonly kind: "structure" }
  /** The host could not do something the user is waiting for (e.g. Excel did not answer in time). */
  | { readonly kind: "error"; readonly message: string };

export interface TemplateResult {
  /** Sheets created or rewritten (values already entered are always kept). */
  readonly sheets: readonly string[];
}

export interface HostPort {
  readonly kind: "excel" | "wps" | "browser";
  /**
   * How the user finds a cell in this host, and so how messages name cells: by sheet address where the user
   * sees column letters (Excel, WPS), by the tables' row and column labels where the page draws the tables
   * without them. When absent: labels for the browser host, addresses for the others.
   */
  readonly cellNaming?: CellNaming;
  /** Creates or refreshes the official tables and checks; keeps every value already entered. */
  applyTemplate(meta: ReportMeta): Promise<TemplateResult>;
  /** Reads the whole workbook, the user's text included. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /** Streams changes the user makes; returns the unsubscribe function. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Selects the given cells in the workbook (or scrolls the page to them). */
  select(cells: readonly CellId[]): Promise<void>;
  /** Stores the confirmations in the workbook. */
  saveConfirmations(confirmations: readonly Confirmation[]): Promise<void>;
  /** Enters values into input cells (an import the user confirmed); the caller re-reads afterwards. */
  writeCells(cells: ReadonlyMap<CellId, RawCell>): Promise<void>;
  /** The parts of the report the user wrote (the 正文 sheet, or the page's text fields). */
  readNarrative(): Promise<Narrative>;
  /**
   * Last resort when neither the clipboard nor a dialog can take the report text: writes it, one paragraph
   * per row, into a 报告文本 sheet of the workbook. Hosts that cannot do this throw a HostError.
   */
  writeReportText(lines: readonly string[]): Promise<string>;
}

/** A host operation failed in a way the user must be told about (message in zh-CN). */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostError";
  }
}

/** What an opened workbook gave, and what saving it again will not keep (for the page's message). */
export interface OpenedWorkbook {
  /** Cells not read, with the reasons (tables not found, labels edited, copies that disagree). */
  readonly unread: readonly UnreadCells[];
  /** Sheets of the workbook that saving does not keep, in the workbook's order. */
  readonly otherSheets: readonly string[];
  /** Input cells whose formula saving keeps only as its value (it refers to what the saved workbook lacks). */
  readonly formulasAsValues: readonly CellId[];
}

/**
 * The browser app's own workbook: the tables and the 正文 fields drawn in the page (the browser host). The
 * page's views edit it through this interface, never through the host's class.
 */
export interface InPageWorkbook {
  /** Increases with every stored change (a snapshot key for the page's tables). */
  readonly revision: number;
  readonly narrative: Narrative;
  writeNarrative(narrative: Narrative): void;
  /** The content of a cell as the page shows it. */
  value(id: CellId): RawCell;
  /** The user typed into a cell of the in-page tables. */
  typeCell(id: CellId, text: string): void;
  /** The page wants to show the cells an issue names. */
  onSelect(listener: (cells: readonly CellId[]) => void): () => void;
  /** Any stored value changed. */
  onValues(listener: () => void): () => void;
  /**
   * Opens an .xlsx workbook: its values, metadata and confirmations replace the page's; says what it could not
   * take and what saving it again will not keep.
   */
  openXlsx(data: Uint8Array): Promise<OpenedWorkbook>;
  /** The formula an opened workbook had in the cell (kept when saving again), without "="; null for none. */
  formula(id: CellId): string | null;
  /** The page's tables as a self-checking .xlsx workbook. */
  saveXlsx(): Promise<Uint8Array>;
  /** Empties every cell (after the user confirmed it in the page). */
  clear(): void;
  filledCount(): number;
}
