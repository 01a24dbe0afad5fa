// One row of the audit per report file: read (workbook or published text), checked by the one check
// (core/check), its verdict as the check gives it. Unreadable files become rows too — never fatal.

import type { LoadedReport } from "../adapters/import/load-report";
import { lastYearValidFrom, loadReport } from "../adapters/import/load-report";
import type { ReadMethod, Verdict } from "../core/check";
import { VERDICT_LABELS, checkReport, previousYearOf } from "../core/check";

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
  /** Cells read per way of reading (a figure of its own, or cut out of a glued run of digits). */
  readonly methods: Readonly<Record<ReadMethod, number>>;
  /**
   * Why the file could not be read, or the first 强制 message, or that the tables' consistency rests on cells
   * cut by the identities themselves, or the first 提示, or why cells were not read.
   */
  readonly message: string;
  /** 表二's 现行有效件数 is unread: last year's report in the same set may decide its glued rows. */
  readonly stockUnread: boolean;
  /** Last year's report of the same agency the report was compared with (cross-year checks, 表二's glued rows). */
  readonly previousYearFile: string | null;
}

const STOCK_CELLS: ReadonlySet<string> = new Set(["t2.regulation.valid", "t2.normativeDoc.valid"]);

const NO_METHODS: Readonly<Record<ReadMethod, number>> = { separated: 0, splitByLength: 0, splitByIdentities: 0, splitByPreviousYear: 0, placedByRowOrder: 0 };

/** A report whose cells were cut by the identities cannot show a breach of them: the audit says so. */
export const IDENTITY_SPLIT_CAVEAT = "部分单元格系将连写数字按表内勾稽关系拆分读取，无法据此判断统计表本身是否平衡，请以原表核对";

/** Rows placed by the table's row order were confirmed by their own totals, which they then cannot contradict. */
export const ROW_ORDER_CAVEAT = "部分数字行与行标签分开印制，系按表内行序对应并以本行合计验证后读取，无法据此判断这些行的合计是否有误，请以原表核对";

/** What the way the cells were read leaves unproven, or null. */
export function readingCaveat(methods: Readonly<Record<ReadMethod, number>>): string | null {
  if (methods.splitByIdentities > 0) return IDENTITY_SPLIT_CAVEAT;
  if (methods.placedByRowOrder > 0) return ROW_ORDER_CAVEAT;
  return null;
}

function countMethods(methods: Readonly<Partial<Record<string, ReadMethod>>>): Record<ReadMethod, number> {
  const counts = { ...NO_METHODS };
  for (const method of Object.values(methods)) if (method !== undefined) counts[method] += 1;
  return counts;
}

/** Last year's report, or null when it cannot be read (this year's report is then audited on its own). */
async function loadPrevious(file: string | null): Promise<LoadedReport | null> {
  if (file === null) return null;
  try {
    return await loadReport(file);
  } catch {
    return null;
  }
}

/**
 * One report's row. With last year's report of the same agency (`previousYearFile`), the cross-year checks run
 * against it (上年结转, 现行有效, copied text, last year's date) and its 现行有效件数 may decide glued 表二 rows.
 */
export async function auditFile(file: string, previousYearFile: string | null = null): Promise<AuditRow> {
  try {
    const previous = await loadPrevious(previousYearFile);
    const report = await loadReport(file, { lastYear: previous === null ? null : lastYearValidFrom(previous) });
    const result = checkReport(report.source, { previous: previous === null ? null : previousYearOf(previous.source) });
    const { summary } = result;
    const errors = result.issues.filter((i) => i.severity === "error");
    const warnings = result.issues.filter((i) => i.severity === "warning" && i.confirmation === null);
    const families = [...new Set([...errors, ...warnings].map((i) => i.rule))];
    const methods = report.imported === null ? { ...NO_METHODS, separated: summary.filled } : countMethods(report.imported.methods);
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
      methods,
      stockUnread: result.unread.some((u) => u.cells.some((cell) => STOCK_CELLS.has(cell))),
      previousYearFile: previous === null ? null : previousYearFile,
      message: errors[0]?.text ?? readingCaveat(methods) ?? warnings[0]?.text ?? result.unread[0]?.reason ?? "",
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
      methods: NO_METHODS,
      stockUnread: false,
      previousYearFile: null,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
