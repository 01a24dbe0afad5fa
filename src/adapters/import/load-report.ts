// Any report file as cells, metadata and text: our workbooks and any .xlsx holding the official tables are
// read as workbooks; published reports (.txt, .html, .docx, .pdf) are extracted to text and imported.
// Node only (reads files, runs pdftotext).

import { readFile } from "node:fs/promises";
import type { CellId, ReportMeta } from "../../core/format";
import { EMPTY_META } from "../../core/format";
import type { ImportResult, UnreadCells } from "../../core/import";
import { importReportText } from "../../core/import";
import type { Narrative, NarrativeKey, PreviousReport } from "../../core/report";
import { EMPTY_NARRATIVE, NARRATIVE_FIELDS, previousFromDocument, renderReport } from "../../core/report";
import type { Issue } from "../../core/rules";
import type { RawCell } from "../../core/values";
import type { Placements } from "../workbook/grid";
import { STANDARD_PLACEMENTS } from "../workbook/grid";
import type { WorkbookContent } from "../xlsx/read-workbook";
import { UnusableWorkbookError, readWorkbook } from "../xlsx/read-workbook";
import { pdfToText } from "./extract-pdf";
import type { ReportFormat } from "./extract-text";
import { UnreadableReportError, decodeText, docxToText, formatOf, htmlToText } from "./extract-text";

export interface LoadedReport {
  readonly file: string;
  readonly format: ReportFormat;
  readonly meta: ReportMeta;
  readonly raw: ReadonlyMap<CellId, RawCell>;
  readonly placements: Placements;
  /** Structure issues of a workbook (edited labels …); none for imported text. */
  readonly structureIssues: readonly Issue[];
  /** Cells an import could not read with confidence. */
  readonly unread: readonly UnreadCells[];
  readonly narrative: Narrative;
  /** The import itself, for text reports. */
  readonly imported: ImportResult | null;
  readonly workbook: WorkbookContent | null;
}

const PARTS: readonly [RegExp, NarrativeKey][] = [
  [/^（一）/, "n1.active"],
  [/^（二）/, "n1.onRequest"],
  [/^（三）/, "n1.infoMgmt"],
  [/^（四）/, "n1.platform"],
  [/^（五）/, "n1.oversight"],
];

/** A line that ends a sentence (or a heading) ends its paragraph; other lines were wrapped by the layout. */
const PARAGRAPH_END = /[。！？：:…][”’」』）)]?$/;
/** A line that starts a list item or a heading starts a paragraph. */
const ITEM_START = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、](?!\d))/;

/**
 * Rejoins the paragraphs of extracted text: PDF and web copies break lines inside paragraphs (and leave blank
 * lines at page breaks), so a line is joined to the next unless it ends a sentence or the next starts an item.
 */
export function rejoinParagraphs(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const paragraphs: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current !== "" && (PARAGRAPH_END.test(current) || ITEM_START.test(line))) {
      paragraphs.push(current);
      current = "";
    }
    current += line;
  }
  if (current !== "") paragraphs.push(current);
  return paragraphs;
}

/** The part heading a published report writes at the start of a part ("（一）主动公开："), left out of the text. */
const PART_HEADING = /^（[一二三四五]）[^：:。，]{0,16}[：:]?/;

/** The narrative of a published report: 一 split at its （一）…（五） parts, 五 and 六 as written. */
export function narrativeFromSections(sections: ImportResult["sections"]): Narrative {
  // Every text part starts empty (not with the template's guidance): what the report did not have stays empty.
  const texts: Partial<Record<NarrativeKey, string>> = Object.fromEntries(NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, ""]));
  let current: NarrativeKey = "n1.active";
  for (const paragraph of rejoinParagraphs(sections["一"] ?? "")) {
    const part = PARTS.find(([pattern]) => pattern.test(paragraph));
    if (part) current = part[1];
    const text = part ? paragraph.replace(PART_HEADING, "").trim() : paragraph;
    if (text.length > 0) texts[current] = `${texts[current] ?? ""}${text}\n`;
  }
  if (sections["五"]) texts["n5.problems"] = rejoinParagraphs(sections["五"]).join("\n");
  if (sections["六"]) texts["n6.other"] = rejoinParagraphs(sections["六"]).join("\n");
  for (const key of Object.keys(texts) as NarrativeKey[]) texts[key] = (texts[key] ?? "").trim();
  return { texts, numbers: {}, flags: {} };
}

export async function extractReportText(file: string, format: Exclude<ReportFormat, "xlsx">, data: Uint8Array): Promise<string> {
  switch (format) {
    case "txt":
      return decodeText(data);
    case "html":
      return htmlToText(decodeText(data));
    case "docx":
      return docxToText(data);
    case "pdf":
      return pdfToText(file);
  }
}

export async function loadReport(file: string): Promise<LoadedReport> {
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
    return {
      file,
      format,
      meta: workbook.meta,
      raw: workbook.raw,
      placements: workbook.placements,
      structureIssues: workbook.issues,
      unread: [],
      narrative: workbook.narrative ?? EMPTY_NARRATIVE,
      imported: null,
      workbook,
    };
  }
  const text = await extractReportText(file, format, data);
  const imported = importReportText(text);
  const raw = new Map<CellId, RawCell>(Object.entries(imported.values));
  return {
    file,
    format,
    meta: { ...EMPTY_META, agencyName: imported.agency, year: imported.year },
    raw,
    placements: STANDARD_PLACEMENTS,
    structureIssues: [],
    unread: imported.unread,
    narrative: narrativeFromSections(imported.sections),
    imported,
    workbook: null,
  };
}

/** Last year's report as the text checks need it (一 and 五). */
export function previousReportOf(report: LoadedReport): PreviousReport {
  if (report.imported) return { year: report.imported.year, one: report.imported.sections["一"] ?? "", five: report.imported.sections["五"] ?? "" };
  return previousFromDocument(renderReport(report.meta, report.raw, report.narrative).document);
}
