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
  /** Only the row's own identities fit one cut; none joining it to other rows could confirm it. */
  | { readonly kind: "unconfirmed" }
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
/** Sums of counts are exact; the tolerance only absorbs binary noise in decimals. */
const EPSILON = 1e-6;

class Budget {
  spent = 0;
  constructor(private readonly limit: number) {}
  /** Counts one operation; false once the cap is reached. */
  step(): boolean {
    if (this.spent > this.limit) return false;
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

interface LocalIdentity {
  readonly constant: number;
  /** Positions (within the row) and coefficients of the identity's terms. */
  readonly terms: readonly { readonly at: number; readonly coef: number }[];
  /** The term cut last (the lowest position, as cuts go from the right): its value is forced. */
  readonly last: number;
  readonly lastCoef: number;
}

/**
 * Every cut of one row that satisfies the identities lying within the row. Cells are cut from the right, so
 * that a row total (printed last) is known first and bounds the cells before it; each identity forces the
 * value of the cell it is completed at and prunes by the interval its open terms can still reach. Null when
 * the cap or the candidate limit is reached.
 */
function enumerateRow(row: RunRow, local: readonly Identity[], budget: Budget): (number | null)[][] | null {
  const n = row.cells.length;
  const position = new Map(row.cells.map((cell, i) => [cell, i]));
  const identities: LocalIdentity[] = [];
  for (const identity of local) {
    const terms = identity.terms.map((t) => ({ at: position.get(t.cell) ?? 0, coef: t.coef }));
    const last = Math.min(...terms.map((t) => t.at));
    const lastCoef = terms.filter((t) => t.at === last).reduce((sum, t) => sum + t.coef, 0);
    if (lastCoef !== 0) identities.push({ constant: identity.constant, terms: terms.filter((t) => t.at !== last), last, lastCoef });
  }
  const touching: LocalIdentity[][] = Array.from({ length: n }, () => []);
  for (const identity of identities) for (let at = identity.last; at < n; at += 1) touching[at]?.push(identity);
  const completedAt: LocalIdentity[][] = Array.from({ length: n }, () => []);
  for (const identity of identities) completedAt[identity.last]?.push(identity);

  const pieces = row.pieces;
  const values: (number | null)[] = new Array<number | null>(n).fill(null);
  const assigned = new Uint8Array(n);
  const found: (number | null)[][] = [];
  let aborted = false;

  /** The value the identities completed at cell `j` force on it; undefined if none applies, NaN if they conflict. */
  const forced = (j: number): number | undefined => {
    let value: number | undefined;
    for (const identity of completedAt[j] ?? []) {
      let rest = identity.constant;
      let usable = true;
      for (const term of identity.terms) {
        const v = values[term.at];
        if (v === null || v === undefined) {
          usable = false;
          break;
        }
        rest += term.coef * v;
      }
      if (!usable) continue;
      const v = tidyValue(-rest / identity.lastCoef);
      if (value !== undefined && value !== v) return Number.NaN;
      value = v;
    }
    return value;
  };

  /**
   * Whether each identity that cell `j` just joined can still hold: the open cells (all before `j`) are at
   * least 0 and at most `largest` each.
   */
  const reachable = (j: number, largest: number): boolean => {
    for (const identity of touching[j] ?? []) {
      if (identity.last === j) continue;
      let low = identity.constant;
      let high = identity.constant;
      let complete = true;
      const add = (coef: number, at: number): void => {
        const v = values[at];
        if (assigned[at] === 1) {
          if (v === null || v === undefined) complete = false;
          else {
            low += coef * v;
            high += coef * v;
          }
        } else if (coef > 0) high += coef * largest;
        else low += coef * largest;
      };
      for (const term of identity.terms) add(term.coef, term.at);
      add(identity.lastCoef, identity.last);
      if (complete && (low > EPSILON || high < -EPSILON)) return false;
    }
    return true;
  };

  // Cut from the right: cell j takes the digits of piece p that end at `end`.
  const visit = (j: number, p: number, end: number): void => {
    if (aborted) return;
    if (!budget.step() || found.length > MAX_CANDIDATES) {
      aborted = true;
      return;
    }
    if (j < 0) {
      if (p < 0) found.push([...values]);
      return;
    }
    const piece = pieces[p];
    if (piece === undefined) return;
    const target = forced(j);
    if (target !== undefined && !(Number.isFinite(target) && target >= 0)) return;
    // Digits still to the left of cell j's own digits, and the cells that must share them.
    const leftPieces = (at: number): { digits: number; cells: number } => {
      let digits = 0;
      for (let q = 0; q < at; q += 1) {
        const other = pieces[q];
        digits += other?.kind === "digits" ? other.digits.length : 1;
      }
      return { digits, cells: at };
    };
    const commit = (value: number | null, nextP: number, nextEnd: number, remainingDigits: number): void => {
      values[j] = value;
      assigned[j] = 1;
      // The largest value one open cell can still take: all remaining digits but one per other open cell.
      const largest = j === 0 ? 0 : 10 ** Math.max(0, Math.min(MAX_CELL_DIGITS, remainingDigits - (j - 1))) - 1;
      if (reachable(j, largest)) visit(j - 1, nextP, nextEnd);
      assigned[j] = 0;
      values[j] = null;
    };
    if (piece.kind === "cell") {
      if (target !== undefined && piece.value !== null && piece.value !== target) return;
      const before = leftPieces(p);
      if (before.cells > j || before.digits < j) return;
      commit(piece.value, p - 1, -1, before.digits);
      return;
    }
    const digits = piece.digits;
    const before = leftPieces(p);
    const tryLength = (length: number): void => {
      const start = end - length;
      if (start < 0) return;
      if (length > 1 && digits.charAt(start) === "0") return;
      const nextP = start === 0 ? p - 1 : p;
      // The cells to the left must fit the digits to the left: at least one digit, at most one cell each.
      const restDigits = start + before.digits;
      const restPieces = before.cells + (start > 0 ? 1 : 0);
      if (j < restPieces || j > restDigits) return;
      const nextEnd = start === 0 ? (pieces[p - 1]?.kind === "digits" ? (pieces[p - 1] as { digits: string }).digits.length : -1) : start;
      commit(Number(digits.slice(start, end)), nextP, nextEnd, restDigits);
    };
    if (target !== undefined) {
      if (!Number.isInteger(target)) return;
      const text = String(target);
      if (text.length <= end && digits.slice(end - text.length, end) === text) tryLength(text.length);
      return;
    }
    const longest = Math.min(MAX_CELL_DIGITS, end);
    for (let length = 1; length <= longest && !aborted; length += 1) tryLength(length);
  };
  const lastPiece = pieces[pieces.length - 1];
  visit(n - 1, pieces.length - 1, lastPiece?.kind === "digits" ? lastPiece.digits.length : -1);
  return aborted ? null : found.map((cut) => [...cut]);
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
  /** One cut, decided by the digits alone (no leading zeros), without any identity. */
  readonly byDigits: boolean;
  /** The row takes part in identities that join it to other rows. */
  readonly joined: boolean;
}

interface Link {
  readonly constant: number;
  /** Per variable in the link: its contribution under each candidate. */
  readonly parts: readonly { readonly variable: number; readonly contribution: Float64Array; readonly min: number; readonly max: number }[];
}

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
  const isLocal = (identity: Identity): boolean => {
    const first = identity.terms[0];
    const run = first === undefined ? undefined : rowOf.get(first.cell);
    return run !== undefined && identity.terms.every((t) => rowOf.get(t.cell) === run);
  };
  for (const index of pending) {
    const run = runs[index];
    if (run === undefined) continue;
    const own = new Set(run.cells);
    const local = identities.filter((identity) => identity.terms.length > 0 && identity.terms.every((t) => own.has(t.cell)));
    const candidates = enumerateRow(run, local, budget);
    if (candidates === null) continue; // tooMuchWork
    if (candidates.length === 0) {
      outcomes[index] = { kind: "noFit" };
      continue;
    }
    const byDigits = candidates.length === 1 && local.length === 0;
    const joined = identities.some((identity) => !isLocal(identity) && identity.terms.some((t) => own.has(t.cell)));
    variables.push({ run: index, candidates, byDigits, joined });
  }
  if (variables.length === 0) return { outcomes, operations: budget.spent };

  // Identities joining rows: usable when every cell is known or belongs to a row still to be chosen.
  const variableOf = new Map(variables.map((v, i) => [v.run, i]));
  const links: Link[] = [];
  for (const identity of identities) {
    if (isLocal(identity)) continue;
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
  const linked = new Uint8Array(variables.length);
  for (const link of links) for (const part of link.parts) linked[part.variable] = 1;

  const search = new Search(variables, links, budget);
  const first = search.solve(null);
  if (first === undefined) return { outcomes, operations: budget.spent };
  if (first === null) {
    // No cut of all the runs together satisfies the identities: only what the digits alone decide is read.
    variables.forEach((v) => {
      const only = v.candidates[0];
      outcomes[v.run] = v.byDigits && only !== undefined ? { kind: "split", values: only, byIdentities: false } : { kind: "noFit" };
    });
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
    else if (variable.byDigits) outcomes[variable.run] = { kind: "split", values: candidate, byIdentities: false };
    // A row that takes part in identities across rows is read only when one of them confirmed its cut: its
    // own total alone would also "confirm" a cut of a row printed with a wrong total.
    else if (variable.joined && linked[v] !== 1) outcomes[variable.run] = { kind: "unconfirmed" };
    else outcomes[variable.run] = { kind: "split", values: candidate, byIdentities: true };
  });
  return { outcomes, operations: budget.spent };
}
