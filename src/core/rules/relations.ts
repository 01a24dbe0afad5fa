// Behaviour of each relation kind: which cells it reads, what else its verdict depends on, and how it is
// evaluated. Shared code never switches on a concrete relation: it looks the kind up here. Blank
// participating cells make a rule "incomplete", never "fail" (spec §2: evaluate per cell; blank → incomplete).
// Each rule is compiled once into a closure over cell indexes, so that evaluating a passing rule reads typed
// arrays and allocates nothing.

import type { CellId } from "../format";
import { feePlausibleMaxWan, getCell, hasRuleMakingPower } from "../format";
import { valueAsJson } from "../values";
import type { EvaluationContext } from "./context";
import { CELL_BLANK, CELL_NUMBER, cellIndex } from "./context";
import type { Finding, MessageKey, MessageParams, Outcome, Relation, RelationKind } from "./rule";
import { PUBLISHED_RELATIONS, sameAgency } from "./published-relations";
import { TEXT_RELATIONS } from "./text-relations";

export type Evaluator = (context: EvaluationContext) => Outcome;

/** What a verdict depends on besides the cells the rule reads. */
export type RuleInput = "meta" | "previous" | "text";

export interface RelationBehaviour<R extends Relation> {
  /** This year's input cells the verdict depends on. */
  readonly reads: (relation: R) => readonly CellId[];
  readonly inputs: readonly RuleInput[];
  readonly compile: (relation: R) => Evaluator;
}

export type Behaviours = { readonly [K in RelationKind]: RelationBehaviour<Extract<Relation, { kind: K }>> };

/** Sums of counts are exact integers; the tolerance only absorbs binary noise in 万元 decimals. */
const TOLERANCE = 1e-6;

export const PASS: Outcome = Object.freeze({ status: "pass", findings: Object.freeze([]) });
export const INCOMPLETE: Outcome = Object.freeze({ status: "incomplete", findings: Object.freeze([]) });
export const NOT_APPLICABLE: Outcome = Object.freeze({ status: "notApplicable", findings: Object.freeze([]) });

/** Removes binary noise from a sum of decimals (0.1 + 0.2); sums of counts are integers and pass as they are. */
export function tidy(value: number): number {
  return Number.isInteger(value) ? value : Number.parseFloat(value.toPrecision(12));
}

export function fail<K extends MessageKey>(
  cells: readonly CellId[],
  expected: number | string | null,
  actual: number | string | null,
  params: MessageParams[K],
): Outcome {
  return { status: "fail", findings: [{ key: "", cells, expected, actual, params }] };
}

export function failAll(findings: readonly Finding[]): Outcome {
  return findings.length === 0 ? PASS : { status: "fail", findings };
}

function indexes(ids: readonly CellId[]): Int32Array {
  return Int32Array.from(ids, cellIndex);
}

/** Σ of the cells, or NaN when one of them is not a number. */
function sumAt(context: EvaluationContext, at: Int32Array): number {
  const { kinds, numbers } = context.store;
  let total = 0;
  for (let i = 0; i < at.length; i += 1) {
    const index = at[i]!;
    if (kinds[index] !== CELL_NUMBER) return Number.NaN;
    total += numbers[index]!;
  }
  return total;
}

