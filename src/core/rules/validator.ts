// The rule engine: one small evaluator for any pack of rule records, incremental by construction.
// After one cell changes only the rules that read it are re-evaluated (cf. HyperFormula's dependency
// graph, here flat because rules read input cells only). Cells live in typed arrays; each rule is compiled
// once into a closure over cell indexes; a passing rule allocates nothing. Rules over the text are evaluated
// when their result is asked for, against a text view built on demand (the text changes with every cell).

import type { CellId, ReportMeta } from "../format";
import { EMPTY_META, INPUT_CELLS } from "../format";
import type { CellFormulas, RawCell, RawCells, TypedCell } from "../values";
import { BLANK_CELL, parseCell, rawGetter } from "../values";
import type { CellStore, EvaluationContext, PreviousYearView, TextView } from "./context";
import { CELL_BLANK, CELL_ERROR, CELL_INDEX, CELL_NUMBER, CELL_TEXT } from "./context";
import type { Evaluator, RuleInput } from "./relations";
import { NOT_APPLICABLE, compileRelation, cellsRead, inputsOf } from "./relations";
import type { Issue, Outcome, Rule } from "./rule";
import { createIssue } from "./rule";

export interface ValidationSummary {
  /** Failing 强制 check instances. */
  readonly errors: number;
  /** Failing 提示 check instances. */
  readonly warnings: number;
  /** Rules that cannot be decided yet because a cell they read is blank or not a number (or a part is unwritten). */
  readonly incomplete: number;
  /** Of those, the rules over the tables' own figures (scopes "table" and "cell"). */
  readonly incompleteTables: number;
  /** Input cells holding anything (a number, text or a mark); blank cells are not filled. */
  readonly filled: number;
  readonly cells: number;
}

const CELL_COUNT = INPUT_CELLS.length;
const KINDS = INPUT_CELLS.map((cell) => cell.kind);

export class Validator implements CellStore {
  readonly kinds = new Uint8Array(CELL_COUNT);
  readonly numbers = new Float64Array(CELL_COUNT);
  private readonly typedCells: (TypedCell | undefined)[] = new Array<TypedCell | undefined>(CELL_COUNT).fill(undefined);
  private readonly raws: RawCell[] = new Array<RawCell>(CELL_COUNT).fill(null);
  private readonly formulas: (string | null)[] = new Array<string | null>(CELL_COUNT).fill(null);
  private readonly evaluators: readonly Evaluator[];
  private readonly outcomes: Outcome[];
  private readonly ruleIndex: ReadonlyMap<string, number>;
  private readonly rulesByCell: readonly Int32Array[];
  private readonly ruleIdsByCell: readonly (readonly string[])[];
  private readonly rulesByInput: Readonly<Record<RuleInput, Int32Array>>;
  private readonly allRules: Int32Array;
  /** 1 for the rules over the text, which run on demand (refreshText). */
  private readonly textFlags: Uint8Array;
  private metaValue: ReportMeta = EMPTY_META;
  private previous: PreviousYearView | null = null;
  private textSource: (() => TextView) | null = null;
  private textStale = false;
  private filledCount = 0;
  private cachedIssues: Issue[] | null = null;
  private cachedSummary: ValidationSummary | null = null;
  /** Number of rule evaluations done by the last update (observable for tests of incrementality). */
  lastEvaluations = 0;

  constructor(readonly rules: readonly Rule[]) {
    this.evaluators = rules.map((rule) => compileRelation(rule.relation));
    this.outcomes = rules.map(() => NOT_APPLICABLE);
    this.ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const byCell: number[][] = INPUT_CELLS.map(() => []);
    const byInput: Record<RuleInput, number[]> = { meta: [], previous: [], text: [] };
    rules.forEach((rule, index) => {
      const inputs = inputsOf(rule.relation);
      for (const input of inputs) byInput[input].push(index);
      // Text rules re-run as a whole when their result is asked for; they need no cell index.
      if (inputs.includes("text")) return;
      for (const id of cellsRead(rule.relation)) {
        const cell = CELL_INDEX.get(id);
        if (cell !== undefined) byCell[cell]!.push(index);
      }
    });
    this.rulesByCell = byCell.map((list) => Int32Array.from(list));
    this.ruleIdsByCell = byCell.map((list) => list.filter((index) => !inputsOf(rules[index]!.relation).includes("text")).map((index) => rules[index]!.id));
    this.rulesByInput = { meta: Int32Array.from(byInput.meta), previous: Int32Array.from(byInput.previous), text: Int32Array.from(byInput.text) };
    this.allRules = Int32Array.from(rules, (_, index) => index);
    this.textFlags = new Uint8Array(rules.length);
    for (const index of byInput.text) this.textFlags[index] = 1;
    this.evaluateAll();
  }

