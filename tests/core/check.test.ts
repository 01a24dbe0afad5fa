// The one check (src/core/check): the verdict in its four states, one counting rule for 强制/提示 with
// confirmations, the text rules in the same verdict, the cross-year rules of the pack, and the incremental
// checker agreeing with a fresh check.

import fc from "fast-check";
import type { PreviousYear } from "../../src/core/check";
import { ReportChecker, VERDICT_LABELS, checkReport, previousYearOf } from "../../src/core/check";
import { INPUT_CELLS } from "../../src/core/format";
import type { Narrative } from "../../src/core/report";
import { guidanceNarrative } from "../../src/core/report";
import { WRITTEN_NARRATIVE, consistentReportArbitrary, loadExample, metaOf, sourceOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2023, level: "县级部门" });

const WRITTEN = WRITTEN_NARRATIVE;

describe("the verdict", () => {
  test("an empty form is incomplete, never passed", () => {
    const { summary } = checkReport(sourceOf({}, META));
    expect(summary.verdict).toBe("incomplete");
    expect(summary.tables.verdict).toBe("incomplete");
    expect(summary).toMatchObject({ errors: 0, filled: 0, cells: 200 });
    expect(VERDICT_LABELS[summary.verdict]).toBe("未完成");
  });

  test("errors outrank incompleteness: a half-empty report with a broken total says so", () => {
    const report = zeroReport();
    for (const cell of INPUT_CELLS.slice(0, 100)) delete report[cell.id];
    report["t3.carryForward.total"] = 5;
    const { summary } = checkReport(sourceOf(report, META));
    expect(summary.filled).toBeLessThan(200);
    expect(summary.verdict).toBe("errors");
  });

  test("a complete, consistent report without text passes; a 提示 makes it warnings; confirming it passes again", () => {
    expect(checkReport(sourceOf(zeroReport(), META)).summary.verdict).toBe("pass");
    const report = { ...zeroReport(), "t2.fee.amountWan": 70.319 };
    const warned = checkReport(sourceOf(report, META));
    expect(warned.summary).toMatchObject({ verdict: "warnings", errors: 0, warnings: 1, confirmed: 0 });
    const confirmed = checkReport(sourceOf(report, META, null, [{ ruleId: "R-T2-FEE-DEC", note: "按财政决算数填报", at: "2024-01-10T08:00:00.000Z" }]));
    expect(confirmed.summary).toMatchObject({ verdict: "pass", warnings: 0, confirmed: 1 });
    expect(confirmed.issues[0]?.confirmation?.note).toBe("按财政决算数填报");
  });

  test("cells not read make a report incomplete even when everything read is consistent", () => {
    const report = zeroReport();
    delete report["t4.review.upheld"];
    const source = { ...sourceOf(report, META), unread: [{ cells: ["t4.review.upheld"], reason: "单元格为空" }] };
    const { summary } = checkReport(source);
    expect(summary).toMatchObject({ verdict: "incomplete", unread: 1, filled: 199 });
  });
});

describe("the text is part of the verdict", () => {
  test("example 003's tables with the template's guidance still in 正文: the tables pass, the report is unfinished", () => {
    const result = checkReport(sourceOf(loadExample("003").values, META, guidanceNarrative()));
    expect(result.summary.tables.verdict).toBe("warnings");
    expect(result.summary.verdict).toBe("incomplete");
    // The guidance is the template's own text: an unwritten part, not a placeholder the user left.
    expect(result.issues.filter((i) => i.scope === "text")).toEqual([]);
    expect(result.summary.incomplete).toBeGreaterThan(0);
  });

  test("a placeholder the user typed, or a part left empty, is a 强制 error counted in the verdict", () => {
    const narrative: Narrative = { ...WRITTEN, texts: { ...WRITTEN.texts, "n1.platform": "门户网站共发布信息XX条。", "n1.oversight": "" } };
    const result = checkReport(sourceOf(loadExample("003").values, META, narrative));
    expect(result.issues.filter((i) => i.scope === "text").map((i) => [i.rule, i.severity])).toEqual([
      ["T-MISSING", "error"],
      ["T-PLACEHOLDER", "error"],
    ]);
    expect(result.summary).toMatchObject({ verdict: "errors", errors: 2 });
    expect(result.issues.filter((i) => i.scope === "text").every((i) => i.table === null)).toBe(true);
  });

  test("with the text written the same report passes (up to the fee's 提示), and text: false leaves the text out", () => {
    const values = loadExample("003").values;
    const written = checkReport(sourceOf(values, META, WRITTEN));
    expect(written.issues.map((i) => i.rule)).toEqual(["R-T2-FEE-DEC"]);
    expect(written.summary.verdict).toBe("warnings");
    const tablesOnly = checkReport(sourceOf(values, META, guidanceNarrative()), { text: false });
    expect(tablesOnly.issues.filter((i) => i.scope === "text")).toEqual([]);
  });

  test("example 000's 为收取 is found from its imported text as from a workbook", () => {
    const narrative: Narrative = { ...WRITTEN, texts: { ...WRITTEN.texts, "n6.other": "本年度，本机关为收取信息公开处理费。" } };
    const result = checkReport(sourceOf(loadExample("000").values, META, narrative));
    expect(result.issues.filter((i) => i.rule === "T-WORDING").map((i) => i.params)).toEqual([expect.objectContaining({ found: "为收取", meant: "未收取" })]);
  });

  test("thousands of placeholders are one issue per part and kind, with their count", () => {
    const narrative: Narrative = { ...WRITTEN, texts: { ...WRITTEN.texts, "n1.platform": "XX".repeat(5000) + "待补充".repeat(3000) } };
    const issues = checkReport(sourceOf(zeroReport(), META, narrative)).issues.filter((i) => i.rule === "T-PLACEHOLDER");
    expect(issues.length).toBe(2);
    expect(issues.map((i) => (i.message === "placeholder" ? i.params.count : 0)).sort((a, b) => a - b)).toEqual([1, 3000]);
    expect(issues.every((i) => i.text.length < 300)).toBe(true);
  });
});

