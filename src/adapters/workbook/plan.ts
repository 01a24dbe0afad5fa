// The template workbook as a plain description (sheets, cells, merges, styles, validation, conditional
// formatting, names, print setup), drawn from the format data and the rule pack. The .xlsx writer renders
// it with ExcelJS; the Office host renders the same plan through Excel's API. Nothing here does I/O.

import type { CellId, ReportMeta, TableLayout } from "../../core/format";
import { AGENCY_LEVELS, DEFAULT_SHORT_NAME, FORMAT_VERSION, INPUT_CELLS, TABLES, getCell } from "../../core/format";
import type { Narrative } from "../../core/report";
import { EMPTY_NARRATIVE, NARRATIVE_FIELDS } from "../../core/report";
import type { Rule } from "../../core/rules";
import { SEVERITY_LABEL, cellsRead } from "../../core/rules";
import { ruleName } from "../../core/locale";
import type { Placements } from "./grid";
import { STANDARD_PLACEMENTS, a1, formulaRefs, quoteSheet, sheetCellOf, tableName, tableRange } from "./grid";
import { META_LABELS } from "./meta-values";
import { META_NAMES, SUMMARY_NAMES, badInputCondition, cellColumnOf, cellVerdictFormula, failConditionFormula, formulaContext, rowFormulas } from "./formulas";

export type CellContent = string | number | { readonly formula: string } | null;

export type StyleName =
  | "title"
  | "caption"
  | "header"
  | "rowLabel"
  | "note"
  | "count"
  | "money"
  | "metaLabel"
  | "metaInput"
  | "text"
  | "checkHeader"
  | "checkCell"
  | "status";

export interface PlanCell {
  readonly row: number;
  readonly col: number;
  readonly value: CellContent;
  readonly style: StyleName;
  readonly rowSpan?: number;
  readonly colSpan?: number;
  /** Input cells stay editable when the sheet is protected. */
  readonly unlocked?: boolean;
  /** Written only into a new sheet: regenerating the template keeps what the user wrote there (正文). */
  readonly keepExisting?: boolean;
}

export interface PlanValidation {
  /** Local A1 range(s), space-separated. */
  readonly range: string;
  readonly type: "whole" | "decimal" | "list";
  readonly min?: number;
  readonly max?: number;
  readonly list?: readonly string[];
  readonly promptTitle: string;
  readonly prompt: string;
  readonly errorTitle: string;
  readonly error: string;
}

export type Tone = "error" | "warning" | "pass" | "muted";

export interface PlanConditionalFormat {
  /** Local A1 range; relative references in the formula are relative to its top-left cell. */
  readonly range: string;
  readonly formula: string;
  readonly tone: Tone;
}

export interface SheetPlan {
  readonly name: string;
  readonly visibility: "visible" | "hidden";
  readonly protect: boolean;
  readonly columnWidths: readonly number[];
  /**
   * Columns (1-based) kept out of the user's sight: the keys by which readers and formulas find a row (rule IDs
   * on 校验, field keys on 正文). The sheet's protection keeps them from being unhidden or edited by accident.
   */
  readonly hiddenColumns?: readonly number[];
  readonly rowHeights: Readonly<Record<number, number>>;
  readonly cells: readonly PlanCell[];
  readonly validations: readonly PlanValidation[];
  readonly conditionalFormats: readonly PlanConditionalFormat[];
  readonly print: {
    readonly orientation: "portrait" | "landscape";
    readonly printArea?: string;
    readonly titleRows?: string;
    readonly header?: string;
  };
  readonly freeze?: { readonly rows: number; readonly cols: number };
}

export interface DefinedName {
  readonly name: string;
  readonly ref: string;
}

export interface WorkbookPlan {
  readonly sheets: readonly SheetPlan[];
  readonly names: readonly DefinedName[];
  readonly title: string;
  /** Row of each check on the 校验 sheet, by rule ID (and `R-INPUT.t3`-style IDs for per-table input checks). */
  readonly checkRows: Readonly<Record<string, number>>;
  /** Row of each input cell's per-cell checks on the 单元格校验 sheet. */
  readonly cellCheckRows: Readonly<Record<CellId, number>>;
}

export const SHEET_NAMES = { meta: "基本信息", text: "正文", checks: "校验", cellChecks: "单元格校验", hidden: "_nianbao" } as const;

/**
 * The 正文 sheet: A the field key (NARRATIVE_FIELDS; a hidden column, read back by the .xlsx reader and the
 * Office and WPS hosts), B 栏目 (the format's numbering and name), C 内容 (what the user writes), from this row on.
 */
export const TEXT_FIRST_ROW = 3;

/** Template version written into the workbook; readers use it to recognise our own workbooks. */
export const TEMPLATE_VERSION = 1;

