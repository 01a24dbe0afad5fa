// Checking a workbook end to end: read it, type the cells, run the rule pack, render the issues. The result
// is the public JSON shape of `nianbao check --json` (documented in README.md).

import type { AgencyLevel, CellId, ReportMeta } from "../../core/format";
import { INPUT_CELLS } from "../../core/format";
import { renderIssue } from "../../core/locale";
import type { Issue, Severity, ValidationSummary } from "../../core/rules";
import { RULE_PACK, Validator } from "../../core/rules";
import { toJsonValue } from "../../core/values";
import { locatorFor } from "../workbook/grid";
import type { WorkbookContent } from "./read-workbook";
import { readWorkbook } from "./read-workbook";
import type { PreviousReport, RenderedReport, ReportDocument } from "../../core/report";
import { EMPTY_NARRATIVE, previousFromDocument, renderReport } from "../../core/report";

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

export interface MetaOverrides {
  readonly agencyName?: string;
  readonly year?: number;
  readonly level?: AgencyLevel;
}

export interface CheckOptions {
  /** Also check the report text (the 正文 sheet and the sentences generated from the tables). */
  readonly text?: boolean;
  /** Last year's workbook, for the copied-text check. */
  readonly previous?: Uint8Array | null;
}

export async function checkWorkbook(file: string, data: Uint8Array, overrides: MetaOverrides = {}, options: CheckOptions = {}): Promise<CheckReport> {
  const content = await readWorkbook(data);
  const meta: ReportMeta = {
    ...content.meta,
    ...(overrides.agencyName !== undefined ? { agencyName: overrides.agencyName } : {}),
    ...(overrides.year !== undefined ? { year: overrides.year } : {}),
    ...(overrides.level !== undefined ? { level: overrides.level } : {}),
  };
  const validator = new Validator(RULE_PACK);
  validator.load(content.raw, meta);
  const locator = locatorFor(content.placements);
  const textIssues = options.text ? (await reportOf(content, meta, options.previous ?? null)).textIssues : [];
  const all: Issue[] = [...content.issues, ...validator.issues(), ...textIssues];
  const confirmed = new Map(content.confirmations.map((c) => [c.ruleId, c]));
  const issues = all.map((issue): CheckIssue => {
    const rendered = renderIssue(issue, locator);
    const confirmation = issue.severity === "warning" ? confirmed.get(issue.id) : undefined;
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
  });
  const summary = validator.summary();
  const extra = [...content.issues, ...textIssues];
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

async function reportOf(content: WorkbookContent, meta: ReportMeta, previousData: Uint8Array | null): Promise<RenderedReport> {
  let previous: PreviousReport | undefined;
  if (previousData) {
    const last = await readWorkbook(previousData);
    previous = previousFromDocument(renderReport(last.meta, last.raw, last.narrative ?? EMPTY_NARRATIVE).document);
  }
  return renderReport(meta, content.raw, content.narrative ?? EMPTY_NARRATIVE, previous);
}

export interface RenderedWorkbook {
  readonly document: ReportDocument;
  /** The tables' 强制/提示 issues and the text's, rendered for the user. */
  readonly issues: readonly CheckIssue[];
}

/** The report of a workbook, for `nianbao render`: the document and every issue of tables and text. */
export async function renderWorkbook(file: string, data: Uint8Array, previous: Uint8Array | null): Promise<RenderedWorkbook> {
  const content = await readWorkbook(data);
  const { document } = await reportOf(content, content.meta, previous);
  const report = await checkWorkbook(file, data, {}, { text: true, previous });
  return { document, issues: report.issues.filter((i) => i.confirmation === undefined) };
}
