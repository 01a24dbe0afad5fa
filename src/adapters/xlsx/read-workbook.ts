// Reads a report workbook back: finds the three tables (through their defined names, their sheets, or by
// their labels anywhere in the workbook), verifies every label of the official layout, and hands over the
// raw content of the 200 input cells. Nothing is repaired here: typing happens in core/values, and labels
// that do not match are reported, with the cells they govern left unread rather than misread.

import type ExcelJS from "exceljs";
import type JSZip from "jszip";
import type { CellId, ReportMeta, TableId, TableLayout } from "../../core/format";
import { TABLES, parseA1 } from "../../core/format";
import type { Issue } from "../../core/rules";
import type { RawCell } from "../../core/values";
import type { Placements, TablePlacement } from "../workbook/grid";
import { STANDARD_PLACEMENTS, a1, locatorFor, sheetCellOf, tableName } from "../workbook/grid";
import { META_NAMES } from "../workbook/formulas";
import { META_LABELS, readMetaTexts } from "../workbook/meta-values";
import { checkLayout, layoutScore, normalizeLabel, tableMissingIssue, unreadReason } from "../workbook/layout-check";
import { CONFIRMATION_FIRST_ROW, SHEET_NAMES, TEMPLATE_MARKER, TEMPLATE_MARKER_CELL } from "../workbook/plan";
import type { Confirmation, ReportSource, UnreadCells } from "../../core/check";
import { sheetOrigins } from "../../core/check";
import type { Narrative } from "../../core/report";
import { narrativeFromRows } from "../../core/report";
import { loadExcelJs } from "./exceljs";
import { inflatedTooMuchMessage, inflatesTooMuch, loadJsZip } from "../import/jszip";

/** The file cannot be used at all (not an .xlsx, damaged, or not a report workbook). Message in zh-CN. */
export class UnusableWorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableWorkbookError";
  }
}

/** A workbook as read: the report (core/check's one shape), plus where its tables are. */
export interface WorkbookContent extends ReportSource {
  /** Where each table was found; tables not found keep their standard placement. */
  readonly placements: Placements;
  /** True when the workbook carries this project's template marker. */
  readonly fromTemplate: boolean;
}

/** Reads the 正文 sheet: rows keyed in column A by the narrative field keys, the content in column C. */
function readNarrative(workbook: ExcelJS.Workbook): Narrative | null {
  const sheet = workbook.getWorksheet(SHEET_NAMES.text);
  if (!sheet) return null;
  const rows: [string, string | number | boolean | null][] = [];
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    const raw = rawOfCell(sheet.getCell(row, 3));
    rows.push([textOf(sheet.getCell(row, 1).value) ?? "", raw === null || typeof raw === "object" ? null : raw]);
  }
  return narrativeFromRows(rows);
}

function textOf(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return value.result === undefined ? null : textOf(value.result);
  return null;
}

/** A cell's content as the user entered it (or as its formula last evaluated). */
export function rawOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const formula = value as ExcelJS.CellFormulaValue;
    if (formula.result === undefined || formula.result === null) return `=${formula.formula ?? ""}`;
    return rawOf(formula.result);
  }
  if ("text" in value && typeof value.text === "string") return value.text;
  return null;
}

/**
 * A cell's content, reading a formula's cached result through Cell.result: Cell.value leaves out a cached
 * result of 0 (ExcelJS copies only truthy fields), which would turn a formula giving 0 into its text.
 */
export function rawOfCell(cell: ExcelJS.Cell): RawCell {
  const value = cell.value;
  if (value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    const result = cell.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) return `=${(value as ExcelJS.CellFormulaValue).formula ?? ""}`;
    return rawOf(result);
  }
  return rawOf(value);
}

/**
 * The formula of a cell whose content is taken from its cached result ("=1+1"), or null: a value typed as it
 * is, or a formula that kept no result (rawOfCell hands that over as the formula's text).
 */
export function formulaOfCell(cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (value === null || typeof value !== "object" || !("formula" in value || "sharedFormula" in value)) return null;
  const result = cell.result as ExcelJS.CellValue | undefined;
  if (result === undefined || result === null) return null;
  // Cell.formula translates a shared formula to this cell (ExcelJS keeps only the master's text).
  const formula = cell.formula || (value as ExcelJS.CellFormulaValue).formula || "";
  return `=${formula}`;
}

