// Rules are data (house style rule 1): a serialisable record naming the cells it reads, the relation
// between them, a severity and a message key. The same record drives the live check, the formula written
// into the workbook and the CLI verdict.

import type { CellId } from "../format";

/** 强制: an identity that must hold. 提示: a plausibility warning the user may confirm with an explanation. */
export type Severity = "error" | "warning";

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: "强制", warning: "提示" };

export type Relation =
  /** total = Σ parts (总计 column, （七）总计 row, 表四 block totals). */
  | { readonly kind: "sum"; readonly total: CellId; readonly parts: readonly CellId[] }
  /** Σ left = Σ right (the stated 勾稽关系 of 表三). */
  | { readonly kind: "balance"; readonly left: readonly CellId[]; readonly right: readonly CellId[] }
  /** The cell holds a number, not text, a mark or a formula error. */
  | { readonly kind: "numericInput"; readonly cell: CellId }
  /** A number in the cell is ≥ 0, and an integer for count cells. */
  | { readonly kind: "nonNegative"; readonly cell: CellId; readonly integer: boolean }
  /** No cell is left blank (blank is "not yet filled", not zero). */
  | { readonly kind: "filled"; readonly cells: readonly CellId[] }
  /** Cells must be 0 for an agency without rule-making power (规章). */
  | { readonly kind: "zeroWithoutRuleMaking"; readonly cells: readonly CellId[] }
  /** A money amount carries at most `digits` decimals. */
  | { readonly kind: "maxDecimals"; readonly cell: CellId; readonly digits: number }
  /** A 万元 amount below the plausible maximum for the agency's level (else it was likely typed in 元). */
  | { readonly kind: "plausibleMagnitude"; readonly cell: CellId }
  /** If documents were issued this year, some must be in force at year end. */
  | { readonly kind: "validWhenIssued"; readonly issued: CellId; readonly valid: CellId };

export type RelationKind = Relation["kind"];

export type MessageKey =
  | "rowTotal"
  | "resultTotal"
  | "blockTotal"
  | "balance"
  | "numericInput"
  | "nonNegative"
  | "blank"
  | "regulationWithoutPower"
  | "feeDecimals"
  | "feeMagnitude"
  | "validWhenIssued"
  /** Structure: a label of the official table was edited, or its rows or columns were moved. */
  | "layoutLabel"
  /** Structure: a table of the format was not found in the workbook. */
  | "tableMissing"
  /** Metadata: a value on the 基本信息 sheet cannot be used. */
  | "metaInvalid"
  /** Report text (core/report/text-checks.ts). */
  | "narrativeNumber"
  | "narrativeNone"
  | "previousYear"
  | "placeholder"
  | "missingContent"
  | "wording"
  | "copied"
  /** Cross-year (core/rules/cross-year.ts). */
  | "crossCarry"
  | "crossStock";

export interface Rule {
  /** Instance ID, unique in the pack, e.g. `R-T3-BAL.natural`. */
  readonly id: string;
  /** Rule family of spec §2, e.g. `R-T3-BAL`. */
  readonly family: string;
  readonly severity: Severity;
  readonly relation: Relation;
  readonly message: MessageKey;
  /** What this instance is about, in the user's words, e.g. "自然人" (a column) or a row label. */
  readonly subject: string;
  /** Cells to mark when the rule fails (the total that disagrees); the in-workbook formatting uses them. */
  readonly marks: readonly CellId[];
}

export type RuleStatus = "pass" | "fail" | "incomplete" | "notApplicable";

export interface Outcome {
  readonly status: RuleStatus;
  /** The value the relation requires (e.g. the sum of the parts), when it has one. */
  readonly expected: number | string | null;
  /** The value found (e.g. the total as typed). */
  readonly actual: number | string | null;
  /** Extra figures for the message, e.g. the left and right sides of a balance. */
  readonly params?: Readonly<Record<string, number | string>>;
  /** The cells the issue is about, when narrower than the cells the rule reads (e.g. only the blank ones). */
  readonly cells?: readonly CellId[];
}

/** An issue is a value (house style rule 2): validation returns these, it never throws for bad data. */
export interface Issue {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly cells: readonly CellId[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  readonly message: MessageKey;
  readonly subject: string;
  readonly params: Readonly<Record<string, number | string>>;
}