const CHECK_COLUMNS = ["校验项目", "表", "级别", "校验内容", "涉及单元格", "应为", "实为", "差额", "结果", "确认", "计数", "规则编号"] as const;
/**
 * Columns of the 校验 sheet. `name` is the check in words (the rule's name and which row, column or block);
 * `counted` (whether the engine counts the row) and `id` (the rule ID, which the 确认 formula looks up among the
 * confirmations) are hidden.
 */
export const CHECK_COL = {
  name: 1,
  table: 2,
  severity: 3,
  text: 4,
  cells: 5,
  expected: 6,
  actual: 7,
  difference: 8,
  verdict: 9,
  confirmed: 10,
  counted: 11,
  id: 12,
} as const;
export const CELL_CHECK_COL = { id: 1, table: 2, address: 3, input: 4, nonNegative: 5 } as const;
const FIRST_CHECK_ROW = 3;

/** Absolute reference to one column of the checks on the 校验 sheet (or of the 单元格校验 sheet). */
type ChecksColumn = (col: number) => string;

/** Where the counting formulas read: the 校验 sheet's rows and the 单元格校验 sheet's per-cell verdicts. */
interface CheckRanges {
  readonly checks: ChecksColumn;
  readonly cells: ChecksColumn;
}

/**
 * One counting rule, as the engine counts (core/check): one per failing check instance. Per-cell checks
 * count per cell on 单元格校验 (the 校验 sheet's per-table rows only show them); confirmed 提示 are not counted.
 * `sheet` limits the counts to one table.
 */
function countFormulas(ranges: CheckRanges, sheet: string | null): { errors: string; warnings: string; undecided: string } {
  const inTable = sheet === null ? "" : `${ranges.checks(CHECK_COL.table)},"${sheet}",`;
  const cellInTable = sheet === null ? "" : `${ranges.cells(CELL_CHECK_COL.table)},"${sheet}",`;
  const failingCells = (col: number): string => `COUNTIFS(${cellInTable}${ranges.cells(col)},"不通过")`;
  return {
    errors:
      `(COUNTIFS(${inTable}${ranges.checks(CHECK_COL.severity)},"强制",${ranges.checks(CHECK_COL.verdict)},"不通过",${ranges.checks(CHECK_COL.counted)},1)` +
      `+${failingCells(CELL_CHECK_COL.input)}+${failingCells(CELL_CHECK_COL.nonNegative)})`,
    warnings: `COUNTIFS(${inTable}${ranges.checks(CHECK_COL.severity)},"提示",${ranges.checks(CHECK_COL.verdict)},"不通过",${ranges.checks(CHECK_COL.confirmed)},"<>已确认")`,
    undecided: `COUNTIFS(${inTable}${ranges.checks(CHECK_COL.verdict)},"未完成")`,
  };
}

/** The verdict in words from its figures (the engine's order: errors, then incompleteness, then 提示). */
function verdictFormula(errors: string, incomplete: string, warnings: string): string {
  return `IF(${errors}>0,"有强制错误",IF(${incomplete},"未完成",IF(${warnings}>0,"强制通过、提示待核实","全部通过")))`;
}

/** Estimated display width of text in Excel column units (CJK characters count about two). */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1;
  return width;
}

/** Row heights (points) so that wrapped labels fit, including labels merged over several rows. */
function labelRowHeights(table: TableLayout): Record<number, number> {
  const lineHeight = 14.5;
  const heights: Record<number, number> = {};
  for (let row = 1; row <= table.rowCount; row += 1) heights[row] = 20;
  for (const label of table.labels) {
    let width = 0;
    for (let c = label.col; c < label.col + label.colSpan; c += 1) width += table.columnWidths[c - 1] ?? 8;
    const lines = Math.max(1, Math.ceil(textWidth(label.text) / Math.max(1, width - 1)));
    const perRow = Math.max(20, Math.ceil((lines * lineHeight + 6) / label.rowSpan));
    for (let r = label.row; r < label.row + label.rowSpan; r += 1) heights[r] = Math.max(heights[r] ?? 20, perRow);
  }
  return heights;
}

