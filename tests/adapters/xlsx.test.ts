// The .xlsx adapter: the template as written, and reading workbooks back — our own, edited ones, and
// workbooks that are not what they claim to be.

import ExcelJS from "exceljs";
import { STANDARD_PLACEMENTS } from "../../src/adapters/workbook/grid";
import { createTemplatePlan } from "../../src/adapters/workbook/plan";
import { UnusableWorkbookError, readWorkbook, tooManyRowsMessage } from "../../src/adapters/xlsx/read-workbook";
import { loadJsZip } from "../../src/adapters/import/jszip";
import { workbookWithRows } from "../../bench/check-memory";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import type { CheckJson } from "../../src/cli/report-json";
import { checkReportJson } from "../../src/cli/report-json";
import { checkReport } from "../../src/core/check";
import { INPUT_CELLS, TABLE_3 } from "../../src/core/format";
import { RULE_PACK } from "../../src/core/rules";
import type { Report } from "../support/reports";
import { loadExample, metaOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "新乡市教育局", year: 2023, level: "市级部门" });

async function template(values?: Report): Promise<Buffer> {
  return Buffer.from(await templateBytes(values));
}

async function templateBytes(values?: Report): Promise<Uint8Array> {
  return writeWorkbook(createTemplatePlan(META, RULE_PACK), values ? { values } : {});
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

async function save(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("the template workbook", () => {
  test("has the metadata sheet, the three tables, the checks, in that order", async () => {
    const workbook = await load(await template());
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["基本信息", "visible"],
      ["表二", "visible"],
      ["表三", "visible"],
      ["表四", "visible"],
      ["正文", "visible"],
      ["校验", "visible"],
      ["单元格校验", "hidden"],
      ["_nianbao", "hidden"],
    ]);
  });

  test("lays 表三 out with the official merges", async () => {
    const sheet = (await load(await template())).getWorksheet("表三")!;
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A5:C5", "A6:A27", "B6:C6", "B7:C7", "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28"]));
    expect(sheet.getCell("A1").value).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    expect(sheet.getCell("C10").value).toBe("3.危及“三安全一稳定”");
    expect(sheet.getCell("B27").value).toBe("（七）总计");
  });

  test("input cells are unlocked with data validation; labels are locked; the sheet is protected", async () => {
    const sheet = (await load(await template())).getWorksheet("表二")!;
    expect(sheet.getCell("B3").protection?.locked).toBe(false);
    expect(sheet.getCell("A3").protection?.locked).not.toBe(false);
    expect(sheet.getCell("B3").dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0] });
    expect(sheet.getCell("B14").dataValidation).toMatchObject({ type: "decimal" });
    expect(sheet.getCell("B14").numFmt).toBe("0.00##");
    expect(sheet.getCell("B3").numFmt).toBe("0");
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
  });

  test("prints on A4, 表四 in landscape, and names each table and the metadata cells", async () => {
    const workbook = await load(await template());
    expect(workbook.getWorksheet("表三")!.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToWidth: 1, printArea: "A1:J28" });
    expect(workbook.getWorksheet("表四")!.pageSetup.orientation).toBe("landscape");
    const names = (workbook.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges[0]]);
    expect(names).toEqual(
      expect.arrayContaining([
        ["nb_t2", "'表二'!$A$1:$D$14"],
        ["nb_t3", "'表三'!$A$1:$J$28"],
        ["nb_t4", "'表四'!$A$1:$O$4"],
        ["nb_level", "'基本信息'!$B$5"],
      ]),
    );
  });

  test("carries conditional formatting that marks failing totals and bad input", async () => {
    const sheet = (await load(await template())).getWorksheet("表三")!;
    const formats = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings;
    const j4 = formats.filter((f) => f.ref === "J4").map((f) => f.rules[0]!.formulae[0]);
    expect(j4).toContain("AND(COUNT($J$4,$D$4:$I$4)=7,ABS($J$4-SUM($D$4:$I$4))>0.000001)");
    expect(j4).toContain("IF(ISNUMBER(J4),OR(J4<0,J4<>INT(J4)),NOT(ISBLANK(J4)))");
  });
});

