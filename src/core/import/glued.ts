// Splits glued digit runs back into cells. Text copied from a web page (or some PDF extractors) drops every
// separator between cells: "一、本年新收政府信息公开申请数量1201000121" is seven cells printed as one number.
//
// A run is split only where the split is certain:
//   - by length: as many digits as cells, so every digit is a cell;
//   - by the identities: among all the ways to cut every run of a table (no leading zeros except a lone 0),
//     exactly one satisfies the table's identities (Σ coef·cell + constant = 0) together.
// The problem is solved exactly over the whole table: each run's cuts are first enumerated with the identities
// that lie within its own row (a row total is then forced, not guessed), then one choice per row is searched
// for with interval propagation over the identities that join rows. A row is read only when no other choice
// satisfies them. Work is counted in operations and capped; a row whose cut could not be decided within the
// cap is reported as such, never guessed.

import type { CellId } from "../format";

/** Σ coef × value(cell) + constant = 0. */
export interface Identity {
  readonly terms: readonly { readonly cell: CellId; readonly coef: number }[];
  readonly constant: number;
}

/** One value cell as found in the text: a number that stands for one cell, a mark, or a run of digits. */
export type Piece = { readonly kind: "cell"; readonly value: number | null } | { readonly kind: "digits"; readonly digits: string };

export interface RunRow {
  /** The row's cells in column order. */
  readonly cells: readonly CellId[];
  /** What the text holds for the row, in order; fewer pieces than cells. */
  readonly pieces: readonly Piece[];
}

export type RunOutcome =
  /** `values[i]` is null where the piece was a mark. `byIdentities` is false for a split by length. */
  | { readonly kind: "split"; readonly values: readonly (number | null)[]; readonly byIdentities: boolean }
  /** Fewer digits than cells. */
  | { readonly kind: "tooFewDigits" }
  /** Several cuts satisfy the identities. */
  | { readonly kind: "ambiguous" }
  /** No cut satisfies the identities (the report itself may be inconsistent). */
  | { readonly kind: "noFit" }
  /** Not decided within the work cap. */
  | { readonly kind: "tooMuchWork" };

export interface SolveResult {
  /** One outcome per run row, in order. */
  readonly outcomes: readonly RunOutcome[];
  /** Operations spent (each step of the enumeration and of the search counts one). */
  readonly operations: number;
}

/** Work cap of one table: enumeration and search together. */
export const DEFAULT_BUDGET = 400_000;
/** More cuts of one row than this are not searched. */
const MAX_CANDIDATES = 2_000;
/** A cell never has more digits than this (beyond it Number is no longer exact). */
const MAX_CELL_DIGITS = 15;

class Budget {
  spent = 0;
  constructor(private readonly limit: number) {}
  /** Counts one operation; false once the cap is reached. */
  step(): boolean {
    this.spent += 1;
    return this.spent <= this.limit;
  }
  get exhausted(): boolean {
    return this.spent > this.limit;
  }
}

function digitCount(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + (p.kind === "digits" ? p.digits.length : 0), 0);
}

/**
 * As many digits as cells decide the split when the row is one run, or when no run can be a figure of its own
 * ("00"). A row printed "0 0 0 0 0 10" has lost a cell somewhere: "10" may be one figure, so only the
 * identities can split it.
 */
function certainByLength(pieces: readonly Piece[]): boolean {
  return pieces.length === 1 || pieces.every((p) => p.kind === "cell" || p.digits.startsWith("0"));
}

function splitByLength(pieces: readonly Piece[]): (number | null)[] {
  return pieces.flatMap((p) => (p.kind === "cell" ? [p.value] : [...p.digits].map(Number)));
}

interface LocalCheck {
  readonly identity: Identity;
  /** Positions (within the row) and coefficients of the identity's terms other than the checked cell. */
  readonly others: readonly { readonly at: number; readonly coef: number }[];
  readonly coef: number;
}

/**
 * Every cut of one row that satisfies the identities lying within the row. Each such identity is checked at
 * its last cell, whose value it then forces. Null when the cap or the candidate limit is reached.
 */