  get meta(): ReportMeta {
    return this.metaValue;
  }

  // --- CellStore -------------------------------------------------------------------------------------------

  typed(index: number): TypedCell {
    let typed = this.typedCells[index];
    if (typed === undefined) {
      typed = parseCell(this.raws[index], KINDS[index]!);
      this.typedCells[index] = typed;
    }
    return typed;
  }

  formula(index: number): string | null {
    return this.formulas[index] ?? null;
  }

  // --- updates ---------------------------------------------------------------------------------------------

  private contextValue: EvaluationContext | null = null;

  /** The context of the cell rules; made again only when the metadata or last year's report change. */
  private context(): EvaluationContext {
    this.contextValue ??= { store: this, meta: this.metaValue, previous: this.previous, text: null };
    return this.contextValue;
  }

  private store(index: number, raw: RawCell | undefined, formula: string | null): void {
    const before = this.kinds[index];
    const value = raw ?? null;
    this.raws[index] = value;
    this.formulas[index] = value === null ? null : formula;
    this.typedCells[index] = undefined;
    if (typeof value === "number" && Number.isFinite(value)) {
      this.kinds[index] = CELL_NUMBER;
      this.numbers[index] = value;
    } else if (value === null || value === "") {
      this.kinds[index] = CELL_BLANK;
      this.numbers[index] = 0;
    } else {
      const typed = this.typed(index);
      this.kinds[index] = typed.value.kind === "error" ? CELL_ERROR : CELL_TEXT;
      this.numbers[index] = 0;
    }
    if (before !== CELL_BLANK) this.filledCount -= 1;
    if (this.kinds[index] !== CELL_BLANK) this.filledCount += 1;
  }

  private evaluateAll(): void {
    this.evaluateSome(this.allRules);
  }

  private evaluateSome(indexes: Int32Array): void {
    const context = this.context();
    let count = 0;
    for (let i = 0; i < indexes.length; i += 1) {
      const rule = indexes[i]!;
      if (this.isTextRule(rule)) continue;
      this.outcomes[rule] = this.evaluators[rule]!(context);
      count += 1;
    }
    this.lastEvaluations = count;
    this.changed();
  }

  private isTextRule(index: number): boolean {
    return this.textFlags[index] === 1;
  }

  private changed(): void {
    this.cachedIssues = null;
    this.cachedSummary = null;
    if (this.textSource !== null) this.textStale = true;
  }

  /** Re-runs the text rules when something changed since their last run. */
  private refreshText(): void {
    if (!this.textStale) return;
    this.textStale = false;
    const text = this.textSource === null ? null : this.textSource();
    const context: EvaluationContext = { ...this.context(), text };
    for (const index of this.rulesByInput.text) this.outcomes[index] = text === null ? NOT_APPLICABLE : this.evaluators[index]!(context);
  }

  /**
   * Replaces every cell (missing IDs become blank) and the metadata, then re-evaluates the whole pack. `formulas`
   * names the cells whose content is the cached result of a formula.
   */
  load(raw: RawCells, meta: ReportMeta = this.metaValue, formulas?: CellFormulas): void {
    const get = rawGetter(raw);
    this.kinds.fill(CELL_BLANK);
    this.filledCount = 0;
    for (let i = 0; i < CELL_COUNT; i += 1) {
      const id = INPUT_CELLS[i]!.id;
      this.store(i, get(id), formulas?.get(id) ?? null);
    }
    this.metaValue = meta;
    this.contextValue = null;
    this.evaluateAll();
  }

