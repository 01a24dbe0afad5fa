// The rule pack and its engine, on reports built inline and addressed by cell ID.

import fc from "fast-check";
import { INPUT_CELLS, T3_COLUMNS, T3_ROWS, t3Id } from "../../src/core/format";
import { renderIssue } from "../../src/core/locale";
import { RULE_PACK, Validator, cellsRead } from "../../src/core/rules";
import type { Report } from "../support/reports";
import { consistentReportArbitrary, loadExample, metaOf, zeroReport } from "../support/reports";

function validate(report: Report, meta = metaOf()): Validator {
  const validator = new Validator(RULE_PACK);
  validator.load(report, meta);
  return validator;
}

function failing(validator: Validator): string[] {
  return validator.issues().map((i) => i.id);
}

describe("the rule pack", () => {
  test("covers every rule of spec §2.1–§2.3 that needs only this year's workbook", () => {
    const count = (family: string): number => RULE_PACK.filter((r) => r.family === family).length;
    expect(count("R-T3-BAL")).toBe(7);
    expect(count("R-T3-ROWSUM")).toBe(25);
    expect(count("R-T3-RESULT")).toBe(7);
    expect(count("R-T4-SUM")).toBe(3);
    expect(count("R-INPUT")).toBe(200);
    expect(count("R-NONNEG")).toBe(200);
    expect(count("R-BLANK")).toBe(3);
    expect(count("R-T2-FEE-DEC")).toBe(1);
    expect(count("R-T2-FEE-MAG")).toBe(1);
    expect(count("P-T2-REG-COUNTY")).toBe(1);
    expect(count("P-T2-VALID")).toBe(2);
  });

  test("rule IDs are unique and every rule reads only known cells", () => {
    const ids = RULE_PACK.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(INPUT_CELLS.map((c) => c.id));
    for (const rule of RULE_PACK) for (const id of cellsRead(rule.relation)) expect(known.has(id)).toBe(true);
  });

  test("rules are plain serialisable data", () => {
    expect(JSON.parse(JSON.stringify(RULE_PACK))).toEqual(RULE_PACK);
  });

  test("（七）总计 sums exactly the 21 outcome rows", () => {
    const rule = RULE_PACK.find((r) => r.id === "R-T3-RESULT.natural");
    expect(rule?.relation).toEqual({
      kind: "sum",
      total: "t3.result.total.natural",
      parts: T3_ROWS.filter((r) => r.key.startsWith("result.") && r.key !== "result.total").map((r) => `t3.${r.key}.natural`),
    });
    expect(rule?.relation.kind === "sum" && rule.relation.parts).toHaveLength(21);
  });
});

