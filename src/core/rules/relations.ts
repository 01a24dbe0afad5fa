// Behaviour of each relation kind: which cells it reads and how it is evaluated. Shared code never
// switches on a concrete relation: it looks the kind up here. Blank participating cells make a rule
// "incomplete", never "fail" (spec §2: evaluate per cell; blank → incomplete).

import type { CellId, ReportMeta } from "../format";
import { feePlausibleMaxWan, hasRuleMakingPower } from "../format";
import type { TypedCell } from "../values";
import type { Outcome, Relation, RelationKind } from "./rule";

export interface EvaluationContext {
  readonly cell: (id: CellId) => TypedCell;
  readonly meta: ReportMeta;
}

interface RelationBehaviour<R extends Relation> {
  readonly reads: (relation: R) => readonly CellId[];
  /** True when the verdict also depends on the report metadata (level). */
  readonly readsMeta: boolean;
  readonly evaluate: (relation: R, context: EvaluationContext) => Outcome;
}

type Behaviours = { readonly [K in RelationKind]: RelationBehaviour<Extract<Relation, { kind: K }>> };

/** Sums of counts are exact integers; the tolerance only absorbs binary noise in 万元 decimals. */
const TOLERANCE = 1e-6;

const PASS: Outcome = { status: "pass", expected: null, actual: null };
const INCOMPLETE: Outcome = { status: "incomplete", expected: null, actual: null };
const NOT_APPLICABLE: Outcome = { status: "notApplicable", expected: null, actual: null };

/** Numbers of the given cells, or null if any of them is not a number (blank, text, error). */
function numbers(ids: readonly CellId[], context: EvaluationContext): number[] | null {
  const result: number[] = [];
  for (const id of ids) {
    const value = context.cell(id).value;
    if (value.kind !== "number") return null;
    result.push(value.value);
  }
  return result;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

function rawOf(cell: TypedCell): number | string | null {
  const value = cell.value;
  switch (value.kind) {
    case "blank":
      return null;
    case "number":
      return value.value;
    case "text":
      return value.raw;
    case "error":
      return value.code;
  }
}

export const RELATIONS: Behaviours = {
  sum: {
    reads: (r) => [r.total, ...r.parts],
    readsMeta: false,
    evaluate: (r, context) => {
      const parts = numbers(r.parts, context);
      const total = numbers([r.total], context);
      if (parts === null || total === null) return INCOMPLETE;
      const expected = tidy(sum(parts));
      const actual = total[0] ?? 0;
      const ok = Math.abs(actual - expected) <= TOLERANCE;
      return { status: ok ? "pass" : "fail", expected, actual, params: { difference: tidy(actual - expected) } };
    },
  },
  balance: {
    reads: (r) => [...r.left, ...r.right],
    readsMeta: false,
    evaluate: (r, context) => {
      const left = numbers(r.left, context);
      const right = numbers(r.right, context);
      if (left === null || right === null) return INCOMPLETE;
      const expected = tidy(sum(left));
      const actual = tidy(sum(right));
      const params: Record<string, number> = { difference: tidy(actual - expected) };
      left.forEach((v, i) => (params[`left${i}`] = v));
      right.forEach((v, i) => (params[`right${i}`] = v));
      return { status: Math.abs(actual - expected) <= TOLERANCE ? "pass" : "fail", expected, actual, params };
    },
  },
  numericInput: {
    reads: (r) => [r.cell],
    readsMeta: false,
    evaluate: (r, context) => {
      const cell = context.cell(r.cell);
      if (cell.value.kind === "blank" || cell.value.kind === "number") return PASS;
      return {
        status: "fail",
        expected: cell.suggestion,
        actual: rawOf(cell),
        params: { problems: cell.problems.map((p) => p.code).join(","), unit: cell.problems.find((p) => p.detail)?.detail ?? "" },
      };
    },
  },
  nonNegative: {
    reads: (r) => [r.cell],
    readsMeta: false,
    evaluate: (r, context) => {
      const value = context.cell(r.cell).value;
      // Only numbers can be negative or fractional: blank and text have nothing to check here.
      if (value.kind !== "number") return NOT_APPLICABLE;
      const negative = value.value < 0;
      const fractional = r.integer && !Number.isInteger(value.value);
      if (!negative && !fractional) return PASS;
      return {
        status: "fail",
        expected: null,
        actual: value.value,
        params: { problem: negative ? "negative" : "decimalInCount" },
      };
    },
  },
  filled: {
    reads: (r) => r.cells,
    readsMeta: false,
    evaluate: (r, context) => {
      const blanks = r.cells.filter((id) => context.cell(id).value.kind === "blank");
      if (blanks.length === 0) return PASS;
      return { status: "fail", expected: r.cells.length, actual: r.cells.length - blanks.length, params: { blanks: blanks.length }, cells: blanks };
    },
  },
  zeroWithoutRuleMaking: {
    reads: (r) => r.cells,
    readsMeta: true,
    evaluate: (r, context) => {
      const level = context.meta.level;
      if (level === null || hasRuleMakingPower(level)) return NOT_APPLICABLE;
      const values = r.cells.map((id) => context.cell(id).value);
      const positive = values.filter((v) => v.kind === "number" && v.value > 0);
      if (positive.length > 0) {
        return { status: "fail", expected: 0, actual: tidy(sum(positive.map((v) => (v.kind === "number" ? v.value : 0)))), params: { level } };
      }
      return values.every((v) => v.kind === "number") ? PASS : INCOMPLETE;
    },
  },
  maxDecimals: {
    reads: (r) => [r.cell],
    readsMeta: false,
    evaluate: (r, context) => {
      const value = context.cell(r.cell).value;
      if (value.kind !== "number") return INCOMPLETE;
      const scaled = value.value * 10 ** r.digits;
      if (Math.abs(scaled - Math.round(scaled)) <= TOLERANCE) return PASS;
      const rounded = Math.round(scaled) / 10 ** r.digits;
      return { status: "fail", expected: rounded, actual: value.value, params: { digits: r.digits } };
    },
  },
  plausibleMagnitude: {
    reads: (r) => [r.cell],
    readsMeta: true,
    evaluate: (r, context) => {
      const value = context.cell(r.cell).value;
      if (value.kind !== "number") return INCOMPLETE;
      const max = feePlausibleMaxWan(context.meta.level);
      if (value.value < max) return PASS;
      return { status: "fail", expected: tidy(value.value / 10_000), actual: value.value, params: { max, level: context.meta.level ?? "" } };
    },
  },
  validWhenIssued: {
    reads: (r) => [r.issued, r.valid],
    readsMeta: false,
    evaluate: (r, context) => {
      const values = numbers([r.issued, r.valid], context);
      if (values === null) return INCOMPLETE;
      const [issued = 0, valid = 0] = values;
      if (issued > 0 && valid === 0) return { status: "fail", expected: null, actual: valid, params: { issued } };
      return PASS;
    },
  },
};

function behaviourOf<R extends Relation>(relation: R): RelationBehaviour<R> {
  return RELATIONS[relation.kind] as unknown as RelationBehaviour<R>;
}

export function cellsRead(relation: Relation): readonly CellId[] {
  return behaviourOf(relation).reads(relation);
}

export function readsMeta(relation: Relation): boolean {
  return behaviourOf(relation).readsMeta;
}

export function evaluateRelation(relation: Relation, context: EvaluationContext): Outcome {
  return behaviourOf(relation).evaluate(relation, context);
}
