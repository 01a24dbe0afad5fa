// The check formulas written into the template (src/adapters/workbook/formulas.ts) against the rule engine
// (src/core/rules), with LibreOffice as the outside authority: every workbook below is written with its
// values, recalculated by a headless soffice, and each verdict on the 校验 and 单元格校验 sheets must equal
// the engine's status for the same rule (spec §2: 通过/不通过/未完成/不适用 ↔ pass/fail/incomplete/notApplicable).
// The workbooks are consistent reports and reports with every kind of input error of spec §1 and §4.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type ExcelJS from "exceljs";
import type { AgencyLevel, CellId, ReportMeta, TableId } from "../../src/core/format";
import type { Confirmation } from "../../src/core/check";
import { VERDICT_LABELS, checkReport } from "../../src/core/check";
import { INPUT_CELLS, TABLES, getCell, t3Id, t4Id } from "../../src/core/format";
import type { RuleStatus } from "../../src/core/rules";
import { RULE_PACK, TABLE_RULES, Validator, cellsRead } from "../../src/core/rules";
import type { RawCell } from "../../src/core/values";
import { SUMMARY_NAMES, VERDICT_TEXT } from "../../src/adapters/workbook/formulas";
import { CELL_CHECK_COL, CHECK_COL, SHEET_NAMES, createTemplatePlan } from "../../src/adapters/workbook/plan";
import type { WorkbookPlan } from "../../src/adapters/workbook/plan";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import type { CellResult, LibreOfficeSession } from "../support/libreoffice";
import { cellResult, openLibreOffice, pdfToPngs, pdfToText } from "../support/libreoffice";
import type { Report } from "../support/reports";
import { consistentReport, loadExample, metaOf, randomSeed, seededRandom, sourceOf, zeroReport } from "../support/reports";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts/template");

// ---------------------------------------------------------------------------------------------------------
// The workbooks

interface Case {
  /** Also the file name: ASCII, unique. */
  readonly name: string;
  readonly values: Report;
  readonly meta: ReportMeta;
  /** 提示 the user confirmed, stored on the hidden sheet. */
  readonly confirmations?: readonly Confirmation[];
}

const LEVELS: readonly (AgencyLevel | null)[] = [null, "县级部门", "市级政府", "省级部门", "乡级政府"];

function edit(report: Report, changes: Readonly<Record<CellId, RawCell>>): Report {
  for (const id of Object.keys(changes)) getCell(id); // an unknown ID is a mistake in the test
  return { ...report, ...changes };
}

function add(report: Report, changes: Readonly<Record<CellId, number>>): Report {
  const next = { ...report };
  for (const [id, delta] of Object.entries(changes)) next[id] = Number(next[getCell(id).id] ?? 0) + delta;
  return next;
}

function without(report: Report, ids: readonly CellId[]): Report {
  const next = { ...report };
  for (const id of ids) delete next[getCell(id).id];
  return next;
}