describe("validating a report", () => {
  test("an all-zero report is complete and passes every rule", () => {
    const v = validate(zeroReport());
    expect(v.issues()).toEqual([]);
    expect(v.summary()).toEqual({ errors: 0, warnings: 0, incomplete: 0, incompleteTables: 0, filled: 200, cells: 200 });
  });

  test("a row whose 总计 disagrees names the cells, the figures and the difference", () => {
    const report = zeroReport();
    report["t3.new.natural"] = 5;
    report["t3.new.commercial"] = 3;
    report["t3.new.total"] = 7;
    const issue = validate(report).issues().find((i) => i.id === "R-T3-ROWSUM.new");
    expect(issue).toEqual({
      id: "R-T3-ROWSUM.new",
      rule: "R-T3-ROWSUM",
      severity: "error",
      scope: "table",
      cells: ["t3.new.total", "t3.new.natural", "t3.new.commercial", "t3.new.research", "t3.new.publicInterest", "t3.new.legalService", "t3.new.otherOrg"],
      expected: 8,
      actual: 7,
      message: "rowTotal",
      subject: "一、本年新收政府信息公开申请数量",
      params: { difference: -1 },
    });
    const rendered = renderIssue(issue!);
    expect(rendered.addresses).toEqual(["表三!J4", "表三!D4", "表三!E4", "表三!F4", "表三!G4", "表三!H4", "表三!I4"]);
    expect(rendered.text).toContain("表三!J4 填写 7");
    expect(rendered.text).toContain("表三!D4:I4");
    expect(rendered.text).toContain("少 1");
  });

  test("the column balance 一 + 二 = 三 + 四 is checked per column, and its message gives the right 结转", () => {
    const report = zeroReport();
    report["t3.new.natural"] = 8;
    report["t3.new.total"] = 8;
    report["t3.result.granted.natural"] = 6;
    report["t3.result.granted.total"] = 6;
    report["t3.result.total.natural"] = 6;
    report["t3.result.total.total"] = 6;
    const v = validate(report);
    expect(failing(v)).toEqual(["R-T3-BAL.natural", "R-T3-BAL.total"]);
    const issue = v.issues()[0]!;
    expect(issue).toMatchObject({ expected: 8, actual: 6, cells: ["t3.new.natural", "t3.carryOver.natural", "t3.result.total.natural", "t3.carryForward.natural"] });
    expect(renderIssue(issue).text).toContain("结转下年度继续办理应为 2");
  });

  test("（七）总计 that does not add up is reported per column", () => {
    const report = zeroReport();
    report["t3.result.unavailable.notHeld.research"] = 2;
    report["t3.result.unavailable.notHeld.total"] = 2;
    const v = validate(report);
    expect(failing(v)).toEqual(["R-T3-RESULT.research", "R-T3-RESULT.total"]);
    expect(v.outcome("R-T3-RESULT.research")).toMatchObject({ status: "fail", findings: [{ expected: 2, actual: 0 }] });
  });

  test("a 表四 block total is checked", () => {
    const report = zeroReport();
    report["t4.litDirect.upheld"] = 1;
    report["t4.litDirect.pending"] = 2;
    report["t4.litDirect.total"] = 2;
    expect(failing(validate(report))).toEqual(["R-T4-SUM.litDirect"]);
  });

  test("blank is not zero: blanks make sums incomplete, not failing, and are listed by table", () => {
    const report = zeroReport();
    delete report["t3.new.natural"];
    delete report["t3.carryOver.total"];
    const v = validate(report);
    expect(v.outcome("R-T3-ROWSUM.new")?.status).toBe("incomplete");
    expect(v.outcome("R-T3-BAL.natural")?.status).toBe("incomplete");
    expect(v.outcome("R-T3-BAL.total")?.status).toBe("incomplete");
    expect(v.issues()).toEqual([
      expect.objectContaining({ id: "R-BLANK.t3", severity: "warning", cells: ["t3.new.natural", "t3.carryOver.total"] }),
    ]);
    expect(v.summary()).toMatchObject({ errors: 0, warnings: 1, filled: 198 });
  });

  test("an explicit 0 is zero and '/' is recorded as typed and reported", () => {
    const report = zeroReport();
    report["t4.review.upheld"] = "/";
    const v = validate(report);
    expect(v.cell("t4.review.upheld").value).toEqual({ kind: "text", raw: "/" });
    expect(failing(v)).toEqual(["R-INPUT.t4.review.upheld"]);
    expect(v.outcome("R-T4-SUM.review")?.status).toBe("incomplete");
    expect(v.summary().filled).toBe(200);
  });

  test("a total overwritten with text is an input error naming the total", () => {
    const report = zeroReport();
    report["t3.result.total.total"] = "见上";
    const issue = validate(report).issues().find((i) => i.rule === "R-INPUT");
    expect(renderIssue(issue!).text).toContain("表三!J27");
    expect(renderIssue(issue!).text).toContain("总计单元格");
  });

  test("negative numbers and decimals in count cells break R-NONNEG", () => {
    const report = zeroReport();
    report["t2.penalty.decisions"] = -2;
    report["t3.carryForward.natural"] = 1.5;
    report["t2.fee.amountWan"] = 1.5;
    const ids = failing(validate(report));
    expect(ids).toContain("R-NONNEG.t2.penalty.decisions");
    expect(ids).toContain("R-NONNEG.t3.carryForward.natural");
    expect(ids).not.toContain("R-NONNEG.t2.fee.amountWan");
  });

  test("the fee in 万元: more than two decimals is a 提示", () => {
    const report = zeroReport();
    report["t2.fee.amountWan"] = 70.319;
    const v = validate(report);
    expect(v.issues()).toEqual([expect.objectContaining({ id: "R-T2-FEE-DEC", severity: "warning", expected: 70.32, actual: 70.319 })]);
    report["t2.fee.amountWan"] = 70.32;
    expect(validate(report).issues()).toEqual([]);
  });

  test("the fee magnitude warning depends on the agency level", () => {
    const report = zeroReport();
    report["t2.fee.amountWan"] = 250_000;
    expect(failing(validate(report, metaOf({ level: "县级部门" })))).toEqual(["R-T2-FEE-MAG"]);
    expect(failing(validate(report, metaOf({ level: "省级部门" })))).toEqual([]);
    const issue = validate(report, metaOf({ level: "县级部门" })).issues()[0]!;
    expect(issue).toMatchObject({ expected: 25, actual: 250000 });
    expect(renderIssue(issue).text).toContain("应填 25");
  });

  test("规章 for an agency without rule-making power is a 提示; not for a 市级政府; not judged without a level", () => {
    const report = zeroReport();
    report["t2.regulation.issued"] = 2;
    report["t2.regulation.valid"] = 2;
    expect(failing(validate(report, metaOf({ level: "县级部门" })))).toEqual(["P-T2-REG-COUNTY"]);
    expect(failing(validate(report, metaOf({ level: "市级政府" })))).toEqual([]);
    expect(validate(report).outcome("P-T2-REG-COUNTY")?.status).toBe("notApplicable");
  });

  test("documents issued with none in force is a 提示", () => {
    const report = zeroReport();
    report["t2.normativeDoc.issued"] = 3;
    expect(failing(validate(report))).toEqual(["P-T2-VALID.normativeDoc"]);
  });
});

