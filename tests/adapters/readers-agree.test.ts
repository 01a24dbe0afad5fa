// The three workbook readers — the .xlsx file (CLI), Excel through Office.js, WPS through ET — hand the core the
// same report for the same workbook content, so the one check gives the same issues: a figure that is the cached
// result of a formula the user wrote is named (S-FORMULA, 提示), a date in a count cell is named a date (R-INPUT),
// and the template's own cells, which hold no formulas, are never flagged.

import ExcelJS from "exceljs";
import { OfficeHost } from "../../src/adapters/office/office-host";
import { WpsHost } from "../../src/adapters/wps/wps-host";
import { STANDARD_PLACEMENTS, sheetCellOf, a1 } from "../../src/adapters/workbook/grid";
import { createTemplatePlan } from "../../src/adapters/workbook/plan";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import type { CheckResult, ReportSource } from "../../src/core/check";
import { checkReport } from "../../src/core/check";
import type { CellId } from "../../src/core/format";
import { RULE_PACK } from "../../src/core/rules";
import { ValidationSession } from "../../src/core/session";
import { dateFromSerial, isDateFormat } from "../../src/core/values";
import { createFakeExcel } from "../support/fake-excel";
import { createFakeEt } from "../support/fake-et";
import { metaOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "新乡市教育局", year: 2023, level: "市级部门" });

/** What the user did to a report of zeros: a formula in 表三!D5, a date in 表三!E4, a formula total in 表三!J4. */
interface Edits {
  readonly formulas: readonly { readonly id: CellId; readonly formula: string; readonly result: number }[];
  readonly dates: readonly { readonly id: CellId; readonly serial: number; readonly format: string }[];
}

const EDITS: Edits = {
  formulas: [
    { id: "t3.carryOver.natural", formula: "=1+1", result: 2 },
    { id: "t3.new.total", formula: "=SUM(D4:I4)", result: 0 },
  ],
  // 45717 is 2025-03-01 in the 1900 date system.
  dates: [{ id: "t3.new.commercial", serial: 45717, format: "yyyy/m/d" }],
};

function at(id: CellId): { sheet: string; address: string } {
  const cell = sheetCellOf(id, STANDARD_PLACEMENTS);
  return { sheet: cell.sheet, address: a1(cell.row, cell.col) };
}

const zeroValues = (): Record<CellId, number> => zeroReport() as Record<CellId, number>;

async function viaXlsx(edits: Edits): Promise<ReportSource> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeWorkbook(createTemplatePlan(META, RULE_PACK), { values: zeroValues() })) as unknown as ExcelJS.Buffer);
  for (const { id, formula, result } of edits.formulas) {
    const { sheet, address } = at(id);
    workbook.getWorksheet(sheet)!.getCell(address).value = { formula: formula.slice(1), result };
  }
  for (const { id, serial, format } of edits.dates) {
    const { sheet, address } = at(id);
    const cell = workbook.getWorksheet(sheet)!.getCell(address);
    cell.value = new Date(`${dateFromSerial(serial)}T00:00:00Z`);
    // ExcelJS shares one style object between cells: assigning numFmt would format every input cell as a date.
    cell.style = { ...cell.style, numFmt: format };
  }
  return readWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

async function viaOffice(edits: Edits): Promise<{ source: ReportSource; syncs: number }> {
  const excel = createFakeExcel({ api: "1.9", syncDelayMs: 0 });
  const host = new OfficeHost({ run: excel.run, requirements: excel.requirements, coalesceMs: 5 });
  await host.applyTemplate(META);
  for (const [id, value] of Object.entries(zeroValues())) {
    const { sheet, address } = at(id);
    excel.fill(sheet, address, [[value]]);
  }
  for (const { id, formula, result } of edits.formulas) excel.fillFormula(at(id).sheet, at(id).address, formula, result);
  for (const { id, serial, format } of edits.dates) {
    excel.setNumberFormat(at(id).sheet, at(id).address, format);
    excel.fill(at(id).sheet, at(id).address, [[serial]]);
  }
  excel.resetCounts();
  const snapshot = await host.readSnapshot();
  return { source: snapshot.source, syncs: excel.syncs };
}

