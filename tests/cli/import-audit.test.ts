// Reading published reports back, as the two groups of users do: import one report (text, HTML, .docx, PDF),
// check this year's workbook against last year's, audit a folder of mixed files, and roll units up.

import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { packDocx } from "../../src/adapters/export/docx";
import { packHtml } from "../../src/adapters/export/html";
import { getCell, isCellId } from "../../src/core/format";
import { createReportDocument } from "../../src/core/report";
import { parseCell } from "../../src/core/values";
import type { LibreOfficeSession } from "../support/libreoffice";
import { openLibreOffice } from "../support/libreoffice";
import type { Report } from "../support/reports";
import { cliIn } from "../support/cli";
import { EXAMPLES_DIR, consistentReport, loadExample, metaOf, randomSeed, seededRandom } from "../support/reports";

let dir: string;

const nianbao = cliIn(() => dir);

function documentOf(values: Report, agency: string, year: number) {
  const narrative = { texts: { "n1.infoMgmt": "严格落实保密审查。", "n5.problems": "信息更新不够及时。" }, numbers: { "n6.feeNotices": 0 }, flags: {} };
  return createReportDocument(metaOf({ agencyName: agency, year }), (id) => parseCell(values[id] ?? null, getCell(id).kind).value, narrative, isCellId);
}

async function template(name: string, values: Report, agency: string, year = 2023): Promise<void> {
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(values));
  const result = await nianbao("template", "--agency", agency, "--year", String(year), "--values", `${name}.json`, "-o", `${name}.xlsx`, "--force");
  expect(result.code).toBe(0);
}