function buildCases(): Case[] {
  const random = seededRandom(20_250_131);
  const consistent = (): Report => consistentReport(randomSeed(random));
  const cases: Case[] = [];
  const push = (name: string, values: Report, level: AgencyLevel | null = null): void => {
    cases.push({ name, values, meta: metaOf({ agencyName: `测试机关${cases.length + 1}`, year: 2024, level }) });
  };

  // Consistent reports: with no level every check passes; with a level, 规章 and the fee may be flagged.
  for (let i = 1; i <= 4; i += 1) push(`consistent-${i}`, consistent());
  for (const level of LEVELS.slice(1)) push(`consistent-${level}`, consistent(), level);
  push("zeros", zeroReport(), "乡级政府");
  push("all-blank", {});
  push("all-blank-county", {}, "县级部门");

  // A total off by one.
  push("t3-rowsum-off", add(consistent(), { [t3Id("result.granted", "total")]: 1 }));
  push("t3-result-total-off", add(consistent(), { [t3Id("result.total", "commercial")]: 1 }));
  push("t3-grand-total-off", add(consistent(), { [t3Id("result.total", "total")]: -1 }));
  push("t3-carry-forward-off", add(consistent(), { [t3Id("carryForward", "natural")]: 1 }));
  push("t4-block-totals-off", add(consistent(), { [t4Id("review", "total")]: -1, [t4Id("litAfterReview", "total")]: 1 }));

  // Text in a cell: each of the common forms of spec §1/§4, in parts, totals and 表二.
  const texts: readonly [string, CellId, RawCell, AgencyLevel | null][] = [
    ["text-fullwidth", t3Id("new", "natural"), "８", null],
    ["text-thousands", t3Id("result.total", "total"), "1,234", null],
    ["text-unit", t4Id("review", "upheld"), "5件", null],
    ["text-slash", "t2.license.decisions", "/", null],
    ["text-dash", t3Id("result.withheld.stateSecret", "research"), "—", null],
    ["text-none-regulation", "t2.regulation.issued", "无", "县级部门"],
    ["text-spaces", t3Id("carryOver", "legalService"), " 8 ", null],
    ["text-scientific-fee", "t2.fee.amountWan", "1.0074845E7", "市级部门"],
    ["text-chinese", t4Id("litDirect", "total"), "八", null],
  ];
  for (const [name, id, text, level] of texts) push(name, edit(consistent(), { [id]: text }), level);
  push("text-only-spaces", edit(consistent(), { [t4Id("litAfterReview", "pending")]: "   " }));
  // Numbers stored as text: COUNTIF(…,">0") must not count them as 规章 any more than the engine does.
  push("text-numbers-regulation", edit(consistent(), { "t2.regulation.issued": "8", "t2.regulation.valid": "3", [t3Id("new", "total")]: "12" }), "县级部门");

  // Not here: logical values (TRUE/FALSE pasted into a number cell). LibreOffice has no logical type — it loads
  // them as the numbers 1 and 0 in a cell formatted as a number, so its formulas count them — while Excel, WPS
  // and the engine treat them as not a number (tests/core cover the engine). README names this difference.

  // Formula errors.
  push("error-ref", edit(consistent(), { [t3Id("result.partial", "natural")]: { error: "#REF!" } }));
  push("error-na-regulation", edit(consistent(), { "t2.regulation.valid": { error: "#N/A" } }), "县级政府");

  // Negative numbers and decimals in counts, with the totals kept consistent so only R-NONNEG fails.
  push("negative", add(consistent(), { [t4Id("review", "pending")]: -7, [t4Id("review", "total")]: -7, "t2.penalty.decisions": -1000 }));
  push("negative-fee", edit(consistent(), { "t2.fee.amountWan": -0.5 }));
  push("decimal-count", add(consistent(), { [t4Id("litDirect", "upheld")]: 0.5, [t4Id("litDirect", "total")]: 0.5, "t2.coercion.decisions": 0.25 }));

  // Blank cells: some deleted; a whole table deleted.
  push("blanks", without(consistent(), [t3Id("new", "natural"), "t2.fee.amountWan", t4Id("review", "total"), "t2.regulation.issued"]), "县级部门");
  push("blank-t4", without(consistent(), INPUT_CELLS.filter((c) => c.table === "t4").map((c) => c.id)));

  // Several errors at once.
  push(
    "several",
    without(
      edit(add(consistent(), { [t3Id("new", "total")]: 1, [t3Id("result.total", "natural")]: -1, [t4Id("litDirect", "total")]: 2 }), {
        [t3Id("carryOver", "research")]: "1,234",
        [t3Id("result.other.misc", "natural")]: -2,
        [t4Id("review", "corrected")]: { error: "#DIV/0!" },
        "t2.fee.amountWan": 12.345,
        "t2.regulation.issued": 3,
      }),
      [t3Id("result.granted", "otherOrg"), "t2.normativeDoc.valid"],
    ),
    "乡级政府",
  );

  // The fee: decimals and magnitude by level (a value typed in 元 instead of 万元).
  push("fee-3-decimals", edit(consistent(), { "t2.fee.amountWan": 12.345 }));
  for (const level of LEVELS) push(`fee-huge-${level ?? "no-level"}`, edit(consistent(), { "t2.fee.amountWan": 10_074_845 }), level);
  push("fee-bound-province", edit(consistent(), { "t2.fee.amountWan": 9_999_999.99 }), "省级政府");
  push("fee-bound-city", edit(consistent(), { "t2.fee.amountWan": 1_000_000 }), "市级部门");
  push("fee-bound-township", edit(consistent(), { "t2.fee.amountWan": 10_000 }), "乡级政府");

  // 规章 > 0: a fault only for agencies without rule-making power.
  for (const level of LEVELS) {
    push(`regulation-${level ?? "no-level"}`, edit(consistent(), { "t2.regulation.issued": 2, "t2.regulation.repealed": 0, "t2.regulation.valid": 5 }), level);
  }

  // Documents issued this year, none in force.
  push("issued-none-valid", edit(consistent(), { "t2.normativeDoc.issued": 3, "t2.normativeDoc.valid": 0, "t2.regulation.issued": 1, "t2.regulation.valid": 0 }), "省级政府");

  // Confirmed 提示: not counted, in the workbook as in the engine.
  cases.push({
    name: "fee-confirmed",
    values: edit(consistent(), { "t2.fee.amountWan": 12.345 }),
    meta: metaOf({ agencyName: "测试机关", year: 2024, level: null }),
    confirmations: [{ ruleId: "R-T2-FEE-DEC", note: "按决算数填报", at: "2025-01-10T08:00:00.000Z" }],
  });

  // The two real example reports.
  push("example-000-county", loadExample("000").values, "县级部门");
  push("example-003-city", loadExample("003").values, "市级部门");
  return cases;
}