function tableSheet(table: TableLayout, rules: readonly Rule[], placements: Placements, ranges: CheckRanges): SheetPlan {
  const placement = placements[table.id];
  const row = (r: number): number => placement.originRow + r - 1;
  const col = (c: number): number => placement.originCol + c - 1;
  const cells: PlanCell[] = [];
  for (const label of table.labels) {
    cells.push({ row: row(label.row), col: col(label.col), value: label.text, style: label.role, rowSpan: label.rowSpan, colSpan: label.colSpan });
  }
  for (const input of table.inputs) {
    cells.push({
      row: row(input.row),
      col: col(input.col),
      value: null,
      style: input.kind === "money" ? "money" : "count",
      rowSpan: input.rowSpan,
      colSpan: input.colSpan,
      unlocked: true,
    });
  }
  // A status line under the table, so the sheet says whether it passes without the add-in.
  const statusRow = row(table.rowCount) + 2;
  const tableCounts = countFormulas(ranges, placement.sheet);
  const blanks = `(${table.inputs.length}-COUNTA(${formulaRefs(table.inputs.map((c) => c.id), placements, false)}))`;
  cells.push({
    row: statusRow,
    col: col(1),
    value: {
      formula:
        `IF(${tableCounts.errors}>0,"本表校验：有强制错误，"&${tableCounts.errors}&" 项强制校验不通过，详见“校验”表",` +
        `IF(OR(${blanks}>0,${tableCounts.undecided}>0),"本表校验：未完成，"&IF(${blanks}>0,"尚有 "&${blanks}&" 个单元格未填写","有校验因单元格不是数字暂无法判断"),` +
        `IF(${tableCounts.warnings}>0,"本表校验：强制通过、提示待核实，有 "&${tableCounts.warnings}&" 项提示请核实，详见“校验”表","本表校验：全部通过")))`,
    },
    style: "status",
    colSpan: table.colCount,
  });

  const context = formulaContext(placements);
  const conditionalFormats: PlanConditionalFormat[] = [];
  for (const rule of rules) {
    const condition = failConditionFormula(rule.relation, context);
    if (condition === null) continue;
    for (const mark of rule.marks) {
      if (getCell(mark).table !== table.id) continue;
      const at = sheetCellOf(mark, placements);
      conditionalFormats.push({ range: a1(at.row, at.col), formula: condition, tone: rule.severity === "error" ? "error" : "warning" });
    }
  }
  // Bad input (text, marks, errors, negatives, decimals in counts), relative to each input cell.
  for (const input of table.inputs) {
    const at = sheetCellOf(input.id, placements);
    conditionalFormats.push({ range: a1(at.row, at.col), formula: badInputCondition(input.id, placements, input.kind === "count"), tone: "error" });
  }

  const validations: PlanValidation[] = [];
  const counts = table.inputs.filter((c) => c.kind === "count").map((c) => { const at = sheetCellOf(c.id, placements); return a1(at.row, at.col); });
  const money = table.inputs.filter((c) => c.kind === "money").map((c) => { const at = sheetCellOf(c.id, placements); return a1(at.row, at.col); });
  if (counts.length > 0) {
    validations.push({
      range: counts.join(" "),
      type: "whole",
      min: 0,
      promptTitle: "填写件数",
      prompt: "请填写不小于 0 的整数；没有发生的填 0，不要留空，不要填写单位或“/”。",
      errorTitle: "件数应为整数",
      error: "此格只能填写不小于 0 的整数（不带单位、不用全角数字或千位分隔符）。没有发生的请填写 0。",
    });
  }
  if (money.length > 0) {
    validations.push({
      range: money.join(" "),
      type: "decimal",
      min: 0,
      promptTitle: "单位：万元",
      prompt: "请以万元为单位填写金额，一般保留两位小数；没有收费的填 0。如原始数据以元计，请除以 10000。",
      errorTitle: "金额应为数字",
      error: "此格只能填写不小于 0 的数字，单位为万元（不带“元”“万元”等文字）。",
    });
  }

  const orientation = table.colCount > 10 ? "landscape" : "portrait";
  return {
    name: placement.sheet,
    visibility: "visible",
    protect: true,
    columnWidths: [...Array.from({ length: placement.originCol - 1 }, () => 3), ...table.columnWidths],
    rowHeights: Object.fromEntries(Object.entries(labelRowHeights(table)).map(([r, h]) => [row(Number(r)), h])),
    cells,
    validations,
    conditionalFormats,
    print: {
      orientation,
      printArea: `${a1(row(1), col(1))}:${a1(row(table.rowCount), col(table.colCount))}`,
      ...(table.id === "t3" ? { titleRows: `${row(1)}:${row(3)}` } : {}),
      header: table.title,
    },
    freeze: table.id === "t3" ? { rows: row(3), cols: col(3) } : { rows: 0, cols: 0 },
  };
}

/** First row of the filling instructions on 基本信息. */
const INSTRUCTIONS_ROW = 13;

/**
 * Rows of the metadata on 基本信息 (label in column A, value in column B). 简称 has no defined name: the
 * readers find it by its label (META_LABELS.shortName) or at B6.
 */
export const META_ROWS = { agency: 3, year: 4, level: 5, shortName: 6, formatVersion: 7 } as const;

/** Rows of the summary figures on 基本信息 (the defined names nb_verdict, nb_errors, nb_warnings, nb_filled). */
export const META_SUMMARY_ROWS = { verdict: 8, errors: 9, warnings: 10, filled: 11 } as const;

