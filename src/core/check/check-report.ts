// The one check of a report (house style rule 13): the rule pack — tables, cells, last year's report, text —
// over a report as read, plus the structure issues the reader found, with the user's confirmations attached.
// It returns the issues, one summary with the verdict, and the values. Every front end calls it (the pane in
// Office, WPS and the browser, check, import, audit, aggregate, render); nothing else counts issues.

import type { CellId, ReportMeta, TableId } from "../format";
import { INPUT_CELLS, getCell, isCellId } from "../format";
import type { CellLocator, CellNaming, RenderedIssue } from "../locale";
import { LABEL_LOCATOR, formatAddresses, renderIssue } from "../locale";
import type { Narrative, ReportDocument } from "../report";
import { createReportDocument, textViewOf } from "../report";
import type { Issue, PreviousYearView, Rule, TextView } from "../rules";
import { RULE_PACK, Validator } from "../rules";
import type { JsonCellValue, RawCell, RawCells } from "../values";
import { parseCell, rawGetter, valueAsJson } from "../values";
import type { Confirmation, ReportSource, UnreadCells } from "./report-source";
import { locatorOf, unreadCount } from "./report-source";

/**
 * The verdict, in four states named the same everywhere. Errors outrank incompleteness: a report with an
 * error says so even while half empty; an empty form is incomplete, never passed.
 */
export type Verdict = "incomplete" | "errors" | "warnings" | "pass";

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  incomplete: "未完成",
  errors: "有强制错误",
  warnings: "强制通过、提示待核实",
  pass: "全部通过",
};

export interface TableSummary {
  readonly verdict: Verdict;
  /** Failing 强制 check instances. */
  readonly errors: number;
  /** Failing 提示 check instances not confirmed by the user. */
  readonly warnings: number;
  /** Checks that cannot be decided because a cell they read is blank or not a number. */
  readonly incomplete: number;
}

export interface CheckSummary extends TableSummary {
  /** 提示 the user confirmed with an explanation (not counted in `warnings`). */
  readonly confirmed: number;
  /** Input cells holding anything (a number, text or a mark). */
  readonly filled: number;
  /** Input cells that could not be read (listed in `unread` with reasons). */
  readonly unread: number;
  readonly cells: number;
  /** The same figures for the tables' own checks: what the workbook's formulas compute without the add-in. */
  readonly tables: TableSummary;
}

export type CheckedIssue = RenderedIssue & {
  /** The table the issue is about (by its first cell), or null for the text and the workbook as a whole. */
  readonly table: TableId | null;
  readonly confirmation: Confirmation | null;
};

export interface CheckResult {
  readonly meta: ReportMeta;
  /** All 200 cells by ID, in the public JSON form. */
  readonly values: Readonly<Record<CellId, JsonCellValue>>;
  readonly issues: readonly CheckedIssue[];
  readonly summary: CheckSummary;
  readonly unread: readonly UnreadCells[];
}

/** Last year's report, for the cross-year rules and the copied-text check. */
export interface PreviousYear {
  readonly year: number | null;
  /** The agency the report names, for checking that it is this agency's report (absent: not known). */
  readonly agencyName?: string | null;
  readonly cells: RawCells;
  /** 一、总体情况 and 五、存在的主要问题及改进情况 as plain text. */
  readonly one: string;
  readonly five: string;
}

export interface CheckOptions {
  /** Last year's report: 上年结转 and 现行有效 against it, and the copied-text check. */
  readonly previous?: PreviousYear | null;
  /** Run the text rules on the report's narrative (default true; a source without narrative has none). */
  readonly text?: boolean;
  /** Metadata given by the user over what the source says (CLI --agency/--year/--level). */
  readonly meta?: Partial<Pick<ReportMeta, "agencyName" | "year" | "level">>;
  /**
   * How messages name cells: by the addresses the source gives (default), or by the tables' row and column
   * labels where the user sees no column letters (the browser page).
   */
  readonly naming?: CellNaming;
}