  /**
   * Updates one cell (with the formula whose result it is, if any) and re-evaluates only the rules that read it.
   * Returns the IDs of those rules.
   */
  setCell(id: CellId, raw: RawCell, formula: string | null = null): readonly string[] {
    const index = CELL_INDEX.get(id);
    if (index === undefined) return [];
    this.store(index, raw, formula);
    this.evaluateSome(this.rulesByCell[index]!);
    return this.ruleIdsByCell[index]!;
  }

  /** Updates the metadata and re-evaluates the rules whose verdict depends on it. */
  setMeta(meta: ReportMeta): void {
    this.metaValue = meta;
    this.contextValue = null;
    this.evaluateSome(this.rulesByInput.meta);
  }

  /** Last year's report for the cross-year rules (null: not given, the rules do not apply). */
  setPrevious(previous: PreviousYearView | null): void {
    this.previous = previous;
    this.contextValue = null;
    this.evaluateSome(this.rulesByInput.previous);
  }

  /** The report text for the text rules, built on demand (null: no text, the rules do not apply). */
  setText(source: (() => TextView) | null): void {
    this.textSource = source;
    this.textStale = true;
    this.changed();
    if (source === null) this.refreshText();
  }

  /** The text changed outside the cells (the user edited 正文): the text rules run again when next asked. */
  textChanged(): void {
    this.changed();
  }

  // --- results -----------------------------------------------------------------------------------------------

  cell(id: CellId): TypedCell {
    const index = CELL_INDEX.get(id);
    return index === undefined ? BLANK_CELL : this.typed(index);
  }

  /** The raw content of a cell as last stored. */
  raw(id: CellId): RawCell {
    const index = CELL_INDEX.get(id);
    return index === undefined ? null : (this.raws[index] ?? null);
  }

  outcome(ruleId: string): Outcome | undefined {
    const index = this.ruleIndex.get(ruleId);
    if (index === undefined) return undefined;
    if (this.isTextRule(index)) this.refreshText();
    return this.outcomes[index];
  }

  /** Failing rule instances as issues, in pack order. */
  issues(): readonly Issue[] {
    this.refreshText();
    if (this.cachedIssues !== null) return this.cachedIssues;
    const issues: Issue[] = [];
    this.rules.forEach((rule, index) => {
      const outcome = this.outcomes[index]!;
      if (outcome.status !== "fail") return;
      for (const finding of outcome.findings) {
        issues.push(
          createIssue({
            id: finding.key === "" ? rule.id : `${rule.id}.${finding.key}`,
            rule: rule.family,
            severity: rule.severity,
            scope: rule.scope,
            cells: finding.cells,
            expected: finding.expected,
            actual: finding.actual,
            message: rule.message,
            params: finding.params,
            subject: rule.subject,
          }),
        );
      }
    });
    this.cachedIssues = issues;
    return issues;
  }

  summary(): ValidationSummary {
    this.refreshText();
    if (this.cachedSummary !== null) return this.cachedSummary;
    let errors = 0;
    let warnings = 0;
    let incomplete = 0;
    let incompleteTables = 0;
    this.rules.forEach((rule, index) => {
      const outcome = this.outcomes[index]!;
      if (outcome.status === "fail") {
        if (rule.severity === "error") errors += outcome.findings.length;
        else warnings += outcome.findings.length;
      } else if (outcome.status === "incomplete") {
        incomplete += 1;
        if (rule.scope === "table" || rule.scope === "cell") incompleteTables += 1;
      }
    });
    this.cachedSummary = { errors, warnings, incomplete, incompleteTables, filled: this.filledCount, cells: CELL_COUNT };
    return this.cachedSummary;
  }
}

/** One-shot validation of a whole report. */
export function validateReport(rules: readonly Rule[], raw: RawCells, meta: ReportMeta): Validator {
  const validator = new Validator(rules);
  validator.load(raw, meta);
  return validator;
}
