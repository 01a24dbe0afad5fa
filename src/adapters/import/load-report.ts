// Any report file as cells, metadata and text: our workbooks and any .xlsx holding the official tables are
// read as workbooks; published reports (.txt, .html, .docx, .pdf) are extracted to text and imported.
// Node only (reads files, runs pdftotext).

import { readFileSync, statSync } from "node:fs";
import type { ReportSource } from "../../core/check";
import type { CellId } from "../../core/format";
import { getCell, isCellId } from "../../core/format";
import { parseCell } from "../../core/values";
import type { ImportOptions, ImportResult } from "../../core/import";
import { readHtmlPage } from "../../core/import/html";
import { sourceFromText } from "../../core/import";
import type { FileContent } from "../xlsx/read-workbook";
import { UnusableWorkbookError, contentNoun, identifyContent, readWorkbook } from "../xlsx/read-workbook";
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

const READABLE = "只能读取 .xlsx 工作簿和 .txt、.html、.docx、.pdf 格式的报告";

/** Files people have at hand that are not read here, by extension: what the file is, then what to do. */
const OTHER_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^xls$/, "Excel 97-2003 工作簿（.xls），只能读取 .xlsx 工作簿。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。"],
  [/^(et|ett)$/, "WPS 表格文件（.et），只能读取 .xlsx 工作簿。请在 WPS 中打开，另存为 .xlsx 后再试。"],
  [/^(ods|ots|fods)$/, "OpenDocument 电子表格（.ods），只能读取 .xlsx 工作簿。请在 LibreOffice、WPS 或 Excel 中打开，另存为 .xlsx 后再试。"],
  [/^(xlsm|xltx|xltm)$/, "启用宏的工作簿或 Excel 模板，只能读取 .xlsx 工作簿。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再试。"],
  [/^xlsb$/, "Excel 二进制工作簿（.xlsb），只能读取 .xlsx 工作簿。请在 Excel 中打开，另存为 .xlsx 后再试。"],
  [/^csv$/, "逗号分隔的文本（.csv），没有统计表的表头，无法核对表格。请在 Excel 或 WPS 中打开原工作簿，另存为 .xlsx 后再试。"],
  [/^(doc|dot)$/, "Word 97-2003 文档（.doc），无法直接读取。请在 Word 或 WPS 中打开，另存为 .docx 后再试。"],
  [/^(wps|wpt)$/, "WPS 文字文档（.wps），无法直接读取。请在 WPS 中打开，另存为 .docx 后再试。"],
  [/^(odt|ott|rtf)$/, "OpenDocument 或 RTF 格式的文档，无法直接读取。请在 WPS、Word 或 LibreOffice 中打开，另存为 .docx 后再试。"],
  [/^(mht|mhtml)$/, "单个文件网页（.mht），无法直接读取。请在浏览器中打开，另存为“网页，仅 HTML”（.html）后再试。"],
  [/^ofd$/, "OFD 版式文档，无法直接读取。请用 OFD 阅读器导出为 PDF，或将报告全文复制到 .txt 文件后再试。"],
  [/^(zip|rar|7z|gz|tar)$/, "压缩包，请先解压，再选择其中的报告文件。"],
  [/^(jpe?g|png|gif|bmp|tiff?|webp)$/, "图片，无法从中读取文字。请使用报告的网页、.docx、.pdf 或文本文件。"],
];

/** Why a file is not read, by its name: what it is and what to do (「请另存为 .xlsx 后再试」), naming the file. */
export function unsupportedFileMessage(file: string): string {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === undefined) return `${file} 没有扩展名，无法判断文件类型：${READABLE}。`;
  const known = OTHER_TYPES.find(([pattern]) => pattern.test(ext));
  return known === undefined ? `不支持的文件类型（.${ext}）：${file}。${READABLE}。` : `${file} 是${/^[A-Za-z]/.test(known[1]) ? " " : ""}${known[1]}`;
}

