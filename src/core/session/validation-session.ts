// The pane's model, independent of React and of the host: it keeps the rule engine in step with the
// workbook (full reads and incremental cell changes), the user's confirmations of 提示, and the status line.
// React subscribes to it through useSyncExternalStore.

import type { CellId, ReportMeta } from "../format";
import { EMPTY_META, INPUT_CELLS, getCell } from "../format";
import type { CellLocator, RenderedIssue } from "../locale";
import { STANDARD_LOCATOR, renderIssue } from "../locale";
import type { Issue, Rule, Severity } from "../rules";
import { RULE_PACK, Validator, checkCrossYear } from "../rules";
import type { PreviousReport, RenderedReport } from "../report";
import type { RawCell, RawCells } from "../values";
import { renderReport, valuesOf } from "../report";
import type { Confirmation, HostEvent, HostPort, TemplateResult, WorkbookSnapshot } from "./host-port";
import { HostError } from "./host-port";

export interface PaneIssue extends RenderedIssue {
  /** The table the issue belongs to (t2, t3, t4), or "meta" for workbook-level issues. */
  readonly table: "t2" | "t3" | "t4" | "meta";
  readonly confirmation: Confirmation | null;
}

export type SessionPhase = "idle" | "reading" | "ready" | "writing";

export interface SessionState {
  readonly phase: SessionPhase;
  readonly hasTemplate: boolean;
  readonly meta: ReportMeta;
  readonly issues: readonly PaneIssue[];
  readonly errors: number;
  /** 提示 not yet confirmed. */
  readonly warnings: number;
  readonly confirmed: number;
  readonly filled: number;
  readonly cells: number;
  /** Time of the last completed check (full or incremental). */
  readonly checkedAt: Date | null;
  /** The last problem talking to the host, shown until the next successful check. */
  readonly hostError: string | null;
  /** Cells to highlight: the marks of failing rules (the disagreeing total, the bad input cell). */
  readonly marks: ReadonlyMap<CellId, Severity>;
}

const INITIAL: SessionState = {
  phase: "idle",
  hasTemplate: false,
  meta: EMPTY_META,
  issues: [],
  errors: 0,
  warnings: 0,
  confirmed: 0,
  filled: 0,
  cells: INPUT_CELLS.length,
  checkedAt: null,
  hostError: null,
  marks: new Map(),
};

function tableOf(issue: Issue): PaneIssue["table"] {
  const first = issue.cells[0];
  return first === undefined ? "meta" : getCell(first).table;
}

