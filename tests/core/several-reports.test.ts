// Two reports pasted one after the other are two reports: each is read on its own and only what they agree on
// is taken — never the first one's agency with the second one's figures.

import { checkReport } from "../../src/core/check";
import { importReportText, sourceFromText } from "../../src/core/import";
import { loadExample } from "../support/reports";

const EX000 = loadExample("000");
const EX003 = loadExample("003");

describe("several reports in one text", () => {
  test("two different reports: no agency or year guessed, their differing tables unread with the reason, the same 表四 read", () => {
    const result = importReportText(`${EX003.text}\n\n${EX000.text}`);
    expect(result.agency).toBeNull();
    expect(result.year).toBeNull();
    expect(result.reports).toEqual([
      { agency: "新乡市教育局", year: 2023 },
      { agency: "北关区教育局", year: 2023 },
    ]);
    expect(result.differingTables).toEqual(["表二", "表三"]);
    expect(result.values["t3.new.total"]).toBeNull();
    expect(result.values["t2.fee.amountWan"]).toBeNull();
    expect(result.unread.find((u) => u.cells.includes("t3.new.total"))?.reason).toContain("报告中有两份不同的表三");
    // 表四 is all zeros in both: the figures agree and are read.
    expect(result.values["t4.review.total"]).toBe(0);
    const check = checkReport(sourceFromText(`${EX003.text}\n\n${EX000.text}`).source);
    expect(check.summary.verdict).toBe("incomplete");
    const issue = check.issues.find((i) => i.rule === "S-REPORTS");
    expect(issue?.text).toContain("文本中有 2 份报告（“新乡市教育局2023年”、“北关区教育局2023年”）");
    expect(issue?.text).toContain("未确定机关和年度");
    expect(issue?.text).toContain("表二、表三不同，未读取");
  });

  test("the same report pasted twice: read whole, with the notice", () => {
    const result = importReportText(`${EX003.text}\n${EX003.text}`);
    expect(result.agency).toBe("新乡市教育局");
    expect(result.differingTables).toEqual([]);
    expect(Object.entries(result.values).filter(([, v]) => v === null)).toEqual([]);
    for (const [id, value] of Object.entries(EX003.values)) expect(result.values[id]).toBe(value);
    const check = checkReport(sourceFromText(`${EX003.text}\n${EX003.text}`).source);
    expect(check.issues.find((i) => i.rule === "S-REPORTS")?.text).toContain("各份报告的统计表相同");
  });

  test("one report is one report: a title repeated as a running page header is not a second report", () => {
    expect(importReportText(EX003.text).reports).toHaveLength(1);
    const lines = EX003.text.split("\n");
    const five = lines.findIndex((l) => l.startsWith("五、"));
    lines.splice(five, 0, "新乡市教育局 2023 年政府信息公开工作年度报告", "");
    const withHeader = importReportText(lines.join("\n"));
    expect(withHeader.reports).toHaveLength(1);
    expect(withHeader.agency).toBe("新乡市教育局");
    expect(Object.values(withHeader.values).filter((v) => v === null)).toEqual([]);
  });

  test("more than ten reports in one text: nothing read, each to be imported on its own", () => {
    const result = importReportText(Array.from({ length: 11 }, () => EX003.text).join("\n"));
    expect(Object.values(result.values).every((v) => v === null)).toBe(true);
    expect(result.unread[0]?.reason).toBe("文本中有 11 份报告，未读取；请每份报告单独导入");
    expect(result.reports).toHaveLength(11);
  });
});