function enumerateRow(row: RunRow, local: readonly Identity[], budget: Budget): (number | null)[][] | null {
  const n = row.cells.length;
  const position = new Map(row.cells.map((cell, i) => [cell, i]));
  const checks: LocalCheck[][] = Array.from({ length: n }, () => []);
  for (const identity of local) {
    let last = -1;
    for (const term of identity.terms) last = Math.max(last, position.get(term.cell) ?? -1);
    const own = identity.terms.filter((t) => position.get(t.cell) === last).reduce((s, t) => s + t.coef, 0);
    if (last < 0 || own === 0) continue;
    const others = identity.terms.filter((t) => position.get(t.cell) !== last).map((t) => ({ at: position.get(t.cell) ?? 0, coef: t.coef }));
    checks[last]?.push({ identity, others, coef: own });
  }
  const pieces = row.pieces;
  // cellsAfter[p]: fewest and most cells the pieces from p on can fill.
  const fewest = new Int32Array(pieces.length + 1);
  const most = new Int32Array(pieces.length + 1);
  for (let p = pieces.length - 1; p >= 0; p -= 1) {
    const piece = pieces[p];
    fewest[p] = (fewest[p + 1] ?? 0) + 1;
    most[p] = (most[p + 1] ?? 0) + (piece?.kind === "digits" ? piece.digits.length : 1);
  }
  const values: (number | null)[] = new Array<number | null>(n).fill(null);
  const found: (number | null)[][] = [];
  let aborted = false;

  /** The value the identities force on cell `j`, undefined when none applies, NaN when they cannot hold. */
  const forced = (j: number): number | undefined => {
    let value: number | undefined;
    for (const check of checks[j] ?? []) {
      let rest = check.identity.constant;
      let usable = true;
      for (const other of check.others) {
        const v = values[other.at];
        if (v === null || v === undefined) {
          usable = false;
          break;
        }
        rest += other.coef * v;
      }
      if (!usable) continue;
      const v = tidyValue(-rest / check.coef);
      if (value !== undefined && value !== v) return Number.NaN;
      value = v;
    }
    return value;
  };

  const visit = (j: number, p: number, offset: number): void => {
    if (aborted) return;
    if (!budget.step() || found.length > MAX_CANDIDATES) {
      aborted = true;
      return;
    }
    if (j === n) {
      if (p === pieces.length) found.push([...values]);
      return;
    }
    const piece = pieces[p];
    if (piece === undefined) return;
    const target = forced(j);
    if (target !== undefined && !(Number.isFinite(target) && target >= 0)) return;
    if (piece.kind === "cell") {
      if (target !== undefined && piece.value !== null && piece.value !== target) return;
      values[j] = piece.value;
      visit(j + 1, p + 1, 0);
      return;
    }
    const digits = piece.digits;
    const left = n - j - 1;
    const tryLength = (length: number): void => {
      const end = offset + length;
      const next = end === digits.length ? p + 1 : p;
      // The remaining cells must fit the remaining digits and pieces.
      const restMost = (next === p ? digits.length - end : 0) + (most[p + 1] ?? 0);
      const restFewest = next === p ? 1 + (fewest[p + 1] ?? 0) : (fewest[p + 1] ?? 0);
      if (left < restFewest || left > restMost) return;
      values[j] = Number(digits.slice(offset, end));
      visit(j + 1, next, next === p ? end : 0);
    };
    if (target !== undefined) {
      if (!Number.isInteger(target)) return;
      const text = String(target);
      if (digits.startsWith(text, offset)) tryLength(text.length);
      return;
    }
    const longest = Math.min(MAX_CELL_DIGITS, digits.length - offset);
    if (digits.charAt(offset) === "0") {
      tryLength(1);
      return;
    }
    for (let length = 1; length <= longest && !aborted; length += 1) tryLength(length);
  };
  visit(0, 0, 0);
  return aborted ? null : found;
}

/** Removes binary noise from sums of decimals so that a forced integer compares equal. */
function tidyValue(value: number): number {
  return Number.isInteger(value) ? value : Number.parseFloat(value.toPrecision(12));
}

