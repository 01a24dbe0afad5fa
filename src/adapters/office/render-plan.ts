// Queues a WorkbookPlan (src/adapters/workbook/plan.ts) onto Excel through Office.js — the same plan the
// .xlsx writer renders — without syncing: the caller decides when the one write sync happens.
// Input cells' values are never written: regenerating the template keeps everything already entered.

import type { PlanCell, SheetPlan, StyleName, Tone, WorkbookPlan } from "../workbook/plan";
import { a1 } from "../workbook/grid";

interface FormatSpec {
  readonly font: string;
  readonly size: number;
  readonly bold?: boolean;
  readonly horizontal?: "Left" | "Center";
  readonly wrap: boolean;
  readonly border: boolean;
  readonly fill?: string;
  readonly numberFormat?: string;
}

const FORMATS: Readonly<Record<StyleName, FormatSpec>> = {
  title: { font: "黑体", size: 14, horizontal: "Center", wrap: false, border: false },
  caption: { font: "宋体", size: 10.5, bold: true, horizontal: "Left", wrap: true, border: true },
  header: { font: "宋体", size: 10.5, bold: true, horizontal: "Center", wrap: true, border: true },
  rowLabel: { font: "宋体", size: 10.5, horizontal: "Left", wrap: true, border: true },
  note: { font: "宋体", size: 9, horizontal: "Center", wrap: true, border: true },
  count: { font: "仿宋", size: 11, horizontal: "Center", wrap: false, border: true, numberFormat: "0" },
  money: { font: "仿宋", size: 11, horizontal: "Center", wrap: false, border: true, numberFormat: "0.00##" },
  metaLabel: { font: "宋体", size: 11, bold: true, horizontal: "Left", wrap: true, border: true, fill: "#F2F2F2" },
  metaInput: { font: "仿宋", size: 12, horizontal: "Left", wrap: true, border: true },
  text: { font: "宋体", size: 10.5, wrap: true, border: false },
  checkHeader: { font: "黑体", size: 10.5, horizontal: "Center", wrap: true, border: true, fill: "#D9D9D9" },
  checkCell: { font: "宋体", size: 10, wrap: true, border: true },
  status: { font: "宋体", size: 11, bold: true, wrap: false, border: false },
};

export const TONE_COLORS: Readonly<Record<Tone, { fill: string; font: string }>> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  pass: { fill: "#C6EFCE", font: "#006100" },
  muted: { fill: "#F2F2F2", font: "#7F7F7F" },
};

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

/** Excel's column width is in points; the plan's widths are in characters of the default font. */
function widthInPoints(characters: number): number {
  return Math.round(characters * 6 + 5);
}

function areaOf(cell: PlanCell): string {
  const rowSpan = cell.rowSpan ?? 1;
  const colSpan = cell.colSpan ?? 1;
  return rowSpan === 1 && colSpan === 1 ? a1(cell.row, cell.col) : `${a1(cell.row, cell.col)}:${a1(cell.row + rowSpan - 1, cell.col + colSpan - 1)}`;
}

function applyFormat(range: Excel.Range, style: StyleName, unlocked: boolean, centredRowLabel: boolean): void {
  const spec = FORMATS[style];
  range.format.font.name = spec.font;
  range.format.font.size = spec.size;
  range.format.font.bold = spec.bold === true;
  range.format.verticalAlignment = "Center";
  const horizontal = centredRowLabel ? "Center" : spec.horizontal;
  if (horizontal) range.format.horizontalAlignment = horizontal;
  range.format.wrapText = spec.wrap;
  if (spec.fill) range.format.fill.color = spec.fill;
  if (spec.numberFormat) range.numberFormat = [[spec.numberFormat]];
  if (spec.border) {
    for (const edge of EDGES) {
      const border = range.format.borders.getItem(edge);
      border.style = "Continuous";
      border.color = "#000000";
    }
  }
  range.format.protection.locked = !unlocked;
}

export interface RenderOptions {
  /** Names of the sheets that exist already (found in the first sync). */
  readonly existingSheets: ReadonlySet<string>;
  /** Defined names that exist already. */
  readonly existingNames: ReadonlySet<string>;
  /** Sheets whose every cell is ours and may be cleared before writing (the check sheets). */
  readonly rewriteSheets: ReadonlySet<string>;
  /** ExcelApi 1.9 is available: page layout (A4, orientation, print area) can be set. */
  readonly pageLayout: boolean;
}