function previousView(previous: PreviousYear): PreviousYearView {
  const get = rawGetter(previous.cells);
  return {
    year: previous.year,
    agencyName: previous.agencyName ?? null,
    number: (id) => {
      if (!isCellId(id)) return null;
      const value = parseCell(get(id) ?? null, getCell(id).kind).value;
      return value.kind === "number" ? value.value : null;
    },
    one: previous.one,
    five: previous.five,
  };
}

function verdictOf(errors: number, incomplete: boolean, warnings: number): Verdict {
  if (errors > 0) return "errors";
  if (incomplete) return "incomplete";
  return warnings > 0 ? "warnings" : "pass";
}

function tableOf(issue: Issue): TableId | null {
  if (issue.scope === "text") return null;
  const first = issue.cells[0];
  return first === undefined ? null : getCell(first).table;
}

/**
 * The issues without "not filled in" for cells that were not read: those are listed with the reason they could
 * not be read (a published table printed as an image is not a form left blank); the verdict stays unfinished.
 */
function withoutUnread(issues: readonly Issue[], unread: readonly UnreadCells[]): readonly Issue[] {
  if (unread.length === 0) return issues;
  const notRead = new Set(unread.flatMap((u) => u.cells));
  const kept: Issue[] = [];
  for (const issue of issues) {
    if (issue.message !== "blank") {
      kept.push(issue);
      continue;
    }
    const cells = issue.cells.filter((id) => !notRead.has(id));
    if (cells.length > 0) kept.push({ ...issue, cells, params: { ...issue.params, blanks: cells.length } });
  }
  return kept;
}

/**
 * The check of one report, kept up to date as cells, text and confirmations change (the pane), or used once
 * (checkReport). The engine underneath is incremental: a cell edit re-evaluates only the rules that read it.
 */
export class ReportChecker {
  private readonly validator: Validator;
  private meta: ReportMeta;
  private narrative: Narrative | null = null;
  private published: NonNullable<TextView["published"]> | null = null;
  private structure: readonly Issue[] = [];
  private confirmations = new Map<string, Confirmation>();
  private unread: readonly UnreadCells[] = [];
  private locator: CellLocator = locatorOf({ origins: new Map() });
  private textOn = true;
  private cached: CheckResult | null = null;
  private cachedDocument: ReportDocument | null = null;

  constructor(rules: readonly Rule[] = RULE_PACK) {
    this.validator = new Validator(rules);
    this.meta = this.validator.meta;
  }

  /** Replaces everything by a fresh read of a report. */
  load(source: ReportSource, options: CheckOptions = {}): void {
    this.meta = { ...source.meta, ...options.meta };
    this.structure = source.structure;
    this.unread = source.unread;
    this.locator = options.naming === "labels" ? LABEL_LOCATOR : locatorOf(source);
    this.confirmations = new Map(source.confirmations.map((c) => [c.ruleId, c]));
    this.textOn = options.text ?? true;
    this.narrative = source.narrative;
    const printed = source.publishedText ?? null;
    this.published = printed === null ? null : { opening: printed.opening ?? "", signature: printed.signature ?? null };
    this.validator.load(source.cells, this.meta, source.formulas);
    this.validator.setPrevious(options.previous ? previousView(options.previous) : null);
    this.connectText();
  }

  private connectText(): void {
    this.changed();
    this.validator.setText(this.textOn && this.narrative !== null ? (): TextView => ({ ...textViewOf(this.build(false)), published: this.published }) : null);
  }

  private changed(): void {
    this.cached = null;
    this.cachedDocument = null;
  }

  /** One cell changed (the user typed, pasted or filled); `formula` when its content is a formula's result. */
  setCell(id: CellId, raw: RawCell, formula: string | null = null): void {
    this.validator.setCell(id, raw, formula);
    this.changed();
  }

  setNarrative(narrative: Narrative | null): void {
    this.narrative = narrative;
    this.connectText();
  }

  setPrevious(previous: PreviousYear | null): void {
    this.validator.setPrevious(previous ? previousView(previous) : null);
    this.changed();
  }

  setConfirmations(confirmations: readonly Confirmation[]): void {
    this.confirmations = new Map(confirmations.map((c) => [c.ruleId, c]));
    this.changed();
  }