// ---------------------------------------------------------------------------------------------------------
// Verdicts of the engine and of LibreOffice

const AGGREGATE = /^(R-INPUT|R-NONNEG)\.(t2|t3|t4)$/;

function engineStatus(validator: Validator, ruleId: string): RuleStatus {
  const aggregate = AGGREGATE.exec(ruleId);
  if (aggregate) {
    const [, family, table] = aggregate;
    const failing = INPUT_CELLS.some((c) => c.table === (table as TableId) && validator.outcome(`${family}.${c.id}`)?.status === "fail");
    return failing ? "fail" : "pass";
  }
  const outcome = validator.outcome(ruleId);
  if (!outcome) throw new Error(`The engine has no rule ${ruleId}, but the 校验 sheet has a row for it`);
  return outcome.status;
}

interface Verdict {
  readonly workbook: string;
  /** Rule ID, e.g. R-T3-BAL.natural or R-INPUT.t3.new.natural. */
  readonly rule: string;
  /** Where the formula sits, e.g. 校验!I5. */
  readonly where: string;
  readonly formula: CellResult;
  readonly engine: string;
  /** The input cells the rule reads, as written into the workbook (for the diff). */
  readonly inputs: string;
}

function describeInputs(values: Report, ruleId: string): string {
  const rule = RULE_PACK.find((r) => r.id === ruleId);
  if (!rule) return "";
  const ids = cellsRead(rule.relation);
  const shown = ids.map((id) => `${id}=${JSON.stringify(values[id] ?? null)}`);
  return shown.length > 8 ? `${shown.slice(0, 8).join(" ")} … (${ids.length} cells)` : shown.join(" ");
}

function family(ruleId: string): string {
  return ruleId.split(".")[0] ?? ruleId;
}

function compare(testCase: Case, plan: WorkbookPlan, recalculated: ExcelJS.Workbook): Verdict[] {
  const validator = new Validator(RULE_PACK);
  validator.load(testCase.values, testCase.meta);
  const verdicts: Verdict[] = [];
  for (const [rule, row] of Object.entries(plan.checkRows)) {
    verdicts.push({
      workbook: testCase.name,
      rule,
      where: `${SHEET_NAMES.checks}!I${row}`,
      formula: cellResult(recalculated, SHEET_NAMES.checks, row, CHECK_COL.verdict),
      engine: VERDICT_TEXT[engineStatus(validator, rule)],
      inputs: describeInputs(testCase.values, rule),
    });
  }
  for (const [cellId, row] of Object.entries(plan.cellCheckRows)) {
    for (const [prefix, col, letter] of [
      ["R-INPUT", CELL_CHECK_COL.input, "D"],
      ["R-NONNEG", CELL_CHECK_COL.nonNegative, "E"],
    ] as const) {
      const rule = `${prefix}.${cellId}`;
      verdicts.push({
        workbook: testCase.name,
        rule,
        where: `${SHEET_NAMES.cellChecks}!${letter}${row}`,
        formula: cellResult(recalculated, SHEET_NAMES.cellChecks, row, col),
        engine: VERDICT_TEXT[engineStatus(validator, rule)],
        inputs: describeInputs(testCase.values, rule),
      });
    }
  }
  return verdicts;
}

