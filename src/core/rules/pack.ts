// The rule pack of the 2021 format: every rule of spec §2.1–§2.3 that needs only this year's workbook.
//   R-T3-BAL     §2.1  per column: 一 + 二 = 三（七）总计 + 四
//   R-T3-ROWSUM  §2.2  per row: 总计 = 自然人 + the five 法人或其他组织 columns
//   R-T3-RESULT  §2.2  per column: （七）总计 = Σ the 21 outcome rows
//   R-T4-SUM     §2.2  per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
//   R-INPUT      §1    every cell holds a number (no text, units, marks or formula errors)
//   R-NONNEG     §2.2  every number ≥ 0; counts are integers
//   R-BLANK      §1    blank is not zero: every cell filled (0 for none)
//   S-FORMULA    §1    a figure that is the result of a formula the user wrote is named, with its formula (提示)
//   R-T2-FEE-DEC §2.2  the 万元 fee has at most 2 decimals (提示)
//   R-T2-FEE-MAG §4 E6 the 万元 fee is not implausibly large for the level (typed in 元?) (提示)
//   P-T2-REG-COUNTY §2.3 no 规章 for an agency without rule-making power (提示)
//   P-T2-VALID   §2.3  documents issued this year but none in force (提示)
//   X-T3-CARRY, X-T2-STOCK, P-T2-REPEAL  §2.4, §2.3  against last year's report (提示)
//   P-NARR, P-NARR-NONE, X-TEXT-YEAR, T-PLACEHOLDER, T-MISSING, T-WORDING, T-COPY  the report text
//   P-T3-NOFEE, P-T3-EMPTY  §2.3  the text against 表三; T-SIGN-DATE, T-OPEN-YEAR, T-SIGN-AGENCY  a published
//   report's signature and opening (提示)

import type { CellId } from "../format";
import { T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, TABLES, t3Id, t4Id } from "../format";
import type { Rule } from "./rule";
import { NONE_STATEMENTS, T3_INPUT_CELLS, TEXT_QUANTITIES } from "./text-relations";

const T3_APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => c.key !== "total");
const T3_OUTCOME_ROWS = T3_ROWS.filter((r) => r.isOutcome);

function t3Rules(): Rule[] {
  const rules: Rule[] = [];
  for (const column of T3_COLUMNS) {
    const c = column.key;
    rules.push({
      id: `R-T3-BAL.${c}`,
      family: "R-T3-BAL",
      severity: "error",
      scope: "table",
      relation: { kind: "balance", received: t3Id("new", c), carriedOver: t3Id("carryOver", c), concluded: t3Id("result.total", c), carriedForward: t3Id("carryForward", c) },
      message: "balance",
      subject: column.label,
      marks: [t3Id("carryForward", c)],
    });
  }
  for (const row of T3_ROWS) {
    rules.push({
      id: `R-T3-ROWSUM.${row.key}`,
      family: "R-T3-ROWSUM",
      severity: "error",
      scope: "table",
      relation: { kind: "sum", total: t3Id(row.key, "total"), parts: T3_APPLICANT_COLUMNS.map((col) => t3Id(row.key, col.key)) },
      message: "rowTotal",
      subject: row.labels.slice(1).join(" ") || (row.labels[0] ?? row.key),
      marks: [t3Id(row.key, "total")],
    });
  }
  for (const column of T3_COLUMNS) {
    rules.push({
      id: `R-T3-RESULT.${column.key}`,
      family: "R-T3-RESULT",
      severity: "error",
      scope: "table",
      relation: { kind: "sum", total: t3Id("result.total", column.key), parts: T3_OUTCOME_ROWS.map((r) => t3Id(r.key, column.key)) },
      message: "resultTotal",
      subject: column.label,
      marks: [t3Id("result.total", column.key)],
    });
  }
  return rules;
}

function t4Rules(): Rule[] {
  return T4_BLOCKS.map((block) => ({
    id: `R-T4-SUM.${block.key}`,
    family: "R-T4-SUM",
    severity: "error",
    scope: "table",
    relation: {
      kind: "sum",
      total: t4Id(block.key, "total"),
      parts: T4_COLUMNS.filter((c) => c.key !== "total").map((c) => t4Id(block.key, c.key)),
    },
    message: "blockTotal",
    subject: block.path.join(" "),
    marks: [t4Id(block.key, "total")],
  }));
}