function metaSheet(meta: ReportMeta, ranges: CheckRanges, placements: Placements): SheetPlan {
  const counts = countFormulas(ranges, null);
  const filledFormula = TABLES.map((t) => `COUNTA(${formulaRefs(t.inputs.map((c) => c.id), placements)})`).join("+");
  const B = (row: number): string => `$B$${row}`;
  const instructions = [
    "填写说明",
    "1. 在“表二”“表三”“表四”的空白单元格中填写数字。没有发生的事项填写 0，不要留空，不要填写“/”“—”“无”或单位。",
    "2. 表二“行政事业性收费”以万元为单位，一般保留两位小数；其余各项均为件数，只能填写整数。",
    "3. 表三每一列：第一项加第二项之和，等于第三项加第四项之和；“总计”列、（七）总计行和表四各“总计”应等于各项之和。",
    "4. 红色底纹表示数据有误，必须改正（强制）；黄色底纹表示请核实（提示）。逐项说明见“校验”表。",
    "5. 校验公式随工作簿保存，在 Excel、WPS 表格和 LibreOffice 中打开均可使用，无需安装加载项。",
  ];
  const cells: PlanCell[] = [
    { row: 1, col: 1, value: "政府信息公开工作年度报告 基本信息", style: "title", colSpan: 3 },
    { row: META_ROWS.agency, col: 1, value: META_LABELS.agency, style: "metaLabel" },
    { row: META_ROWS.agency, col: 2, value: meta.agencyName, style: "metaInput", unlocked: true },
    { row: META_ROWS.year, col: 1, value: META_LABELS.year, style: "metaLabel" },
    { row: META_ROWS.year, col: 2, value: meta.year, style: "metaInput", unlocked: true },
    { row: META_ROWS.year, col: 3, value: "统计期限为该年1月1日至12月31日", style: "text" },
    { row: META_ROWS.level, col: 1, value: META_LABELS.level, style: "metaLabel" },
    { row: META_ROWS.level, col: 2, value: meta.level, style: "metaInput", unlocked: true },
    { row: META_ROWS.level, col: 3, value: "用于判断规章、收费金额等提示", style: "text" },
    { row: META_ROWS.shortName, col: 1, value: META_LABELS.shortName, style: "metaLabel" },
    { row: META_ROWS.shortName, col: 2, value: meta.shortName ?? null, style: "metaInput", unlocked: true },
    { row: META_ROWS.shortName, col: 3, value: `报告中自动生成的句子如何称呼本机关，如“本局”“市教育局”；不填写的，写作“${DEFAULT_SHORT_NAME}”`, style: "text" },
    { row: META_ROWS.formatVersion, col: 1, value: "报告格式", style: "metaLabel" },
    { row: META_ROWS.formatVersion, col: 2, value: meta.formatVersion, style: "metaInput" },
    { row: META_ROWS.formatVersion, col: 3, value: "国办公开办函〔2021〕30号", style: "text" },
    { row: META_SUMMARY_ROWS.verdict, col: 1, value: "校验结论", style: "metaLabel" },
    {
      row: META_SUMMARY_ROWS.verdict,
      col: 2,
      value: {
        formula: verdictFormula(
          B(META_SUMMARY_ROWS.errors),
          `OR(${B(META_SUMMARY_ROWS.filled)}<${INPUT_CELLS.length},${counts.undecided}>0)`,
          B(META_SUMMARY_ROWS.warnings),
        ),
      },
      style: "status",
    },
    { row: META_SUMMARY_ROWS.verdict, col: 3, value: "仅统计表的校验；正文（报告文字）的检查须用年报助手进行", style: "text" },
    { row: META_SUMMARY_ROWS.errors, col: 1, value: "强制校验不通过", style: "metaLabel" },
    { row: META_SUMMARY_ROWS.errors, col: 2, value: { formula: counts.errors }, style: "status" },
    { row: META_SUMMARY_ROWS.errors, col: 3, value: "项（必须改正，详见“校验”表）", style: "text" },
    { row: META_SUMMARY_ROWS.warnings, col: 1, value: "待核实的提示", style: "metaLabel" },
    { row: META_SUMMARY_ROWS.warnings, col: 2, value: { formula: counts.warnings }, style: "status" },
    { row: META_SUMMARY_ROWS.warnings, col: 3, value: "项（已确认的提示不计）", style: "text" },
    { row: META_SUMMARY_ROWS.filled, col: 1, value: "已填单元格", style: "metaLabel" },
    { row: META_SUMMARY_ROWS.filled, col: 2, value: { formula: filledFormula }, style: "status" },
    { row: META_SUMMARY_ROWS.filled, col: 3, value: `个（共 ${INPUT_CELLS.length} 个）`, style: "text" },
    ...instructions.map((text, i): PlanCell => ({ row: INSTRUCTIONS_ROW + i, col: 1, value: text, style: i === 0 ? "caption" : "text", colSpan: 3 })),
  ];
  return {
    name: SHEET_NAMES.meta,
    visibility: "visible",
    protect: true,
    columnWidths: [14, 36, 40],
    rowHeights: { 1: 28, [META_ROWS.shortName]: 30, ...Object.fromEntries(instructions.map((_, i) => [INSTRUCTIONS_ROW + i, i === 0 ? 20 : 34])) },
    cells,
    validations: [
      {
        range: `B${META_ROWS.year}`,
        type: "whole",
        min: 2021,
        max: 2100,
        promptTitle: "报告年度",
        prompt: "填写统计年度（四位数字），如 2025。",
        errorTitle: "年度有误",
        error: "请填写 2021 年以后的四位年度数字。本模板适用 2021 年格式。",
      },
      {
        range: `B${META_ROWS.level}`,
        type: "list",
        list: AGENCY_LEVELS,
        promptTitle: "机关层级",
        prompt: "从下拉列表中选择本机关层级。",
        errorTitle: "层级有误",
        error: `请从下拉列表中选择：${AGENCY_LEVELS.join("、")}。`,
      },
    ],
    conditionalFormats: [
      { range: `B${META_SUMMARY_ROWS.verdict}`, formula: `B${META_SUMMARY_ROWS.verdict}="有强制错误"`, tone: "error" },
      { range: `B${META_SUMMARY_ROWS.verdict}`, formula: `B${META_SUMMARY_ROWS.verdict}="强制通过、提示待核实"`, tone: "warning" },
      { range: `B${META_SUMMARY_ROWS.verdict}`, formula: `B${META_SUMMARY_ROWS.verdict}="全部通过"`, tone: "pass" },
      { range: `B${META_SUMMARY_ROWS.verdict}`, formula: `B${META_SUMMARY_ROWS.verdict}="未完成"`, tone: "muted" },
      { range: `B${META_SUMMARY_ROWS.errors}`, formula: `B${META_SUMMARY_ROWS.errors}>0`, tone: "error" },
      { range: `B${META_SUMMARY_ROWS.warnings}`, formula: `B${META_SUMMARY_ROWS.warnings}>0`, tone: "warning" },
    ],
    print: { orientation: "portrait" },
  };
}