function formatMismatches(mismatches: readonly Verdict[]): string {
  const lines = mismatches.map(
    (m) => `${m.workbook}  ${m.rule}  (${m.where})  formula=${JSON.stringify(m.formula)}  engine=${JSON.stringify(m.engine)}\n      inputs: ${m.inputs}`,
  );
  return `${mismatches.length} verdicts differ between the workbook formulas (LibreOffice) and the engine:\n${lines.join("\n")}`;
}

// ---------------------------------------------------------------------------------------------------------

const CASES = buildCases();
const PLANS = new Map<string, WorkbookPlan>(CASES.map((c) => [c.name, createTemplatePlan(c.meta, RULE_PACK)]));
let recalculated = new Map<string, ExcelJS.Workbook>();
let verdicts: Verdict[] = [];
let pdfText = "";
let pngs: string[] = [];

function caseNamed(name: string): Case {
  const found = CASES.find((c) => c.name === name);
  if (!found) throw new Error(`No case ${name}`);
  return found;
}

async function renderExamplePdf(session: LibreOfficeSession): Promise<void> {
  const example = loadExample("003");
  const meta = metaOf({ agencyName: example.agency, year: example.year, level: "市级部门" });
  const inDir = await session.subdir("pdf-in");
  const input = path.join(inDir, "example-003.xlsx");
  await writeFile(input, await writeWorkbook(createTemplatePlan(meta, RULE_PACK), { values: example.values }));
  await mkdir(ARTIFACTS, { recursive: true });
  const [pdf] = await session.convert([input], "pdf", ARTIFACTS);
  pdfText = await pdfToText(pdf!);
  pngs = await pdfToPngs(pdf!, ARTIFACTS, "example-003", 60);
}

beforeAll(async () => {
  const files = new Map<string, Uint8Array>();
  for (const testCase of CASES) {
    files.set(testCase.name, await writeWorkbook(PLANS.get(testCase.name)!, { values: testCase.values, confirmations: testCase.confirmations ?? [] }));
  }
  // Two sessions (two profiles), so the batch recalculation and the PDF rendering run side by side.
  const [recalc, render] = await Promise.all([openLibreOffice(), openLibreOffice()]);
  try {
    const [books] = await Promise.all([recalc.recalculate(files, { timeoutMs: 280_000 }), renderExamplePdf(render)]);
    recalculated = books;
  } finally {
    await Promise.all([recalc.close(), render.close()]);
  }
  verdicts = CASES.flatMap((c) => compare(c, PLANS.get(c.name)!, recalculated.get(c.name)!));
}, 300_000);

