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
  | "booleanValue"
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

export type CellValues = ReadonlyMap<CellId, CellValue>;

export function numberOf(value: CellValue | undefined): number | null {
  return value?.kind === "number" ? value.value : null;
}

export function isFilled(value: CellValue | undefined): boolean {
  return value !== undefined && value.kind !== "blank";
}

/** The JSON form of a value in `check --json`: a number, null for blank, or the raw text as typed. */
export function toJsonValue(value: CellValue | undefined): number | string | null {
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