let office: LibreOfficeSession;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-import-"));
  office = await openLibreOffice();
}, 120_000);
afterAll(async () => {
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("nianbao import", () => {
  test.each(["000_f2f7a8db13862236", "003_76fa165b0e5913e4"])("%s.txt imports to exactly its expected values", async (name) => {
    const result = await nianbao("import", path.join(EXAMPLES_DIR, `${name}.txt`), "--json");
    const expected = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, `${name}.expected.json`), "utf8")) as { agency: string; year: number; values: unknown };
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { agency: string; year: number; format: string; values: unknown; unread: unknown[] };
    expect(json).toMatchObject({ agency: expected.agency, year: expected.year, format: "2021", unread: [] });
    expect(json.values).toEqual(expected.values);
  });

  test("the report's HTML, .docx and PDF import to the same values", async () => {
    const example = loadExample("003");
    const document = documentOf(example.values, example.agency, example.year);
    writeFileSync(path.join(dir, "003.html"), packHtml(document));
    writeFileSync(path.join(dir, "003.docx"), await packDocx(document));
    const [pdf] = await office.convert([path.join(dir, "003.docx")], "pdf", dir);
    for (const file of ["003.html", "003.docx", pdf!]) {
      const json = JSON.parse((await nianbao("import", file, "--json")).stdout) as { values: unknown; agency: string };
      expect({ file, values: json.values }).toEqual({ file, values: example.values });
      expect(json.agency).toBe("新乡市教育局");
    }
  }, 120_000);

  test("-o writes a workbook with the tables and the narrative sections; check reads the same values", async () => {
    const result = await nianbao("import", path.join(EXAMPLES_DIR, "000_f2f7a8db13862236.txt"), "-o", "000.xlsx", "--level", "县级部门");
    expect(result.stdout).toContain("已读取 200 / 200 个单元格");
    expect(result.stdout).toContain("可能误按“元”填写");
    const check = JSON.parse((await nianbao("check", "000.xlsx", "--json")).stdout) as { values: unknown };
    expect(check.values).toEqual(loadExample("000").values);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "000.xlsx"));
    const sheet = workbook.getWorksheet("正文")!;
    const texts = Array.from({ length: sheet.rowCount }, (_, i) => sheet.getCell(i + 1, 3).text).join("\n");
    expect(texts).toContain("本年度，本机关为收取信息公开处理费。");
    expect(texts).toContain("一、存在的问题");
  });

  test("-o says which paragraph of the text it left out of the 正文 (last year's opening), as the pane does", async () => {
    const result = await nianbao("import", path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "-o", "003.xlsx");
    expect(result.stdout).toContain("不填入正文：原报告的开篇段落“新乡市教育局根据《中华人民共和国政府信息公开条例》");
    expect(result.stdout).toContain("本报告的开篇（编制依据、统计期限）按本年度自动生成");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "003.xlsx"));
    const sheet = workbook.getWorksheet("正文")!;
    const texts = Array.from({ length: sheet.rowCount }, (_, i) => sheet.getCell(i + 1, 3).text).join("\n");
    expect(texts).not.toContain("特编制 2023 年政府信息公开工作年度报告");
    const json = JSON.parse((await nianbao("import", path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "--json")).stdout) as { leftOut: { reason: string; text: string }[] };
    expect(json.leftOut.map((entry) => entry.reason)).toEqual(["opening"]);
    expect(json.leftOut.map((entry) => entry.text).join("\n")).toContain("特编制 2023 年政府信息公开工作年度报告");
    // Without -o nothing is written, so nothing is left out of a 正文.
    expect((await nianbao("import", path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"))).stdout).not.toContain("不填入正文");
  });

  test("an unreadable file is one line on stderr with exit code 2", async () => {
    writeFileSync(path.join(dir, "坏.docx"), "not a zip");
    const result = await nianbao("import", "坏.docx");
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("check --previous", () => {
  test("上年结转 is compared with last year's 结转下年度, column by column", async () => {
    const random = seededRandom(7);
    const lastYear = consistentReport(randomSeed(random));
    const thisYear = consistentReport(randomSeed(random));
    await template("2022", lastYear, "某县教育局", 2022);
    await template("2023", thisYear, "某县教育局", 2023);
    const json = JSON.parse((await nianbao("check", "2023.xlsx", "--json", "--previous", "2022.xlsx")).stdout) as { issues: { rule: string; expected: unknown; actual: unknown; cells: string[] }[] };
    const carry = json.issues.filter((i) => i.rule === "X-T3-CARRY");
    const differing = ["natural", "commercial", "research", "publicInterest", "legalService", "otherOrg", "total"].filter(
      (c) => lastYear[`t3.carryForward.${c}`] !== thisYear[`t3.carryOver.${c}`],
    );
    expect(carry.map((i) => i.cells[0])).toEqual(differing.map((c) => `t3.carryOver.${c}`));
    expect(differing.length).toBeGreaterThan(0);
    // Last year's report as published text works too.
    const text = await nianbao("check", "2023.xlsx", "--json", "--previous", path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"));
    expect((JSON.parse(text.stdout) as { issues: { rule: string }[] }).issues.some((i) => i.rule === "X-T3-CARRY")).toBe(true);
  });
});

describe("nianbao audit", () => {
  test("a folder of good, failing and unreadable files gives one row each and exit code 1", async () => {
    const folder = path.join(dir, "各单位");
    mkdirSync(path.join(folder, "子目录"), { recursive: true });
    const good = consistentReport(randomSeed(seededRandom(1)));
    await template("good", good, "甲局");
    await template("bad", { ...good, "t3.new.total": Number(good["t3.new.total"]) + 1 }, "乙局");
    for (const name of ["good.xlsx", "bad.xlsx"]) writeFileSync(path.join(folder, name), readFileSync(path.join(dir, name)));
    writeFileSync(path.join(folder, "子目录", "000.txt"), readFileSync(path.join(EXAMPLES_DIR, "000_f2f7a8db13862236.txt")));
    writeFileSync(path.join(folder, "损坏.xlsx"), "PK\u0003\u0004 broken");
    writeFileSync(path.join(folder, "说明.md"), "不是报告");
    const result = await nianbao("audit", folder, "--json", "--csv", "结果.csv", "--html", "结果.html");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { summary: unknown; reports: { file: string; verdict: string; agency: string | null; errors: number; failedRules: string[]; cellsRead: number; message: string }[] };
    // One state per report, as the check gives it: the good workbook's 正文 is still the template's guidance.
    expect(json.summary).toEqual({ files: 4, pass: 0, warnings: 1, errors: 1, incomplete: 1, unreadable: 1 });
    const byName = Object.fromEntries(json.reports.map((r) => [path.basename(r.file), r]));
    expect(byName["good.xlsx"]).toMatchObject({ verdict: "incomplete", agency: "甲局", errors: 0, cellsRead: 200 });
    expect(byName["bad.xlsx"]).toMatchObject({ verdict: "errors", agency: "乙局" });
    expect(byName["bad.xlsx"]!.failedRules).toEqual(expect.arrayContaining(["R-T3-ROWSUM", "R-T3-BAL"]));
    // Example 000: the fee typed in 元 and 为收取 for 未收取, both found in the published text.
    expect(byName["000.txt"]).toMatchObject({ verdict: "warnings", agency: "北关区教育局", errors: 0 });
    expect(byName["000.txt"]!.failedRules).toEqual(["R-T2-FEE-MAG", "T-WORDING"]);
    expect(byName["000.txt"]!.message).toContain("1007.4845");
    expect(byName["损坏.xlsx"]).toMatchObject({ verdict: "unreadable" });
    const csv = readFileSync(path.join(dir, "结果.csv"), "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFF文件,机关,年度,结论,规则编号,规则名称,级别,位置,说明,已读单元格,对照的上年报告");
    expect(readFileSync(path.join(dir, "结果.html"), "utf8")).toContain("有强制错误 1 份");
  });

  test("many reports on both cores give the same rows as one at a time", async () => {
    const folder = path.join(dir, "批量");
    mkdirSync(folder, { recursive: true });
    const text = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"));
    for (let i = 0; i < 60; i += 1) writeFileSync(path.join(folder, `${String(i).padStart(3, "0")}.txt`), text);
    const parallel = JSON.parse((await nianbao("audit", folder, "--json", "--jobs", "2")).stdout) as { reports: unknown[] };
    const serial = JSON.parse((await nianbao("audit", folder, "--json", "--jobs", "1")).stdout) as { reports: unknown[] };
    expect(parallel.reports).toHaveLength(60);
    expect(parallel.reports).toEqual(serial.reports);
  });
});

describe("nianbao aggregate", () => {
  test("sums units cell by cell and lists failing and missing units", async () => {
    const folder = path.join(dir, "汇总");
    mkdirSync(folder, { recursive: true });
    const a = consistentReport(randomSeed(seededRandom(11)));
    const b = consistentReport(randomSeed(seededRandom(12)));
    await template("a", a, "甲局");
    await template("b", { ...b, "t4.review.total": Number(b["t4.review.total"]) + 1 }, "乙局");
    for (const name of ["a.xlsx", "b.xlsx"]) writeFileSync(path.join(folder, name), readFileSync(path.join(dir, name)));
    writeFileSync(path.join(dir, "名单.txt"), "甲局\n乙局\n丙局\n");
    const result = await nianbao("aggregate", folder, "-o", "汇总.xlsx", "--units", "名单.txt", "--agency", "某县政务公开办");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("已汇总 2 个单位");
    expect(result.stdout).toContain("校验不通过的单位 1 个：乙局");
    expect(result.stdout).toContain("缺报单位 1 个：丙局");
    const check = JSON.parse((await nianbao("check", "汇总.xlsx", "--json")).stdout) as { agency: string; values: Record<string, number> };
    expect(check.agency).toBe("某县政务公开办");
    expect(check.values["t3.new.total"]).toBe(Number(a["t3.new.total"]) + Number(b["t3.new.total"]));
    expect(check.values["t2.fee.amountWan"]).toBeCloseTo(Number(a["t2.fee.amountWan"]) + Number(b["t2.fee.amountWan"]), 6);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "汇总.xlsx"));
    expect(workbook.getWorksheet("单位明细")!.rowCount).toBe(3);
    const notesSheet = workbook.getWorksheet("汇总说明")!;
    const notes = Array.from({ length: notesSheet.rowCount }, (_, i) => notesSheet.getCell(i + 1, 1).text);
    expect(notes).toEqual(expect.arrayContaining(["丙局", "乙局"]));
  });
});

describe("audit outputs", () => {
  test("names and files that begin with = + - @ are defused in the CSV: LibreOffice opens no formula", async () => {
    const folder = path.join(dir, "注入");
    mkdirSync(folder, { recursive: true });
    await template("inject", consistentReport(randomSeed(seededRandom(7))), '=HYPERLINK("http://example.invalid","点击")');
    writeFileSync(path.join(folder, "=1+2.xlsx"), readFileSync(path.join(dir, "inject.xlsx")));
    writeFileSync(path.join(folder, "@SUM(1).txt"), "+1");
    expect((await nianbao("audit", folder, "--csv", "注入.csv")).code).toBe(1);
    const csv = readFileSync(path.join(dir, "注入.csv"), "utf8");
    expect(csv).toContain(`'=HYPERLINK(""http://example.invalid"",""点击"")`);
    const [converted] = await office.convert([path.join(dir, "注入.csv")], "xlsx", path.join(dir, "注入-xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(converted!);
    const formulas: string[] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value as unknown;
        if (value !== null && typeof value === "object" && "formula" in value) formulas.push(cell.address);
      }),
    );
    expect(formulas).toEqual([]);
    // The text itself is kept: the agency's name as it was written, after the quote that defuses it.
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void texts.push(typeof cell.value === "string" ? cell.value : JSON.stringify(cell.value))));
    expect(texts.some((t) => t.includes("=HYPERLINK("))).toBe(true);
  });

  test("--csv and --html never write over an existing file without --force, and never over a report of the run", async () => {
    const folder = path.join(dir, "覆盖");
    mkdirSync(folder, { recursive: true });
    await template("unit", consistentReport(randomSeed(seededRandom(8))), "甲局");
    const unit = path.join(folder, "unit.xlsx");
    writeFileSync(unit, readFileSync(path.join(dir, "unit.xlsx")));
    const before = readFileSync(unit);
    const over = await nianbao("audit", unit, "--csv", unit, "--force");
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("是要审核的报告之一");
    expect(readFileSync(unit).equals(before)).toBe(true);
    writeFileSync(path.join(dir, "已有.html"), "审核记录");
    const existing = await nianbao("audit", unit, "--html", "已有.html");
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain("已存在");
    expect(readFileSync(path.join(dir, "已有.html"), "utf8")).toBe("审核记录");
    expect((await nianbao("audit", unit, "--html", "已有.html", "--force")).code).not.toBe(2);
    expect(readFileSync(path.join(dir, "已有.html"), "utf8")).toContain("审核结果");
  });
});