describe("template check formulas recalculated by LibreOffice agree with the rule engine", () => {
  test("every workbook was recalculated and every check row was read", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect([...recalculated.keys()].sort()).toEqual(CASES.map((c) => c.name).sort());
    const perWorkbook = Object.keys(PLANS.get(CASES[0]!.name)!.checkRows).length + 2 * INPUT_CELLS.length;
    expect(verdicts).toHaveLength(CASES.length * perWorkbook);
  });

  test("each verdict on 校验 and 单元格校验 equals the engine's status", () => {
    const mismatches = verdicts.filter((v) => v.formula !== v.engine);
    if (mismatches.length > 0) throw new Error(formatMismatches(mismatches));
    expect(mismatches).toEqual([]);
  });

  test("consistent reports without a level pass every check in the workbook", () => {
    for (const name of ["consistent-1", "consistent-2", "consistent-3", "consistent-4", "zeros"]) {
      const failing = verdicts.filter((v) => v.workbook === name && v.formula !== VERDICT_TEXT.pass && v.formula !== VERDICT_TEXT.notApplicable);
      expect({ name, failing: failing.map((v) => `${v.rule}=${JSON.stringify(v.formula)}`) }).toEqual({ name, failing: [] });
    }
  });

  test("the comparison is not vacuous: all four verdicts occur and every rule family fails somewhere", () => {
    const seen = new Set(verdicts.map((v) => v.formula));
    for (const text of Object.values(VERDICT_TEXT)) expect(seen).toContain(text);
    const failing = new Set(verdicts.filter((v) => v.formula === VERDICT_TEXT.fail && v.engine === VERDICT_TEXT.fail).map((v) => family(v.rule)));
    const families = ["R-T3-BAL", "R-T3-ROWSUM", "R-T3-RESULT", "R-T4-SUM", "R-BLANK", "R-INPUT", "R-NONNEG", "R-T2-FEE-DEC", "R-T2-FEE-MAG", "P-T2-REG-COUNTY", "P-T2-VALID"];
    expect(families.filter((f) => !failing.has(f))).toEqual([]);
    // The formulas of every rule record of the pack were exercised on the 校验 sheet or 单元格校验.
    const checked = new Set(verdicts.map((v) => v.rule));
    expect(TABLE_RULES.filter((r) => !checked.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  test.each(CASES.map((c) => c.name))("the workbook's own verdict and counts (nb_verdict, nb_errors, nb_warnings, nb_filled) equal the check's (%s)", (name) => {
    const testCase = caseNamed(name);
    const book = recalculated.get(name)!;
    // The workbook judges the tables; its figures are the check's `tables` summary (the text is not in the workbook).
    const { summary } = checkReport(sourceOf(testCase.values, testCase.meta, null, testCase.confirmations ?? []));
    const named = (definedName: string): CellResult => {
      const ref = (book.definedNames.getRanges(definedName) as { ranges: string[] }).ranges[0] ?? "";
      const match = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref);
      if (!match) throw new Error(`The workbook has no cell named ${definedName} (${ref})`);
      return cellResult(book, match[1]!, `${match[2]!}${match[3]!}`);
    };
    expect({
      verdict: named(SUMMARY_NAMES.verdict),
      errors: named(SUMMARY_NAMES.errors),
      warnings: named(SUMMARY_NAMES.warnings),
      filled: named(SUMMARY_NAMES.filled),
    }).toEqual({
      verdict: VERDICT_LABELS[summary.tables.verdict],
      errors: summary.tables.errors,
      warnings: summary.tables.warnings,
      filled: summary.filled,
    });
  });

  test("the figures cover every state: empty, partly filled, broken, with 提示, consistent", () => {
    const states = new Set(CASES.map((c) => checkReport(sourceOf(c.values, c.meta, null, c.confirmations ?? [])).summary.tables.verdict));
    expect([...states].sort()).toEqual(["errors", "incomplete", "pass", "warnings"]);
  });

  test("each table's status line says the table's verdict in the same words", () => {
    for (const name of ["all-blank", "several", "fee-3-decimals", "zeros", "blank-t4"]) {
      const testCase = caseNamed(name);
      const book = recalculated.get(name)!;
      const result = checkReport(sourceOf(testCase.values, testCase.meta));
      for (const table of TABLES) {
        const issues = result.issues.filter((i) => i.table === table.id && (i.scope === "table" || i.scope === "cell"));
        const errors = issues.filter((i) => i.severity === "error").length;
        const warnings = issues.filter((i) => i.severity === "warning" && i.confirmation === null).length;
        const blank = table.inputs.some((c) => testCase.values[c.id] === undefined || testCase.values[c.id] === null);
        const expected = errors > 0 ? "有强制错误" : blank ? "未完成" : warnings > 0 ? "强制通过、提示待核实" : "全部通过";
        const status = cellResult(book, table.sheetName, table.rowCount + 2, 1);
        const line = typeof status === "string" ? status : JSON.stringify(status);
        expect({ name, table: table.id, line: line.slice(0, 5 + expected.length) }).toEqual({ name, table: table.id, line: `本表校验：${expected}` });
      }
    }
  });

  test("example 003 renders to PDF with the official labels, and to PNG pages for inspection", () => {
    const text = pdfText.replace(/\s+/g, "");
    for (const label of ["本年新收政府信息公开申请数量", "行政复议", "第二十条第（八）项"]) expect(text).toContain(label);
    expect(pngs.length).toBeGreaterThan(0);
  });
});