// ---------------------------------------------------------------------------------------------------------
// The search across rows.

interface Variable {
  /** Index into the run rows. */
  readonly run: number;
  readonly candidates: readonly (readonly (number | null)[])[];
}

interface Link {
  readonly constant: number;
  /** Per variable in the link: its contribution under each candidate. */
  readonly parts: readonly { readonly variable: number; readonly contribution: Float64Array; readonly min: number; readonly max: number }[];
}

const EPSILON = 1e-6;

class Search {
  private readonly linksOf: number[][];
  private readonly choice: Int32Array;

  constructor(
    private readonly variables: readonly Variable[],
    private readonly links: readonly Link[],
    private readonly budget: Budget,
  ) {
    this.linksOf = variables.map(() => []);
    links.forEach((link, index) => {
      for (const part of link.parts) this.linksOf[part.variable]?.push(index);
    });
    this.choice = new Int32Array(variables.length).fill(-1);
  }

  /** Whether every link can still hold given the choices made so far. */
  private feasible(link: Link): boolean {
    let low = link.constant;
    let high = link.constant;
    for (const part of link.parts) {
      const chosen = this.choice[part.variable] ?? -1;
      if (chosen >= 0) {
        const v = part.contribution[chosen] ?? 0;
        low += v;
        high += v;
      } else {
        low += part.min;
        high += part.max;
      }
    }
    return low <= EPSILON && high >= -EPSILON;
  }

  /**
   * A choice of one candidate per variable satisfying every link, with `excluded[v]` (if not -1) not chosen
   * for variable v; null when there is none, undefined when the cap was reached.
   */
  solve(excluded: { variable: number; candidate: number } | null): Int32Array | null | undefined {
    this.choice.fill(-1);
    const order = this.variables.map((_, i) => i).sort((a, b) => (this.variables[a]?.candidates.length ?? 0) - (this.variables[b]?.candidates.length ?? 0));
    const go = (depth: number): boolean | undefined => {
      if (depth === order.length) return true;
      const v = order[depth] ?? 0;
      const count = this.variables[v]?.candidates.length ?? 0;
      for (let c = 0; c < count; c += 1) {
        if (excluded !== null && excluded.variable === v && excluded.candidate === c) continue;
        if (!this.budget.step()) return undefined;
        this.choice[v] = c;
        let ok = true;
        for (const link of this.linksOf[v] ?? []) {
          const l = this.links[link];
          if (l !== undefined && !this.feasible(l)) {
            ok = false;
            break;
          }
        }
        if (ok) {
          const result = go(depth + 1);
          if (result !== false) return result;
        }
      }
      this.choice[v] = -1;
      return false;
    };
    const result = go(0);
    if (result === undefined) return undefined;
    return result ? Int32Array.from(this.choice) : null;
  }
}