function textAt(sheet: ExcelJS.Worksheet): (row: number, col: number) => string | null {
  return (row, col) => textOf(sheet.getCell(row, col).value);
}

function scoreAt(sheet: ExcelJS.Worksheet, table: TableLayout, originRow: number, originCol: number): number {
  return layoutScore(table, { originRow, originCol }, textAt(sheet));
}

/**
 * Finds the table by its labels anywhere in the workbook: every place where at least half of its labels are,
 * best first; places that overlap a better one are the same table seen from another label, not a second copy.
 */
function searchTable(workbook: ExcelJS.Workbook, table: TableLayout): TablePlacement[] {
  const anchors = new Map(table.labels.filter((l) => l.role !== "rowLabel" || table.id === "t2").map((l) => [normalizeLabel(l.text), l]));
  const scored: { placement: TablePlacement; score: number }[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.name === SHEET_NAMES.checks || sheet.name === SHEET_NAMES.cellChecks) return;
    const tried = new Set<string>();
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cell.isMerged && cell.master !== cell) return;
        const text = textOf(cell.value);
        if (text === null) return;
        const label = anchors.get(normalizeLabel(text));
        if (!label) return;
        const originRow = rowNumber - label.row + 1;
        const originCol = colNumber - label.col + 1;
        const key = `${originRow}:${originCol}`;
        if (tried.has(key)) return;
        tried.add(key);
        const score = scoreAt(sheet, table, originRow, originCol);
        // Half of the labels must match, or it is not this table.
        if (score * 2 >= table.labels.length) scored.push({ placement: { table: table.id, sheet: sheet.name, originRow, originCol }, score });
      });
    });
  });
  scored.sort((a, b) => b.score - a.score);
  const kept: TablePlacement[] = [];
  for (const { placement } of scored) if (!kept.some((k) => overlaps(k, placement, table))) kept.push(placement);
  return kept;
}

/** Whether two places of a table share cells (on the same sheet). */
function overlaps(a: TablePlacement, b: TablePlacement, table: TableLayout): boolean {
  return a.sheet === b.sheet && Math.abs(a.originRow - b.originRow) < table.rowCount && Math.abs(a.originCol - b.originCol) < table.colCount;
}

function placementFromName(workbook: ExcelJS.Workbook, table: TableLayout): TablePlacement | null {
  const model = workbook.definedNames.model as { name: string; ranges: string[] }[];
  const entry = model.find((n) => n.name === tableName(table.id));
  const range = entry?.ranges[0];
  if (!range) return null;
  const ref = parseA1(range);
  if (ref === null || ref.sheet === "" || !workbook.getWorksheet(ref.sheet)) return null;
  return { table: table.id, sheet: ref.sheet, originRow: ref.row, originCol: ref.col };
}

/**
 * Where the table is: the place its defined name gives (our template), else every place its labels are (the
 * standard sheet's first) — more than one when the workbook holds copies of it.
 */
function locateTable(workbook: ExcelJS.Workbook, table: TableLayout): TablePlacement[] {
  const named = placementFromName(workbook, table);
  if (named) return [named];
  const standard = workbook.getWorksheet(table.sheetName);
  const found = searchTable(workbook, table);
  if (standard && scoreAt(standard, table, 1, 1) * 2 >= table.labels.length) {
    const first: TablePlacement = { table: table.id, sheet: table.sheetName, originRow: 1, originCol: 1 };
    return [first, ...found.filter((p) => !overlaps(p, first, table))];
  }
  return found;
}

/** The input values of a table at a place, for comparing two copies. */
function valuesAt(workbook: ExcelJS.Workbook, table: TableLayout, placement: TablePlacement): string {
  const sheet = workbook.getWorksheet(placement.sheet);
  const placements = { ...STANDARD_PLACEMENTS, [table.id]: placement };
  return JSON.stringify(
    table.inputs.map((input) => {
      const at = sheetCellOf(input.id, placements);
      return sheet === undefined ? null : rawOfCell(sheet.getCell(at.row, at.col));
    }),
  );
}

function placeName(placement: TablePlacement): string {
  return `${placement.sheet}!${a1(placement.originRow, placement.originCol)}`;
}