describe("the shared examples", () => {
  test("003 (新乡市教育局) has no 强制 error; its only 提示 is the three-decimal fee", () => {
    const example = loadExample("003");
    const v = validate(example.values, metaOf({ agencyName: example.agency, year: example.year, level: "市级部门" }));
    expect(v.summary().errors).toBe(0);
    expect(failing(v)).toEqual(["R-T2-FEE-DEC"]);
  });

  test("000 (北关区教育局): the fee 10074845 万元 draws the magnitude warning", () => {
    const example = loadExample("000");
    const v = validate(example.values, metaOf({ agencyName: example.agency, year: example.year, level: "县级部门" }));
    expect(v.summary().errors).toBe(0);
    expect(failing(v)).toEqual(["R-T2-FEE-MAG"]);
    const text = renderIssue(v.issues()[0]!).text;
    expect(text).toContain("10074845 万元");
    expect(text).toContain("1007.4845");
  });

  test("000 as the published text printed it ('1.0074845E7' typed as text) is an input error with the meant number", () => {
    const example = loadExample("000");
    const v = validate({ ...example.values, "t2.fee.amountWan": "1.0074845E7" }, metaOf({ level: "县级部门" }));
    const issue = v.issues().find((i) => i.rule === "R-INPUT")!;
    expect(issue).toMatchObject({ cells: ["t2.fee.amountWan"], expected: 10074845, actual: "1.0074845E7" });
    expect(renderIssue(issue).text).toContain("科学计数法");
  });
});

