// One row of the audit per report file: read (workbook or published text), checked by the rule pack.
// Unreadable files become rows too — never fatal.

import { loadReport } from "../adapters/import/load-report";
import { INPUT_CELLS } from "../core/format";
import { checkLoaded } from "./report-files";

export interface AuditRow {
  readonly file: string;
  readonly status: "ok" | "unreadable";
  readonly agency: string | null;
  readonly year: number | null;
  readonly format: string | null;
  /** Cells read with a value (of 200). */
  readonly cellsRead: number;
  readonly errors: number;
  readonly warnings: number;
  /** Rule families with a failing check, 强制 first. */
  readonly failedRules: readonly string[];
  /** Why the file could not be read, or the first 强制 message. */
  readonly message: string;
}

export async function auditFile(file: string): Promise<AuditRow> {
  try {
    const report = await loadReport(file);
    const check = checkLoaded(report);
    const families = [...new Set([...check.issues.filter((i) => i.severity === "error"), ...check.issues.filter((i) => i.severity === "warning")].map((i) => i.rule))];
    const firstError = check.issues.find((i) => i.severity === "error");
    return {
      file,
      status: "ok",
      agency: report.meta.agencyName,
      year: report.meta.year,
      format: report.imported?.format ?? (report.format === "xlsx" ? "2021" : null),
      cellsRead: INPUT_CELLS.filter((c) => {
        const raw = report.raw.get(c.id);
        return raw !== null && raw !== undefined;
      }).length,
      errors: check.summary.errors,
      warnings: check.summary.warnings,
      failedRules: families,
      message: firstError?.message ?? "",
    };
  } catch (error) {
    return {
      file,
      status: "unreadable",
      agency: null,
      year: null,
      format: null,
      cellsRead: 0,
      errors: 0,
      warnings: 0,
      failedRules: [],
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
