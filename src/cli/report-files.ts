// Checking any loaded report (workbook or imported text) with the rule pack, and rendering the issues: shared
// by import, check --previous and audit.

import type { LoadedReport } from "../adapters/import/load-report";
import { locatorFor } from "../adapters/workbook/grid";
import type { CheckIssue } from "../adapters/xlsx/check-workbook";
import { toCheckIssue } from "../adapters/xlsx/check-workbook";
import type { ReportMeta } from "../core/format";
import type { Issue, ValidationSummary } from "../core/rules";
import { RULE_PACK, Validator } from "../core/rules";

export interface RenderedCheck {
  readonly summary: ValidationSummary;
  readonly issues: readonly CheckIssue[];
}

/** Runs the rule pack over a loaded report (plus any extra issues) and renders every issue. */
/** One engine for every report checked by this process (audit checks thousands; load() re-evaluates all). */
let shared: Validator | null = null;

export function checkLoaded(report: LoadedReport, extra: readonly Issue[] = [], meta: ReportMeta = report.meta): RenderedCheck {
  shared ??= new Validator(RULE_PACK);
  const validator = shared;
  validator.load(report.raw, meta);
  const locator = locatorFor(report.placements);
  const all = [...report.structureIssues, ...validator.issues(), ...extra];
  const summary = validator.summary();
  const added = [...report.structureIssues, ...extra];
  const addedErrors = added.filter((i) => i.severity === "error").length;
  return {
    summary: { ...summary, errors: summary.errors + addedErrors, warnings: summary.warnings + added.length - addedErrors },
    issues: all.map((issue) => toCheckIssue(issue, locator)),
  };
}