function checksSheets(rules: readonly Rule[], placements: Placements): {
  checks: SheetPlan;
  cellChecks: SheetPlan;
  checkRows: Record<string, number>;
  cellCheckRows: Record<CellId, number>;
} {
  const context = formulaContext(placements);
  const cellChecks: PlanCell[] = ["编号", "表", "单元格", "输入", "非负"].map((text, i) => ({ row: 1, col: i + 1, value: text, style: "checkHeader" }));
  const cellCheckRows: Record<CellId, number> = {};
  INPUT_CELLS.forEach((cell, index) => {
    const row = 2 + index;
    cellCheckRows[cell.id] = row;
    const at = sheetCellOf(cell.id, placements);
    cellChecks.push(
      { row, col: CELL_CHECK_COL.id, value: cell.id, style: "checkCell" },
      { row, col: CELL_CHECK_COL.table, value: placements[cell.table].sheet, style: "checkCell" },
      { row, col: CELL_CHECK_COL.address, value: a1(at.row, at.col), style: "checkCell" },
    );
  });
  for (const rule of rules) {
    const formula = cellVerdictFormula(rule.relation, context);
    if (formula === null) continue;
    const [cellId] = cellsRead(rule.relation);
    const row = cellId === undefined ? undefined : cellCheckRows[cellId];
    if (row === undefined) continue;
    const col = cellColumnOf(rule.relation) === "input" ? CELL_CHECK_COL.input : CELL_CHECK_COL.nonNegative;
    cellChecks.push({ row, col, value: { formula }, style: "checkCell" });
  }
  const lastCellRow = 1 + INPUT_CELLS.length;
  const cellRange = (col: number): string => `${quoteSheet(SHEET_NAMES.cellChecks)}!${a1(2, col, true)}:${a1(lastCellRow, col, true)}`;

  const cells: PlanCell[] = [
    { row: 1, col: 1, value: "勾稽关系与填写校验（本表由公式自动计算，请勿修改）", style: "title", colSpan: CHECK_COLUMNS.length },
    ...CHECK_COLUMNS.map((text, i): PlanCell => ({ row: 2, col: i + 1, value: text, style: "checkHeader" })),
  ];
  const checkRows: Record<string, number> = {};
  let row = FIRST_CHECK_ROW;
  const confirmations = `${quoteSheet(SHEET_NAMES.hidden)}!$A$${CONFIRMATION_FIRST_ROW}:$A$${CONFIRMATION_FIRST_ROW + MAX_CONFIRMATIONS - 1}`;
  const addRow = (
    id: string,
    name: string,
    tableSheet: string,
    severity: string,
    text: string,
    where: string,
    f: { expected: string; actual: string; difference: string; verdict: string },
    counted: boolean,
  ): void => {
    checkRows[id] = row;
    const formulaOrBlank = (formula: string): CellContent => (formula === "" ? null : { formula });
    cells.push(
      { row, col: CHECK_COL.name, value: name, style: "checkCell" },
      { row, col: CHECK_COL.table, value: tableSheet, style: "checkCell" },
      { row, col: CHECK_COL.severity, value: severity, style: "checkCell" },
      { row, col: CHECK_COL.text, value: text, style: "checkCell" },
      { row, col: CHECK_COL.cells, value: where, style: "checkCell" },
      { row, col: CHECK_COL.expected, value: formulaOrBlank(f.expected), style: "checkCell" },
      { row, col: CHECK_COL.actual, value: formulaOrBlank(f.actual), style: "checkCell" },
      { row, col: CHECK_COL.difference, value: formulaOrBlank(f.difference), style: "checkCell" },
      { row, col: CHECK_COL.verdict, value: { formula: f.verdict }, style: "checkCell" },
      {
        row,
        col: CHECK_COL.confirmed,
        value: { formula: `IF(AND(${a1(row, CHECK_COL.verdict)}="不通过",COUNTIF(${confirmations},${a1(row, CHECK_COL.id)})>0),"已确认","")` },
        style: "checkCell",
      },
      { row, col: CHECK_COL.counted, value: counted ? 1 : 0, style: "checkCell" },
      { row, col: CHECK_COL.id, value: id, style: "checkCell" },
    );
    row += 1;
  };
  for (const rule of rules) {
    const cellsOfRow = {
      expected: a1(row, CHECK_COL.expected),
      actual: a1(row, CHECK_COL.actual),
      difference: a1(row, CHECK_COL.difference),
    };
    const formulas = rowFormulas(rule.relation, context, cellsOfRow);
    if (formulas === null) continue;
    const ids = cellsRead(rule.relation);
    const table = getCell(ids[0] ?? "").table;
    const where = ids.length > 8 ? `${placements[table].sheet}（${ids.length} 个单元格）` : ids.map((id) => { const at = sheetCellOf(id, placements); return a1(at.row, at.col); }).join(" ");
    addRow(rule.id, checkName(rule.family, rule.subject), placements[table].sheet, SEVERITY_LABEL[rule.severity], CHECK_TEXT[rule.family]?.(rule.subject) ?? rule.subject, where, formulas, true);
  }
  // Per-table summaries of the per-cell checks on the 单元格校验 sheet.
  for (const table of TABLES) {
    const sheet = placements[table.id].sheet;
    for (const [family, col, text] of [
      ["R-INPUT", CELL_CHECK_COL.input, `${sheet}各单元格均为数字（无文字、单位、符号或错误值）`],
      ["R-NONNEG", CELL_CHECK_COL.nonNegative, `${sheet}各数字不为负数，件数为整数`],
    ] as const) {
      const failing = `COUNTIFS(${cellRange(CELL_CHECK_COL.table)},"${sheet}",${cellRange(col)},"不通过")`;
      // These rows show the per-cell checks of 单元格校验 table by table; they are counted there, per cell.
      addRow(`${family}.${table.id}`, `${ruleName(family)}：${sheet}`, sheet, "强制", text, `${sheet}（${table.inputs.length} 个单元格）`, {
        expected: "0",
        actual: failing,
        difference: "",
        verdict: `IF(${failing}=0,"通过","不通过")`,
      }, false);
    }
  }
  const lastRow = row - 1;
  const verdictRange = `${a1(FIRST_CHECK_ROW, CHECK_COL.verdict)}:${a1(lastRow, CHECK_COL.verdict)}`;
  const checks: SheetPlan = {
    name: SHEET_NAMES.checks,
    visibility: "visible",
    protect: true,
    columnWidths: CHECK_WIDTHS,
    hiddenColumns: [CHECK_COL.counted, CHECK_COL.id],
    rowHeights: { 1: 26, ...checkRowHeights(cells) },
    cells,
    validations: [],
    conditionalFormats: [
      { range: verdictRange, formula: `${a1(FIRST_CHECK_ROW, CHECK_COL.verdict)}="不通过"`, tone: "error" },
      { range: verdictRange, formula: `${a1(FIRST_CHECK_ROW, CHECK_COL.verdict)}="通过"`, tone: "pass" },
      { range: verdictRange, formula: `OR(${a1(FIRST_CHECK_ROW, CHECK_COL.verdict)}="未完成",${a1(FIRST_CHECK_ROW, CHECK_COL.verdict)}="不适用")`, tone: "muted" },
    ],
    print: { orientation: "landscape", titleRows: "2:2" },
    freeze: { rows: 2, cols: 0 },
  };
  const cellCheckSheet: SheetPlan = {
    name: SHEET_NAMES.cellChecks,
    visibility: "hidden",
    protect: true,
    columnWidths: [44, 8, 8, 8, 8],
    rowHeights: {},
    cells: cellChecks,
    validations: [],
    conditionalFormats: [],
    print: { orientation: "portrait" },
  };
  return { checks, cellChecks: cellCheckSheet, checkRows, cellCheckRows };
}