async function viaWps(edits: Edits): Promise<{ source: ReportSource; reads: number }> {
  const et = createFakeEt();
  const host = new WpsHost(et.application, { coalesceMs: 5 });
  await host.applyTemplate(META);
  for (const [id, value] of Object.entries(zeroValues())) et.setCells(at(id).sheet, at(id).address, [[value]]);
  for (const { id, formula, result } of edits.formulas) et.setFormula(at(id).sheet, at(id).address, formula, result);
  for (const { id, serial, format } of edits.dates) {
    et.setNumberFormat(at(id).sheet, at(id).address, format);
    et.setCells(at(id).sheet, at(id).address, [[serial]]);
  }
  et.resetCounts();
  const snapshot = await host.readSnapshot();
  return { source: snapshot.source, reads: et.counts.reads };
}

/** The issues as a front end shows them: rule ID, severity, cells, addresses and the words. */
function shown(result: CheckResult): [string, string, readonly string[], readonly string[], string][] {
  return result.issues.map((i) => [i.id, i.severity, i.cells, i.addresses, i.text]);
}

describe("formulas and dates in input cells, read by the .xlsx reader, the Office host and the WPS host", () => {
  test("give the same issues: each formula's result named as 提示, the date named a date", async () => {
    const xlsx = checkReport(await viaXlsx(EDITS));
    const office = await viaOffice(EDITS);
    const wps = await viaWps(EDITS);

    const formulaIssues = xlsx.issues.filter((i) => i.rule === "S-FORMULA");
    expect(formulaIssues.map((i) => [i.id, i.severity, i.addresses, i.actual])).toEqual([
      ["S-FORMULA.t3.new.total", "warning", ["表三!J4"], 0],
      ["S-FORMULA.t3.carryOver.natural", "warning", ["表三!D5"], 2],
    ]);
    expect(formulaIssues[1]!.text).toBe("表三!D5（二、上年结转政府信息公开申请数量 · 自然人）是公式“=1+1”，按其计算结果 2 计。请核实该数字；统计表宜直接填写数字。");
    const date = xlsx.issues.find((i) => i.id === "R-INPUT.t3.new.commercial");
    expect(date?.text).toMatch(/^表三!E4（.*）是日期（2025-03-01），应填写件数。/);
    expect(date?.actual).toBe("2025-03-01");

    expect(shown(checkReport(office.source))).toEqual(shown(xlsx));
    expect(shown(checkReport(wps.source))).toEqual(shown(xlsx));
    expect(checkReport(office.source).values).toEqual(xlsx.values);
    expect(checkReport(wps.source).values).toEqual(xlsx.values);
    // Formulas and number formats come with the values: one read of the grids, no more.
    expect(office.syncs).toBe(2);
    // WPS: each table's Value2 and Formula (6), the metadata cells, the 简称 row, the confirmations and 正文.
    expect(wps.reads).toBe(12);
  });

  test("our own template, filled with values, has no S-FORMULA issue in any reader", async () => {
    const none: Edits = { formulas: [], dates: [] };
    for (const result of [checkReport(await viaXlsx(none)), checkReport((await viaOffice(none)).source), checkReport((await viaWps(none)).source)]) {
      expect(result.issues.filter((i) => i.rule === "S-FORMULA" || i.rule === "R-INPUT")).toEqual([]);
      expect(result.summary.tables.verdict).toBe("pass");
    }
  });

  test("in Excel, the note goes when the user types a number over the formula", async () => {
    const excel = createFakeExcel({ api: "1.9", syncDelayMs: 0 });
    const host = new OfficeHost({ run: excel.run, requirements: excel.requirements, coalesceMs: 5 });
    const session = new ValidationSession(host, RULE_PACK, () => new Date("2024-03-01T08:00:00.000Z"));
    await session.start();
    await session.applyTemplate(META);
    await excel.settle();
    excel.fillFormula("表三", "D5", "=1+1", 2);
    // A full read (重新校验) brings the formula with the value.
    await session.recheck();
    expect(session.getState().issues.map((i) => i.id)).toContain("S-FORMULA.t3.carryOver.natural");
    excel.userEdit("表三", "D5", 2);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(session.getState().issues.map((i) => i.id)).not.toContain("S-FORMULA.t3.carryOver.natural");
    session.stop();
  });

  test("in Excel with ExcelApi 1.13, a formula typed into one cell is named at once, at one sync, and goes when a number replaces it", async () => {
    const excel = createFakeExcel({ api: "1.13", syncDelayMs: 0 });
    const host = new OfficeHost({ run: excel.run, requirements: excel.requirements, coalesceMs: 5 });
    const session = new ValidationSession(host, RULE_PACK, () => new Date("2024-03-01T08:00:00.000Z"));
    await session.start();
    await session.applyTemplate(META);
    await excel.settle();
    const ids = (): string[] => session.getState().issues.map((i) => i.id);

    excel.resetCounts();
    excel.userEdit("表三", "E5", 3);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    // A number typed over a number: from the event's details, no sync.
    expect(excel.syncs).toBe(0);

    excel.resetCounts();
    excel.userFormula("表三", "D5", "=1+1", 2);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(ids()).toContain("S-FORMULA.t3.carryOver.natural");
    expect(excel.syncs).toBe(1);
    expect(session.getState().issues.find((i) => i.id === "S-FORMULA.t3.carryOver.natural")?.actual).toBe(2);

    excel.resetCounts();
    excel.userEdit("表三", "D5", 2);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(ids()).not.toContain("S-FORMULA.t3.carryOver.natural");
    expect(excel.syncs).toBe(1);

    // Typed again over what is now a number: no sync.
    excel.resetCounts();
    excel.userEdit("表三", "D5", 4);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(excel.syncs).toBe(0);
    session.stop();
  });

  test("in Excel before ExcelApi 1.13, a formula typed into one cell is named at the next full read; a number typed over it is read at one sync", async () => {
    const excel = createFakeExcel({ api: "1.9", syncDelayMs: 0 });
    const host = new OfficeHost({ run: excel.run, requirements: excel.requirements, coalesceMs: 5 });
    const session = new ValidationSession(host, RULE_PACK, () => new Date("2024-03-01T08:00:00.000Z"));
    await session.start();
    await session.applyTemplate(META);
    await excel.settle();
    excel.userFormula("表三", "D5", "=1+1", 2);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(session.getState().issues.map((i) => i.id)).not.toContain("S-FORMULA.t3.carryOver.natural");
    await session.recheck();
    expect(session.getState().issues.map((i) => i.id)).toContain("S-FORMULA.t3.carryOver.natural");
    excel.resetCounts();
    excel.userEdit("表三", "D5", 5);
    await excel.settle();
    await host.flushPending();
    await excel.settle();
    expect(excel.syncs).toBe(1);
    expect(session.getState().issues.map((i) => i.id)).not.toContain("S-FORMULA.t3.carryOver.natural");
    session.stop();
  });
});

describe("dates and number formats", () => {
  test.each([
    ["yyyy/m/d", true],
    ["[$-804]yyyy\"年\"m\"月\"d\"日\"", true],
    ["m/d/yy h:mm", true],
    ["[h]:mm:ss", true],
    ["General", false],
    ["0", false],
    ["0.00##", false],
    ["#,##0\"件\"", false],
    ["[Red]0.00", false],
    ["@", false],
  ])("%s shows a date or time: %s", (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  test.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [45717, "2025-03-01"],
    [45717.75, "2025-03-01"],
  ])("serial %d is %s", (serial, iso) => {
    expect(dateFromSerial(serial)).toBe(iso);
  });
});
