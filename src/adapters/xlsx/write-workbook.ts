// Renders a WorkbookPlan (src/adapters/workbook/plan.ts) into an .xlsx file with ExcelJS, optionally with
// values already entered (the input cells of a filled report).

import type ExcelJS from "exceljs";
import type { RawCells } from "../../core/values";
import { rawEntries, xmlSafe } from "../../core/values";
import type { Placements } from "../workbook/grid";
import { STANDARD_PLACEMENTS, sheetCellOf } from "../workbook/grid";
import type { PlanCell, SheetPlan, WorkbookPlan } from "../workbook/plan";
import { CONFIRMATION_FIRST_ROW, SHEET_NAMES } from "../workbook/plan";
import type { Confirmation } from "../../core/session";
import { CENTRED_ROW_LABEL, STYLES, TONES } from "./styles";
import { loadExcelJs } from "./exceljs";

function cellValue(content: PlanCell["value"]): ExcelJS.CellValue {
  if (content === null) return null;
  if (typeof content === "object") return { formula: content.formula, date1904: false };
  return content;
}

function renderSheet(workbook: ExcelJS.Workbook, plan: SheetPlan): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(plan.name, {
    state: plan.visibility,
    views: plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)
      ? [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }]
      : [{}],
    pageSetup: {
      paperSize: 9,
      orientation: plan.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.4, footer: 0.4 },
      ...(plan.print.printArea ? { printArea: plan.print.printArea } : {}),
      ...(plan.print.titleRows ? { printTitlesRow: plan.print.titleRows } : {}),
    },
    headerFooter: {
      oddHeader: plan.print.header ? `&C&"黑体,常规"&12${plan.print.header}` : "",
      oddFooter: "&C第 &P 页，共 &N 页",
    },
  });
  plan.columnWidths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  for (const col of plan.hiddenColumns ?? []) sheet.getColumn(col).hidden = true;
  for (const [row, height] of Object.entries(plan.rowHeights)) sheet.getRow(Number(row)).height = height;

  for (const cell of plan.cells) {
    const rowSpan = cell.rowSpan ?? 1;
    const colSpan = cell.colSpan ?? 1;
    const style = STYLES[cell.style];
    // Style every cell of a merge, so borders show on all its edges.
    for (let r = cell.row; r < cell.row + rowSpan; r += 1) {
      for (let c = cell.col; c < cell.col + colSpan; c += 1) {
        const target = sheet.getCell(r, c);
        target.style = {
          ...style,
          ...(cell.style === "rowLabel" && rowSpan > 1 && colSpan === 1 ? { alignment: CENTRED_ROW_LABEL } : {}),
          protection: { locked: !cell.unlocked },
        };
      }
    }
    if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(cell.row, cell.col, cell.row + rowSpan - 1, cell.col + colSpan - 1);
    sheet.getCell(cell.row, cell.col).value = cellValue(cell.value);
  }

  for (const validation of plan.validations) {
    for (const address of validation.range.split(" ")) {
      const common = {
        allowBlank: true,
        showInputMessage: true,
        promptTitle: validation.promptTitle,
        prompt: validation.prompt,
        showErrorMessage: true,
        errorStyle: "stop" as const,
        errorTitle: validation.errorTitle,
        error: validation.error,
      };
      if (validation.type === "list") {
        sheet.getCell(address).dataValidation = { ...common, type: "list", formulae: [`"${(validation.list ?? []).join(",")}"`] };
      } else {
        const bounded = validation.max !== undefined;
        sheet.getCell(address).dataValidation = {
          ...common,
          type: validation.type,
          operator: bounded ? "between" : "greaterThanOrEqual",
          formulae: bounded ? [validation.min ?? 0, validation.max] : [validation.min ?? 0],
        };
      }
    }
  }

  let priority = 1;
  for (const format of plan.conditionalFormats) {
    const tone = TONES[format.tone];
    sheet.addConditionalFormatting({
      ref: format.range,
      rules: [{ type: "expression", priority: priority++, formulae: [format.formula], style: { fill: tone.fill, font: tone.font } }],
    });
  }

  if (plan.protect) {
    // Protection without a password: it keeps labels and formulas from being overwritten by accident, and
    // anyone may lift it (审阅 → 撤消工作表保护). ExcelJS's protect() would hash an empty password instead.
    (sheet as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = {
      sheet: true,
      selectLockedCells: true,
      selectUnlockedCells: true,
    };
  }
  return sheet;
}

export interface WriteOptions {
  /** Values to enter into the input cells (as a user would have typed them). */
  readonly values?: RawCells;
  /** 提示 confirmed by the user, written to the hidden sheet. */
  readonly confirmations?: readonly Confirmation[];
  readonly placements?: Placements;
  /** Told how many characters XML cannot hold were replaced (an agency name with U+FFFF, a control character). */
  readonly onReplaced?: (replaced: number) => void;
}

/** Every text of the workbook made writable: what XML 1.0 forbids would make the file unreadable. */
function makeWritable(workbook: ExcelJS.Workbook): number {
  let replaced = 0;
  const safe = (text: string): string => {
    const result = xmlSafe(text);
    replaced += result.replaced;
    return result.text;
  };
  workbook.title = safe(workbook.title);
  workbook.eachSheet((sheet) => {
    sheet.headerFooter.oddHeader = safe(sheet.headerFooter.oddHeader ?? "");
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (typeof value === "string") {
          const text = safe(value);
          if (text !== value) cell.value = text;
        } else if (value !== null && typeof value === "object" && "richText" in value) {
          cell.value = { richText: value.richText.map((run) => ({ ...run, text: safe(run.text) })) };
        }
      }),
    );
  });
  return replaced;
}

export async function createWorkbook(plan: WorkbookPlan, options: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = "年报助手";
  workbook.title = plan.title;
  workbook.subject = "政府信息公开工作年度报告";
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const sheetPlan of plan.sheets) sheets.set(sheetPlan.name, renderSheet(workbook, sheetPlan));
  for (const name of plan.names) workbook.definedNames.add(name.ref, name.name);

  const placements = options.placements ?? STANDARD_PLACEMENTS;
  const values = options.values;
  if (values) {
    for (const [id, raw] of rawEntries(values)) {
      const at = sheetCellOf(id, placements);
      const target = sheets.get(at.sheet)?.getCell(at.row, at.col);
      if (!target) continue;
      target.value = raw === null ? null : typeof raw === "object" ? ({ error: raw.error } as ExcelJS.CellErrorValue) : raw;
    }
  }
  const hidden = sheets.get(SHEET_NAMES.hidden);
  (options.confirmations ?? []).forEach((confirmation, i) => {
    const row = hidden?.getRow(CONFIRMATION_FIRST_ROW + i);
    if (!row) return;
    row.getCell(1).value = confirmation.ruleId;
    row.getCell(2).value = confirmation.note;
    row.getCell(3).value = confirmation.at;
  });
  const replaced = makeWritable(workbook);
  options.onReplaced?.(replaced);
  return workbook;
}

/** The workbook's bytes (a Uint8Array, so that the same code runs in Node and in the browser). */
export async function writeWorkbook(plan: WorkbookPlan, options: WriteOptions = {}): Promise<Uint8Array> {
  const workbook = await createWorkbook(plan, options);
  const data = await workbook.xlsx.writeBuffer();
  return new Uint8Array(data);
}
