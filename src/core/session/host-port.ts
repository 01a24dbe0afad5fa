// The host port (house style rule 6): the small interface through which the pane talks to whatever holds
// the workbook — Excel through Office.js, the in-page tables of the browser app, or a file. The UI never
// sees Excel.* or the DOM storage; hosts never see React.

import type { CellId, ReportMeta } from "../format";
import type { CellLocator } from "../locale";
import type { Narrative } from "../report";
import type { Issue } from "../rules";
import type { RawCell } from "../values";

/** A 提示 the user has confirmed with an explanation; stored in the workbook and travelling with it. */
export interface Confirmation {
  readonly ruleId: string;
  readonly note: string;
  /** ISO timestamp of the confirmation. */
  readonly at: string;
}

/** Everything the pane needs from a full read of the workbook. */
export interface WorkbookSnapshot {
  /** False when the workbook holds no tables yet (the template was never applied). */
  readonly hasTemplate: boolean;
  readonly meta: ReportMeta;
  readonly raw: ReadonlyMap<CellId, RawCell>;
  readonly locator: CellLocator;
  /** Structure issues found while reading (edited labels, missing tables, unusable metadata). */
  readonly structureIssues: readonly Issue[];
  readonly confirmations: readonly Confirmation[];
}

export interface CellChange {
  readonly id: CellId;
  readonly raw: RawCell;
}

export type HostEvent =
  /** Cells changed; their new content is known without reading the workbook again. */
  | { readonly kind: "cells"; readonly changes: readonly CellChange[] }
  /** The workbook changed in a way that needs a full re-read (rows inserted, labels edited, metadata). */
  | { readonly kind: "structure" }
  /** The host could not do something the user is waiting for (e.g. Excel did not answer in time). */
  | { readonly kind: "error"; readonly message: string };

export interface TemplateResult {
  /** Sheets created or rewritten (values already entered are always kept). */
  readonly sheets: readonly string[];
}

export interface HostPort {
  readonly kind: "excel" | "browser";
  /** Creates or refreshes the official tables and checks; keeps every value already entered. */
  applyTemplate(meta: ReportMeta): Promise<TemplateResult>;
  /** Reads the whole workbook. */
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
