// A1 references as spreadsheets write them (ECMA-376 Part 1, §18.17 formulas: cell and area references, sheet
// names quoted with '…' and '' for a quote): the one parser of addresses, used by the workbook readers, the
// Office host and the messages that compress addresses into ranges.

import { columnLetters } from "./layout";

export interface A1Reference {
  /** The sheet named in the reference, or the default sheet given. */
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

/** Column number of letters: A → 1, J → 10, AA → 27. */
export function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

const REFERENCE = /^(?:(?:'((?:[^']|''){1,64})'|([^'!]{1,64}))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

/** Parses "='表三'!$A$1:$J$28", "表三!D4" or "D4:J10" (with a default sheet); null for anything else. */
export function parseA1(reference: string, defaultSheet = ""): A1Reference | null {
  const match = REFERENCE.exec(reference.replace(/^=/, ""));
  if (!match || match[3] === undefined || match[4] === undefined) return null;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? defaultSheet);
  const row = Number(match[4]);
  const col = columnNumber(match[3]);
  const lastRow = match[6] !== undefined ? Number(match[6]) : row;
  const lastCol = match[5] !== undefined ? columnNumber(match[5]) : col;
  return { sheet, row: Math.min(row, lastRow), col: Math.min(col, lastCol), lastRow: Math.max(row, lastRow), lastCol: Math.max(col, lastCol) };
}

/** "D4" for row 4, column 4. */
export function a1Address(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}
