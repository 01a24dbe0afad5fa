// The `nianbao` command as a user runs it: the bundled CLI in a child process, real files, exit codes.

import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { EXAMPLES_DIR, loadExample } from "../support/reports";



const nianbao = cliIn(() => dir);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = (name: string): string => path.join(EXAMPLES_DIR, `${name}.expected.json`);

describe("nianbao template", () => {
  test("writes the template with the agency's metadata", async () => {
    const result = await nianbao("template", "--agency", "某县教育局", "--year", "2025", "--level", "县级部门", "-o", "空白.xlsx");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("已生成 空白.xlsx");
    expect(statSync(path.join(dir, "空白.xlsx")).size).toBeGreaterThan(10_000);
    const check = await nianbao("check", "空白.xlsx", "--json");
    // An empty form is unfinished, never passed.
    expect(JSON.parse(check.stdout)).toMatchObject({ agency: "某县教育局", year: 2025, level: "县级部门", summary: { filled: 0, errors: 0, verdict: "incomplete" } });
  });

  test("never overwrites an existing file without --force", async () => {
    writeFileSync(path.join(dir, "已填.xlsx"), "用户的文件");
    const result = await nianbao("template", "-o", "已填.xlsx");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("已存在");
    expect(readFileSync(path.join(dir, "已填.xlsx"), "utf8")).toBe("用户的文件");
    expect((await nianbao("template", "-o", "已填.xlsx", "--force")).code).toBe(0);
  });

  test.each([
    [["--level", "县级"], "--level“县级”无法识别"],
    [["--year", "23"], "--year 应为四位数"],
    [["-o", "年报.xls"], "应以 .xlsx 结尾"],
    [["--bogus"], "参数有误"],
  ])("refuses bad arguments %j with exit code 2", async (args, phrase) => {
    const result = await nianbao("template", "-o", "x.xlsx", ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(phrase);
  });
});

describe("nianbao check", () => {
  test("example 003, filled into the template, is clean of 强制 errors (exit 0)", async () => {
    await nianbao("template", "--agency", "新乡市教育局", "--year", "2023", "--level", "市级部门", "--values", example("003_76fa165b0e5913e4"), "-o", "003.xlsx");
    const text = await nianbao("check", "003.xlsx");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("机关：新乡市教育局");
    expect(text.stdout).toContain("已填写 200 / 200 个单元格");
    // The tables are complete; 正文 still holds the template's guidance, so the report is not finished.
    expect(text.stdout).toContain("结论：未完成");
    const json = JSON.parse((await nianbao("check", "003.xlsx", "--json")).stdout) as {
      values: unknown;
      summary: { errors: number; verdict: string; tables: { verdict: string } };
      issues: { rule: string }[];
    };
    expect(json.values).toEqual(loadExample("003").values);
    expect(json.summary).toMatchObject({ errors: 0, verdict: "incomplete", tables: { verdict: "warnings" } });
    const tables = await nianbao("check", "003.xlsx", "--tables");
    expect(tables.stdout).toContain("结论：强制通过、提示待核实——有 1 项提示");
    expect(json.issues.map((i) => i.rule)).toEqual(["R-T2-FEE-DEC"]);
  });

  test("example 000: the fee cell draws the magnitude warning", async () => {
    await nianbao("template", "--agency", "北关区教育局", "--year", "2023", "--level", "县级部门", "--values", example("000_f2f7a8db13862236"), "-o", "000.xlsx");
    const result = await nianbao("check", "000.xlsx", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { issues: { rule: string; addresses: string[]; message: string }[] };
    expect(json.issues).toEqual([expect.objectContaining({ rule: "R-T2-FEE-MAG", addresses: ["表二!B14"] })]);
    expect(json.issues[0]!.message).toContain("1007.4845");
  });

  test("a 强制 failure gives exit code 1 and names the cells", async () => {
    const values = { ...loadExample("003").values, "t3.new.total": 9 };
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify(values));
    await nianbao("template", "--values", "bad.json", "-o", "bad.xlsx");
    const result = await nianbao("check", "bad.xlsx");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("强制（必须改正）");
    expect(result.stdout).toContain("表三!J4 填写 9");
    expect(result.stdout).toContain("结论：有强制错误——有 2 项强制校验不通过");
  });

  test.each([
    ["a file that is not .xlsx", "notes.txt", "不是 .xlsx 工作簿"],
    ["a missing file", "nowhere.xlsx", "找不到文件"],
    ["a folder", ".", "无法读取"],
  ])("%s gives one line on stderr and exit code 2, never a stack trace", async (_name, file, phrase) => {
    writeFileSync(path.join(dir, "notes.txt"), "会议纪要");
    const result = await nianbao("check", file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(phrase);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("an unknown command is a usage error", async () => {
    const result = await nianbao("publish");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("未知命令");
  });

  test("--help lists the commands in Chinese", async () => {
    const result = await nianbao("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("nianbao template");
    expect(result.stdout).toContain("nianbao check");
  });
});

describe("one JSON shape", () => {
  test("check --json and import --json give byte-identical values for a workbook with text, marks, error values and logical values", async () => {
    const values = { ...loadExample("003").values, "t3.new.natural": "８", "t4.review.upheld": "/", "t2.license.decisions": "5件" };
    writeFileSync(path.join(dir, "odd.json"), JSON.stringify(values));
    expect((await nianbao("template", "--values", "odd.json", "-o", "odd.xlsx", "--force")).code).toBe(0);
    // Error values and logical values cannot come through --values: put them in as Excel would store them.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "odd.xlsx"));
    workbook.getWorksheet("表三")!.getCell("E6").value = { error: "#REF!" };
    workbook.getWorksheet("表四")!.getCell("B4").value = true;
    await workbook.xlsx.writeFile(path.join(dir, "odd.xlsx"));

    const check = JSON.parse((await nianbao("check", "odd.xlsx", "--json")).stdout) as { values: Record<string, unknown>; summary: unknown; issues: unknown };
    const imported = JSON.parse((await nianbao("import", "odd.xlsx", "--json")).stdout) as { values: Record<string, unknown>; summary: unknown; issues: unknown };
    expect(JSON.stringify(imported.values)).toBe(JSON.stringify(check.values));
    expect(check.values).toMatchObject({ "t3.new.natural": "８", "t4.review.upheld": "/", "t2.license.decisions": "5件", "t3.result.granted.commercial": "#REF!", "t4.review.corrected": "TRUE" });
    expect(imported.summary).toEqual(check.summary);
    expect(imported.issues).toEqual(check.issues);
  });
});

describe("nianbao template --values", () => {
  test("a number beyond range is refused with a message naming the cell; a UTF-8 BOM is accepted", async () => {
    writeFileSync(path.join(dir, "huge.json"), '{"t3.new.natural": 1e999}');
    const huge = await nianbao("template", "--values", "huge.json", "-o", "huge.xlsx");
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain("“t3.new.natural”对应表三!D4（一、本年新收政府信息公开申请数量 · 自然人），其数字过大");
    expect(huge.stderr).not.toContain("Infinity");
    writeFileSync(path.join(dir, "bom.json"), '\uFEFF{"t3.new.natural": 8}');
    expect((await nianbao("template", "--values", "bom.json", "-o", "bom.xlsx")).code).toBe(0);
    const json = JSON.parse((await nianbao("check", "bom.xlsx", "--json")).stdout) as { values: Record<string, unknown> };
    expect(json.values["t3.new.natural"]).toBe(8);
  });
});
