// The pane's model, independent of React and of the host: it keeps the report check in step with the
// workbook (full reads, incremental cell changes, the user's text), the user's confirmations of 提示, and the
// status line. It counts nothing itself: issues, counts and the verdict come from the one check (core/check).
// React subscribes to it through useSyncExternalStore.

import type { CheckResult, CheckSummary, CheckedIssue, PreviousYear } from "../check";
import { ReportChecker } from "../check";
import type { CellId, ReportMeta } from "../format";
import { EMPTY_META, INPUT_CELLS } from "../format";
import type { Narrative, ReportDocument } from "../report";
import type { Rule, Severity } from "../rules";
import { RULE_PACK } from "../rules";
import type { RawCell } from "../values";
import type { CellNaming, Confirmation, HostEvent, HostPort, TemplateResult, WorkbookSnapshot } from "./host-port";
import { HostError } from "./host-port";

/**
 * A host that can write the user's parts (正文): the browser page's workbook, and the Excel and WPS hosts (into
 * the 正文 sheet). Not every host can (the CLI reads files only), so the session asks whether it offers one.
 */
export interface NarrativeWriter {
  writeNarrative(narrative: Narrative): void | Promise<void>;
}

function narrativeWriterOf(host: HostPort): NarrativeWriter | null {
  const candidate = host as HostPort & Partial<NarrativeWriter>;
  return typeof candidate.writeNarrative === "function" ? { writeNarrative: (narrative) => candidate.writeNarrative!(narrative) } : null;
}

/** An issue as the pane lists it: the check's issue, with the group it is shown under. */
export type PaneIssue = CheckedIssue & {
  /** The table the issue belongs to (t2, t3, t4), "text" for the report text, "meta" for the workbook. */
  readonly group: "t2" | "t3" | "t4" | "text" | "meta";
};

export type SessionPhase = "idle" | "reading" | "ready" | "writing";

export interface SessionState {
  readonly phase: SessionPhase;
  readonly hasTemplate: boolean;
  readonly meta: ReportMeta;
  readonly issues: readonly PaneIssue[];
  /** Counts and verdict, as the check gives them. */
  readonly summary: CheckSummary;
  /** Time of the last completed check (full or incremental). */
  readonly checkedAt: Date | null;
  /** The last problem talking to the host, shown until the next successful check. */
  readonly hostError: string | null;
  /** Cells to highlight: the marks of failing rules (the disagreeing total, the bad input cell). */
  readonly marks: ReadonlyMap<CellId, Severity>;
  /** True while the cross-year checks run against a report the user gave as last year's. */
  readonly comparing: boolean;
}

function groupOf(issue: CheckedIssue): PaneIssue["group"] {
  if (issue.table !== null) return issue.table;
  return issue.scope === "text" || issue.scope === "crossYear" ? "text" : "meta";
}

export class ValidationSession {
  private readonly checker: ReportChecker;
  private readonly marksOf: ReadonlyMap<string, readonly CellId[]>;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private confirmations: readonly Confirmation[] = [];
  private previous: PreviousYear | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastResult: CheckResult | null = null;

  constructor(
    private readonly host: HostPort,
    rules: readonly Rule[] = RULE_PACK,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.checker = new ReportChecker(rules);
    this.marksOf = new Map(rules.map((r) => [r.id, r.marks]));
    const result = this.checker.result();
    this.state = {
      phase: "idle",
      hasTemplate: false,
      meta: EMPTY_META,
      issues: [],
      summary: result.summary,
      checkedAt: null,
      hostError: null,
      marks: new Map(),
      comparing: false,
    };
  }

  get hostKind(): HostPort["kind"] {
    return this.host.kind;
  }

  /** How this host's user finds cells: the messages and the issues' locations name them so. */
  get cellNaming(): CellNaming {
    return this.host.cellNaming ?? (this.host.kind === "browser" ? "labels" : "address");
  }

  /**
   * Where an issue is, as the list shows it under the message: at most four cells, by address
   * ("表三!J4、表三!D4 等 7 个单元格") or by the tables' labels.
   */
  locationOf(issue: Pick<PaneIssue, "cells" | "addresses">): string {
    const limit = 4;
    if (this.cellNaming === "labels") return issue.cells.length === 0 ? "" : this.checker.location(issue.cells, limit);
    const shown = issue.addresses.slice(0, limit).join("、");
    return shown + (issue.addresses.length > limit ? ` 等 ${issue.addresses.length} 个单元格` : "");
  }