function renderSheet(context: Excel.RequestContext, plan: SheetPlan, options: RenderOptions): void {
  const exists = options.existingSheets.has(plan.name);
  const sheet = exists ? context.workbook.worksheets.getItem(plan.name) : context.workbook.worksheets.add(plan.name);
  if (exists && options.rewriteSheets.has(plan.name)) sheet.getRange().clear("All");

  plan.columnWidths.forEach((width, i) => {
    const letter = a1(1, i + 1).replace(/\d+$/, "");
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = widthInPoints(width);
  });
  // Columns that hold what formulas and readers need (rule IDs, field keys) and no user should read.
  for (const col of plan.hiddenColumns ?? []) {
    const letter = a1(1, col).replace(/\d+$/, "");
    sheet.getRange(`${letter}:${letter}`).columnHidden = true;
  }
  for (const [row, height] of Object.entries(plan.rowHeights)) sheet.getRange(`${row}:${row}`).format.rowHeight = height;

  // Values and formulas: labels and check formulas only. Input cells (unlocked) are formatted, never written.
  for (const cell of plan.cells) {
    const area = areaOf(cell);
    const range = sheet.getRange(area);
    if ((cell.rowSpan ?? 1) > 1 || (cell.colSpan ?? 1) > 1) range.merge(false);
    applyFormat(range, cell.style, cell.unlocked === true, cell.style === "rowLabel" && (cell.rowSpan ?? 1) > 1 && (cell.colSpan ?? 1) === 1);
    const value = cell.value;
    // Never blank out what the user typed: input cells are written only when the plan carries a value
    // (the metadata just entered in the pane), never for the tables' input cells.
    if (cell.unlocked && value === null) continue;
    if (cell.keepExisting && exists) continue;
    const target = sheet.getRange(a1(cell.row, cell.col));
    if (value === null) target.values = [[""]];
    else if (typeof value === "object") target.formulas = [[`=${value.formula}`]];
    else target.values = [[value]];
  }

  for (const validation of plan.validations) {
    for (const address of validation.range.split(" ")) {
      const range = sheet.getRange(address);
      range.dataValidation.clear();
      if (validation.type === "list") {
        range.dataValidation.rule = { list: { inCellDropDown: true, source: (validation.list ?? []).join(",") } };
      } else {
        const bounded = validation.max !== undefined;
        const basic: Excel.BasicDataValidation = bounded
          ? { formula1: validation.min ?? 0, formula2: validation.max ?? 0, operator: "Between" }
          : { formula1: validation.min ?? 0, operator: "GreaterThanOrEqualTo" };
        range.dataValidation.rule = validation.type === "whole" ? { wholeNumber: basic } : { decimal: basic };
      }
      range.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: validation.errorTitle, message: validation.error };
      range.dataValidation.prompt = { showPrompt: true, title: validation.promptTitle, message: validation.prompt };
    }
  }

  const formatted = new Set(plan.conditionalFormats.map((f) => f.range));
  for (const area of formatted) sheet.getRange(area).conditionalFormats.clearAll();
  for (const format of plan.conditionalFormats) {
    const conditional = sheet.getRange(format.range).conditionalFormats.add("Custom");
    conditional.custom.rule.formula = `=${format.formula}`;
    conditional.custom.format.fill.color = TONE_COLORS[format.tone].fill;
    conditional.custom.format.font.color = TONE_COLORS[format.tone].font;
  }

  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    sheet.freezePanes.unfreeze();
    if (plan.freeze.cols > 0) sheet.freezePanes.freezeAt(sheet.getRange(`A1:${a1(plan.freeze.rows, plan.freeze.cols)}`));
    else sheet.freezePanes.freezeRows(plan.freeze.rows);
  }

  if (options.pageLayout) {
    sheet.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
    sheet.pageLayout.paperSize = "A4";
    sheet.pageLayout.centerHorizontally = true;
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (plan.print.printArea) sheet.pageLayout.setPrintArea(plan.print.printArea);
    if (plan.print.titleRows) sheet.pageLayout.setPrintTitleRows(`$${plan.print.titleRows.replace(":", ":$")}`);
    if (plan.print.header) sheet.pageLayout.headersFooters.defaultForAllPages.centerHeader = plan.print.header;
  }
  sheet.visibility = plan.visibility === "hidden" ? "Hidden" : "Visible";
}

/** Queues every sheet, then the defined names that do not exist yet. */
export function renderPlan(context: Excel.RequestContext, plan: WorkbookPlan, options: RenderOptions): void {
  for (const sheet of plan.sheets) renderSheet(context, sheet, options);
  for (const name of plan.names) {
    if (!options.existingNames.has(name.name)) context.workbook.names.add(name.name, `=${name.ref}`);
  }
}