const CHECK_WIDTHS = [30, 7, 7, 58, 26, 10, 10, 8, 9, 8, 6, 40];

/** Heights of the 校验 rows so that the wrapped text of every column shows in full. */
function checkRowHeights(cells: readonly PlanCell[]): Record<number, number> {
  const heights: Record<number, number> = {};
  for (const cell of cells) {
    if (cell.row < FIRST_CHECK_ROW || typeof cell.value !== "string" || cell.col === CHECK_COL.id) continue;
    const width = CHECK_WIDTHS[cell.col - 1] ?? 10;
    const lines = Math.max(1, Math.ceil(textWidth(cell.value) / Math.max(1, width - 1)));
    heights[cell.row] = Math.max(heights[cell.row] ?? 16, lines * 13.5 + 4);
  }
  return heights;
}

/**
 * Which instance of a family a row checks, after the family's name in the 校验项目 column (「表三各列勾稽关系：
 * 自然人列」); families with one row on the sheet show the name alone.
 */
const CHECK_INSTANCE: Readonly<Record<string, (subject: string) => string>> = {
  "R-T3-BAL": (s) => `${s}列`,
  "R-T3-RESULT": (s) => `${s}列`,
  "R-T3-ROWSUM": (s) => s,
  "R-T4-SUM": (s) => s,
  "R-BLANK": (s) => s,
  "P-T2-VALID": (s) => s,
};