describe("incremental validation", () => {
  test("after one cell changes only the rules that read it are re-evaluated", () => {
    const v = validate(zeroReport());
    const evaluated = v.setCell("t3.new.natural", 4);
    expect([...evaluated].sort()).toEqual(
      ["R-T3-BAL.natural", "R-T3-ROWSUM.new", "R-INPUT.t3.new.natural", "R-NONNEG.t3.new.natural", "S-FORMULA.t3.new.natural", "R-BLANK.t3"].sort(),
    );
    expect(v.lastEvaluations).toBe(6);
    expect(failing(v)).toEqual(["R-T3-BAL.natural", "R-T3-ROWSUM.new"]);
    v.setCell("t3.new.total", 4);
    v.setCell("t3.carryForward.natural", 4);
    v.setCell("t3.carryForward.total", 4);
    expect(failing(v)).toEqual([]);
  });

  test("a metadata change re-evaluates only the level-dependent rules", () => {
    const report = zeroReport();
    report["t2.fee.amountWan"] = 500_000;
    const v = validate(report, metaOf({ level: "省级政府" }));
    expect(failing(v)).toEqual([]);
    v.setMeta(metaOf({ level: "县级政府" }));
    // The two level-dependent rules, and the two that compare last year's report's year and agency with this one's.
    expect(v.lastEvaluations).toBe(4);
    expect(failing(v)).toEqual(["R-T2-FEE-MAG"]);
  });

  test("property: any sequence of single-cell edits ends in the same issues as a full validation", () => {
    const cellIds = INPUT_CELLS.map((c) => c.id);
    const edit = fc.record({
      id: fc.constantFrom(...cellIds),
      value: fc.oneof(fc.nat({ max: 50 }), fc.constantFrom<string | number | null>(null, "/", "８", -1, 2.5)),
    });
    fc.assert(
      fc.property(consistentReportArbitrary, fc.array(edit, { maxLength: 25 }), (report, edits) => {
        const incremental = validate(report);
        const final: Report = { ...report };
        for (const { id, value } of edits) {
          incremental.setCell(id, value);
          final[id] = value;
        }
        const full = validate(final);
        expect(incremental.issues()).toEqual(full.issues());
        expect(incremental.summary()).toEqual(full.summary());
      }),
      { numRuns: 60 },
    );
  });
});

describe("properties of the rule pack", () => {
  test("every consistent report passes every rule", () => {
    fc.assert(
      fc.property(consistentReportArbitrary, (report) => {
        const v = validate(report);
        expect(v.issues()).toEqual([]);
        expect(v.summary().incomplete).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  test("any single-cell change in a consistent report is caught by a rule that reads that cell", () => {
    // 表二's cells stand alone: no identity links them, so only their own input rules can catch a change.
    // The property is stated for the cells that take part in an identity (表三, 表四) and for any change
    // that makes a cell invalid (text, negative, fraction).
    const linked = INPUT_CELLS.filter((c) => c.table !== "t2").map((c) => c.id);
    fc.assert(
      fc.property(
        consistentReportArbitrary,
        fc.constantFrom(...linked),
        fc.integer({ min: -20, max: 20 }).filter((d) => d !== 0),
        (report, id, delta) => {
          const changed: Report = { ...report, [id]: Number(report[id]) + delta };
          const caught = validate(changed).issues().filter((i) => i.severity === "error" && i.cells.includes(id));
          expect(caught.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
    const anyCell = INPUT_CELLS.map((c) => c.id);
    fc.assert(
      fc.property(consistentReportArbitrary, fc.constantFrom(...anyCell), fc.constantFrom<string | number>("/", "八", "5件", -1, 0.5), (report, id, bad) => {
        const kind = INPUT_CELLS.find((c) => c.id === id)!.kind;
        fc.pre(!(kind === "money" && bad === 0.5));
        const caught = validate({ ...report, [id]: bad }).issues().filter((i) => i.severity === "error" && i.cells.includes(id));
        expect(caught.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  test("the t3 pack reads each of the 175 cells in at least two identities (a row and a column)", () => {
    for (const row of T3_ROWS) {
      for (const column of T3_COLUMNS) {
        const id = t3Id(row.key, column.key);
        const identities = RULE_PACK.filter((r) => (r.relation.kind === "sum" || r.relation.kind === "balance") && cellsRead(r.relation).includes(id));
        expect(identities.length).toBeGreaterThanOrEqual(1);
        if (row.key !== "new" && row.key !== "carryOver" && row.key !== "carryForward") expect(identities.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
