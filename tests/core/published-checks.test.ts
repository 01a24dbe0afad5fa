// The checks that tie the text to the tables beyond the numbers it quotes (收费通知, a 表三 of zeros), the one
// against last year's stock (repeals), and those over what only a published report prints: the date and the
// agency under its signature, the year its opening names. Each fires on its case and keeps quiet on the
// lookalikes real reports print.

import type { CheckedIssue, PreviousYear } from "../../src/core/check";
import { checkReport } from "../../src/core/check";
import { sourceFromText } from "../../src/core/import";
import { splitSignature } from "../../src/core/import/signature";
import type { Narrative } from "../../src/core/report";
import type { Report } from "../support/reports";
import { WRITTEN_NARRATIVE, loadExample, metaOf, sourceOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2023, level: "县级部门" });
const EX003 = loadExample("003").text;

function issues(values: Report, narrative: Narrative, previous: PreviousYear | null = null): readonly CheckedIssue[] {
  return checkReport(sourceOf(values, META, narrative), { previous }).issues;
}

function rulesOf(list: readonly CheckedIssue[]): string[] {
  return list.filter((i) => i.severity === "warning" || i.scope === "text").map((i) => i.rule);
}

/** 表三 with `count` applications of natural persons dropped because the fee was not paid after a notice. */
function droppedForFees(count: number): Report {
  const values = zeroReport();
  for (const row of ["new", "result.other.noFee", "result.total"]) {
    values[`t3.${row}.natural`] = count;
    values[`t3.${row}.total`] = count;
  }
  return values;
}

/** The published report 003 with a signature block appended (or the text changed first). */
function published(tail: string, edit: (text: string) => string = (t) => t): readonly CheckedIssue[] {
  return checkReport(sourceFromText(`${edit(EX003).trimEnd()}\n\n${tail}\n`).source).issues;
}

function textRules(list: readonly CheckedIssue[]): string[] {
  return list.filter((i) => i.scope === "text").map((i) => i.rule);
}

describe("P-T3-NOFEE: 收费通知 counted in 表三 and reported in 六", () => {
  test("the workbook's 六 reports no notices while 表三 counts 2 applications dropped for fees: 提示 naming the cell", () => {
    const found = issues(droppedForFees(2), { ...WRITTEN_NARRATIVE, numbers: { "n6.feeNotices": 0 } }).filter((i) => i.rule === "P-T3-NOFEE");
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe("warning");
    expect(found[0]?.cells).toEqual(["t3.result.other.noFee.total"]);
    expect(found[0]?.text).toContain("表三");
    expect(found[0]?.text).toContain("只报告 0 件");
  });

  test("as many notices reported as applications dropped: quiet; none dropped: quiet", () => {
    expect(rulesOf(issues(droppedForFees(2), { ...WRITTEN_NARRATIVE, numbers: { "n6.feeNotices": 2, "n6.feeNoticesAmountYuan": 100, "n6.feeCollectedYuan": 0 } }))).not.toContain("P-T3-NOFEE");
    expect(rulesOf(issues(zeroReport(), { ...WRITTEN_NARRATIVE, numbers: { "n6.feeNotices": 0 } }))).not.toContain("P-T3-NOFEE");
  });

  test("a published 六 that says nothing of notices, or fewer than counted", () => {
    // Example 003 with 2 more applications, both dropped after a fee notice: its tables still balance.
    const source = sourceFromText(EX003).source;
    const cells = new Map(source.cells);
    for (const [id, value] of Object.entries(droppedForFees(2))) if (value !== 0) cells.set(id, Number(cells.get(id) ?? 0) + Number(value));
    const check = (six: string): string[] => {
      const narrative = { ...source.narrative!, texts: { ...source.narrative!.texts, "n6.other": six } };
      return checkReport({ ...source, cells, narrative }).issues.map((i) => i.rule);
    };
    expect(check("本机关本年度未收取信息处理费。")).toContain("P-T3-NOFEE");
    expect(check("本年度发出收费通知1件，未实际收取信息处理费。")).toContain("P-T3-NOFEE");
    expect(check("本年度向申请人发出收费通知2件，申请人均未缴费。")).not.toContain("P-T3-NOFEE");
  });
});