function t2Rules(): Rule[] {
  const fee: CellId = "t2.fee.amountWan";
  return [
    {
      id: "P-T2-REG-COUNTY",
      family: "P-T2-REG-COUNTY",
      severity: "warning",
      scope: "table",
      relation: { kind: "zeroWithoutRuleMaking", cells: ["t2.regulation.issued", "t2.regulation.repealed", "t2.regulation.valid"] },
      message: "regulationWithoutPower",
      subject: "规章",
      marks: ["t2.regulation.issued", "t2.regulation.repealed", "t2.regulation.valid"],
    },
    ...(["regulation", "normativeDoc"] as const).map(
      (key): Rule => ({
        id: `P-T2-VALID.${key}`,
        family: "P-T2-VALID",
        severity: "warning",
        scope: "table",
        relation: { kind: "validWhenIssued", issued: `t2.${key}.issued`, valid: `t2.${key}.valid` },
        message: "validWhenIssued",
        subject: key === "regulation" ? "规章" : "行政规范性文件",
        marks: [`t2.${key}.valid`],
      }),
    ),
    {
      id: "R-T2-FEE-DEC",
      family: "R-T2-FEE-DEC",
      severity: "warning",
      scope: "table",
      relation: { kind: "maxDecimals", cell: fee, digits: 2 },
      message: "feeDecimals",
      subject: "行政事业性收费",
      marks: [fee],
    },
    {
      id: "R-T2-FEE-MAG",
      family: "R-T2-FEE-MAG",
      severity: "warning",
      scope: "table",
      relation: { kind: "plausibleMagnitude", cell: fee },
      message: "feeMagnitude",
      subject: "行政事业性收费",
      marks: [fee],
    },
  ];
}

function cellRules(): Rule[] {
  const rules: Rule[] = [];
  for (const table of TABLES) {
    for (const cell of table.inputs) {
      rules.push({
        id: `R-INPUT.${cell.id}`,
        family: "R-INPUT",
        severity: "error",
        scope: "cell",
        relation: { kind: "numericInput", cell: cell.id },
        message: "numericInput",
        subject: cell.labels.join(" / "),
        marks: [cell.id],
      });
      rules.push({
        id: `R-NONNEG.${cell.id}`,
        family: "R-NONNEG",
        severity: "error",
        scope: "cell",
        relation: { kind: "nonNegative", cell: cell.id, integer: cell.kind === "count" },
        message: "nonNegative",
        subject: cell.labels.join(" / "),
        marks: [cell.id],
      });
    }
  }
  for (const table of TABLES) {
    rules.push({
      id: `R-BLANK.${table.id}`,
      family: "R-BLANK",
      severity: "warning",
      scope: "table",
      relation: { kind: "filled", cells: table.inputs.map((c) => c.id) },
      message: "blank",
      subject: table.sheetName,
      marks: [],
    });
  }
  return rules;
}

/**
 * How each input cell was read: a figure that is the cached result of a formula the user wrote (S-FORMULA, 提示).
 * Not a check of the tables — scope "structure", no formula in the workbook — so the tables' own verdict stays what
 * the workbook's formulas compute.
 */
function readingRules(): Rule[] {
  return TABLES.flatMap((table) =>
    table.inputs.map(
      (cell): Rule => ({
        id: `S-FORMULA.${cell.id}`,
        family: "S-FORMULA",
        severity: "warning",
        scope: "structure",
        relation: { kind: "formulaResult", cell: cell.id },
        message: "formulaResult",
        subject: cell.labels.join(" / "),
        marks: [cell.id],
      }),
    ),
  );
}

/** Cross-year rules (spec §2.4), all 提示: 机构改革, 职责划转 or a wrong prior report legitimately break them. */
function crossYearRules(): Rule[] {
  const carry = T3_COLUMNS.map(
    (column): Rule => ({
      id: `X-T3-CARRY.${column.key}`,
      family: "X-T3-CARRY",
      severity: "warning",
      scope: "crossYear",
      relation: { kind: "carriedFromLastYear", carryOver: t3Id("carryOver", column.key), lastCarryForward: t3Id("carryForward", column.key) },
      message: "crossCarry",
      subject: column.label,
      marks: [t3Id("carryOver", column.key)],
    }),
  );
  const stock = (["regulation", "normativeDoc"] as const).map(
    (key): Rule => ({
      id: `X-T2-STOCK.${key}`,
      family: "X-T2-STOCK",
      severity: "warning",
      scope: "crossYear",
      relation: { kind: "stockFromLastYear", valid: `t2.${key}.valid`, issued: `t2.${key}.issued`, repealed: `t2.${key}.repealed` },
      message: "crossStock",
      subject: key === "regulation" ? "规章" : "行政规范性文件",
      marks: [`t2.${key}.valid`],
    }),
  );
  const repeal = (["regulation", "normativeDoc"] as const).map(
    (key): Rule => ({
      id: `P-T2-REPEAL.${key}`,
      family: "P-T2-REPEAL",
      severity: "warning",
      scope: "crossYear",
      relation: { kind: "repealedWithinStock", repealed: `t2.${key}.repealed`, issued: `t2.${key}.issued`, valid: `t2.${key}.valid` },
      message: "repealBeyondStock",
      subject: key === "regulation" ? "规章" : "行政规范性文件",
      marks: [`t2.${key}.repealed`],
    }),
  );
  // The report given as last year's: its year and agency, before its figures are trusted (a report of this
  // year pasted by mistake, or another agency's, makes every other cross-year finding meaningless).
  const compared = (["year", "agency"] as const).map(
    (check): Rule => ({
      id: check === "year" ? "X-PREV-YEAR" : "X-PREV-AGENCY",
      family: check === "year" ? "X-PREV-YEAR" : "X-PREV-AGENCY",
      severity: "warning",
      scope: "crossYear",
      relation: { kind: "previousReport", check },
      message: check === "year" ? "comparedYear" : "comparedAgency",
      subject: "上年报告",
      marks: [],
    }),
  );
  return [...compared, ...carry, ...stock, ...repeal];
}