/** What a file's bytes can be when read as the format its name gives; anything else is told, not misread. */
const EXPECTED_CONTENT: Readonly<Record<Exclude<ReportFormat, "xlsx" | "pdf">, readonly FileContent[]>> = {
  docx: ["docx", "ooxml", "damaged-zip", "unknown"],
  txt: ["text", "html", "xml-spreadsheet", "unknown"],
  html: ["text", "html", "xml-spreadsheet", "unknown"],
};

/** What to do with a report file whose content is not what its name says (by default: choose the report). */
const MISMATCH_ADVICE: Readonly<Partial<Record<FileContent, string>>> = {
  "cfb-document": "请在 Word 或 WPS 中打开，另存为 .docx 后再试。",
  odt: "请在 Word、WPS 或 LibreOffice 中打开，另存为 .docx 后再试。",
  odf: "请在 Word、WPS 或 LibreOffice 中打开，另存为 .docx 后再试。",
  rtf: "请在 Word 或 WPS 中打开，另存为 .docx 后再试。",
  "cfb-encrypted": "请在 Word、Excel 或 WPS 中打开，取消打开密码后另存，再试。",
  xlsx: "统计表工作簿请将扩展名改为 .xlsx 后再试。",
  "cfb-workbook": "统计表工作簿请另存为 .xlsx 后再试。",
  cfb: "统计表工作簿请另存为 .xlsx 后再试。",
  ods: "统计表工作簿请另存为 .xlsx 后再试。",
  xlsb: "统计表工作簿请另存为 .xlsx 后再试。",
  docx: "请将扩展名改回 .docx 后再试。",
  pdf: "请将扩展名改回 .pdf 后再试。",
  zip: "请先解压，再选择其中的报告文件。",
  archive: "请先解压，再选择其中的报告文件。",
  text: "请将扩展名改为 .txt 后再试。",
  html: "请将扩展名改为 .html 后再试。",
};

/** The largest report file read (a published report is a few MB at most; a PDF with images some tens). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The most text read from one report (a published report has some tens of thousands of characters). */
export const MAX_TEXT_CHARS = 4_000_000;

export function textTooLongMessage(file: string): string {
  return `${file} 的文字过多（超过 ${MAX_TEXT_CHARS / 10_000} 万字），未读取。年度报告一般只有几万字，请确认选择的文件。`;
}

export async function loadReport(file: string, options: ImportOptions = {}): Promise<LoadedReport> {
  const format = formatOf(file);
  if (format === null) throw new UnreadableReportError(unsupportedFileMessage(file));
  let data: Uint8Array;
  try {
    // Only a regular file is opened: a pipe or a device (/dev/zero) would be read for ever.
    const stats = statSync(file);
    if (!stats.isFile()) throw new UnreadableReportError(`无法读取 ${file}：${stats.isDirectory() ? "这是一个文件夹" : "不是普通文件（管道、设备等）"}。`);
    if (stats.size > MAX_FILE_BYTES) throw new UnreadableReportError(`${file} 文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB），未读取。年度报告一般不超过几 MB，请确认选择的文件。`);
    // One small file read at once: faster than a round trip through the thread pool, and the audit's workers
    // read one file at a time anyway.
    data = readFileSync(file);
  } catch (error) {
    if (error instanceof UnreadableReportError) throw error;
    throw new UnreadableReportError(`无法读取 ${file}（文件不存在、是文件夹或没有读取权限）。`);
  }
  if (format === "xlsx") {
    const workbook = await readWorkbook(data).catch((error: unknown) => {
      throw error instanceof UnusableWorkbookError ? new UnreadableReportError(error.message) : error;
    });
    return { file, format, source: workbook, imported: null };
  }
  if (format !== "pdf" && data.length > 0) {
    const content = identifyContent(data);
    if (!EXPECTED_CONTENT[format].includes(content)) {
      throw new UnreadableReportError(`${file} 的内容是${contentNoun(content)}，与扩展名不符。${MISMATCH_ADVICE[content] ?? "请选择年度报告的 .txt、.html、.docx 或 .pdf 文件。"}`);
    }
  }
  const extracted = await extractReportText(file, format, data);
  if (extracted.text.length > MAX_TEXT_CHARS) throw new UnreadableReportError(textTooLongMessage(file));
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