/** Splits the runs of one table; see the module comment. */
export function solveRuns(runs: readonly RunRow[], known: ReadonlyMap<CellId, number>, identities: readonly Identity[], limit = DEFAULT_BUDGET): SolveResult {
  const budget = new Budget(limit);
  const outcomes: RunOutcome[] = runs.map(() => ({ kind: "tooMuchWork" }));
  const rowOf = new Map<CellId, number>();
  runs.forEach((run, index) => {
    for (const cell of run.cells) rowOf.set(cell, index);
  });
  const variables: Variable[] = [];
  const value = new Map(known);

  // Rows split by length, and the cuts of the others under their own identities.
  const pending: number[] = [];
  runs.forEach((run, index) => {
    const digits = digitCount(run.pieces);
    const cellPieces = run.pieces.length - run.pieces.filter((p) => p.kind === "digits").length;
    if (digits + cellPieces < run.cells.length) {
      outcomes[index] = { kind: "tooFewDigits" };
    } else if (digits + cellPieces === run.cells.length && certainByLength(run.pieces)) {
      const values = splitByLength(run.pieces);
      outcomes[index] = { kind: "split", values, byIdentities: false };
      run.cells.forEach((cell, i) => {
        const v = values[i];
        if (v !== null && v !== undefined) value.set(cell, v);
      });
    } else {
      pending.push(index);
    }
  });
  for (const index of pending) {
    const run = runs[index];
    if (run === undefined) continue;
    const own = new Set(run.cells);
    const local = identities.filter((identity) => identity.terms.length > 0 && identity.terms.every((t) => own.has(t.cell)));
    const candidates = enumerateRow(run, local, budget);
    if (candidates === null) continue; // tooMuchWork
    if (candidates.length === 0) {
      outcomes[index] = { kind: "noFit" };
    } else if (candidates.length === 1 && candidates[0] !== undefined) {
      const values = candidates[0];
      outcomes[index] = { kind: "split", values, byIdentities: true };
      run.cells.forEach((cell, i) => {
        const v = values[i];
        if (v !== null && v !== undefined) value.set(cell, v);
      });
    } else {
      variables.push({ run: index, candidates });
    }
  }
  if (variables.length === 0) return { outcomes, operations: budget.spent };

  // Identities joining rows: usable when every cell is known or belongs to a row still to be chosen.
  const variableOf = new Map(variables.map((v, i) => [v.run, i]));
  const links: Link[] = [];
  for (const identity of identities) {
    let constant = identity.constant;
    const byVariable = new Map<number, { coef: number; at: number }[]>();
    let usable = true;
    for (const term of identity.terms) {
      const run = rowOf.get(term.cell);
      const variable = run === undefined ? undefined : variableOf.get(run);
      if (variable !== undefined && run !== undefined) {
        const at = runs[run]?.cells.indexOf(term.cell) ?? -1;
        const list = byVariable.get(variable) ?? [];
        list.push({ coef: term.coef, at });
        byVariable.set(variable, list);
        continue;
      }
      const v = value.get(term.cell);
      if (v === undefined) {
        usable = false;
        break;
      }
      constant += term.coef * v;
    }
    if (!usable || byVariable.size === 0) continue;
    const parts: Link["parts"][number][] = [];
    for (const [variable, terms] of byVariable) {
      const candidates = variables[variable]?.candidates ?? [];
      const contribution = new Float64Array(candidates.length);
      let complete = true;
      candidates.forEach((candidate, c) => {
        let sum = 0;
        for (const term of terms) {
          const v = candidate[term.at];
          if (v === null || v === undefined) complete = false;
          else sum += term.coef * v;
        }
        contribution[c] = sum;
      });
      if (!complete) {
        usable = false;
        break;
      }
      parts.push({ variable, contribution, min: Math.min(...contribution), max: Math.max(...contribution) });
    }
    if (usable) links.push({ constant, parts });
  }

  const search = new Search(variables, links, budget);
  const first = search.solve(null);
  if (first === undefined) return { outcomes, operations: budget.spent };
  if (first === null) {
    for (const v of variables) outcomes[v.run] = { kind: "noFit" };
    return { outcomes, operations: budget.spent };
  }
  // A row is decided when no solution chooses another cut for it.
  const ambiguous = new Uint8Array(variables.length);
  const unsure = new Uint8Array(variables.length);
  for (let v = 0; v < variables.length; v += 1) {
    if (ambiguous[v] === 1) continue;
    if ((variables[v]?.candidates.length ?? 0) < 2) continue;
    const other = budget.exhausted ? undefined : search.solve({ variable: v, candidate: first[v] ?? 0 });
    if (other === undefined) {
      unsure[v] = 1;
      continue;
    }
    if (other === null) continue;
    for (let w = 0; w < variables.length; w += 1) if (other[w] !== first[w]) ambiguous[w] = 1;
  }
  variables.forEach((variable, v) => {
    const candidate = variable.candidates[first[v] ?? 0];
    if (ambiguous[v] === 1) outcomes[variable.run] = { kind: "ambiguous" };
    else if (unsure[v] === 1 || candidate === undefined) outcomes[variable.run] = { kind: "tooMuchWork" };
    else outcomes[variable.run] = { kind: "split", values: candidate, byIdentities: true };
  });
  return { outcomes, operations: budget.spent };
}
