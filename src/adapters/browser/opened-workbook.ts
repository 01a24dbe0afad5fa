// What the browser app keeps of an opened .xlsx beyond the values the reader hands over (read-workbook.ts):
// the formulas of the input cells, so that saving again writes a formula (with its last value) rather than
// its text or only its value; and the sheets that saving will not keep, so that the user is told so on
// opening. The page saves the template of `nianbao template` (adapters/workbook/plan.ts) with the page's
// values, so a formula is kept only where it means the same in that workbook: its table at the template's
// place, and no reference to a sheet or name the saved workbook does not have. Loaded with the .xlsx chunk.

import type ExcelJS from "exceljs";
import type { CellId, TableId } from "../../core/format";
import { TABLES } from "../../core/format";
import type { RawCell } from "../../core/values";
import type { Placements } from "../workbook/grid";
import { STANDARD_PLACEMENTS, sheetCellOf } from "../workbook/grid";
import { loadExcelJs } from "../xlsx/exceljs";

/** A formula as the workbook holds it, without the leading "=" (ExcelJS's form). */
export type Formulas = Readonly<Partial<Record<CellId, string>>>;

export interface OpenedDetails {
  /** Formulas of input cells that mean the same in the saved workbook. */
  readonly formulas: Formulas;
  /** Input cells holding a formula that saving cannot keep as one (it keeps their value). */
  readonly formulasAsValues: readonly CellId[];
  /** Sheets of the opened workbook that the saved one does not have, in the workbook's order. */
  readonly otherSheets: readonly string[];
}

/** Longest formula looked at (Excel's own limit is 8,192 characters). */
const MAX_FORMULA = 8192;

const isStandardPlace = (placements: Placements, table: TableId): boolean => {
  const at = placements[table];
  const standard = STANDARD_PLACEMENTS[table];
  return at.sheet === standard.sheet && at.originRow === standard.originRow && at.originCol === standard.originCol;
};

/** The grid of a table the saved workbook has at the same place as the opened one: its sheet and size. */
export interface SameGrid {
  readonly rows: number;
  readonly cols: number;
}

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([^\s!'"(),:;=+\-*/&^<>{}%#]+))!`;
const CELL = String.raw`\$?([A-Za-z]{1,3})\$?(\d+)(?![\w(])`;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Whether a formula reads the same cells in the saved workbook: every cell it refers to lies inside a table
 * grid that the saved workbook has at the same place (`grids`, by sheet; a reference without a sheet is to
 * `ownSheet`), and it uses no defined name, whole column or other sheet (the opened workbook's names and other
 * sheets are not kept). Conservative: what it cannot tell is not kept as a formula.
 */
export function keepsMeaning(formula: string, ownSheet: string, grids: ReadonlyMap<string, SameGrid>): boolean {
  if (formula.length > MAX_FORMULA) return false;
  // String literals may hold anything; their content is not a reference.
  let code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const match of code.matchAll(new RegExp(`(?:${SHEET})?${CELL}`, "g"))) {
    const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? ownSheet);
    const grid = grids.get(sheet);
    const col = columnNumber(match[3] ?? "");
    const row = Number(match[4]);
    if (grid === undefined || row < 1 || row > grid.rows || col < 1 || col > grid.cols) return false;
  }
  code = code.replace(new RegExp(`(?:${SHEET})?${CELL}`, "g"), "0");
  // Anything still naming a sheet (a whole column or row of it), or an error literal such as #REF!.
  if (code.includes("!") || code.includes("#")) return false;
  for (const match of code.matchAll(/[A-Za-z_\\\u00c0-\uffff][\w.\\\u00c0-\uffff]*(?=\s*(\()?)/g)) {
    if (match[1] === "(" || /^(TRUE|FALSE)$/i.test(match[0])) continue;
    return false;
  }
  return true;
}

/** The formulas of the input cells and the sheets saving will not keep, from the bytes the reader accepted. */
export async function readOpenedDetails(data: Uint8Array, placements: Placements, savedSheets: readonly string[]): Promise<OpenedDetails> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const saved = new Set(savedSheets);
  // Grids whose cells sit where the saved workbook puts them: the tables found at the template's place.
  const grids = new Map<string, SameGrid>(
    TABLES.filter((t) => isStandardPlace(placements, t.id)).map((t) => [STANDARD_PLACEMENTS[t.id].sheet, { rows: t.rowCount, cols: t.colCount }]),
  );
  const formulas: Partial<Record<CellId, string>> = {};
  const formulasAsValues: CellId[] = [];
  for (const table of TABLES) {
    const sheet = workbook.getWorksheet(placements[table.id].sheet);
    if (!sheet) continue;
    for (const input of table.inputs) {
      const at = sheetCellOf(input.id, placements);
      const formula = (sheet.getCell(at.row, at.col) as { formula?: unknown }).formula;
      if (typeof formula !== "string" || formula.trim() === "") continue;
      if (isStandardPlace(placements, table.id) && keepsMeaning(formula, placements[table.id].sheet, grids)) formulas[input.id] = formula;
      else formulasAsValues.push(input.id);
    }
  }
  const otherSheets = workbook.worksheets.map((s) => s.name).filter((name) => !saved.has(name));
  return { formulas, formulasAsValues, otherSheets };
}

/** A cell's last value as a formula's cached result (none for a formula the file held without one). */
function resultOf(raw: RawCell): ExcelJS.CellFormulaValue["result"] {
  if (raw === null) return undefined;
  if (typeof raw === "object") return { error: raw.error } as ExcelJS.CellErrorValue;
  // The reader gives "=…" for a formula saved without its result: there is no value to cache.
  if (typeof raw === "string" && raw.startsWith("=")) return undefined;
  return raw;
}

/** Writes the kept formulas into the saved workbook's input cells, each with the value the page shows. */
export function writeFormulas(workbook: ExcelJS.Workbook, formulas: Formulas, valueOf: (id: CellId) => RawCell): void {
  for (const [id, formula] of Object.entries(formulas) as [CellId, string | undefined][]) {
    if (formula === undefined) continue;
    const at = sheetCellOf(id, STANDARD_PLACEMENTS);
    const target = workbook.getWorksheet(at.sheet)?.getCell(at.row, at.col);
    if (!target) continue;
    const result = resultOf(valueOf(id));
    target.value = result === undefined ? { formula, date1904: false } : { formula, result, date1904: false };
  }
}
