// Cross-year checks (spec §2.4), given last year's cells: all plausibility (提示), since 机构改革, 职责划转 or a
// wrong prior report legitimately break them.
//   X-T3-CARRY  per column: this year's 二、上年结转 = last year's 四、结转下年度继续办理
//   X-T2-STOCK  规章 / 行政规范性文件: 现行有效[Y] = 现行有效[Y−1] + 本年制发 − 本年废止

import type { CellId } from "../format";
import { T3_COLUMNS, t3Id } from "../format";
import type { CellValue } from "../values";
import type { Issue } from "./rule";

type ValueOf = (id: CellId) => CellValue | undefined;

function numberOf(valueOf: ValueOf, id: CellId): number | null {
  const value = valueOf(id);
  return value?.kind === "number" ? value.value : null;
}

export function checkCrossYear(current: ValueOf, previous: ValueOf, previousYear: number | null): Issue[] {
  const issues: Issue[] = [];
  const lastYear = previousYear === null ? "上年" : `${previousYear}年`;
  for (const column of T3_COLUMNS) {
    const carryOver = numberOf(current, t3Id("carryOver", column.key));
    const carriedForward = numberOf(previous, t3Id("carryForward", column.key));
    if (carryOver === null || carriedForward === null || carryOver === carriedForward) continue;
    issues.push({
      id: `X-T3-CARRY.${column.key}`,
      rule: "X-T3-CARRY",
      severity: "warning",
      cells: [t3Id("carryOver", column.key)],
      expected: carriedForward,
      actual: carryOver,
      message: "crossCarry",
      subject: column.label,
      params: { lastYear },
    });
  }
  for (const [key, name] of [
    ["regulation", "规章"],
    ["normativeDoc", "行政规范性文件"],
  ] as const) {
    const valid = numberOf(current, `t2.${key}.valid`);
    const issued = numberOf(current, `t2.${key}.issued`);
    const repealed = numberOf(current, `t2.${key}.repealed`);
    const before = numberOf(previous, `t2.${key}.valid`);
    if (valid === null || issued === null || repealed === null || before === null) continue;
    const expected = before + issued - repealed;
    if (expected === valid) continue;
    issues.push({
      id: `X-T2-STOCK.${key}`,
      rule: "X-T2-STOCK",
      severity: "warning",
      cells: [`t2.${key}.valid`, `t2.${key}.issued`, `t2.${key}.repealed`],
      expected,
      actual: valid,
      message: "crossStock",
      subject: name,
      params: { lastYear, before, issued, repealed },
    });
  }
  return issues;
}