const TABLE_RELATIONS = {
  sum: {
    reads: (r) => [r.total, ...r.parts],
    inputs: [],
    compile: (r) => {
      const parts = indexes(r.parts);
      const total = cellIndex(r.total);
      const cells = [r.total, ...r.parts];
      return (context) => {
        const sum = sumAt(context, parts);
        if (Number.isNaN(sum) || context.store.kinds[total] !== CELL_NUMBER) return INCOMPLETE;
        const actual = context.store.numbers[total]!;
        if (Math.abs(actual - sum) <= TOLERANCE) return PASS;
        const expected = tidy(sum);
        return fail<"rowTotal">(cells, expected, actual, { difference: tidy(actual - expected) });
      };
    },
  },
  balance: {
    reads: (r) => [r.received, r.carriedOver, r.concluded, r.carriedForward],
    inputs: [],
    compile: (r) => {
      const at = indexes([r.received, r.carriedOver, r.concluded, r.carriedForward]);
      const cells = [r.received, r.carriedOver, r.concluded, r.carriedForward];
      return (context) => {
        const { kinds, numbers } = context.store;
        for (let i = 0; i < 4; i += 1) if (kinds[at[i]!] !== CELL_NUMBER) return INCOMPLETE;
        const [received, carriedOver, concluded, carriedForward] = [numbers[at[0]!]!, numbers[at[1]!]!, numbers[at[2]!]!, numbers[at[3]!]!];
        const left = received + carriedOver;
        const right = concluded + carriedForward;
        if (Math.abs(right - left) <= TOLERANCE) return PASS;
        return fail<"balance">(cells, tidy(left), tidy(right), { received, carriedOver, concluded, carriedForward, difference: tidy(right - left) });
      };
    },
  },
  numericInput: {
    reads: (r) => [r.cell],
    inputs: [],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const cells = [r.cell];
      return (context) => {
        const kind = context.store.kinds[at];
        if (kind === CELL_BLANK || kind === CELL_NUMBER) return PASS;
        const typed = context.store.typed(at);
        return fail<"numericInput">(cells, typed.suggestion, valueAsJson(typed.value), {
          problems: typed.problems.map((p) => p.code),
          unit: typed.problems.find((p) => p.detail !== undefined)?.detail ?? null,
        });
      };
    },
  },
  formulaResult: {
    reads: (r) => [r.cell],
    inputs: [],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const cells = [r.cell];
      return (context) => {
        const formula = context.store.formula(at);
        if (formula === null) return PASS;
        // A formula giving text, an error or nothing is R-INPUT's (formulaWithoutValue, formulaError, text).
        if (context.store.kinds[at] !== CELL_NUMBER) return NOT_APPLICABLE;
        return fail<"formulaResult">(cells, null, context.store.numbers[at]!, { formula });
      };
    },
  },
  nonNegative: {
    reads: (r) => [r.cell],
    inputs: [],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const cells = [r.cell];
      return (context) => {
        // Only numbers can be negative or fractional: blank and text have nothing to check here.
        if (context.store.kinds[at] !== CELL_NUMBER) return NOT_APPLICABLE;
        const value = context.store.numbers[at]!;
        const negative = value < 0;
        if (!negative && !(r.integer && !Number.isInteger(value))) return PASS;
        return fail<"nonNegative">(cells, null, value, { problem: negative ? "negative" : "decimalInCount" });
      };
    },
  },
  filled: {
    reads: (r) => r.cells,
    inputs: [],
    compile: (r) => {
      const at = indexes(r.cells);
      const table = getCell(r.cells[0] ?? "t2.fee.amountWan").table;
      return (context) => {
        const { kinds } = context.store;
        let blanks = 0;
        for (let i = 0; i < at.length; i += 1) if (kinds[at[i]!] === CELL_BLANK) blanks += 1;
        if (blanks === 0) return PASS;
        const cells = r.cells.filter((_, i) => kinds[at[i]!] === CELL_BLANK);
        return fail<"blank">(cells, r.cells.length, r.cells.length - blanks, { blanks, table });
      };
    },
  },
  zeroWithoutRuleMaking: {
    reads: (r) => r.cells,
    inputs: ["meta"],
    compile: (r) => {
      const at = indexes(r.cells);
      return (context) => {
        const level = context.meta.level;
        if (level === null || hasRuleMakingPower(level)) return NOT_APPLICABLE;
        const { kinds, numbers } = context.store;
        let positive = 0;
        let allNumbers = true;
        for (let i = 0; i < at.length; i += 1) {
          if (kinds[at[i]!] !== CELL_NUMBER) allNumbers = false;
          else if (numbers[at[i]!]! > 0) positive += numbers[at[i]!]!;
        }
        if (positive > 0) return fail<"regulationWithoutPower">(r.cells, 0, tidy(positive), { level });
        return allNumbers ? PASS : INCOMPLETE;
      };
    },
  },
  maxDecimals: {
    reads: (r) => [r.cell],
    inputs: [],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const scale = 10 ** r.digits;
      const cells = [r.cell];
      return (context) => {
        if (context.store.kinds[at] !== CELL_NUMBER) return INCOMPLETE;
        const value = context.store.numbers[at]!;
        const scaled = value * scale;
        if (Math.abs(scaled - Math.round(scaled)) <= TOLERANCE) return PASS;
        return fail<"feeDecimals">(cells, Math.round(scaled) / scale, value, { digits: r.digits });
      };
    },
  },
  plausibleMagnitude: {
    reads: (r) => [r.cell],
    inputs: ["meta"],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const cells = [r.cell];
      return (context) => {
        if (context.store.kinds[at] !== CELL_NUMBER) return INCOMPLETE;
        const value = context.store.numbers[at]!;
        const max = feePlausibleMaxWan(context.meta.level);
        if (value < max) return PASS;
        return fail<"feeMagnitude">(cells, tidy(value / 10_000), value, { max, level: context.meta.level });
      };
    },
  },
  validWhenIssued: {
    reads: (r) => [r.issued, r.valid],
    inputs: [],
    compile: (r) => {
      const at = indexes([r.issued, r.valid]);
      const cells = [r.issued, r.valid];
      return (context) => {
        const { kinds, numbers } = context.store;
        if (kinds[at[0]!] !== CELL_NUMBER || kinds[at[1]!] !== CELL_NUMBER) return INCOMPLETE;
        const issued = numbers[at[0]!]!;
        const valid = numbers[at[1]!]!;
        if (issued > 0 && valid === 0) return fail<"validWhenIssued">(cells, null, valid, { issued });
        return PASS;
      };
    },
  },
  carriedFromLastYear: {
    reads: (r) => [r.carryOver],
    inputs: ["previous"],
    compile: (r) => {
      const at = cellIndex(r.carryOver);
      const cells = [r.carryOver];
      return (context) => {
        if (context.previous === null) return NOT_APPLICABLE;
        // Last year's figure not known (not read, blank): nothing to compare with — not this report's gap.
        const before = context.previous.number(r.lastCarryForward);
        if (before === null) return NOT_APPLICABLE;
        if (context.store.kinds[at] !== CELL_NUMBER) return INCOMPLETE;
        const now = context.store.numbers[at]!;
        if (now === before) return PASS;
        return fail<"crossCarry">(cells, before, now, { lastYear: context.previous.year });
      };
    },
  },
  stockFromLastYear: {
    reads: (r) => [r.valid, r.issued, r.repealed],
    inputs: ["previous"],
    compile: (r) => {
      const at = indexes([r.valid, r.issued, r.repealed]);
      const cells = [r.valid, r.issued, r.repealed];
      return (context) => {
        if (context.previous === null) return NOT_APPLICABLE;
        const before = context.previous.number(r.valid);
        if (before === null) return NOT_APPLICABLE;
        const { kinds, numbers } = context.store;
        if (kinds[at[0]!] !== CELL_NUMBER || kinds[at[1]!] !== CELL_NUMBER || kinds[at[2]!] !== CELL_NUMBER) return INCOMPLETE;
        const [valid, issued, repealed] = [numbers[at[0]!]!, numbers[at[1]!]!, numbers[at[2]!]!];
        const expected = tidy(before + issued - repealed);
        if (Math.abs(expected - valid) <= TOLERANCE) return PASS;
        return fail<"crossStock">(cells, expected, valid, { lastYear: context.previous.year, before, issued, repealed });
      };
    },
  },
  repealedWithinStock: {
    reads: (r) => [r.repealed, r.issued],
    inputs: ["previous"],
    compile: (r) => {
      const at = indexes([r.repealed, r.issued]);
      const cells = [r.repealed, r.issued];
      return (context) => {
        if (context.previous === null) return NOT_APPLICABLE;
        const before = context.previous.number(r.valid);
        if (before === null) return NOT_APPLICABLE;
        const { kinds, numbers } = context.store;
        if (kinds[at[0]!] !== CELL_NUMBER || kinds[at[1]!] !== CELL_NUMBER) return INCOMPLETE;
        const [repealed, issued] = [numbers[at[0]!]!, numbers[at[1]!]!];
        const most = tidy(before + issued);
        if (repealed <= most + TOLERANCE) return PASS;
        return fail<"repealBeyondStock">(cells, most, repealed, { lastYear: context.previous.year, before, issued });
      };
    },
  },
  previousReport: {
    reads: () => [],
    inputs: ["previous", "meta"],
    compile: (r) => (context) => {
      const previous = context.previous;
      if (previous === null) return NOT_APPLICABLE;
      if (r.check === "year") {
        if (previous.year === null || context.meta.year === null) return NOT_APPLICABLE;
        if (previous.year === context.meta.year - 1) return PASS;
        return fail<"comparedYear">([], context.meta.year - 1, previous.year, { compared: previous.year, current: context.meta.year });
      }
      const compared = previous.agencyName ?? null;
      const current = context.meta.agencyName;
      if (compared === null || current === null) return NOT_APPLICABLE;
      // The rule of the signature check (T-SIGN-AGENCY), both ways: either report may use the short name, and
      // either may be the government signed for by its office.
      if (sameAgency(compared, current) || sameAgency(current, compared)) return PASS;
      return fail<"comparedAgency">([], current, compared, { compared, current });
    },
  },
} satisfies Partial<Behaviours>;

export const RELATIONS: Behaviours = { ...TABLE_RELATIONS, ...TEXT_RELATIONS, ...PUBLISHED_RELATIONS };

function behaviourOf<R extends Relation>(relation: R): RelationBehaviour<R> {
  return RELATIONS[relation.kind] as unknown as RelationBehaviour<R>;
}

export function cellsRead(relation: Relation): readonly CellId[] {
  return behaviourOf(relation).reads(relation);
}

export function inputsOf(relation: Relation): readonly RuleInput[] {
  return behaviourOf(relation).inputs;
}

export function compileRelation(relation: Relation): Evaluator {
  return behaviourOf(relation).compile(relation);
}
