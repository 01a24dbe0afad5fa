// Any report file as cells, metadata and text: our workbooks and any .xlsx holding the official tables are
// read as workbooks; published reports (.txt, .html, .docx, .pdf) are extracted to text and imported.
// Node only (reads files, runs pdftotext).

import { readFile } from "node:fs/promises";
import type { ReportSource } from "../../core/check";
import type { CellId } from "../../core/format";
import { getCell, isCellId } from "../../core/format";
import { parseCell } from "../../core/values";
import type { ImportOptions, ImportResult } from "../../core/import";
import { readHtmlPage } from "../../core/import/html";
import { sourceFromText } from "../../core/import";
import { UnusableWorkbookError, readWorkbook } from "../xlsx/read-workbook";
import { pdfToText } from "./extract-pdf";
import type { ReportFormat } from "./extract-text";
import { UnreadableReportError, decodeText, docxToText, formatOf } from "./extract-text";

/** A report file as read: the report (core/check's one shape), its file format and, for texts, the import. */
export { narrativeFromSections, rejoinParagraphs, sourceFromText } from "../../core/import";

export interface LoadedReport {
  readonly file: string;
  readonly format: ReportFormat;
  readonly source: ReportSource;
  /** The import of a published text (agency, year, format, sections); null for a workbook. */
  readonly imported: ImportResult | null;
}

/** The text of a published report and, for a web page, its <title> (a page may name the report only there). */
export async function extractReportText(file: string, format: Exclude<ReportFormat, "xlsx">, data: Uint8Array): Promise<{ text: string; pageTitle: string | null }> {
  switch (format) {
    case "txt":
      return { text: decodeText(data), pageTitle: null };
    case "html": {
      const page = readHtmlPage(decodeText(data));
      return { text: page.text, pageTitle: page.title };
    }
    case "docx":
      return { text: await docxToText(data), pageTitle: null };
    case "pdf":
      return { text: await pdfToText(file), pageTitle: null };
  }
}

export async function loadReport(file: string, options: ImportOptions = {}): Promise<LoadedReport> {
  const format = formatOf(file);
  if (format === null) throw new UnreadableReportError("不支持的文件类型：只能读取 .xlsx、.txt、.html、.docx 和 .pdf。");
  let data: Uint8Array;
  try {
    data = await readFile(file);
  } catch {
    throw new UnreadableReportError(`无法读取 ${file}（文件不存在、是文件夹或没有读取权限）。`);
  }
  if (format === "xlsx") {
    const workbook = await readWorkbook(data).catch((error: unknown) => {
      throw error instanceof UnusableWorkbookError ? new UnreadableReportError(error.message) : error;
    });
    return { file, format, source: workbook, imported: null };
  }
  const extracted = await extractReportText(file, format, data);
  const { source, imported } = sourceFromText(extracted.text, { ...options, pageTitle: extracted.pageTitle });
  return { file, format, source, imported };
}

/** 表二's 现行有效件数 in last year's report (a workbook or a published report), for this year's glued 表二 rows. */
export async function lastYearValidOf(file: string): Promise<(cell: CellId) => number | null> {
  return lastYearValidFrom(await loadReport(file));
}

/** 表二's 现行有效件数 in last year's report as loaded. */
export function lastYearValidFrom(previous: LoadedReport): (cell: CellId) => number | null {
  return (cell) => {
    const id = `t2.${cell.split(".")[1] ?? ""}.valid`;
    if (!isCellId(id)) return null;
    // Read as the cross-year check reads it (a workbook may hold the figure as text).
    const value = parseCell(previous.source.cells.get(id) ?? null, getCell(id).kind).value;
    return value.kind === "number" && Number.isInteger(value.value) && value.value >= 0 ? value.value : null;
  };
}
