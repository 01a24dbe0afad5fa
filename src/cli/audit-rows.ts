// One row of the audit per report file: read (workbook or published text), checked by the one check
// (core/check), its verdict as the check gives it. Unreadable files become rows too — never fatal.

import type { LoadedReport } from "../adapters/import/load-report";
import { lastYearValidFrom, loadReport } from "../adapters/import/load-report";
import type { CheckedIssue, ReadMethod, Verdict } from "../core/check";
import { ReportChecker, VERDICT_LABELS, previousYearOf } from "../core/check";
import type { CellId, TextSection } from "../core/format";
import { ruleName } from "../core/locale";
import type { Block } from "../core/report";
import { runsText } from "../core/report";
import { RULE_PACK } from "../core/rules";
import type { IssueJson } from "./report-json";
import { issueJson } from "./report-json";

/** A report's state in the audit: the check's verdict, or unreadable. */
export type AuditVerdict = Verdict | "unreadable";

export const AUDIT_VERDICT_LABELS: Readonly<Record<AuditVerdict, string>> = { ...VERDICT_LABELS, unreadable: "无法读取" };

type TableBlock = Extract<Block, { kind: "table" }>;

/** An issue of one report as the audit lists it: as in `check --json`, with where the reviewer sees it. */
export interface AuditIssue extends IssueJson {
  /** The rule family in words (「表三各列勾稽关系」). */
  readonly name: string;
  /** The cells that fail (outlined in the HTML detail); the issue's other cells are those compared with them. */
  readonly outlined: readonly CellId[];
  /** For an issue of the text: the part of the report it is in, and the words it quotes (highlighted). */
  readonly section: TextSection | null;
  readonly excerpt: string | null;
}

/** What the HTML detail of one report shows: its tables as read and its text. Not kept for the whole set. */
export interface AuditDetail {
  /** 表二, 表三, 表四 with the figures read (a cell left unread has no text). */
  readonly tables: readonly TableBlock[];
  readonly unreadCells: readonly CellId[];
  /** The report's text as published (a workbook's: as it would be published), by part. */
  readonly paragraphs: readonly { readonly section: TextSection; readonly text: string }[];
}

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
  /** Why they could not be read (the first reasons, "" when all were read). */
  readonly unreadReason: string;
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
  /** Every issue of the check, 强制 first, confirmed 提示 left out (a workbook's user explained them). */
  readonly issues: readonly AuditIssue[];
}

/** A row and, when asked for, the report's detail for the HTML page. */
export interface AuditResult {
  readonly row: AuditRow;
  readonly detail: AuditDetail | null;
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

/** The distinct reasons cells were not read, the first three of them. */
function unreadReason(reasons: readonly string[]): string {
  const distinct = [...new Set(reasons)];
  return distinct.slice(0, 3).join("；") + (distinct.length > 3 ? `；等 ${distinct.length} 项` : "");
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

/** The cells a failing rule marks (the total that disagrees, the bad input), by the rule's ID. */
const MARKS: ReadonlyMap<string, readonly CellId[]> = new Map(RULE_PACK.map((rule) => [rule.id, rule.marks]));

/** The checker of this thread's audits (one per thread: the engine is reused across thousands of reports). */
let checker: ReportChecker | null = null;

function auditIssue(issue: CheckedIssue): AuditIssue {
  const params = issue.params as unknown as Readonly<Record<string, unknown>>;
  const marks = MARKS.get(issue.id) ?? [];
  return {
    ...issueJson(issue),
    name: ruleName(issue.rule),
    outlined: marks.length > 0 ? marks : issue.cells,
    section: typeof params.section === "string" ? (params.section as TextSection) : null,
    excerpt: typeof params.excerpt === "string" ? params.excerpt : null,
  };
}

/**
 * One report's row. With last year's report of the same agency (`previousYearFile`), the cross-year checks run
 * against it (上年结转, 现行有效, copied text, last year's date) and its 现行有效件数 may decide glued 表二 rows.
 * With `withDetail`, the report's tables and text come back too, for the HTML page.
 */
export async function auditReport(file: string, previousYearFile: string | null = null, withDetail = false): Promise<AuditResult> {
  try {
    const previous = await loadPrevious(previousYearFile);
    const report = await loadReport(file, { lastYear: previous === null ? null : lastYearValidFrom(previous) });
    checker ??= new ReportChecker();
    checker.load(report.source, { previous: previous === null ? null : previousYearOf(previous.source) });
    const result = checker.result();
    const { summary } = result;
    const listed = result.issues.filter((i) => i.severity === "error" || i.confirmation === null);
    const errors = listed.filter((i) => i.severity === "error");
    const warnings = listed.filter((i) => i.severity === "warning");
    const families = [...new Set([...errors, ...warnings].map((i) => i.rule))];
    const methods = report.imported === null ? { ...NO_METHODS, separated: summary.filled } : countMethods(report.imported.methods);
    const row: AuditRow = {
      file,
      verdict: summary.verdict,
      agency: result.meta.agencyName,
      year: result.meta.year,
      format: report.imported?.format ?? (report.format === "xlsx" ? "2021" : null),
      cellsRead: summary.filled,
      unread: summary.unread,
      unreadReason: unreadReason(result.unread.map((u) => u.reason)),
      errors: summary.errors,
      warnings: summary.warnings,
      failedRules: families,
      methods,
      stockUnread: result.unread.some((u) => u.cells.some((cell) => STOCK_CELLS.has(cell))),
      previousYearFile: previous === null ? null : previousYearFile,
      message: errors[0]?.text ?? readingCaveat(methods) ?? warnings[0]?.text ?? result.unread[0]?.reason ?? "",
      issues: [...errors, ...warnings].map(auditIssue),
    };
    if (!withDetail) return { row, detail: null };
    const document = checker.document();
    // A published text's paragraphs are the ones it printed; the generated ones exist only in the check's model.
    const printed = report.imported === null ? (): boolean => true : (source: string): boolean => source === "user";
    const detail: AuditDetail = {
      tables: document.blocks.filter((b): b is TableBlock => b.kind === "table"),
      unreadCells: result.unread.flatMap((u) => u.cells),
      paragraphs: document.blocks.flatMap((b) => (b.kind === "paragraph" && printed(b.source) ? [{ section: b.section, text: runsText(b.runs) }] : [])),
    };
    return { row, detail };
  } catch (error) {
    return { row: unreadableRow(file, error instanceof Error ? error.message : String(error)), detail: null };
  }
}

/** The row of a file that could not be read, or was not (a pipe, a format to save again), and why. */
export function unreadableRow(file: string, message: string): AuditRow {
  return {
    file,
    verdict: "unreadable",
    agency: null,
    year: null,
    format: null,
    cellsRead: 0,
    unread: 0,
    unreadReason: "",
    errors: 0,
    warnings: 0,
    failedRules: [],
    methods: NO_METHODS,
    stockUnread: false,
    previousYearFile: null,
    message,
    issues: [],
  };
}

/** One report's row (no detail). */
export async function auditFile(file: string, previousYearFile: string | null = null): Promise<AuditRow> {
  return (await auditReport(file, previousYearFile)).row;
}