/** The check in words, as the 校验项目 column shows it (rule names: core/locale/rule-names). */
function checkName(family: string, subject: string): string {
  const instance = CHECK_INSTANCE[family];
  return instance === undefined ? ruleName(family) : `${ruleName(family)}：${instance(subject)}`;
}

/** The check's wording on the 校验 sheet, by rule family. */
const CHECK_TEXT: Readonly<Record<string, (subject: string) => string>> = {
  "R-T3-BAL": (s) => `“${s}”列：第一项加第二项之和，等于第三项加第四项之和`,
  "R-T3-ROWSUM": (s) => `“${s}”行：总计等于自然人与法人或其他组织各列之和`,
  "R-T3-RESULT": (s) => `“${s}”列：（七）总计等于（一）至（六）各项之和`,
  "R-T4-SUM": (s) => `“${s}”：总计等于结果维持、结果纠正、其他结果、尚未审结之和`,
  "R-BLANK": (s) => `${s}各单元格均已填写（没有发生的填 0）`,
  "P-T2-REG-COUNTY": () => "无规章制定权的机关，规章各项应为 0",
  "P-T2-VALID": (s) => `“${s}”本年有制发的，现行有效件数一般不为 0`,
  "R-T2-FEE-DEC": () => "行政事业性收费（万元）一般保留两位小数",
  "R-T2-FEE-MAG": () => "行政事业性收费（万元）数额合理，未误按元填写",
};

/** Confirmed 提示 live on the hidden sheet from this row on: A rule ID, B explanation, C time (ISO). */
export const CONFIRMATION_FIRST_ROW = 11;

/** At most this many confirmations are stored (and counted by the workbook's formulas). */
export const MAX_CONFIRMATIONS = 1000;

/** What marks a workbook as made by this tool: the hidden sheet's B1 (A1 says "generator"). */
export const TEMPLATE_MARKER = "nianbao";
export const TEMPLATE_MARKER_CELL = "B1";

function hiddenSheet(): SheetPlan {
  const rows: [string, string | number][] = [
    ["generator", TEMPLATE_MARKER],
    ["templateVersion", TEMPLATE_VERSION],
    ["formatVersion", FORMAT_VERSION],
  ];
  const confirmationHeader = ["已确认的提示（规则编号）", "说明", "确认时间"];
  return {
    name: SHEET_NAMES.hidden,
    visibility: "hidden",
    protect: true,
    columnWidths: [30, 60, 22],
    rowHeights: {},
    cells: [
      ...rows.flatMap(([key, value], i): PlanCell[] => [
        { row: i + 1, col: 1, value: key, style: "checkCell" },
        { row: i + 1, col: 2, value, style: "checkCell" },
      ]),
      ...confirmationHeader.map((text, i): PlanCell => ({ row: CONFIRMATION_FIRST_ROW - 1, col: i + 1, value: text, style: "checkHeader" })),
    ],
    validations: [],
    conditionalFormats: [],
    print: { orientation: "portrait" },
  };
}