// P-NARR leaves 表三's quantities to P-T3-EMPTY when the whole table is zeros: it reads every cell of 表三.
const TEXT_QUANTITY_CELLS = [...new Set([...TEXT_QUANTITIES.flatMap((q) => q.cells), ...T3_INPUT_CELLS])];
const NONE_CELLS = [...new Set(NONE_STATEMENTS.flatMap((q) => q.cells))];

/** Rules over the report text (core/rules/text-relations.ts), checked wherever the report has a text. */
function textRules(): Rule[] {
  const text = (id: string, family: string, severity: Rule["severity"], relation: Rule["relation"], message: Rule["message"], subject: string): Rule => ({
    id,
    family,
    severity,
    // The copied-text check compares with last year's report, like the cross-year rules of the tables.
    scope: relation.kind === "textCopied" ? "crossYear" : "text",
    relation,
    message,
    subject,
    marks: [],
  });
  const parts = (["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight", "n5"] as const).map((section) =>
    text(`T-MISSING.${section}`, "T-MISSING", "error", { kind: "textPresent", section, what: "content", pattern: null, governmentOnly: false }, "missingContent", "正文"),
  );
  return [
    ...parts,
    text("T-MISSING.n6.fee", "T-MISSING", "error", { kind: "textPresent", section: "n6", what: "feeStatement", pattern: "处理费", governmentOnly: false }, "missingContent", "正文"),
    text(
      "T-MISSING.n1.oversight.government",
      "T-MISSING",
      "warning",
      { kind: "textPresent", section: "n1.oversight", what: "governmentOversight", pattern: "考核|社会评议|责任追究", governmentOnly: true },
      "missingContent",
      "正文",
    ),
    text(
      "T-MISSING.n6.government",
      "T-MISSING",
      "warning",
      { kind: "textPresent", section: "n6", what: "governmentOther", pattern: "工作要点|建议|提案|创新", governmentOnly: true },
      "missingContent",
      "正文",
    ),
    text("T-PLACEHOLDER", "T-PLACEHOLDER", "error", { kind: "textPlaceholder" }, "placeholder", "正文"),
    text("P-NARR", "P-NARR", "warning", { kind: "textNumbers", cells: TEXT_QUANTITY_CELLS }, "narrativeNumber", "正文"),
    text("P-NARR-NONE", "P-NARR-NONE", "warning", { kind: "textNone", cells: NONE_CELLS }, "narrativeNone", "正文"),
    text("X-TEXT-YEAR", "X-TEXT-YEAR", "warning", { kind: "textYear" }, "previousYear", "正文"),
    text("T-WORDING", "T-WORDING", "warning", { kind: "textWording" }, "wording", "正文"),
    text("T-COPY.one", "T-COPY", "warning", { kind: "textCopied", part: "one" }, "copied", "一、总体情况"),
    text("T-COPY.five", "T-COPY", "warning", { kind: "textCopied", part: "five" }, "copied", "五、存在的主要问题及改进情况"),
    text("P-T3-NOFEE", "P-T3-NOFEE", "warning", { kind: "textFeeNotices", cell: t3Id("result.other.noFee", "total") }, "feeNotices", "六、其他需要报告的事项"),
    text("P-T3-EMPTY", "P-T3-EMPTY", "warning", { kind: "textEmptyTable", cells: T3_INPUT_CELLS }, "emptyTable", "正文"),
    text("T-SIGN-DATE", "T-SIGN-DATE", "warning", { kind: "textSignedDate" }, "signedDate", "落款"),
    text("T-OPEN-YEAR", "T-OPEN-YEAR", "warning", { kind: "textOpeningYear" }, "openingYear", "开篇"),
    text("T-SIGN-AGENCY", "T-SIGN-AGENCY", "warning", { kind: "textSignedAgency" }, "signedAgency", "落款"),
    text("T-REPEAT", "T-REPEAT", "warning", { kind: "textRepeated" }, "repeatsGenerated", "正文"),
  ];
}

/** The rules over this year's tables, in the order issues are listed: tables first, then cell input. */
export const TABLE_RULES: readonly Rule[] = [...t2Rules(), ...t3Rules(), ...t4Rules(), ...cellRules()];

/** The complete rule pack: the tables, how their cells were read, then last year's report, then the text. */
export const RULE_PACK: readonly Rule[] = [...TABLE_RULES, ...readingRules(), ...crossYearRules(), ...textRules()];
