// The audit's terminal table, CSV and JSON from given rows: Chinese aligned by display width, one CSV line per
// issue (and one for a report without any), the JSON written piece by piece equal to the JSON of the whole.

import type { AuditRow } from "../../src/cli/audit-rows";
import { auditRow } from "../support/audit-row";
import { auditCsv, auditJsonPieces, auditTable, displayWidth, jsonSummary } from "../../src/cli/audit-outputs";

/** A row of the tests, named by its file. */
function row(partial: Partial<AuditRow>): AuditRow {
  return auditRow({ file: "a.txt", ...partial });
}

const ISSUE = {
  id: "T-SIGN-AGENCY",
  rule: "T-SIGN-AGENCY",
  severity: "warning" as const,
  cells: [],
  addresses: [],
  expected: "某县教育局",
  actual: "某县财政局",
  message: "落款机关为“某县财政局”，与报告标题中的“某县教育局”不一致。",
  name: "落款机关",
  outlined: [],
  section: "n6" as const,
  excerpt: "某县财政局 2024年1月20日",
};

const ROWS: AuditRow[] = [
  row({ file: "甲.txt" }),
  row({ file: "a-very-long-file-name-that-goes-on-and-on-and-on.txt", agency: "某市人民政府办公室", verdict: "warnings", warnings: 1, failedRules: ["T-SIGN-AGENCY"], message: ISSUE.message, issues: [ISSUE] }),
  row({ file: "损坏.docx", verdict: "unreadable", agency: null, year: null, cellsRead: 0, message: "文件已损坏。" }),
  row({ file: "缺表.txt", verdict: "incomplete", cellsRead: 25, unread: 175, unreadReason: "未找到表三", message: "未找到表三" }),
];

describe("the terminal table", () => {
  test("display width: a Chinese character is two columns, a Latin one, a combining mark none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("某县教育局")).toBe(10);
    expect(displayWidth("２０２３（）")).toBe(12);
    expect(displayWidth("e\u0301")).toBe(1);
  });

  test("every column starts at the same display column on every report's line; the counts end it", () => {
    const lines = auditTable(ROWS).trimEnd().split("\n");
    const tableLines = lines.filter((l) => !l.startsWith("    ") && !l.startsWith("共"));
    expect(tableLines).toHaveLength(5);
    // The state column: where 结论 starts in the header, each row's state starts.
    const header = tableLines[0]!;
    const column = displayWidth(header.slice(0, header.indexOf("结论")));
    const states = ["全部通过", "强制通过、提示待核实", "无法读取", "未完成"];
    tableLines.slice(1).forEach((line, i) => expect(displayWidth(line.slice(0, line.indexOf(states[i]!)))).toBe(column));
    // A long file name is cut with … rather than pushing the columns right.
    expect(tableLines[2]).toContain("…");
    expect(lines).toContain("    未能读取 175 个单元格：未找到表三");
    expect(lines).toContain("    无法读取：文件已损坏。");
    expect(lines.at(-1)).toBe("共 4 份：全部通过 1 份，强制通过、提示待核实 1 份，有强制错误 0 份，未完成 1 份，无法读取 1 份。");
  });

  test("control sequences from a file are shown, never sent to the terminal", () => {
    const table = auditTable([row({ file: "a\u001b[31m.txt", agency: "某局\u001b]0;标题\u0007", message: "x\ry", verdict: "warnings", warnings: 1 })]);
    const controls = [...table].filter((ch) => ch !== "\n" && (ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f)));
    expect(controls).toEqual([]);
    expect(table).toContain("a␛[31m.txt");
    expect(table).toContain("某局␛]0;标题␇");
    expect(table).toContain("x␍y");
  });
});

describe("the CSV", () => {
  test("one line per issue, one for a report without issues, the unread cells' line with the reason", () => {
    const lines = auditCsv(ROWS).split("\r\n");
    expect(lines[0]).toBe("\uFEFF文件,机关,年度,结论,规则编号,规则名称,级别,位置,说明,已读单元格,对照的上年报告");
    expect(lines.slice(1, -1)).toEqual([
      "甲.txt,某县教育局,2023,全部通过,,,,,,200,",
      "a-very-long-file-name-that-goes-on-and-on-and-on.txt,某市人民政府办公室,2023,强制通过、提示待核实,T-SIGN-AGENCY,落款机关,提示,,落款机关为“某县财政局”，与报告标题中的“某县教育局”不一致。,200,",
      "损坏.docx,,,无法读取,,,,,文件已损坏。,,",
      "缺表.txt,某县教育局,2023,未完成,,,,,未能读取 175 个单元格：未找到表三,25,",
    ]);
    expect(lines.at(-1)).toBe("");
  });
});

describe("the JSON", () => {
  test("written piece by piece it is the JSON of the whole, summary first", () => {
    const whole = `${JSON.stringify({ summary: jsonSummary(ROWS), reports: ROWS }, null, 2)}\n`;
    expect([...auditJsonPieces(ROWS)].join("")).toBe(whole);
    expect([...auditJsonPieces([])].join("")).toBe(`${JSON.stringify({ summary: jsonSummary([]), reports: [] }, null, 2)}\n`);
    expect(jsonSummary(ROWS)).toEqual({ files: 4, pass: 1, warnings: 1, errors: 0, incomplete: 1, unreadable: 1 });
  });
});