/** The 正文 sheet: the parts of the report the user writes, pre-filled with the format's guidance. */
function textSheet(narrative: Narrative): SheetPlan {
  const cells: PlanCell[] = [
    { row: 1, col: 1, value: "报告正文（未列出的部分——表二至表四的数字、依申请公开和复议诉讼的情况——由统计表自动生成）", style: "title", colSpan: 3 },
    { row: 2, col: 1, value: "栏目代号", style: "checkHeader" },
    { row: 2, col: 2, value: "栏目", style: "checkHeader" },
    { row: 2, col: 3, value: "内容（请按本机关实际情况填写，替换【】中的提示）", style: "checkHeader" },
  ];
  const rowHeights: Record<number, number> = { 1: 30 };
  const validations: PlanValidation[] = [];
  NARRATIVE_FIELDS.forEach((field, i) => {
    const row = TEXT_FIRST_ROW + i;
    const value: CellContent =
      field.kind === "text"
        ? (narrative.texts[field.key] ?? field.guidance)
        : field.kind === "number"
          ? (narrative.numbers[field.key] ?? null)
          : narrative.flags[field.key] === true
            ? "是"
            : "否";
    cells.push(
      { row, col: 1, value: field.key, style: "checkCell" },
      { row, col: 2, value: field.label, style: "metaLabel" },
      { row, col: 3, value, style: field.kind === "text" ? "metaInput" : "metaInput", unlocked: true, keepExisting: true },
    );
    rowHeights[row] = field.kind === "text" ? 72 : 20;
    if (field.kind === "number") {
      validations.push({
        range: `C${row}`,
        type: field.key === "n6.feeNotices" ? "whole" : "decimal",
        min: 0,
        promptTitle: field.label,
        prompt: "填写数字；没有的填 0。",
        errorTitle: "应为数字",
        error: "此格只能填写不小于 0 的数字（不带单位）。",
      });
    } else if (field.kind === "flag") {
      validations.push({
        range: `C${row}`,
        type: "list",
        list: ["是", "否"],
        promptTitle: "确认",
        prompt: "只有确实如此时才选“是”，报告中才会写入这句话。",
        errorTitle: "请选择",
        error: "请选择“是”或“否”。",
      });
    }
  });
  return {
    name: SHEET_NAMES.text,
    visibility: "visible",
    protect: true,
    columnWidths: [16, 30, 90],
    // The field keys stay in column A for the readers; the user sees the format's numbering in 栏目.
    hiddenColumns: [1],
    rowHeights,
    cells,
    validations,
    conditionalFormats: [
      // Guidance still in place (text in 【】) shows yellow until the user writes the real content.
      { range: `C${TEXT_FIRST_ROW}:C${TEXT_FIRST_ROW + NARRATIVE_FIELDS.length - 1}`, formula: `ISNUMBER(SEARCH("【",C${TEXT_FIRST_ROW}))`, tone: "warning" },
    ],
    print: { orientation: "portrait" },
    freeze: { rows: 2, cols: 0 },
  };
}

export function createTemplatePlan(
  meta: ReportMeta,
  rules: readonly Rule[],
  placements: Placements = STANDARD_PLACEMENTS,
  narrative: Narrative = EMPTY_NARRATIVE,
): WorkbookPlan {
  const { checks, cellChecks, checkRows, cellCheckRows } = checksSheets(rules, placements);
  const lastCheckRow = Math.max(...Object.values(checkRows));
  const lastCellRow = 1 + INPUT_CELLS.length;
  const ranges: CheckRanges = {
    checks: (col) => `${quoteSheet(SHEET_NAMES.checks)}!${a1(FIRST_CHECK_ROW, col, true)}:${a1(lastCheckRow, col, true)}`,
    cells: (col) => `${quoteSheet(SHEET_NAMES.cellChecks)}!${a1(2, col, true)}:${a1(lastCellRow, col, true)}`,
  };
  const sheets: SheetPlan[] = [
    metaSheet(meta, ranges, placements),
    ...TABLES.map((table) => tableSheet(table, rules, placements, ranges)),
    textSheet(narrative),
    checks,
    cellChecks,
    hiddenSheet(),
  ];
  const metaRef = (row: number): string => `${quoteSheet(SHEET_NAMES.meta)}!$B$${row}`;
  const names: DefinedName[] = [
    { name: META_NAMES.agency, ref: metaRef(META_ROWS.agency) },
    { name: META_NAMES.year, ref: metaRef(META_ROWS.year) },
    { name: META_NAMES.level, ref: metaRef(META_ROWS.level) },
    { name: SUMMARY_NAMES.verdict, ref: metaRef(META_SUMMARY_ROWS.verdict) },
    { name: SUMMARY_NAMES.errors, ref: metaRef(META_SUMMARY_ROWS.errors) },
    { name: SUMMARY_NAMES.warnings, ref: metaRef(META_SUMMARY_ROWS.warnings) },
    { name: SUMMARY_NAMES.filled, ref: metaRef(META_SUMMARY_ROWS.filled) },
    ...TABLES.map((table) => ({ name: tableName(table.id), ref: tableRange(table, placements[table.id]) })),
  ];
  const title = `${meta.agencyName ?? ""}${meta.year ?? ""}${meta.year === null ? "" : "年"}政府信息公开工作年度报告统计表`;
  return { sheets, names, title, checkRows, cellCheckRows };
}