describe("P-T3-EMPTY: a 表三 of zeros beside applications in the text", () => {
  test("the text says 8 applications, 表三 is all zeros: one P-T3-EMPTY, and P-NARR leaves it to it", () => {
    const list = issues(zeroReport(), { ...WRITTEN_NARRATIVE, texts: { ...WRITTEN_NARRATIVE.texts, "n1.onRequest": "全年共收到政府信息公开申请8件，均按期答复。" } });
    const rules = rulesOf(list);
    expect(rules.filter((r) => r === "P-T3-EMPTY")).toHaveLength(1);
    expect(rules).not.toContain("P-NARR");
    expect(list.find((i) => i.rule === "P-T3-EMPTY")?.text).toContain("表三各项均为 0");
  });

  test("a 表三 with figures: P-NARR compares the number instead; 0 applications in the text: quiet", () => {
    const rules = rulesOf(issues(droppedForFees(3), { ...WRITTEN_NARRATIVE, numbers: { "n6.feeNotices": 3 }, texts: { ...WRITTEN_NARRATIVE.texts, "n1.onRequest": "全年共收到政府信息公开申请8件。" } }));
    expect(rules).toContain("P-NARR");
    expect(rules).not.toContain("P-T3-EMPTY");
    expect(rulesOf(issues(zeroReport(), { ...WRITTEN_NARRATIVE, texts: { ...WRITTEN_NARRATIVE.texts, "n1.onRequest": "全年共收到政府信息公开申请0件。" } }))).not.toContain("P-T3-EMPTY");
  });
});

describe("P-NARR on documents in force: the text's 现行有效 count against 表二", () => {
  const values = { ...zeroReport(), "t2.normativeDoc.issued": 2, "t2.normativeDoc.valid": 12, "t2.regulation.valid": 0 };
  const said = (sentence: string): readonly CheckedIssue[] =>
    issues(values, { ...WRITTEN_NARRATIVE, texts: { ...WRITTEN_NARRATIVE.texts, "n1.active": sentence } }).filter((i) => i.rule === "P-NARR");

  test("「现行有效规范性文件10件」 beside 12 in 表二: flagged with both figures; either word order", () => {
    const found = said("截至年底，本机关现行有效规范性文件10件。");
    expect(found).toHaveLength(1);
    expect(found[0]?.cells).toEqual(["t2.normativeDoc.valid"]);
    expect(found[0]?.text).toContain("现行有效的行政规范性文件 10 件");
    expect(found[0]?.text).toContain("为 12 件");
    expect(said("本机关行政规范性文件现行有效9件。")).toHaveLength(1);
  });

  test("the same figures as 表二: quiet", () => {
    expect(said("本年制发规范性文件2件，现行有效规范性文件12件，现行有效规章0件。")).toEqual([]);
  });
});

describe("P-T2-REPEAL: no more repealed than were in force plus issued", () => {
  const previous = (valid: number): PreviousYear => {
    const cells = new Map(Object.entries({ ...zeroReport(), "t2.normativeDoc.valid": valid }));
    return { year: 2022, cells, one: "", five: "" };
  };
  const thisYear = (issued: number, repealed: number, valid: number): Report => ({
    ...zeroReport(),
    "t2.normativeDoc.issued": issued,
    "t2.normativeDoc.repealed": repealed,
    "t2.normativeDoc.valid": valid,
  });

  test("3 in force last year, 1 issued, 5 repealed: 提示 on the repealed cell with the figures", () => {
    const found = issues(thisYear(1, 5, 0), WRITTEN_NARRATIVE, previous(3)).filter((i) => i.rule === "P-T2-REPEAL");
    expect(found).toHaveLength(1);
    expect(found[0]?.cells[0]).toBe("t2.normativeDoc.repealed");
    expect(found[0]?.expected).toBe(4);
    expect(found[0]?.text).toContain("多于");
  });

  test("4 repealed of 3 + 1: quiet; no last year's report: not judged", () => {
    expect(rulesOf(issues(thisYear(1, 4, 0), WRITTEN_NARRATIVE, previous(3)))).not.toContain("P-T2-REPEAL");
    expect(rulesOf(issues(thisYear(1, 5, 0), WRITTEN_NARRATIVE))).not.toContain("P-T2-REPEAL");
  });
});