export class ValidationSession {
  private readonly validator: Validator;
  private readonly marksOf: ReadonlyMap<string, readonly CellId[]>;
  private state: SessionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private structureIssues: readonly Issue[] = [];
  private confirmations: readonly Confirmation[] = [];
  private locator: CellLocator = STANDARD_LOCATOR;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: HostPort,
    rules: readonly Rule[] = RULE_PACK,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.validator = new Validator(rules);
    this.marksOf = new Map(rules.map((r) => [r.id, r.marks]));
  }

  get hostKind(): HostPort["kind"] {
    return this.host.kind;
  }

  // --- store interface for useSyncExternalStore ---------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  private setState(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- lifecycle ---------------------------------------------------------------------------------------

  /** Reads the workbook and starts following the user's edits. */
  async start(): Promise<void> {
    this.unsubscribe ??= this.host.subscribe((event) => this.onHostEvent(event));
    await this.recheck();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** 重新校验: re-reads everything from the host. */
  async recheck(): Promise<void> {
    this.setState({ phase: "reading" });
    try {
      const snapshot = await this.host.readSnapshot();
      this.applySnapshot(snapshot);
    } catch (error) {
      this.setState({ phase: "ready", hostError: messageOf(error) });
    }
  }

  async applyTemplate(meta: ReportMeta): Promise<TemplateResult> {
    this.setState({ phase: "writing" });
    try {
      const result = await this.host.applyTemplate(meta);
      const snapshot = await this.host.readSnapshot();
      this.applySnapshot(snapshot);
      return result;
    } catch (error) {
      this.setState({ phase: "ready", hostError: messageOf(error) });
      throw error;
    }
  }

  /** The report as it would be published now: read fresh from the host, with the text checks. */
  async buildReport(): Promise<RenderedReport & { readonly locator: CellLocator }> {
    const [snapshot, narrative] = await Promise.all([this.host.readSnapshot(), this.host.readNarrative()]);
    return { ...renderReport(snapshot.meta, snapshot.raw, narrative), locator: snapshot.locator };
  }

  /** The raw content of every filled input cell, as last read or edited. */
  filledCells(): ReadonlyMap<CellId, RawCell> {
    const filled = new Map<CellId, RawCell>();
    for (const cell of INPUT_CELLS) {
      const value = this.validator.cell(cell.id).value;
      if (value.kind === "number") filled.set(cell.id, value.value);
      else if (value.kind === "text") filled.set(cell.id, value.raw);
      else if (value.kind === "error") filled.set(cell.id, { error: value.code });
    }
    return filled;
  }

  /** Enters imported values (the user confirmed any overwrite), then re-reads the workbook. */
  async writeCells(cells: ReadonlyMap<CellId, RawCell>): Promise<void> {
    this.setState({ phase: "writing" });
    try {
      await this.host.writeCells(cells);
    } finally {
      await this.recheck();
    }
  }

  /**
   * Cross-year checks against last year's report (its cells, its year and its text): 上年结转, 现行有效, and
   * the share of 一 and 五 repeated from it. Rendered for the pane.
   */
  async compareWithPrevious(previous: { readonly raw: RawCells; readonly year: number | null; readonly report: PreviousReport }): Promise<RenderedIssue[]> {
    const [snapshot, narrative] = await Promise.all([this.host.readSnapshot(), this.host.readNarrative()]);
    const crossYear = checkCrossYear(valuesOf(snapshot.raw), valuesOf(previous.raw), previous.year);
    const text = renderReport(snapshot.meta, snapshot.raw, narrative, previous.report).textIssues.filter((i) => i.rule === "T-COPY" || i.rule === "X-TEXT-YEAR");
    return [...crossYear, ...text].map((issue) => renderIssue(issue, snapshot.locator));
  }

  /** Last resort of the export: the report text written into a sheet of the workbook. */
  writeReportText(lines: readonly string[]): Promise<string> {
    return this.host.writeReportText(lines);
  }

  async select(issue: PaneIssue): Promise<void> {
    if (issue.cells.length === 0) return;
    try {
      await this.host.select(issue.cells);
    } catch (error) {
      this.setState({ hostError: messageOf(error) });
    }
  }

  async confirm(ruleId: string, note: string): Promise<void> {
    const trimmed = note.trim();
    if (trimmed.length === 0) throw new HostError("请填写确认说明，说明该数据为何无误。");
    const next = [...this.confirmations.filter((c) => c.ruleId !== ruleId), { ruleId, note: trimmed, at: this.now().toISOString() }];
    await this.host.saveConfirmations(next);
    this.confirmations = next;
    this.publish();
  }

  async unconfirm(ruleId: string): Promise<void> {
    const next = this.confirmations.filter((c) => c.ruleId !== ruleId);
    await this.host.saveConfirmations(next);
    this.confirmations = next;
    this.publish();
  }

  // --- internals -----------------------------------------------------------------------------------------

  private onHostEvent(event: HostEvent): void {
    switch (event.kind) {
      case "cells":
        for (const change of event.changes) this.validator.setCell(change.id, change.raw);
        this.publish();
        return;
      case "structure":
        void this.recheck();
        return;
      case "error":
        this.setState({ hostError: event.message });
        return;
    }
  }

  private applySnapshot(snapshot: WorkbookSnapshot): void {
    this.validator.load(snapshot.raw, snapshot.meta);
    this.structureIssues = snapshot.structureIssues;
    this.confirmations = snapshot.confirmations;
    this.locator = snapshot.locator;
    this.publish({ hasTemplate: snapshot.hasTemplate, meta: snapshot.meta, hostError: null });
  }

  private publish(extra: Partial<SessionState> = {}): void {
    const confirmationOf = new Map(this.confirmations.map((c) => [c.ruleId, c]));
    const issues = [...this.structureIssues, ...this.validator.issues()].map((issue): PaneIssue => ({
      ...renderIssue(issue, this.locator),
      table: tableOf(issue),
      confirmation: issue.severity === "warning" ? (confirmationOf.get(issue.id) ?? null) : null,
    }));
    const marks = new Map<CellId, Severity>();
    for (const issue of issues) {
      if (issue.confirmation !== null) continue;
      for (const id of this.marksOf.get(issue.id) ?? (issue.rule.startsWith("S-") ? issue.cells : [])) {
        if (marks.get(id) !== "error") marks.set(id, issue.severity);
      }
    }
    const summary = this.validator.summary();
    const errors = issues.filter((i) => i.severity === "error").length;
    const confirmed = issues.filter((i) => i.confirmation !== null).length;
    this.setState({
      ...extra,
      phase: "ready",
      issues,
      errors,
      warnings: issues.length - errors - confirmed,
      confirmed,
      filled: summary.filled,
      cells: summary.cells,
      checkedAt: this.now(),
      marks,
      ...(extra.hostError === undefined ? {} : { hostError: extra.hostError }),
    });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof HostError) return error.message;
  return `操作未完成：${error instanceof Error ? error.message : String(error)}`;
}
