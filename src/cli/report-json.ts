// The public JSON of the command-line tool, written in one place from the one check's result (core/check):
// `check --json`, `import --json` and the reports of `audit --json` share `values`, `summary`, `issues` and
// `unread`, so the same workbook gives the same bytes through every command. This shape is a public
// interface (README.md, "nianbao check").

import type { CheckResult, CheckSummary, CheckedIssue, UnreadCells } from "../core/check";
import type { CellId } from "../core/format";
import type { JsonCellValue } from "../core/values";

export interface IssueJson {
  readonly id: string;
  readonly rule: string;
  readonly severity: "error" | "warning";
  readonly cells: readonly CellId[];
  readonly addresses: readonly string[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  readonly message: string;
  /** Present when the user confirmed this 提示 with an explanation (stored in the workbook). */
  readonly confirmation?: { readonly note: string; readonly at: string };
}

export interface CheckJson {
  readonly values: Readonly<Record<CellId, JsonCellValue>>;
  readonly summary: CheckSummary;
  readonly issues: readonly IssueJson[];
  readonly unread: readonly UnreadCells[];
}

export function issueJson(issue: CheckedIssue): IssueJson {
  return {
    id: issue.id,
    rule: issue.rule,
    severity: issue.severity,
    cells: issue.cells,
    addresses: issue.addresses,
    expected: issue.expected,
    actual: issue.actual,
    message: issue.text,
    ...(issue.confirmation ? { confirmation: { note: issue.confirmation.note, at: issue.confirmation.at } } : {}),
  };
}

/** The parts every command's JSON shares, from the check's result. */
export function checkJson(result: CheckResult): CheckJson {
  return { values: result.values, summary: result.summary, issues: result.issues.map(issueJson), unread: result.unread };
}

/** `check --json`: the file, the report's metadata, then the shared parts. */
export function checkReportJson(file: string, result: CheckResult): string {
  const { meta } = result;
  return `${JSON.stringify(
    { file, format: meta.formatVersion, agency: meta.agencyName, year: meta.year, level: meta.level, ...checkJson(result) },
    null,
    2,
  )}\n`;
}
