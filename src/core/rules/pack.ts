// The rule pack of the 2021 format: every rule of spec §2.1–§2.3 that needs only this year's workbook.
//   R-T3-BAL     §2.1  per column: 一 + 二 = 三（七）总计 + 四
//   R-T3-ROWSUM  §2.2  per row: 总计 = 自然人 + the five 法人或其他组织 columns
//   R-T3-RESULT  §2.2  per column: （七）总计 = Σ the 21 outcome rows
//   R-T4-SUM     §2.2  per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
//   R-INPUT      §1    every cell holds a number (no text, units, marks or formula errors)
//   R-NONNEG     §2.2  every number ≥ 0; counts are integers
//   R-BLANK      §1    blank is not zero: every cell filled (0 for none)
//   R-T2-FEE-DEC §2.2  the 万元 fee has at most 2 decimals (提示)
//   R-T2-FEE-MAG §4 E6 the 万元 fee is not implausibly large for the level (typed in 元?) (提示)
//   P-T2-REG-COUNTY §2.3 no 规章 for an agency without rule-making power (提示)
//   P-T2-VALID   §2.3  documents issued this year but none in force (提示)

import type { CellId } from "../format";
import { T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, TABLES, t3Id, t4Id } from "../format";
import type { Rule } from "./rule";

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
      relation: { kind: "balance", left: [t3Id("new", c), t3Id("carryOver", c)], right: [t3Id("result.total", c), t3Id("carryForward", c)] },
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
      relation: { kind: "maxDecimals", cell: fee, digits: 2 },
      message: "feeDecimals",
      subject: "行政事业性收费",
      marks: [fee],
    },
    {
      id: "R-T2-FEE-MAG",
      family: "R-T2-FEE-MAG",
      severity: "warning",
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
        relation: { kind: "numericInput", cell: cell.id },
        message: "numericInput",
        subject: cell.labels.join(" / "),
        marks: [cell.id],
      });
      rules.push({
        id: `R-NONNEG.${cell.id}`,
        family: "R-NONNEG",
        severity: "error",
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
      relation: { kind: "filled", cells: table.inputs.map((c) => c.id) },
      message: "blank",
      subject: table.sheetName,
      marks: [],
    });
  }
  return rules;
}

/** The complete rule pack, in the order issues are listed: tables first, then cell input. */
export const RULE_PACK: readonly Rule[] = [...t2Rules(), ...t3Rules(), ...t4Rules(), ...cellRules()];
