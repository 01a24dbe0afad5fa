// Rules are data (house style rule 1): a serialisable record naming the cells it reads, the relation
// between them, a severity and a message key. The same record drives the live check, the formula written
// into the workbook and the CLI verdict. Table rules, cross-year rules and text rules are all records of
// this one shape; they differ only in their relation kind.

import type { AgencyLevel, CellId, TableId, TextSection } from "../format";
import type { InputProblemCode } from "../values";

/** 强制: an identity that must hold. 提示: a plausibility warning the user may confirm with an explanation. */
export type Severity = "error" | "warning";

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: "强制", warning: "提示" };

/** Table quantities that report text names (P-NARR, P-NARR-NONE); their names are in the locale. */
export type TextQuantity =
  | "new"
  | "carryOver"
  | "concluded"
  | "granted"
  | "partial"
  | "withheld"
  | "unavailable"
  | "notProcessed"
  | "carryForward"
  | "license"
  | "penalty"
  | "coercion"
  | "normativeIssued"
  | "normativeRepealed"
  | "normativeValid"
  | "regulationValid"
  | "review"
  | "litigation";

/** What a report lacks (T-MISSING); the wording is in the locale. */
export type MissingContent = "content" | "feeStatement" | "governmentOversight" | "governmentOther";

/** What a paragraph of the user's text restates from the generated sentences (T-REPEAT); the wording is in the locale. */
export type RepeatedTopic = "opening" | "activeFigures" | "applications" | "reviewLitigation" | "processingFee";

/** The two texts compared with last year's report (T-COPY). */
export type CopiedPart = "one" | "five";

export type Relation =
  /** total = Σ parts (总计 column, （七）总计 row, 表四 block totals). */
  | { readonly kind: "sum"; readonly total: CellId; readonly parts: readonly CellId[] }
  /** 一 + 二 = 三（七）总计 + 四 (the stated 勾稽关系 of 表三). */
  | { readonly kind: "balance"; readonly received: CellId; readonly carriedOver: CellId; readonly concluded: CellId; readonly carriedForward: CellId }
  /** The cell holds a number, not text, a mark or a formula error. */
  | { readonly kind: "numericInput"; readonly cell: CellId }
  /** The cell's number is the cached result of a formula the user wrote (S-FORMULA): said, so a reviewer knows. */
  | { readonly kind: "formulaResult"; readonly cell: CellId }
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
  | { readonly kind: "validWhenIssued"; readonly issued: CellId; readonly valid: CellId }
  /** Cross-year: this year's 上年结转 equals last year's 结转下年度继续办理 (per column). */
  | { readonly kind: "carriedFromLastYear"; readonly carryOver: CellId; readonly lastCarryForward: CellId }
  /** Cross-year: 现行有效 = last year's 现行有效 + 制发 − 废止. */
  | { readonly kind: "stockFromLastYear"; readonly valid: CellId; readonly issued: CellId; readonly repealed: CellId }
  /** Text: numbers in the user's text that name a table quantity agree with the table. */
  | { readonly kind: "textNumbers"; readonly cells: readonly CellId[] }
  /** Text: statements that there was none agree with the table. */
  | { readonly kind: "textNone"; readonly cells: readonly CellId[] }
  /** Text: last year's year is not used as this year's. */
  | { readonly kind: "textYear" }
  /** Text: no placeholder (XX, 【…】, 待补充, an unknown {cell}) is left. */
  | { readonly kind: "textPlaceholder" }
  /** Text: no wording that flips the meaning (为收取 for 未收取). */
  | { readonly kind: "textWording" }
  /** Text: a required part is written. */
  | { readonly kind: "textPresent"; readonly section: TextSection; readonly what: MissingContent; readonly pattern: string | null; readonly governmentOnly: boolean }
  /** Text: most of a part is not repeated from last year's report. */
  | { readonly kind: "textCopied"; readonly part: CopiedPart }
  /** Cross-year: no more repealed than were in force at the start of the year plus those issued in it. */
  | { readonly kind: "repealedWithinStock"; readonly repealed: CellId; readonly issued: CellId; readonly valid: CellId }
  /** Text: 六 reports at least as many 收费通知 as 表三 counts applications dropped for fees not paid. */
  | { readonly kind: "textFeeNotices"; readonly cell: CellId }
  /** Text: a 表三 of zeros beside a text that gives numbers of applications. */
  | { readonly kind: "textEmptyTable"; readonly cells: readonly CellId[] }
  /** Text: the date under the signature falls after the report year and by the statutory deadline. */
  | { readonly kind: "textSignedDate" }
  /** Text: the year the opening names is the report's year. */
  | { readonly kind: "textOpeningYear" }
  /** Text: the agency under the signature is the agency of the title. */
  | { readonly kind: "textSignedAgency" }
  /** Cross-year: the report given as last year's is of the year before this one, and of this agency. */
  | { readonly kind: "previousReport"; readonly check: "year" | "agency" }
  /** Text: the user's text does not restate what the sentences generated from the tables already say. */
  | { readonly kind: "textRepeated" };

export type RelationKind = Relation["kind"];