function readMeta(workbook: ExcelJS.Workbook, issues: Issue[]): ReportMeta {
  const model = workbook.definedNames.model as { name: string; ranges: string[] }[];
  const cellOfName = (name: string): ExcelJS.Cell | null => {
    const range = model.find((n) => n.name === name)?.ranges[0];
    const ref = range === undefined ? null : parseA1(range);
    if (ref === null || ref.sheet === "" || ref.row !== ref.lastRow || ref.col !== ref.lastCol) return null;
    const sheet = workbook.getWorksheet(ref.sheet);
    return sheet ? sheet.getCell(ref.row, ref.col) : null;
  };
  const metaSheet = workbook.getWorksheet(SHEET_NAMES.meta);
  const byLabel = (labelText: string): ExcelJS.Cell | null => {
    if (!metaSheet) return null;
    for (let row = 1; row <= Math.min(metaSheet.rowCount, 40); row += 1) {
      if (textOf(metaSheet.getCell(row, 1).value)?.trim() === labelText) return metaSheet.getCell(row, 2);
    }
    return null;
  };
  const agencyCell = cellOfName(META_NAMES.agency) ?? byLabel("机关名称");
  const yearCell = cellOfName(META_NAMES.year) ?? byLabel("报告年度");
  const levelCell = cellOfName(META_NAMES.level) ?? byLabel("机关层级");
  // 简称 has no defined name: found by its label (workbooks made before it existed have none).
  const shortNameCell = byLabel(META_LABELS.shortName);

  const result = readMetaTexts({
    shortName: shortNameCell ? textOf(shortNameCell.value) : null,
    agency: agencyCell ? textOf(agencyCell.value) : null,
    year: yearCell ? textOf(yearCell.value) : null,
    level: levelCell ? textOf(levelCell.value) : null,
    yearAddress: yearCell ? `${yearCell.worksheet.name}!${yearCell.address}` : SHEET_NAMES.meta + "!B4",
  });
  issues.push(...result.issues);
  return result.meta;
}

/**
 * What a file holds, told from its bytes, for the messages about a file that is not a workbook: users rename
 * files, save an .ods or a .et, and systems export "Excel" files that are web pages or text. Compound files
 * (MS-CFB: .xls, .doc, .et, .wps, password-protected Office files) are told apart by the streams at their root;
 * zip packages (APPNOTE.TXT) by the names in their central directory (OOXML, ODF's mimetype, OFD).
 */
export type FileContent =
  | "empty"
  | "xlsx"
  /** An Office Open XML package with none of the parts named here; a zip whose directory cannot be read. */
  | "ooxml"
  | "damaged-zip"
  | "xlsb"
  | "docx"
  | "pptx"
  | "ods"
  | "odt"
  | "odf"
  | "ofd"
  | "zip"
  | "cfb-workbook"
  | "cfb-document"
  | "cfb-presentation"
  | "cfb-encrypted"
  | "cfb"
  | "pdf"
  | "rtf"
  | "html"
  | "mht"
  | "xml-spreadsheet"
  | "image"
  | "archive"
  | "text"
  | "unknown";

const uint16 = (data: Uint8Array, at: number): number => (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
const uint32 = (data: Uint8Array, at: number): number => (uint16(data, at) | (uint16(data, at + 2) << 16)) >>> 0;
const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0): boolean => bytes.every((b, i) => data[at + i] === b);
const latin1 = (data: Uint8Array, from: number, to: number): string => String.fromCharCode(...data.subarray(from, Math.min(to, data.length)));

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
/** Directory sectors and entries followed at most (a real file's root has a handful of children). */
const CFB_MAX_ENTRIES = 4096;

/**
 * The names of the streams and storages at the root of a compound file (MS-CFB §2.6): the directory's sector
 * chain followed through the FAT sectors the header lists, then the root's red-black tree of children. Null
 * when the structure does not hold together (the file is then only "a compound file").
 */
