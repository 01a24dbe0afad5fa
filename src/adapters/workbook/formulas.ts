// In-workbook checks drawn from the same rule records as the engine: for each relation kind, the formulas
// of its row on the 校验 sheet (应为 / 实为 / 差额 / 结果) and the condition that marks a failing cell in
// conditional formatting. Verdict strings match the engine's statuses one to one:
//   pass → 通过, fail → 不通过, incomplete → 未完成, notApplicable → 不适用.
// Formulas use only functions that Excel 2007+, WPS and LibreOffice share, and never depend on
// short-circuit evaluation except inside IF.

import type { AgencyLevel, CellId } from "../../core/format";
import { AGENCY_LEVELS, feePlausibleMaxWan, hasRuleMakingPower } from "../../core/format";
import type { Relation, RelationKind, RuleStatus } from "../../core/rules";
import type { Placements } from "./grid";
import { a1, formulaRefs, sheetCellOf } from "./grid";

export const VERDICT_TEXT: Readonly<Record<RuleStatus, string>> = {
  pass: "通过",
  fail: "不通过",
  incomplete: "未完成",
  notApplicable: "不适用",
};

/** Defined names of the metadata cells on the 基本信息 sheet, used by level-dependent rules. */
export const META_NAMES = { agency: "nb_agency", year: "nb_year", level: "nb_level" } as const;

/** Defined names of the workbook's own verdict and counts on 基本信息 (the tables' checks, as the engine counts). */
export const SUMMARY_NAMES = { verdict: "nb_verdict", errors: "nb_errors", warnings: "nb_warnings", filled: "nb_filled" } as const;

const EPS = "0.000001";

export interface RowFormulas {
  /** 应为 */
  readonly expected: string;
  /** 实为 */
  readonly actual: string;
  /** 差额 */
  readonly difference: string;
  /** 结果; may refer to the row's own 应为/实为/差额 cells through the given addresses. */
  readonly verdict: string;
}

export interface RowCells {
  readonly expected: string;
  readonly actual: string;
  readonly difference: string;
}

interface FormulaContext {
  readonly placements: Placements;
  /** Refs with the sheet prefix, for the 校验 sheet. */
  readonly refs: (ids: readonly CellId[]) => string;
  /** Refs without the sheet prefix, for conditional formatting on the table's own sheet. */
  readonly localRefs: (ids: readonly CellId[]) => string;
}

interface KindFormulas<R extends Relation> {
  /** Formulas of the rule's row on the 校验 sheet; null for per-cell kinds, which live on the cell sheet. */
  readonly row: ((relation: R, context: FormulaContext, cells: RowCells) => RowFormulas) | null;
  /** Per-cell verdict formula for per-cell kinds. */
  readonly cellVerdict: ((relation: R, context: FormulaContext) => string) | null;
  /** The column of the 单元格校验 sheet that holds the per-cell verdict (per-cell kinds only). */
  readonly cellColumn?: "input" | "nonNegative";
  /** Condition (true = failing) for conditional formatting of the rule's marked cells; null if none. */
  readonly failCondition: ((relation: R, context: FormulaContext) => string) | null;
}

type AllKindFormulas = { readonly [K in RelationKind]: KindFormulas<Extract<Relation, { kind: K }>> };

function levelIn(levels: readonly AgencyLevel[]): string {
  return `OR(${levels.map((l) => `${META_NAMES.level}="${l}"`).join(",")})`;
}

/** Plausible maximum of the fee for the level in the metadata cell; the unknown level's bound otherwise. */
function feeThreshold(): string {
  const groups = new Map<number, AgencyLevel[]>();
  for (const level of AGENCY_LEVELS) {
    const max = feePlausibleMaxWan(level);
    groups.set(max, [...(groups.get(max) ?? []), level]);
  }
  let formula = String(feePlausibleMaxWan(null));
  for (const [max, levels] of groups) formula = `IF(${levelIn(levels)},${max},${formula})`;
  return formula;
}

const WITHOUT_RULE_MAKING = AGENCY_LEVELS.filter((l) => !hasRuleMakingPower(l));

const verdictFromCells = (cells: RowCells): string =>
  `IF(OR(${cells.expected}="",${cells.actual}=""),"${VERDICT_TEXT.incomplete}",IF(ABS(${cells.difference})<=${EPS},"${VERDICT_TEXT.pass}","${VERDICT_TEXT.fail}"))`;

/** Kinds the workbook's formulas cannot judge (last year's report, the report text). */
type NoFormulaKind =
  | "carriedFromLastYear"
  | "stockFromLastYear"
  | "repealedWithinStock"
  | "textNumbers"
  | "textNone"
  | "textYear"
  | "textPlaceholder"
  | "textWording"
  | "textPresent"
  | "textCopied"
  | "textFeeNotices"
  | "textEmptyTable"
  | "textSignedDate"
  | "textOpeningYear"
  | "textSignedAgency"
  | "previousReport"
  | "textRepeated"
  | "formulaResult";