describe("reading a workbook back", () => {
  test("returns every value as entered and the metadata", async () => {
    const example = loadExample("003");
    const content = await readWorkbook(await template(example.values));
    expect(Object.fromEntries(content.cells)).toEqual(example.values);
    expect(content.meta).toEqual(META);
    expect(content.structure).toEqual([]);
    expect(content.fromTemplate).toBe(true);
    expect(content.placements).toEqual(STANDARD_PLACEMENTS);
  });

  test("keeps text, marks and errors exactly as typed", async () => {
    const values: Report = { ...zeroReport(), "t3.new.natural": "８", "t3.new.total": "1,234", "t4.review.total": { error: "#REF!" }, "t2.fee.amountWan": "251000元" };
    const content = await readWorkbook(await template(values));
    expect(content.cells.get("t3.new.natural")).toBe("８");
    expect(content.cells.get("t3.new.total")).toBe("1,234");
    expect(content.cells.get("t4.review.total")).toEqual({ error: "#REF!" });
    expect(content.cells.get("t2.fee.amountWan")).toBe("251000元");
  });

  test("an edited label is reported, and the numbers it governs are left unread rather than misread", async () => {
    const workbook = await load(await template(zeroReport()));
    workbook.getWorksheet("表三")!.getCell("C10").value = "3.危及国家安全";
    const content = await readWorkbook(await save(workbook));
    expect(content.structure).toEqual([
      expect.objectContaining({
        id: "S-LAYOUT.t3.C10",
        rule: "S-LAYOUT",
        severity: "error",
        expected: "3.危及“三安全一稳定”",
        actual: "3.危及国家安全",
        cells: TABLE_3.inputs.filter((c) => c.row === 10).map((c) => c.id),
      }),
    ]);
    expect(content.unread).toEqual([
      { cells: TABLE_3.inputs.filter((c) => c.row === 10).map((c) => c.id), reason: "表三的表格标签被改动，相应单元格无法按官方格式识别" },
    ]);
    expect(content.cells.has("t3.result.withheld.threeSecurity.natural")).toBe(false);
    // The check says those cells could not be read, not that they were left blank.
    const result = checkReport(content);
    expect(result.issues.filter((i) => i.rule === "R-BLANK")).toEqual([]);
    expect(result.summary.unread).toBe(7);
    expect(result.summary.verdict).toBe("errors");
  });

  test("rows moved (two rows swapped with their numbers) are detected on both rows", async () => {
    const workbook = await load(await template(zeroReport()));
    const sheet = workbook.getWorksheet("表三")!;
    const c20 = sheet.getCell("C20").value;
    sheet.getCell("C20").value = sheet.getCell("C21").value;
    sheet.getCell("C21").value = c20;
    const content = await readWorkbook(await save(workbook));
    expect(content.structure.map((i) => i.id)).toEqual(["S-LAYOUT.t3.C20", "S-LAYOUT.t3.C21"]);
  });

  test("finds the official tables at any position of a workbook not made by this tool", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    // 表三 placed at B3 of a user's own sheet, with labels spaced and wrapped as people type them.
    for (const label of TABLE_3.labels) sheet.getCell(2 + label.row, 1 + label.col).value = label.text.replace("申请人情况", "申请人 情况");
    for (const input of TABLE_3.inputs) sheet.getCell(2 + input.row, 1 + input.col).value = input.id === "t3.new.natural" ? 3 : 0;
    const content = await readWorkbook(await save(workbook));
    expect(content.placements.t3).toEqual({ table: "t3", sheet: "Sheet1", originRow: 3, originCol: 2 });
    expect(content.cells.get("t3.new.natural")).toBe(3);
    expect(content.structure.map((i) => i.id)).toEqual(["S-TABLE.t2", "S-TABLE.t4"]);
    expect(content.fromTemplate).toBe(false);
  });

  test("two copies of 表三 with different figures: neither is read, the reason names both; equal copies are read", async () => {
    const place = (workbook: ExcelJS.Workbook, name: string, row: number, natural: number): void => {
      const sheet = workbook.getWorksheet(name) ?? workbook.addWorksheet(name);
      for (const label of TABLE_3.labels) sheet.getCell(row - 1 + label.row, label.col).value = label.text;
      for (const input of TABLE_3.inputs) sheet.getCell(row - 1 + input.row, input.col).value = input.id === "t3.new.natural" ? natural : 0;
    };
    const differing = new ExcelJS.Workbook();
    place(differing, "Sheet1", 1, 3);
    place(differing, "Sheet2", 5, 4);
    const content = await readWorkbook(await save(differing));
    expect(content.cells.has("t3.new.natural")).toBe(false);
    const reason = content.unread.find((u) => u.cells.includes("t3.new.natural"))?.reason ?? "";
    expect(reason).toContain("工作簿中有 2 份数字不同的表三（Sheet1!A1、Sheet2!A5）");
    // The same copy twice (one sheet, below the first): no doubt, read.
    const same = new ExcelJS.Workbook();
    place(same, "Sheet1", 1, 3);
    place(same, "Sheet1", 40, 3);
    const read = await readWorkbook(await save(same));
    expect(read.cells.get("t3.new.natural")).toBe(3);
    expect(read.unread.filter((u) => u.cells.includes("t3.new.natural"))).toEqual([]);
  });

  test("follows the table's defined name when rows were inserted above it", async () => {
    const workbook = await load(await template());
    const sheet = workbook.getWorksheet("表四")!;
    sheet.spliceRows(1, 0, ["表四 行政复议和行政诉讼"], []);
    workbook.definedNames.remove("'表四'!$A$1:$O$4", "nb_t4");
    workbook.definedNames.add("'表四'!$A$3:$O$6", "nb_t4");
    sheet.getCell("A6").value = 2;
    const content = await readWorkbook(await save(workbook));
    expect(content.placements.t4).toMatchObject({ originRow: 3, originCol: 1 });
    expect(content.cells.get("t4.review.upheld")).toBe(2);
    expect(content.structure.filter((i) => i.rule === "S-LAYOUT")).toEqual([]);
  });

  test("an unknown agency level on 基本信息 is reported, not guessed", async () => {
    const workbook = await load(await template());
    workbook.getWorksheet("基本信息")!.getCell("B5").value = "县级";
    const content = await readWorkbook(await save(workbook));
    expect(content.meta.level).toBeNull();
    expect(content.structure).toEqual([expect.objectContaining({ id: "S-META.level", severity: "warning", actual: "县级" })]);
  });

  test.each([
    ["a text file", Buffer.from("这不是工作簿"), "不是 .xlsx 工作簿"],
    ["an old .xls file", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "旧版 .xls"],
    ["an empty file", Buffer.alloc(0), "文件为空"],
    ["a damaged zip", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)]), "已损坏"],
  ])("rejects %s with a one-line Chinese message", async (_name, data, phrase) => {
    const error = await readWorkbook(data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableWorkbookError);
    expect((error as Error).message).toContain(phrase);
    expect((error as Error).message).not.toContain("\n");
  });

  test("rejects a valid .xlsx that holds no report tables", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("工资表").getCell("A1").value = "姓名";
    const error = await readWorkbook(await save(workbook)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableWorkbookError);
    expect((error as Error).message).toContain("不是年报工作簿");
  });
});

