// Typed cell values: raw host input is turned into these once, at the boundary (see parse-cell.ts).
// Blank is not zero: a blank cell is "not yet filled"; an explicit 0 is zero; anything that is not a
// number (text, "/", "—", formula errors) is kept verbatim as text and reported, never coerced.

import type { CellId } from "../format";

/** What a host hands over for one cell: its displayed content, or the cached result of its formula. */
export type RawCell = null | string | number | boolean | { readonly error: string };

export type CellValue =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly raw: string }
  | { readonly kind: "error"; readonly code: string };

/** Problem codes of a single cell's input; each has its own message in the locale table. */
export type InputProblemCode =
  | "surroundingSpaces"
  | "onlySpaces"
  | "fullWidthDigits"
  | "thousandsSeparator"
  | "unitInCell"
  | "scientificText"
  | "chineseNumeral"
  | "notApplicableMark"
  | "numberAsText"
  | "negative"
  | "decimalInCount"
  | "formulaError"
  | "formulaWithoutValue"
  | "booleanValue"
  /** A date (or a time) where a count or an amount belongs: a cell formatted as a date, or a date typed as text. */
  | "dateValue"
  | "text";

export interface InputProblem {
  readonly code: InputProblemCode;
  /** Extra detail for the message, e.g. the unit typed into the cell. */
  readonly detail?: string;
}

export interface TypedCell {
  readonly value: CellValue;
  readonly problems: readonly InputProblem[];
  /**
   * The number the input most likely meant, for the message only ("请改为 8"). It is never used in place of
   * the input: the user's cell stays as typed until the user changes it.
   */
  readonly suggestion: number | null;
}

export const BLANK: CellValue = { kind: "blank" };

/**
 * Input cells whose content is the cached result of a formula, with the formula as written ("=1+1"). Readers
 * hand this over beside the raw values (the value itself stays the result): a figure that is computed is worth
 * a reviewer's look, and a cell whose formula kept no result is already text ("=SUM(D4:I4)").
 */
export type CellFormulas = ReadonlyMap<CellId, string>;

export const BLANK_CELL: TypedCell = { value: BLANK, problems: [], suggestion: null };

export type CellValues = ReadonlyMap<CellId, CellValue>;

export function numberOf(value: CellValue | undefined): number | null {
  return value?.kind === "number" ? value.value : null;
}

export function isFilled(value: CellValue | undefined): boolean {
  return value !== undefined && value.kind !== "blank";
}

/** A value in the public JSON (`values` of check/import/audit --json): a number, null, or the raw text. */
export type JsonCellValue = number | string | null;

/** The JSON form of a value: a number, null for blank, the raw text as typed, or the error value ("#REF!"). */
export function valueAsJson(value: CellValue | undefined): JsonCellValue {
  if (value === undefined) return null;
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

/** Σ of the cells' numbers, or null as soon as one of them is not a number (blank, text, error). */
export function sumOrNull(ids: Iterable<CellId>, valueOf: (id: CellId) => CellValue | undefined): number | null {
  let total = 0;
  for (const id of ids) {
    const value = valueOf(id);
    if (value?.kind !== "number") return null;
    total += value.value;
  }
  return total;
}

/** Raw values of a report by cell ID, as a Map or a plain record (e.g. parsed JSON). */
export type RawCells = ReadonlyMap<CellId, RawCell> | Readonly<Record<CellId, RawCell>>;

export function rawEntries(cells: RawCells): [CellId, RawCell][] {
  if (cells instanceof Map) return [...(cells as ReadonlyMap<CellId, RawCell>).entries()];
  return Object.entries(cells as Readonly<Record<CellId, RawCell>>);
}

export function rawGetter(cells: RawCells): (id: CellId) => RawCell | undefined {
  if (cells instanceof Map) {
    const map = cells as ReadonlyMap<CellId, RawCell>;
    return (id) => map.get(id);
  }
  const record = cells as Readonly<Record<CellId, RawCell>>;
  return (id) => record[id];
}