const TABLE_FORMULAS: { readonly [K in Exclude<RelationKind, NoFormulaKind>]: KindFormulas<Extract<Relation, { kind: K }>> } = {
  sum: {
    row: (r, c, cells) => ({
      expected: `IF(COUNT(${c.refs(r.parts)})<${r.parts.length},"",SUM(${c.refs(r.parts)}))`,
      actual: `IF(COUNT(${c.refs([r.total])})<1,"",${c.refs([r.total])})`,
      difference: `IF(OR(${cells.expected}="",${cells.actual}=""),"",${cells.actual}-${cells.expected})`,
      verdict: verdictFromCells(cells),
    }),
    cellVerdict: null,
    failCondition: (r, c) =>
      `AND(COUNT(${c.localRefs([r.total, ...r.parts])})=${r.parts.length + 1},ABS(${c.localRefs([r.total])}-SUM(${c.localRefs(r.parts)}))>${EPS})`,
  },
  balance: {
    row: (r, c, cells) => {
      const left = [r.received, r.carriedOver];
      const right = [r.concluded, r.carriedForward];
      return {
        expected: `IF(COUNT(${c.refs(left)})<2,"",SUM(${c.refs(left)}))`,
        actual: `IF(COUNT(${c.refs(right)})<2,"",SUM(${c.refs(right)}))`,
        difference: `IF(OR(${cells.expected}="",${cells.actual}=""),"",${cells.actual}-${cells.expected})`,
        verdict: verdictFromCells(cells),
      };
    },
    cellVerdict: null,
    failCondition: (r, c) => {
      const left = [r.received, r.carriedOver];
      const right = [r.concluded, r.carriedForward];
      return `AND(COUNT(${c.localRefs([...left, ...right])})=4,ABS(SUM(${c.localRefs(left)})-SUM(${c.localRefs(right)}))>${EPS})`;
    },
  },
  numericInput: {
    row: null,
    cellVerdict: (r, c) => {
      const x = c.refs([r.cell]);
      return `IF(OR(ISBLANK(${x}),ISNUMBER(${x})),"${VERDICT_TEXT.pass}","${VERDICT_TEXT.fail}")`;
    },
    cellColumn: "input",
    failCondition: null,
  },
  nonNegative: {
    row: null,
    cellVerdict: (r, c) => {
      const x = c.refs([r.cell]);
      const bad = r.integer ? `OR(${x}<0,${x}<>INT(${x}))` : `${x}<0`;
      return (
        `IF(ISNUMBER(${x}),IF(${bad},"${VERDICT_TEXT.fail}","${VERDICT_TEXT.pass}"),` +
        `"${VERDICT_TEXT.notApplicable}")`
      );
    },
    cellColumn: "nonNegative",
    failCondition: null,
  },
  filled: {
    row: (r, c) => ({
      expected: `${r.cells.length}`,
      actual: `COUNTA(${c.refs(r.cells)})`,
      difference: `COUNTA(${c.refs(r.cells)})-${r.cells.length}`,
      verdict: `IF(COUNTA(${c.refs(r.cells)})<${r.cells.length},"${VERDICT_TEXT.fail}","${VERDICT_TEXT.pass}")`,
    }),
    cellVerdict: null,
    failCondition: null,
  },
  zeroWithoutRuleMaking: {
    row: (r, c) => {
      const positives = r.cells.map((id) => `COUNTIF(${c.refs([id])},">0")`).join("+");
      return {
        expected: "0",
        actual: `SUMIF(${c.refs(r.cells)},">0")`,
        difference: "",
        verdict:
          `IF(NOT(${levelIn(WITHOUT_RULE_MAKING)}),"${VERDICT_TEXT.notApplicable}",IF(${positives}>0,"${VERDICT_TEXT.fail}",` +
          `IF(COUNT(${c.refs(r.cells)})<${r.cells.length},"${VERDICT_TEXT.incomplete}","${VERDICT_TEXT.pass}")))`,
      };
    },
    cellVerdict: null,
    failCondition: (r, c) => `AND(${levelIn(WITHOUT_RULE_MAKING)},COUNTIF(${c.localRefs(r.cells)},">0")>0)`,
  },
  maxDecimals: {
    row: (r, c) => {
      const x = c.refs([r.cell]);
      const scale = 10 ** r.digits;
      return {
        expected: `IF(ISNUMBER(${x}),ROUND(${x},${r.digits}),"")`,
        actual: `IF(ISNUMBER(${x}),${x},"")`,
        difference: "",
        verdict:
          `IF(ISNUMBER(${x}),IF(ABS(${x}*${scale}-ROUND(${x}*${scale},0))<=${EPS},"${VERDICT_TEXT.pass}","${VERDICT_TEXT.fail}"),` +
          `"${VERDICT_TEXT.incomplete}")`,
      };
    },
    cellVerdict: null,
    failCondition: (r, c) => {
      const x = c.localRefs([r.cell]);
      const scale = 10 ** r.digits;
      return `IF(ISNUMBER(${x}),ABS(${x}*${scale}-ROUND(${x}*${scale},0))>${EPS},FALSE)`;
    },
  },
  plausibleMagnitude: {
    row: (r, c) => {
      const x = c.refs([r.cell]);
      return {
        expected: `"< "&${feeThreshold()}`,
        actual: `IF(ISNUMBER(${x}),${x},"")`,
        difference: "",
        verdict: `IF(ISNUMBER(${x}),IF(${x}>=${feeThreshold()},"${VERDICT_TEXT.fail}","${VERDICT_TEXT.pass}"),"${VERDICT_TEXT.incomplete}")`,
      };
    },
    cellVerdict: null,
    failCondition: (r, c) => {
      const x = c.localRefs([r.cell]);
      return `IF(ISNUMBER(${x}),${x}>=${feeThreshold()},FALSE)`;
    },
  },
  validWhenIssued: {
    row: (r, c) => {
      const issued = c.refs([r.issued]);
      const valid = c.refs([r.valid]);
      return {
        expected: `IF(AND(ISNUMBER(${issued}),ISNUMBER(${valid})),IF(${issued}>0,"> 0",""),"")`,
        actual: `IF(ISNUMBER(${valid}),${valid},"")`,
        difference: "",
        verdict:
          `IF(COUNT(${issued},${valid})<2,"${VERDICT_TEXT.incomplete}",IF(AND(${issued}>0,${valid}=0),"${VERDICT_TEXT.fail}","${VERDICT_TEXT.pass}"))`,
      };
    },
    cellVerdict: null,
    failCondition: (r, c) => {
      const issued = c.localRefs([r.issued]);
      const valid = c.localRefs([r.valid]);
      return `IF(COUNT(${issued},${valid})=2,AND(${issued}>0,${valid}=0),FALSE)`;
    },
  },
};