describe("checking a workbook", () => {
  test("the JSON report has the documented shape, with every value by cell ID", async () => {
    const example = loadExample("000");
    const result = checkReport(await readWorkbook(await template(example.values)), { meta: { level: "县级部门" } });
    const report = JSON.parse(checkReportJson("000.xlsx", result)) as CheckJson;
    expect(Object.keys(report)).toEqual(["file", "format", "agency", "year", "level", "values", "summary", "issues", "unread"]);
    expect(report.values).toEqual(example.values);
    expect(Object.keys(report.values)).toHaveLength(INPUT_CELLS.length);
    // The 正文 sheet still holds the template's guidance: five required parts are unwritten, so the report is
    // unfinished (no text issue: guidance is not a placeholder); the tables' own checks give what they gave before.
    expect(report.summary).toEqual({
      verdict: "incomplete",
      errors: 0,
      warnings: 1,
      confirmed: 0,
      incomplete: 5,
      filled: 200,
      unread: 0,
      cells: 200,
      tables: { verdict: "warnings", errors: 0, warnings: 1, incomplete: 0 },
    });
    expect(report.unread).toEqual([]);
    expect(result.issues.filter((i) => i.scope === "text")).toEqual([]);
    const tableIssues = report.issues.filter((i) => !i.id.startsWith("T-"));
    expect(tableIssues).toHaveLength(1);
    expect(tableIssues[0]!.message).toContain("可能误按“元”填写");
    expect(tableIssues).toEqual([
      {
        id: "R-T2-FEE-MAG",
        rule: "R-T2-FEE-MAG",
        severity: "warning",
        cells: ["t2.fee.amountWan"],
        addresses: ["表二!B14"],
        expected: 1007.4845,
        actual: 10074845,
        message: tableIssues[0]!.message,
      },
    ]);
  });

  test("structure errors count as 强制 errors", async () => {
    const workbook = await load(await template(zeroReport()));
    workbook.getWorksheet("表二")!.getCell("A10").value = "行政处罚（含警告）";
    // The tables only (as `check --tables`): the template's placeholder text would add its own 强制 errors.
    const report = checkReport(await readWorkbook(await save(workbook)), { text: false });
    expect(report.summary.errors).toBe(1);
    expect(report.summary.verdict).toBe("errors");
    expect(report.issues[0]).toMatchObject({ rule: "S-LAYOUT", cells: ["t2.penalty.decisions"], addresses: ["表二!B10"] });
    expect(report.values["t2.penalty.decisions"]).toBeNull();
  });
});