function compoundRootNames(data: Uint8Array): Set<string> | null {
  const shift = uint16(data, 30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectors = Math.floor(data.length / size) - 1;
  const fatSectors = Math.min(uint32(data, 44), 109);
  const fat = (sector: number): number => {
    const perSector = size / 4;
    const index = Math.floor(sector / perSector);
    if (index >= fatSectors) return END_OF_CHAIN;
    const fatSector = uint32(data, 76 + index * 4);
    return fatSector < sectors ? uint32(data, (fatSector + 1) * size + (sector % perSector) * 4) : END_OF_CHAIN;
  };
  const entries: number[] = [];
  for (let sector = uint32(data, 48), steps = 0; sector < sectors && steps < CFB_MAX_ENTRIES; sector = fat(sector), steps += 1) {
    for (let at = (sector + 1) * size; at < (sector + 2) * size && entries.length < CFB_MAX_ENTRIES; at += 128) entries.push(at);
  }
  const root = entries[0];
  if (root === undefined || data[root + 66] !== 5) return null;
  const names = new Set<string>();
  const pending = [uint32(data, root + 76)];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const id = pending.pop() ?? 0xffffffff;
    const at = entries[id];
    if (at === undefined || seen.has(id)) continue;
    seen.add(id);
    const length = uint16(data, at + 64);
    if (length < 2 || length > 64) return null;
    names.add(new TextDecoder("utf-16le").decode(data.subarray(at, at + length - 2)));
    pending.push(uint32(data, at + 68), uint32(data, at + 72));
  }
  return names;
}

/** The names in a zip's central directory (at most 65,535, as the end record counts them); null if it has none. */
function zipNames(data: Uint8Array): string[] | null {
  const floor = Math.max(0, data.length - 22 - 0xffff);
  for (let end = data.length - 22; end >= floor; end -= 1) {
    if (!startsWith(data, [0x50, 0x4b, 0x05, 0x06], end)) continue;
    const count = uint16(data, end + 10);
    const names: string[] = [];
    let at = uint32(data, end + 16);
    for (let i = 0; i < count; i += 1) {
      if (!startsWith(data, [0x50, 0x4b, 0x01, 0x02], at)) return null;
      const nameLength = uint16(data, at + 28);
      names.push(new TextDecoder("utf-8").decode(data.subarray(at + 46, at + 46 + nameLength)));
      at += 46 + nameLength + uint16(data, at + 30) + uint16(data, at + 32);
    }
    return names;
  }
  return null;
}

function zipContent(data: Uint8Array): FileContent | null {
  // ODF packages start with an uncompressed "mimetype" entry naming the document type (ODF 1.2 Part 3 §3.3).
  const nameLength = uint16(data, 26);
  const start = 30 + nameLength + uint16(data, 28);
  if (latin1(data, 30, 30 + nameLength) === "mimetype" && uint16(data, 8) === 0) {
    const mimetype = latin1(data, start, start + Math.min(uint32(data, 18), 100));
    if (mimetype === "application/vnd.oasis.opendocument.spreadsheet") return "ods";
    if (mimetype === "application/vnd.oasis.opendocument.text") return "odt";
    if (mimetype.startsWith("application/vnd.oasis.opendocument.")) return "odf";
  }
  const names = zipNames(data);
  if (names === null) return null;
  const lower = new Set(names.map((n) => n.toLowerCase()));
  if (lower.has("xl/workbook.bin")) return "xlsb";
  if (lower.has("word/document.xml")) return "docx";
  if (lower.has("ppt/presentation.xml")) return "pptx";
  if (lower.has("xl/workbook.xml")) return "xlsx";
  if (lower.has("[content_types].xml")) return "ooxml";
  if (lower.has("ofd.xml")) return "ofd";
  if (lower.has("meta-inf/manifest.xml") && lower.has("content.xml")) return "odf";
  return "zip";
}