  /** One cell as this host's user finds it: "表三!D4" in a workbook, by its row and column labels in the page. */
  cellName(id: CellId): string {
    return this.checker.location([id], 1);
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
      this.applySnapshot(await this.host.readSnapshot());
    } catch (error) {
      this.setState({ phase: "ready", hostError: messageOf(error) });
    }
  }

  async applyTemplate(meta: ReportMeta): Promise<TemplateResult> {
    this.setState({ phase: "writing" });
    try {
      const result = await this.host.applyTemplate(meta);
      this.applySnapshot(await this.host.readSnapshot());
      return result;
    } catch (error) {
      this.setState({ phase: "ready", hostError: messageOf(error) });
      throw error;
    }
  }

  /**
   * The report as it would be published now, with every issue of the check. The session follows the host's
   * events, so it holds the current cells and text; nothing is read again (a re-read would publish a new check
   * and make views that rebuild on each check loop).
   */
  buildReport(): Promise<{ readonly document: ReportDocument; readonly result: CheckResult }> {
    return Promise.resolve({ document: this.checker.document(), result: this.checker.result() });
  }

  /** The raw content of every filled input cell, as last read or edited. */
  filledCells(): ReadonlyMap<CellId, RawCell> {
    const filled = new Map<CellId, RawCell>();
    for (const cell of INPUT_CELLS) {
      const raw = this.checker.raw(cell.id);
      if (raw !== null && raw !== "") filled.set(cell.id, raw);
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

  /** The user's parts (正文) as the host holds them now. */
  readNarrative(): Promise<Narrative> {
    return this.host.readNarrative();
  }

  /** Whether the host can take the 正文 from an import (writeNarrative). */
  get writesNarrative(): boolean {
    return narrativeWriterOf(this.host) !== null;
  }

  /** Writes the user's parts (an import the user confirmed), then re-reads the workbook. */
  async writeNarrative(narrative: Narrative): Promise<void> {
    const writer = narrativeWriterOf(this.host);
    if (writer === null) throw new HostError("当前环境尚不能由导入写入正文，请在“正文”表中填写。");
    this.setState({ phase: "writing" });
    try {
      await writer.writeNarrative(narrative);
    } finally {
      await this.recheck();
    }
  }

  /**
   * Checks this year's report against last year's (its cells, its year and its text): 上年结转, 现行有效,
   * and the share of 一 and 五 repeated from it. The checks stay in the list until `stopComparing`.
   * Returns the issues they found.
   */
  async compareWithPrevious(previous: PreviousYear): Promise<readonly PaneIssue[]> {
    this.previous = previous;
    await this.recheck();
    this.setState({ comparing: true });
    return this.state.issues.filter((i) => i.scope === "crossYear");
  }

  stopComparing(): void {
    this.previous = null;
    this.checker.setPrevious(null);
    this.publish({ comparing: false });
  }

  /** Last resort of the export: the report text written into a sheet of the workbook. */
  writeReportText(lines: readonly string[]): Promise<string> {
    return this.host.writeReportText(lines);
  }

  async select(issue: Pick<PaneIssue, "cells">): Promise<void> {
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
    this.setConfirmations(next);
  }

  async unconfirm(ruleId: string): Promise<void> {
    const next = this.confirmations.filter((c) => c.ruleId !== ruleId);
    await this.host.saveConfirmations(next);
    this.setConfirmations(next);
  }

  // --- internals -----------------------------------------------------------------------------------------

  private setConfirmations(confirmations: readonly Confirmation[]): void {
    this.confirmations = confirmations;
    this.checker.setConfirmations(confirmations);
    this.publish();
  }

  private onHostEvent(event: HostEvent): void {
    switch (event.kind) {
      case "cells":
        for (const change of event.changes) this.checker.setCell(change.id, change.raw, change.formula ?? null);
        this.publish();
        return;
      case "narrative":
        this.host.readNarrative().then(
          (narrative) => {
            this.checker.setNarrative(narrative);
            this.publish();
          },
          (error: unknown) => this.setState({ hostError: messageOf(error) }),
        );
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
    this.checker.load(snapshot.source, { previous: this.previous, naming: this.cellNaming });
    this.confirmations = snapshot.source.confirmations;
    this.publish({ hasTemplate: snapshot.hasTemplate, meta: snapshot.source.meta, hostError: null });
  }

  private publish(extra: Partial<SessionState> = {}): void {
    const result = this.checker.result();
    // The same result object means nothing changed: keep the rendered list (and React's memoised views).
    const issues: readonly PaneIssue[] =
      result === this.lastResult ? this.state.issues : result.issues.map((issue) => ({ ...issue, group: groupOf(issue) }));
    this.lastResult = result;
    const marks = new Map<CellId, Severity>();
    for (const issue of issues) {
      if (issue.confirmation !== null) continue;
      for (const id of this.marksOf.get(issue.id) ?? (issue.scope === "structure" ? issue.cells : [])) {
        if (marks.get(id) !== "error") marks.set(id, issue.severity);
      }
    }
    this.setState({
      ...extra,
      phase: "ready",
      issues,
      summary: result.summary,
      checkedAt: this.now(),
      marks,
    });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof HostError) return error.message;
  return `操作未完成：${error instanceof Error ? error.message : String(error)}`;
}
