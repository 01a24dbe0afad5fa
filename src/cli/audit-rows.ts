// One row of the audit per report file: read (workbook or published text), checked by the one check
// (core/check), its verdict as the check gives it. Unreadable files become rows too — never fatal.

import { loadReport } from "../adapters/import/load-report";
import type { Verdict } from "../core/check";
import { VERDICT_LABELS, checkReport } from "../core/check";

/** A report's state in the audit: the check's verdict, or unreadable. */
export type AuditVerdict = Verdict | "unreadable";

export const AUDIT_VERDICT_LABELS: Readonly<Record<AuditVerdict, string>> = { ...VERDICT_LABELS, unreadable: "无法读取" };

export interface AuditRow {
  readonly file: string;
  readonly verdict: AuditVerdict;
  readonly agency: string | null;
  readonly year: number | null;
  readonly format: string | null;
  /** Cells read with a value (of 200). */
  readonly cellsRead: number;
  /** Cells that could not be read. */
  readonly unread: number;
  readonly errors: number;
  readonly warnings: number;
  /** Rule families with a failing check, 强制 first. */
  readonly failedRules: readonly string[];
  /** Why the file could not be read, or the first 强制 (else 提示) message, or why cells were not read. */
  readonly message: string;
}

export async function auditFile(file: string): Promise<AuditRow> {
  try {
    const report = await loadReport(file);
    const result = checkReport(report.source);
    const { summary } = result;
    const errors = result.issues.filter((i) => i.severity === "error");
    const warnings = result.issues.filter((i) => i.severity === "warning" && i.confirmation === null);
    const families = [...new Set([...errors, ...warnings].map((i) => i.rule))];
    return {
      file,
      verdict: summary.verdict,
      agency: result.meta.agencyName,
      year: result.meta.year,
      format: report.imported?.format ?? (report.format === "xlsx" ? "2021" : null),
      cellsRead: summary.filled,
      unread: summary.unread,
      errors: summary.errors,
      warnings: summary.warnings,
      failedRules: families,
      message: errors[0]?.text ?? warnings[0]?.text ?? result.unread[0]?.reason ?? "",
    };
  } catch (error) {
    return {
      file,
      verdict: "unreadable",
      agency: null,
      year: null,
      format: null,
      cellsRead: 0,
      unread: 0,
      errors: 0,
      warnings: 0,
      failedRules: [],
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