/** What the bytes of a file are (see FileContent). Reads the header, a zip's directory or a compound file's root. */
export function identifyContent(data: Uint8Array): FileContent {
  if (data.length === 0) return "empty";
  if (startsWith(data, CFB_SIGNATURE)) {
    const names = compoundRootNames(data);
    if (names === null) return "cfb";
    if (names.has("EncryptedPackage")) return "cfb-encrypted";
    if (names.has("Workbook") || names.has("Book")) return "cfb-workbook";
    if (names.has("WordDocument")) return "cfb-document";
    if (names.has("PowerPoint Document")) return "cfb-presentation";
    return "cfb";
  }
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return zipContent(data) ?? "damaged-zip";
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) return "pdf";
  if (startsWith(data, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return "rtf";
  if (
    startsWith(data, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(data, [0xff, 0xd8, 0xff]) ||
    startsWith(data, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(data, [0x42, 0x4d]) ||
    startsWith(data, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(data, [0x4d, 0x4d, 0x00, 0x2a])
  ) {
    return "image";
  }
  if (startsWith(data, [0x52, 0x61, 0x72, 0x21]) || startsWith(data, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(data, [0x1f, 0x8b])) return "archive";
  const head = data.subarray(0, 4096);
  // UTF-16 text (with its byte-order mark) is text; otherwise a NUL or other control bytes mean a binary file.
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return "text";
  if (head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b))) return "unknown";
  const text = new TextDecoder("utf-8").decode(head).toLowerCase();
  if (/^\s*mime-version:|\ncontent-type:\s*multipart\/related/.test(text)) return "mht";
  if (text.includes("urn:schemas-microsoft-com:office:spreadsheet") && !text.includes("<html")) return "xml-spreadsheet";
  if (/<(!doctype html|html|table|body|head|meta)[\s>]/.test(text)) return "html";
  return "text";
}

/** What a file is, in the words of a message after 「这是」 or 「内容是」. */
const CONTENT_NOUNS: Readonly<Record<FileContent, string>> = {
  empty: "空文件",
  xlsx: "Excel 工作簿（.xlsx）",
  ooxml: "Office 文档",
  "damaged-zip": "已损坏的压缩文件",
  xlsb: "Excel 二进制工作簿（.xlsb）",
  docx: "Word 文档（.docx）",
  pptx: "PowerPoint 演示文稿",
  ods: "OpenDocument 电子表格（.ods，LibreOffice、WPS 等软件的格式）",
  odt: "OpenDocument 文本文档（.odt）",
  odf: "OpenDocument 文档",
  ofd: "OFD 版式文档",
  zip: "压缩包（.zip）",
  "cfb-workbook": "旧版 .xls 工作簿（Excel 97-2003 格式；WPS 表格的 .et 文件也是这种格式）",
  "cfb-document": "Word 97-2003 文档（.doc）或 WPS 文字文档（.wps）",
  "cfb-presentation": "PowerPoint 97-2003 演示文稿",
  "cfb-encrypted": "设置了打开密码的文件",
  cfb: "旧版 .xls 等 Office 97-2003 格式的文件（或设置了打开密码的文件）",
  pdf: "PDF 文档",
  rtf: "RTF 文档",
  html: "网页（HTML）文件（常见于从网站或业务系统导出的“Excel”表格）",
  mht: "单个文件网页（.mht）",
  "xml-spreadsheet": "Excel 2003 XML 表格",
  image: "图片",
  archive: "压缩包（RAR、7z 或 gzip）",
  text: "纯文本文件（可能是改了扩展名的 .txt 或 .csv 文件）",
  unknown: "无法识别格式的文件（可能已损坏）",
};

/** The noun for a content, spaced from the Chinese before it when it starts with a Latin word (「这是 Word 文档」). */
export function contentNoun(content: FileContent): string {
  const noun = CONTENT_NOUNS[content];
  return /^[A-Za-z.]/.test(noun) ? ` ${noun}` : noun;
}

const SAVE_AS_XLSX = "请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再试。";

/** Why a file whose bytes are not a workbook cannot be read as one, and what to do; null when it may be one. */
export function notWorkbookMessage(content: FileContent): string | null {
  const notWorkbook = `这是${contentNoun(content)}，不是 .xlsx 工作簿。`;
  switch (content) {
    case "xlsx":
    case "ooxml":
    case "damaged-zip":
      return null;
    case "empty":
      return "文件为空或不完整，无法读取。";
    case "cfb-encrypted":
      return "这是设置了打开密码的文件，无法读取。请在 Excel 或 WPS 中打开，取消打开密码，另存为 .xlsx 后再试。";
    case "cfb-workbook":
    case "cfb":
    case "xlsb":
    case "ods":
    case "html":
    case "mht":
    case "xml-spreadsheet":
    case "text":
    case "unknown":
      return `${notWorkbook}${SAVE_AS_XLSX}`;
    case "cfb-document":
    case "odt":
    case "odf":
    case "rtf":
      return `${notWorkbook}已发布的报告请另存为 .docx 后导入。`;
    case "docx":
      return `${notWorkbook}可能改过扩展名：已发布的报告请将扩展名改回 .docx 后导入。`;
    case "pdf":
      return `${notWorkbook}可能改过扩展名：已发布的报告请将扩展名改回 .pdf 后导入。`;
    case "zip":
    case "archive":
      return `${notWorkbook}请先解压，再选择其中的工作簿。`;
    case "ofd":
    case "pptx":
    case "cfb-presentation":
    case "image":
      return `${notWorkbook}请选择年报工作簿。`;
  }
}

/**
 * How much of a workbook is read at most. ExcelJS holds every row and cell of every sheet as objects (about a
 * kilobyte each): a sheet filled down a million rows compresses to a few MB and stays under the inflated-size cap,
 * yet would take gigabytes. A report workbook has a few hundred rows; the caps leave ample room for extra sheets.
 */
export interface WorkbookLimits {
  /** Rows of all worksheets together. */
  readonly maxRows: number;
  /** Cells of all worksheets together. */
  readonly maxCells: number;
}

export const WORKBOOK_LIMITS: WorkbookLimits = { maxRows: 100_000, maxCells: 1_000_000 };

export function tooManyRowsMessage(limits: WorkbookLimits = WORKBOOK_LIMITS): string {
  return (
    `工作簿过大（各工作表合计超过 ${limits.maxRows / 10_000} 万行或 ${limits.maxCells / 10_000} 万个单元格），未读取。` +
    "年报工作簿一般只有几百行；请删去多余的行或工作表，或将年报各表复制到新工作簿后再试。"
  );
}

/** A row or cell element of SpreadsheetML (ECMA-376 Part 1 §18.3.1.73, §18.3.1.4), with or without a prefix. */
const ROW_OR_CELL = /<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/g;

type ChunkStream = { on(event: "data", fn: (chunk: string) => void): ChunkStream; on(event: "end" | "error", fn: (error?: unknown) => void): ChunkStream; resume(): ChunkStream; pause(): ChunkStream };

/**
 * Whether the worksheets hold more rows or cells than the limits, counted while inflating them chunk by chunk
 * (JSZip's internal stream; nothing is kept but a few bytes across chunk boundaries) and stopped at the limit:
 * the work is bounded by the limits, not by the sheet.
 */
async function exceedsLimits(zip: JSZip, limits: WorkbookLimits): Promise<boolean> {
  let rows = 0;
  let cells = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    const stream = (entry as unknown as { internalStream(type: "binarystring"): ChunkStream }).internalStream("binarystring");
    const over = await new Promise<boolean>((resolve, reject) => {
      let carry = "";
      let done = false;
      stream
        .on("data", (chunk) => {
          if (done) return;
          const text = carry + chunk;
          ROW_OR_CELL.lastIndex = 0;
          for (let match = ROW_OR_CELL.exec(text); match !== null; match = ROW_OR_CELL.exec(text)) {
            if (match[1] === "row") rows += 1;
            else cells += 1;
          }
          if (rows > limits.maxRows || cells > limits.maxCells) {
            done = true;
            stream.pause();
            resolve(true);
            return;
          }
          // A tag cut by the chunk's end ("<ro") is matched whole with the next chunk; one already counted is not
          // carried, so nothing is counted twice.
          const cut = text.lastIndexOf("<");
          const tail = cut >= 0 && text.length - cut < 64 ? text.slice(cut) : "";
          ROW_OR_CELL.lastIndex = 0;
          carry = tail !== "" && ROW_OR_CELL.exec(tail)?.index !== 0 ? tail : "";
        })
        .on("error", (error) => {
          if (!done) reject(error instanceof Error ? error : new Error(String(error)));
        })
        .on("end", () => {
          if (!done) resolve(false);
        })
        .resume();
    });
    if (over) return true;
  }
  return false;
}

export async function readWorkbook(data: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<WorkbookContent> {
  if (data.length < 4) throw new UnusableWorkbookError("文件为空或不完整，无法读取。");
  const refusal = notWorkbookMessage(identifyContent(data));
  if (refusal !== null) throw new UnusableWorkbookError(refusal);
  // Refused before anything is inflated: a workbook whose parts inflate to hundreds of MB (a zip bomb, a sheet of a
  // million rows) would fill memory.
  let zip: JSZip;
  try {
    zip = await (await loadJsZip()).loadAsync(data);
  } catch {
    throw new UnusableWorkbookError("工作簿已损坏或不是有效的 .xlsx 文件，无法打开。");
  }
  if (inflatesTooMuch(zip)) throw new UnusableWorkbookError(inflatedTooMuchMessage());
  let tooManyRows: boolean;
  try {
    tooManyRows = await exceedsLimits(zip, limits);
  } catch {
    throw new UnusableWorkbookError("工作簿已损坏或不是有效的 .xlsx 文件，无法打开。");
  }
  if (tooManyRows) throw new UnusableWorkbookError(tooManyRowsMessage(limits));
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnusableWorkbookError("工作簿已损坏或不是有效的 .xlsx 文件，无法打开。");
  }
  if (workbook.worksheets.length === 0) throw new UnusableWorkbookError("工作簿中没有工作表，不是年报工作簿。");

  const issues: Issue[] = [];
  const found = new Map<TableId, TablePlacement>();
  // Copies of a table with different figures: neither is read (which one the report means cannot be known).
  const differing = new Map<TableId, readonly TablePlacement[]>();
  for (const table of TABLES) {
    const places = locateTable(workbook, table);
    const first = places[0];
    if (first === undefined) continue;
    found.set(table.id, first);
    const reference = valuesAt(workbook, table, first);
    if (places.slice(1).some((p) => valuesAt(workbook, table, p) !== reference)) differing.set(table.id, places);
  }
  if (found.size === 0) {
    throw new UnusableWorkbookError("工作簿中没有找到政府信息公开工作年度报告的统计表（表二、表三、表四），不是年报工作簿。");
  }

  const placements = Object.fromEntries(
    TABLES.map((t) => [t.id, found.get(t.id) ?? { table: t.id, sheet: t.sheetName, originRow: 1, originCol: 1 }]),
  ) as Record<TableId, TablePlacement>;

  const raw = new Map<CellId, RawCell>();
  const formulas = new Map<CellId, string>();
  const unread: UnreadCells[] = [];
  for (const table of TABLES) {
    const placement = found.get(table.id);
    if (!placement) {
      unread.push({ cells: table.inputs.map((c) => c.id), reason: unreadReason(table, false) });
      issues.push(tableMissingIssue(table));
      continue;
    }
    const copies = differing.get(table.id);
    if (copies !== undefined) {
      unread.push({
        cells: table.inputs.map((c) => c.id),
        reason: `工作簿中有 ${copies.length} 份数字不同的${table.sheetName}（${copies.map(placeName).join("、")}），无法确定以哪一份为准；请删去多余的一份`,
      });
      continue;
    }
    const sheet = workbook.getWorksheet(placement.sheet);
    if (!sheet) continue;
    const layout = checkLayout(table, placement, textAt(sheet));
    issues.push(...layout.issues);
    if (layout.unread.size > 0) unread.push({ cells: [...layout.unread], reason: unreadReason(table, true) });
    for (const input of table.inputs) {
      if (layout.unread.has(input.id)) continue;
      const at = sheetCellOf(input.id, placements);
      const cell = sheet.getCell(at.row, at.col);
      raw.set(input.id, rawOfCell(cell));
      const formula = formulaOfCell(cell);
      if (formula !== null) formulas.set(input.id, formula);
    }
  }

  const meta = readMeta(workbook, issues);
  const marker = workbook.getWorksheet(SHEET_NAMES.hidden);
  const fromTemplate = marker !== undefined && textOf(marker.getCell(TEMPLATE_MARKER_CELL).value) === TEMPLATE_MARKER;
  const confirmations: Confirmation[] = [];
  if (marker && fromTemplate) {
    for (let row = CONFIRMATION_FIRST_ROW; row <= marker.rowCount; row += 1) {
      const ruleId = textOf(marker.getCell(row, 1).value)?.trim();
      if (!ruleId) continue;
      confirmations.push({ ruleId, note: textOf(marker.getCell(row, 2).value) ?? "", at: textOf(marker.getCell(row, 3).value) ?? "" });
    }
  }
  return {
    kind: "workbook",
    meta,
    cells: raw,
    origins: sheetOrigins(raw.keys(), locatorFor(placements)),
    formulas,
    structure: issues,
    confirmations,
    narrative: readNarrative(workbook),
    unread,
    placements,
    fromTemplate,
  };
}
