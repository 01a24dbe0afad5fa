// Reads a report workbook back: finds the three tables (through their defined names, their sheets, or by
// their labels anywhere in the workbook), verifies every label of the official layout, and hands over the
// raw content of the 200 input cells. Nothing is repaired here: typing happens in core/values, and labels
// that do not match are reported, with the cells they govern left unread rather than misread.

import type ExcelJS from "exceljs";
import type { CellId, ReportMeta, TableId, TableLayout } from "../../core/format";
import { TABLES, parseA1 } from "../../core/format";
import type { Issue } from "../../core/rules";
import type { RawCell } from "../../core/values";
import type { Placements, TablePlacement } from "../workbook/grid";
import { locatorFor, sheetCellOf, tableName } from "../workbook/grid";
import { META_NAMES } from "../workbook/formulas";
import { readMetaTexts } from "../workbook/meta-values";
import { checkLayout, layoutScore, normalizeLabel, tableMissingIssue, unreadReason } from "../workbook/layout-check";
import { CONFIRMATION_FIRST_ROW, SHEET_NAMES } from "../workbook/plan";
import type { Confirmation, ReportSource, UnreadCells } from "../../core/check";
import { sheetOrigins } from "../../core/check";
import type { Narrative } from "../../core/report";
import { narrativeFromRows } from "../../core/report";
import { loadExcelJs } from "./exceljs";

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

function textAt(sheet: ExcelJS.Worksheet): (row: number, col: number) => string | null {
  return (row, col) => textOf(sheet.getCell(row, col).value);
}

function scoreAt(sheet: ExcelJS.Worksheet, table: TableLayout, originRow: number, originCol: number): number {
  return layoutScore(table, { originRow, originCol }, textAt(sheet));
}

/** Finds the table by its labels anywhere in the workbook; the best-matching origin wins. */
function searchTable(workbook: ExcelJS.Workbook, table: TableLayout): TablePlacement | null {
  const anchors = new Map(table.labels.filter((l) => l.role !== "rowLabel" || table.id === "t2").map((l) => [normalizeLabel(l.text), l]));
  let best: { placement: TablePlacement; score: number } | null = null;
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
        if (!best || score > best.score) best = { placement: { table: table.id, sheet: sheet.name, originRow, originCol }, score };
      });
    });
  });
  const found = best as { placement: TablePlacement; score: number } | null;
  // Half of the labels must match, or it is not this table.
  return found && found.score * 2 >= table.labels.length ? found.placement : null;
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

function locateTable(workbook: ExcelJS.Workbook, table: TableLayout): TablePlacement | null {
  const named = placementFromName(workbook, table);
  if (named) return named;
  const standard = workbook.getWorksheet(table.sheetName);
  if (standard && scoreAt(standard, table, 1, 1) * 2 >= table.labels.length) {
    return { table: table.id, sheet: table.sheetName, originRow: 1, originCol: 1 };
  }
  return searchTable(workbook, table);
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

  const result = readMetaTexts({
    agency: agencyCell ? textOf(agencyCell.value) : null,
    year: yearCell ? textOf(yearCell.value) : null,
    level: levelCell ? textOf(levelCell.value) : null,
    yearAddress: yearCell ? `${yearCell.worksheet.name}!${yearCell.address}` : SHEET_NAMES.meta + "!B4",
  });
  issues.push(...result.issues);
  return result.meta;
}

export async function readWorkbook(data: Uint8Array): Promise<WorkbookContent> {
  if (data.length < 4) throw new UnusableWorkbookError("文件为空或不完整，无法读取。");
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw new UnusableWorkbookError("这是旧版 .xls 工作簿（或受密码保护的文件），请在 Excel 或 WPS 中另存为 .xlsx 后再检查。");
  }
  if (data[0] !== 0x50 || data[1] !== 0x4b) throw new UnusableWorkbookError("不是 .xlsx 工作簿（文件内容不是 Office Open XML 格式）。");
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnusableWorkbookError("工作簿已损坏或不是有效的 .xlsx 文件，无法打开。");
  }
  if (workbook.worksheets.length === 0) throw new UnusableWorkbookError("工作簿中没有工作表。");

  const issues: Issue[] = [];
  const found = new Map<TableId, TablePlacement>();
  for (const table of TABLES) {
    const placement = locateTable(workbook, table);
    if (placement) found.set(table.id, placement);
  }
  if (found.size === 0) {
    throw new UnusableWorkbookError("工作簿中没有找到政府信息公开工作年度报告的统计表（表二、表三、表四），不是年报工作簿。");
  }

  const placements = Object.fromEntries(
    TABLES.map((t) => [t.id, found.get(t.id) ?? { table: t.id, sheet: t.sheetName, originRow: 1, originCol: 1 }]),
  ) as Record<TableId, TablePlacement>;

  const raw = new Map<CellId, RawCell>();
  const unread: UnreadCells[] = [];
  for (const table of TABLES) {
    const placement = found.get(table.id);
    if (!placement) {
      unread.push({ cells: table.inputs.map((c) => c.id), reason: unreadReason(table, false) });
      issues.push(tableMissingIssue(table));
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
      raw.set(input.id, rawOfCell(sheet.getCell(at.row, at.col)));
    }
  }

  const meta = readMeta(workbook, issues);
  const marker = workbook.getWorksheet(SHEET_NAMES.hidden);
  const fromTemplate = marker !== undefined && textOf(marker.getCell(1, 2).value) === "nianbao";
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
    structure: issues,
    confirmations,
    narrative: readNarrative(workbook),
    unread,
    placements,
    fromTemplate,
  };
}
