// Checking a workbook end to end: read it, type the cells, run the rule pack, render the issues. The result
// is the public JSON shape of `nianbao check --json` (documented in README.md).

import type { AgencyLevel, CellId, ReportMeta } from "../../core/format";
import { INPUT_CELLS } from "../../core/format";
import type { CellLocator } from "../../core/locale";
import { renderIssue } from "../../core/locale";
import type { Confirmation } from "../../core/session";
import type { Issue, Severity, ValidationSummary } from "../../core/rules";
import { RULE_PACK, Validator, checkCrossYear } from "../../core/rules";
import { toJsonValue } from "../../core/values";
import { locatorFor } from "../workbook/grid";
import type { WorkbookContent } from "./read-workbook";
import { readWorkbook } from "./read-workbook";
import type { PreviousReport, RenderedReport, ReportDocument } from "../../core/report";
import { EMPTY_NARRATIVE, renderReport, valuesOf } from "../../core/report";
import type { RawCells } from "../../core/values";

export interface CheckIssue {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly cells: readonly CellId[];
  readonly addresses: readonly string[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  readonly message: string;
  /** Present when the user confirmed this 提示 with an explanation (stored in the workbook). */
  readonly confirmation?: { readonly note: string; readonly at: string };
}

export interface CheckReport {
  readonly file: string;
  readonly format: string;
  readonly agency: string | null;
  readonly year: number | null;
  readonly level: AgencyLevel | null;
  readonly values: Readonly<Record<CellId, number | string | null>>;
  readonly summary: ValidationSummary;
  readonly issues: readonly CheckIssue[];
}

/** An issue in the public JSON shape, its message rendered with the workbook's addresses. */
export function toCheckIssue(issue: Issue, locator: CellLocator, confirmation?: Confirmation): CheckIssue {
  const rendered = renderIssue(issue, locator);
  return {
    id: issue.id,
    rule: issue.rule,
    severity: issue.severity,
    cells: issue.cells,
    addresses: rendered.addresses,
    expected: issue.expected,
    actual: issue.actual,
    message: rendered.text,
    ...(confirmation ? { confirmation: { note: confirmation.note, at: confirmation.at } } : {}),
  };
}

export interface MetaOverrides {
  readonly agencyName?: string;
  readonly year?: number;
  readonly level?: AgencyLevel;
}

/** Last year's report, for the cross-year checks: its cells and its text (一 and 五). */
export interface PreviousYear {
  readonly raw: RawCells;
  readonly year: number | null;
  readonly report: PreviousReport;
}

export interface CheckOptions {
  /** Also check the report text (the 正文 sheet and the sentences generated from the tables). */
  readonly text?: boolean;
  /** Last year's report: 上年结转 and 现行有效 against it, and (with text) the copied-text check. */
  readonly previous?: PreviousYear | null;
}

export async function checkWorkbook(file: string, data: Uint8Array, overrides: MetaOverrides = {}, options: CheckOptions = {}): Promise<CheckReport> {
  return checkContent(file, await readWorkbook(data), overrides, options);
}

/** The check of a workbook already read. */
export function checkContent(file: string, content: WorkbookContent, overrides: MetaOverrides = {}, options: CheckOptions = {}): CheckReport {
  const meta: ReportMeta = {
    ...content.meta,
    ...(overrides.agencyName !== undefined ? { agencyName: overrides.agencyName } : {}),
    ...(overrides.year !== undefined ? { year: overrides.year } : {}),
    ...(overrides.level !== undefined ? { level: overrides.level } : {}),
  };
  const validator = new Validator(RULE_PACK);
  validator.load(content.raw, meta);
  const locator = locatorFor(content.placements);
  const previous = options.previous ?? null;
  const crossYear = previous ? checkCrossYear(valuesOf(content.raw), valuesOf(previous.raw), previous.year) : [];
  const textIssues = options.text ? reportOf(content, meta, previous).textIssues : [];
  const all: Issue[] = [...content.issues, ...validator.issues(), ...crossYear, ...textIssues];
  const confirmed = new Map(content.confirmations.map((c) => [c.ruleId, c]));
  const issues = all.map((issue) => toCheckIssue(issue, locator, issue.severity === "warning" ? confirmed.get(issue.id) : undefined));
  const summary = validator.summary();
  const extra = [...content.issues, ...crossYear, ...textIssues];
  const structureErrors = extra.filter((i) => i.severity === "error").length;
  const structureWarnings = extra.length - structureErrors;
  const values: Record<CellId, number | string | null> = {};
  for (const cell of INPUT_CELLS) values[cell.id] = toJsonValue(validator.cell(cell.id).value);
  return {
    file,
    format: meta.formatVersion,
    agency: meta.agencyName,
    year: meta.year,
    level: meta.level,
    values,
    summary: { ...summary, errors: summary.errors + structureErrors, warnings: summary.warnings + structureWarnings },
    issues,
  };
}

function reportOf(content: WorkbookContent, meta: ReportMeta, previous: PreviousYear | null): RenderedReport {
  return renderReport(meta, content.raw, content.narrative ?? EMPTY_NARRATIVE, previous?.report);
}

export interface RenderedWorkbook {
  readonly document: ReportDocument;
  /** The tables' 强制/提示 issues and the text's, rendered for the user. */
  readonly issues: readonly CheckIssue[];
}

/** The report of a workbook, for `nianbao render`: the document and every issue of tables and text. */
export async function renderWorkbook(file: string, data: Uint8Array, previous: PreviousYear | null): Promise<RenderedWorkbook> {
  const content = await readWorkbook(data);
  const { document } = reportOf(content, content.meta, previous);
  const report = checkContent(file, content, {}, { text: true, previous });
  return { document, issues: report.issues.filter((i) => i.confirmation === undefined) };
}