describe("cross-year rules", () => {
  function lastYear(values: Record<string, number>): PreviousYear {
    return previousYearOf(sourceOf({ ...zeroReport(), ...values }, metaOf({ agencyName: "某县教育局", year: 2022 })));
  }

  test("X-T3-CARRY: this year's 上年结转 against last year's 结转下年度继续办理, per column", () => {
    const report = { ...zeroReport(), "t3.carryOver.natural": 2, "t3.carryOver.total": 2, "t3.new.natural": 0, "t3.carryForward.natural": 2, "t3.carryForward.total": 2 };
    const previous = lastYear({ "t3.carryForward.natural": 1, "t3.carryForward.total": 1 });
    const issues = checkReport(sourceOf(report, META), { previous }).issues.filter((i) => i.rule === "X-T3-CARRY");
    expect(issues.map((i) => [i.id, i.expected, i.actual])).toEqual([
      ["X-T3-CARRY.natural", 1, 2],
      ["X-T3-CARRY.total", 1, 2],
    ]);
    expect(issues[0]?.text).toContain("2022年报告");
    expect(checkReport(sourceOf(report, META), { previous: lastYear({ "t3.carryForward.natural": 2, "t3.carryForward.total": 2 }) }).issues).toEqual([]);
  });

  test("X-T2-STOCK: 现行有效 = last year's 现行有效 + 制发 − 废止, for 规章 and 行政规范性文件", () => {
    const report = { ...zeroReport(), "t2.normativeDoc.issued": 3, "t2.normativeDoc.repealed": 1, "t2.normativeDoc.valid": 10 };
    const broken = checkReport(sourceOf(report, META), { previous: lastYear({ "t2.normativeDoc.valid": 9 }) }).issues;
    expect(broken).toEqual([
      expect.objectContaining({ id: "X-T2-STOCK.normativeDoc", severity: "warning", scope: "crossYear", expected: 11, actual: 10, cells: ["t2.normativeDoc.valid", "t2.normativeDoc.issued", "t2.normativeDoc.repealed"] }),
    ]);
    expect(broken[0]?.text).toContain("应为 11 件");
    expect(checkReport(sourceOf(report, META), { previous: lastYear({ "t2.normativeDoc.valid": 8 }) }).issues).toEqual([]);
  });

  test("last year's cells that were not read leave the cross-year rules out rather than incomplete", () => {
    const previous: PreviousYear = { year: 2022, cells: new Map(), one: "", five: "" };
    const { summary, issues } = checkReport(sourceOf(zeroReport(), META), { previous });
    expect(issues).toEqual([]);
    expect(summary.verdict).toBe("pass");
  });
});

describe("the incremental checker", () => {
  test("after any sequence of edits it agrees with a fresh check", () => {
    fc.assert(
      fc.property(
        consistentReportArbitrary,
        fc.array(fc.tuple(fc.integer({ min: 0, max: INPUT_CELLS.length - 1 }), fc.oneof(fc.integer({ min: -2, max: 30 }), fc.constant("/"), fc.constant(null))), { maxLength: 12 }),
        (report, edits) => {
          const checker = new ReportChecker();
          checker.load(sourceOf(report, META, WRITTEN));
          const edited = { ...report };
          for (const [index, raw] of edits) {
            const id = INPUT_CELLS[index]!.id;
            checker.setCell(id, raw);
            edited[id] = raw;
          }
          const fresh = checkReport(sourceOf(edited, META, WRITTEN));
          const live = checker.result();
          expect(live.summary).toEqual(fresh.summary);
          expect(live.issues.map((i) => [i.id, i.text])).toEqual(fresh.issues.map((i) => [i.id, i.text]));
          expect(live.values).toEqual(fresh.values);
        },
      ),
      { numRuns: 60 },
    );
  });
});
