// The pane's second port: turning files and pasted text into reports, and the report into files. The UI
// reaches the packers (.docx, text, HTML) and the readers of published reports only through it, as it
// reaches the workbook only through the host port; the entry (src/taskpane) supplies the implementation.

import type { ReportSource } from "../check";
import type { ImportResult } from "../import";
import type { ReportDocument } from "../report";

/** A report read from a file or from pasted text. */
export interface ReportFile {
  readonly source: ReportSource;
  /** The import of a published text (its format and sections); null for a workbook. */
  readonly imported: ImportResult | null;
}

export interface DocumentPort {
  /** Reads a published report from pasted text (HTML source is recognised). */
  readText(text: string): ReportFile;
  /** Reads a .txt, .html, .docx or .xlsx file; rejects with a HostError saying what is wrong with it. */
  readFile(name: string, data: Uint8Array): Promise<ReportFile>;
  packText(document: ReportDocument): string;
  packHtml(document: ReportDocument): string;
  packDocx(document: ReportDocument): Promise<Uint8Array>;
}
