// Checking a workbook end to end: read it, type the cells, run the rule pack, render the issues. The result
// is the public JSON shape of `nianbao check --json` (documented in README.md).

import type { AgencyLevel, CellId, ReportMeta } from "../../core/format";
import { INPUT_CELLS } from "../../core/format";
import { renderIssue } from "../../core/locale";
import type { Issue, Severity, ValidationSummary } from "../../core/rules";
import { RULE_PACK, Validator } from "../../core/rules";
import { toJsonValue } from "../../core/values";
import { locatorFor } from "../workbook/grid";
import { readWorkbook } from "./read-workbook";

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

export async function checkWorkbook(file: string, data: Uint8Array, overrides: MetaOverrides = {}): Promise<CheckReport> {
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
  const all: Issue[] = [...content.issues, ...validator.issues()];
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
  const structureErrors = content.issues.filter((i) => i.severity === "error").length;
  const structureWarnings = content.issues.length - structureErrors;
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