describe("the signature block of a published report", () => {
  test("read in Arabic and Chinese numerals, with spaces, one line or two, and taken off 六", () => {
    expect(splitSignature("无其他事项。\n\n某县教育局\n2024年1月15日").signature).toEqual({ agency: "某县教育局", date: { year: 2024, month: 1, day: 15 }, text: "某县教育局 2024年1月15日" });
    expect(splitSignature("无。\n某县人民政府办公室\n二〇二四年三月二十一日").signature?.date).toEqual({ year: 2024, month: 3, day: 21 });
    expect(splitSignature("无。\n某 县 教 育 局\n2024 年 1 月 5 日").signature?.agency).toBe("某县教育局");
    expect(splitSignature("无。\n某县教育局 2024年1月15日").signature?.agency).toBe("某县教育局");
    expect(splitSignature("无。\n某县教育局\n2024-01-15").signature?.date).toEqual({ year: 2024, month: 1, day: 15 });
    // 「特此报告。」 is no agency; a sentence ending in a date is no signature; 2月30日 is no date.
    expect(splitSignature("特此报告\n2024年1月15日").signature?.agency).toBeNull();
    expect(splitSignature("本报告于2024年1月15日").signature).toBeNull();
    expect(splitSignature("无。\n某县教育局\n2024年2月30日").signature).toBeNull();
    const { source } = sourceFromText(`${EX003.trimEnd()}\n\n新乡市教育局\n2024年1月20日\n`);
    expect(source.narrative?.texts["n6.other"]).not.toContain("2024年1月20日");
    expect(source.publishedText?.signature?.agency).toBe("新乡市教育局");
  });

  test("signed after the year and by 31 January (a department): quiet", () => {
    expect(textRules(published("新乡市教育局\n2024年1月20日"))).toEqual([]);
    expect(textRules(published("新乡市教育局\n二〇二四年一月三十一日"))).toEqual([]);
  });

  test("signed within the report year: T-SIGN-DATE saying so", () => {
    const found = published("新乡市教育局\n2023年12月28日").filter((i) => i.rule === "T-SIGN-DATE");
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe("warning");
    expect(found[0]?.text).toContain("在报告年度之内");
  });

  test("signed late: after 31 January for a department, after 31 March for a people's government", () => {
    expect(published("新乡市教育局\n2024年2月5日").find((i) => i.rule === "T-SIGN-DATE")?.text).toContain("2024年1月31日");
    const government = (date: string): readonly CheckedIssue[] =>
      published(`新乡市人民政府\n${date}`, (t) => t.replace("新乡市教育局 2023 年政府", "新乡市人民政府 2023 年政府"));
    expect(textRules(government("2024年3月20日"))).not.toContain("T-SIGN-DATE");
    expect(government("2024年4月2日").find((i) => i.rule === "T-SIGN-DATE")?.text).toContain("3月31日");
  });

  test("signed by another agency: T-SIGN-AGENCY; the full name, or the government's office: quiet", () => {
    const other = published("新乡市财政局\n2024年1月20日").filter((i) => i.rule === "T-SIGN-AGENCY");
    expect(other).toHaveLength(1);
    expect(other[0]?.text).toContain("新乡市财政局");
    expect(other[0]?.text).toContain("新乡市教育局");
    expect(textRules(published("河南省新乡市教育局\n2024年1月20日"))).toEqual([]);
    const office = published("新乡市人民政府办公室\n2024年3月20日", (t) => t.replace("新乡市教育局 2023 年政府", "新乡市人民政府 2023 年政府"));
    expect(textRules(office)).not.toContain("T-SIGN-AGENCY");
  });

  test("a workbook's report has no signature: neither check runs", () => {
    const rules = rulesOf(issues(zeroReport(), { ...WRITTEN_NARRATIVE, numbers: { "n6.feeNotices": 0 } }));
    expect(rules.filter((r) => r.startsWith("T-SIGN") || r === "T-OPEN-YEAR")).toEqual([]);
  });
});

describe("T-OPEN-YEAR: the year the opening names", () => {
  test("「特编制 2022 年…年度报告」 in the 2023 report: flagged with the words; the right year: quiet", () => {
    const found = published("新乡市教育局\n2024年1月20日", (t) => t.replace("特编制 2023 年", "特编制 2022 年")).filter((i) => i.rule === "T-OPEN-YEAR");
    expect(found).toHaveLength(1);
    expect(found[0]?.text).toContain("2022年");
    expect(textRules(published("新乡市教育局\n2024年1月20日"))).not.toContain("T-OPEN-YEAR");
  });

  test("「现将2022年度…」 before 一 is flagged; a link to last year's report on the page is not", () => {
    const opening = (line: string): string[] =>
      textRules(published("新乡市教育局\n2024年1月20日", (t) => t.replace("一、总体情况", `${line}\n\n一、总体情况`)));
    expect(opening("现将2022年度政府信息公开工作年度报告公布如下。")).toContain("T-OPEN-YEAR");
    expect(opening("相关链接：新乡市教育局2022年政府信息公开工作年度报告")).not.toContain("T-OPEN-YEAR");
    expect(opening("现将2023年度政府信息公开工作年度报告公布如下。")).not.toContain("T-OPEN-YEAR");
  });
});