describe("a workbook with a sheet that runs on far below the tables", () => {
  /** Rows and cells of every worksheet, counted in the whole inflated XML (the reader counts while inflating). */
  async function countElements(data: Uint8Array): Promise<{ rows: number; cells: number }> {
    const zip = await (await loadJsZip()).loadAsync(data);
    let rows = 0;
    let cells = 0;
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async("string");
      rows += (xml.match(/<row[\s>]/g) ?? []).length;
      cells += (xml.match(/<c[\s>]/g) ?? []).length;
    }
    return { rows, cells };
  }

  test("is refused with the rows cap's message one row past it, and read at it (the count is exact across chunks)", async () => {
    const data = await workbookWithRows(3000);
    const { rows, cells } = await countElements(data);
    expect(rows).toBeGreaterThan(3000);

    const atCap = await readWorkbook(data, { maxRows: rows, maxCells: cells });
    expect(atCap.cells.get("t3.new.natural")).toBe(0);
    const limits = { maxRows: rows - 1, maxCells: cells };
    await expect(readWorkbook(data, limits)).rejects.toThrow(new UnusableWorkbookError(tooManyRowsMessage(limits)));
    await expect(readWorkbook(data, { maxRows: rows, maxCells: cells - 1 })).rejects.toThrow(UnusableWorkbookError);
  });

  test("the message says what was refused and what to do, in words", () => {
    expect(tooManyRowsMessage()).toBe(
      "工作簿过大（各工作表合计超过 10 万行或 100 万个单元格），未读取。年报工作簿一般只有几百行；请删去多余的行或工作表，或将年报各表复制到新工作簿后再试。",
    );
  });
});
