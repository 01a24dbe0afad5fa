// The rule engine: one small evaluator for any pack of rule records, incremental by construction.
// After one cell changes only the rules that read it are re-evaluated (cf. HyperFormula's dependency
// graph, here flat because rules read input cells only).

import type { CellId, ReportMeta } from "../format";
import { EMPTY_META, INPUT_CELLS, getCell } from "../format";
import type { RawCell, RawCells, TypedCell } from "../values";
import { parseCell, rawGetter } from "../values";
import { cellsRead, evaluateRelation, readsMeta } from "./relations";
import type { EvaluationContext } from "./relations";
import type { Issue, Outcome, Rule } from "./rule";

const BLANK_CELL: TypedCell = { value: { kind: "blank" }, problems: [], suggestion: null };

export interface ValidationSummary {
  /** 强制 rules that fail. */
  readonly errors: number;
  /** 提示 rules that fail. */
  readonly warnings: number;
  /** Rules that cannot be decided yet because a cell they read is blank or not a number. */
  readonly incomplete: number;
  /** Input cells holding anything (a number, text or a mark); blank cells are not filled. */
  readonly filled: number;
  readonly cells: number;
}

export class Validator {
  private readonly cells = new Map<CellId, TypedCell>();
  private readonly outcomes = new Map<string, Outcome>();
  private readonly rulesByCell = new Map<CellId, Rule[]>();
  private readonly metaRules: Rule[] = [];
  private metaValue: ReportMeta = EMPTY_META;
  private filledCount = 0;
  /** Number of rule evaluations done by the last update (observable for tests of incrementality). */
  lastEvaluations = 0;

  constructor(readonly rules: readonly Rule[]) {
    for (const rule of rules) {
      for (const id of cellsRead(rule.relation)) {
        const list = this.rulesByCell.get(id);
        if (list) list.push(rule);
        else this.rulesByCell.set(id, [rule]);
      }
      if (readsMeta(rule.relation)) this.metaRules.push(rule);
    }
    this.evaluate(rules);
  }

  get meta(): ReportMeta {
    return this.metaValue;
  }

  private readonly context: EvaluationContext = {
    cell: (id) => this.cells.get(id) ?? BLANK_CELL,
    meta: EMPTY_META,
  };

  private evaluate(rules: Iterable<Rule>): void {
    const context: EvaluationContext = { cell: this.context.cell, meta: this.metaValue };
    let count = 0;
    for (const rule of rules) {
      this.outcomes.set(rule.id, evaluateRelation(rule.relation, context));
      count += 1;
    }
    this.lastEvaluations = count;
  }

  private store(id: CellId, raw: RawCell | undefined): void {
    const before = this.cells.get(id);
    const typed = parseCell(raw, getCell(id).kind);
    if (before && before.value.kind !== "blank") this.filledCount -= 1;
    if (typed.value.kind !== "blank") this.filledCount += 1;
    this.cells.set(id, typed);
  }

  /** Replaces every cell (missing IDs become blank) and the metadata, then re-evaluates the whole pack. */
  load(raw: RawCells, meta: ReportMeta = this.metaValue): void {
    const get = rawGetter(raw);
    this.cells.clear();
    this.filledCount = 0;
    for (const cell of INPUT_CELLS) this.store(cell.id, get(cell.id) ?? null);
    this.metaValue = meta;
    this.evaluate(this.rules);
  }

  /** Updates one cell and re-evaluates only the rules that read it. Returns the IDs of those rules. */
  setCell(id: CellId, raw: RawCell): readonly string[] {
    this.store(id, raw);
    const affected = this.rulesByCell.get(id) ?? [];
    this.evaluate(affected);
    return affected.map((r) => r.id);
  }

  /** Updates the metadata and re-evaluates the rules whose verdict depends on it. */
  setMeta(meta: ReportMeta): void {
    this.metaValue = meta;
    this.evaluate(this.metaRules);
  }

  cell(id: CellId): TypedCell {
    return this.cells.get(id) ?? BLANK_CELL;
  }

  outcome(ruleId: string): Outcome | undefined {
    return this.outcomes.get(ruleId);
  }

  /** Failing rules as issues, in pack order. */
  issues(): Issue[] {
    const issues: Issue[] = [];
    for (const rule of this.rules) {
      const outcome = this.outcomes.get(rule.id);
      if (outcome?.status !== "fail") continue;
      issues.push({
        id: rule.id,
        rule: rule.family,
        severity: rule.severity,
        cells: outcome.cells ?? cellsRead(rule.relation),
        expected: outcome.expected,
        actual: outcome.actual,
        message: rule.message,
        subject: rule.subject,
        params: outcome.params ?? {},
      });
    }
    return issues;
  }

  summary(): ValidationSummary {
    let errors = 0;
    let warnings = 0;
    let incomplete = 0;
    for (const rule of this.rules) {
      const status = this.outcomes.get(rule.id)?.status;
      if (status === "fail") {
        if (rule.severity === "error") errors += 1;
        else warnings += 1;
      } else if (status === "incomplete") incomplete += 1;
    }
    return { errors, warnings, incomplete, filled: this.filledCount, cells: INPUT_CELLS.length };
  }
}

/** One-shot validation of a whole report. */
export function validateReport(
  rules: readonly Rule[],
  raw: RawCells,
  meta: ReportMeta,
): Validator {
  const validator = new Validator(rules);
  validator.load(raw, meta);
  return validator;
}