/** The figures of each message, typed per message key (house style: issues are values, messages come late). */
export interface MessageParams {
  readonly rowTotal: { readonly difference: number };
  readonly resultTotal: { readonly difference: number };
  readonly blockTotal: { readonly difference: number };
  readonly balance: { readonly received: number; readonly carriedOver: number; readonly concluded: number; readonly carriedForward: number; readonly difference: number };
  readonly numericInput: { readonly problems: readonly InputProblemCode[]; readonly unit: string | null };
  readonly nonNegative: { readonly problem: "negative" | "decimalInCount" };
  /** The formula as written ("=1+1"); `actual` is its cached result. */
  readonly formulaResult: { readonly formula: string };
  readonly blank: { readonly blanks: number; readonly table: TableId };
  readonly regulationWithoutPower: { readonly level: AgencyLevel };
  readonly feeDecimals: { readonly digits: number };
  readonly feeMagnitude: { readonly max: number; readonly level: AgencyLevel | null };
  readonly validWhenIssued: { readonly issued: number };
  /** Structure: a label of the official table was edited, or its rows or columns were moved. */
  readonly layoutLabel: { readonly address: string };
  /** Structure: a table of the format was not found in the workbook. */
  readonly tableMissing: { readonly table: TableId };
  /** Metadata: a value on the 基本信息 sheet cannot be used. */
  readonly metaInvalid: { readonly field: "year" | "level"; readonly address: string };
  /** Structure: one text holds several reports (pasted one after the other); their titles as printed. */
  readonly severalReports: { readonly count: number; readonly titles: readonly string[]; readonly sameTitle: boolean; readonly differing: readonly string[] };
  readonly narrativeNumber: { readonly section: TextSection; readonly quantity: TextQuantity; readonly excerpt: string };
  readonly narrativeNone: { readonly section: TextSection; readonly quantity: TextQuantity; readonly excerpt: string };
  readonly previousYear: { readonly section: TextSection; readonly previous: number; readonly current: number; readonly excerpt: string };
  readonly placeholder: { readonly section: TextSection; readonly placeholder: string; readonly count: number };
  readonly missingContent: { readonly section: TextSection; readonly what: MissingContent };
  readonly wording: { readonly section: TextSection; readonly found: string; readonly meant: string; readonly excerpt: string };
  readonly copied: { readonly part: CopiedPart; readonly share: number };
  readonly repealBeyondStock: { readonly lastYear: number | null; readonly before: number; readonly issued: number };
  /** 六 states `stated` notices (0 when it states none or says nothing of them); `excerpt` is what it says. */
  readonly feeNotices: { readonly excerpt: string | null };
  readonly emptyTable: { readonly section: TextSection; readonly excerpt: string };
  /** The date under the signature: within the report year, or after the deadline (by the agency's kind). */
  readonly signedDate: {
    readonly problem: "inYear" | "late";
    readonly date: string;
    readonly deadline: string;
    readonly government: boolean;
    readonly section: TextSection;
    readonly excerpt: string;
  };
  readonly openingYear: { readonly section: TextSection; readonly excerpt: string; readonly stated: number; readonly year: number };
  readonly signedAgency: { readonly section: TextSection; readonly excerpt: string; readonly signed: string; readonly agency: string };
  readonly crossCarry: { readonly lastYear: number | null };
  /** The report given as last year's is of `compared`, this one of `current` (the year it should be: current − 1). */
  readonly comparedYear: { readonly compared: number; readonly current: number };
  /** The report given as last year's names another agency. */
  readonly comparedAgency: { readonly compared: string; readonly current: string };
  /** A paragraph the user wrote states what a generated sentence of the same part already says. */
  readonly repeatsGenerated: { readonly section: TextSection; readonly topic: RepeatedTopic; readonly excerpt: string };
  readonly crossStock: { readonly lastYear: number | null; readonly before: number; readonly issued: number; readonly repealed: number };
}

export type MessageKey = keyof MessageParams;

/** Where a rule's evidence lies; front ends group and mark issues by it, never by the rule's name. */
export type RuleScope =
  /** One input cell (R-INPUT, R-NONNEG): the workbook checks it per cell on the hidden 单元格校验 sheet. */
  | "cell"
  /** Figures of the tables. */
  | "table"
  /** Figures of this year against last year's report. */
  | "crossYear"
  /** The report text. */
  | "text"
  /** How the workbook was read (labels, tables found, metadata). */
  | "structure";

export interface Rule {
  /** Instance ID, unique in the pack, e.g. `R-T3-BAL.natural`. */
  readonly id: string;
  /** Rule family of spec §2, e.g. `R-T3-BAL`. */
  readonly family: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  readonly relation: Relation;
  readonly message: MessageKey;
  /** What this instance is about, in the user's words, e.g. "自然人" (a column) or a row label. */
  readonly subject: string;
  /** Cells to mark when the rule fails (the total that disagrees); the in-workbook formatting uses them. */
  readonly marks: readonly CellId[];
}

export type RuleStatus = "pass" | "fail" | "incomplete" | "notApplicable";

/** One failing instance of a rule: a rule over text may fail at several places, each its own issue. */
export interface Finding {
  /** Appended to the rule's ID to name the instance, e.g. `n1.onRequest.0.12`; "" for the rule itself. */
  readonly key: string;
  readonly cells: readonly CellId[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  readonly params: MessageParams[MessageKey];
}

export interface Outcome {
  readonly status: RuleStatus;
  /** The failing instances (status "fail" only); a rule over cells has exactly one. */
  readonly findings: readonly Finding[];
}

interface IssueBase {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly scope: RuleScope;
  readonly cells: readonly CellId[];
  readonly expected: number | string | null;
  readonly actual: number | string | null;
  readonly subject: string;
}

/** An issue is a value (house style rule 2): validation returns these, it never throws for bad data. */
export type Issue = { readonly [K in MessageKey]: IssueBase & { readonly message: K; readonly params: MessageParams[K] } }[MessageKey];

/** Builds an issue with the parameters its message key requires. */
export function createIssue<K extends MessageKey>(base: IssueBase & { readonly message: K; readonly params: MessageParams[K] }): Issue {
  return base as unknown as Issue;
}