/** No formula is written for these kinds: the add-in and the CLI judge them. */
const NO_FORMULAS: KindFormulas<Relation> = { row: null, cellVerdict: null, failCondition: null };

const WITHOUT_FORMULAS: { readonly [K in NoFormulaKind]: KindFormulas<Relation> } = {
  carriedFromLastYear: NO_FORMULAS,
  stockFromLastYear: NO_FORMULAS,
  textNumbers: NO_FORMULAS,
  textNone: NO_FORMULAS,
  textYear: NO_FORMULAS,
  textPlaceholder: NO_FORMULAS,
  textWording: NO_FORMULAS,
  textPresent: NO_FORMULAS,
  textCopied: NO_FORMULAS,
  repealedWithinStock: NO_FORMULAS,
  textFeeNotices: NO_FORMULAS,
  textEmptyTable: NO_FORMULAS,
  textSignedDate: NO_FORMULAS,
  textOpeningYear: NO_FORMULAS,
  textSignedAgency: NO_FORMULAS,
  previousReport: NO_FORMULAS,
  textRepeated: NO_FORMULAS,
  formulaResult: NO_FORMULAS,
};

export function formulaContext(placements: Placements): FormulaContext {
  return {
    placements,
    refs: (ids) => formulaRefs(ids, placements, true),
    localRefs: (ids) => formulaRefs(ids, placements, false),
  };
}

export const KIND_FORMULAS: AllKindFormulas = { ...TABLE_FORMULAS, ...WITHOUT_FORMULAS };

function kindFormulas<R extends Relation>(relation: R): KindFormulas<R> {
  return KIND_FORMULAS[relation.kind] as unknown as KindFormulas<R>;
}

export function rowFormulas(relation: Relation, context: FormulaContext, cells: RowCells): RowFormulas | null {
  const render = kindFormulas(relation).row;
  return render ? render(relation, context, cells) : null;
}

export function cellVerdictFormula(relation: Relation, context: FormulaContext): string | null {
  const render = kindFormulas(relation).cellVerdict;
  return render ? render(relation, context) : null;
}

/** The 单元格校验 column of a per-cell rule, or null. */
export function cellColumnOf(relation: Relation): "input" | "nonNegative" | null {
  return kindFormulas(relation).cellColumn ?? null;
}

export function failConditionFormula(relation: Relation, context: FormulaContext): string | null {
  const render = kindFormulas(relation).failCondition;
  return render ? render(relation, context) : null;
}

/**
 * Conditional-formatting condition marking bad input in a block of input cells, relative to the block's
 * top-left cell: text, marks, formula errors, negatives, and decimals in count cells.
 */
export function badInputCondition(topLeft: CellId, placements: Placements, integer: boolean): string {
  const at = sheetCellOf(topLeft, placements);
  const x = a1(at.row, at.col);
  const bad = integer ? `OR(${x}<0,${x}<>INT(${x}))` : `${x}<0`;
  return `IF(ISNUMBER(${x}),${bad},NOT(ISBLANK(${x})))`;
}