  /** The report document as it would be published now. */
  document(): ReportDocument {
    this.cachedDocument ??= this.build(true);
    return this.cachedDocument;
  }

  private build(tables: boolean): ReportDocument {
    return createReportDocument(this.meta, (id) => this.validator.cell(id).value, this.narrative ?? { texts: {}, numbers: {}, flags: {} }, isCellId, { tables });
  }

  /** Where cells are, as the messages name them ("表三!D4:I4", or by labels), at most `limit` of them. */
  location(cells: readonly CellId[], limit: number): string {
    return formatAddresses(cells, this.locator, limit);
  }

  /** The raw content of a cell as last read or edited. */
  raw(id: CellId): RawCell {
    return this.validator.raw(id);
  }

  result(): CheckResult {
    if (this.cached !== null) return this.cached;
    const issues: CheckedIssue[] = [...this.structure, ...withoutUnread(this.validator.issues(), this.unread)].map((issue) => ({
      ...renderIssue(issue, this.locator),
      table: tableOf(issue),
      confirmation: issue.severity === "warning" ? (this.confirmations.get(issue.id) ?? null) : null,
    }));
    const engine = this.validator.summary();
    const counts = (list: readonly CheckedIssue[]): { errors: number; warnings: number; confirmed: number } => {
      let errors = 0;
      let warnings = 0;
      let confirmed = 0;
      for (const issue of list) {
        if (issue.severity === "error") errors += 1;
        else if (issue.confirmation === null) warnings += 1;
        else confirmed += 1;
      }
      return { errors, warnings, confirmed };
    };
    const all = counts(issues);
    const tableCounts = counts(issues.filter((i) => i.scope === "table" || i.scope === "cell"));
    const unread = unreadCount(this.unread);
    const blank = engine.filled < engine.cells;
    // A report to publish names its agency and its year; without them it is unfinished.
    const metaMissing = this.textOn && this.narrative !== null && (this.meta.agencyName === null || this.meta.year === null);
    const tables: TableSummary = {
      verdict: verdictOf(tableCounts.errors, blank || engine.incompleteTables > 0, tableCounts.warnings),
      errors: tableCounts.errors,
      warnings: tableCounts.warnings,
      incomplete: engine.incompleteTables,
    };
    const values: Record<CellId, JsonCellValue> = {};
    for (const cell of INPUT_CELLS) values[cell.id] = valueAsJson(this.validator.cell(cell.id).value);
    this.cached = {
      meta: this.meta,
      values,
      issues,
      summary: {
        verdict: verdictOf(all.errors, blank || unread > 0 || engine.incomplete > 0 || metaMissing, all.warnings),
        errors: all.errors,
        warnings: all.warnings,
        confirmed: all.confirmed,
        incomplete: engine.incomplete,
        filled: engine.filled,
        unread,
        cells: engine.cells,
        tables,
      },
      unread: this.unread,
    };
    return this.cached;
  }
}

/** A checker shared by one-shot checks of this process (an audit checks thousands of reports). */
let shared: ReportChecker | null = null;

/** Checks one report once. */
export function checkReport(source: ReportSource, options: CheckOptions = {}): CheckResult {
  shared ??= new ReportChecker();
  shared.load(source, options);
  return shared.result();
}

/** Last year's report as the cross-year checks read it: its cells, year and the text of 一 and 五. */
export function previousYearOf(source: ReportSource): PreviousYear {
  if (source.publishedText) {
    return { year: source.meta.year, agencyName: source.meta.agencyName, cells: source.cells, one: source.publishedText.one, five: source.publishedText.five };
  }
  const checker = new ReportChecker();
  checker.load(source, { text: false });
  const view = textViewOf(checker.document());
  const join = (sections: readonly string[]): string =>
    view.paragraphs
      .filter((p) => sections.includes(p.section))
      .map((p) => p.text)
      .join("\n");
  return {
    year: source.meta.year,
    agencyName: source.meta.agencyName,
    cells: source.cells,
    one: join(["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight"]),
    five: join(["n5"]),
  };
}
