// What a user sees on the template's 基本信息, 正文 and 校验 sheets: Chinese names and the format's numbering,
// never a rule ID, a field key or a {t3.…} binding. The keys that readers and formulas need stay in hidden
// columns, and the round trip (template → filled by a user → read back) still finds every row by them.

import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readMetaTexts } from "../../../src/adapters/workbook/meta-values";
import { CHECK_COL, META_ROWS, SHEET_NAMES, createTemplatePlan } from "../../../src/adapters/workbook/plan";
import { readWorkbook } from "../../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../../src/adapters/xlsx/write-workbook";
import { checkReport } from "../../../src/core/check";
import { NARRATIVE_FIELDS } from "../../../src/core/report";
import { RULE_PACK } from "../../../src/core/rules";
import { cliIn } from "../../support/cli";
import { metaOf, zeroReport } from "../../support/reports";

/** A rule ID or field key (R-T3-BAL.total, n1.active, t3.new.total) or a binding ({t3.new.total}). */
const CODE = /[A-Za-z]{2,}[-.]|\{t\d/;

const META = metaOf({ agencyName: "某县教育局", year: 2025, level: "县级部门" });

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Every text a user sees on the sheet: string cells outside hidden columns, with their addresses. */
function visibleTexts(sheet: ExcelJS.Worksheet): { address: string; text: string }[] {
  const texts: { address: string; text: string }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (sheet.getColumn(col).hidden) return;
      if (typeof cell.value === "string") texts.push({ address: cell.address, text: cell.value });
    }),
  );
  return texts;
}

/** The column's strings from `firstRow` down, as far as the sheet goes. */
function columnTexts(sheet: ExcelJS.Worksheet, col: number, firstRow: number): string[] {
  const texts: string[] = [];
  for (let row = firstRow; row <= sheet.rowCount; row += 1) {
    const value = sheet.getCell(row, col).value;
    if (typeof value === "string") texts.push(value);
  }
  return texts;
}

describe("the template's visible sheets show no code", () => {
  let dir: string;
  const nianbao = cliIn(() => dir);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "nianbao-visible-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("nianbao template: no cell a user sees on 基本信息, 正文 or 校验 holds an ID, a key or a binding", async () => {
    const result = await nianbao("template", "--agency", "某县教育局", "--short-name", "本局", "--year", "2025", "--level", "县级部门", "-o", "模板.xlsx");
    expect(result.code).toBe(0);
    const workbook = await load(readFileSync(path.join(dir, "模板.xlsx")));
    for (const name of [SHEET_NAMES.meta, SHEET_NAMES.text, SHEET_NAMES.checks]) {
      const sheet = workbook.getWorksheet(name)!;
      const texts = visibleTexts(sheet);
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.filter(({ text }) => CODE.test(text))).toEqual([]);
    }
  });

  test("校验 names each check in words and keeps the rule ID in a hidden column, row for row", async () => {
    const plan = createTemplatePlan(META, RULE_PACK);
    const sheet = (await load(await writeWorkbook(plan))).getWorksheet(SHEET_NAMES.checks)!;
    expect(sheet.getColumn(CHECK_COL.id).hidden).toBe(true);
    expect(sheet.getColumn(CHECK_COL.counted).hidden).toBe(true);
    expect(sheet.getColumn(CHECK_COL.name).hidden).toBe(false);
    const rows = Object.entries(plan.checkRows);
    expect(rows.length).toBeGreaterThan(50);
    for (const [id, row] of rows) expect(sheet.getCell(row, CHECK_COL.id).value).toBe(id);
    // The hidden IDs are exactly what the pattern catches: shown, they would fail the test above.
    expect(rows.every(([id]) => CODE.test(id))).toBe(true);
    const row = (id: string): number => plan.checkRows[id]!;
    expect(sheet.getCell(row("R-T3-BAL.natural"), CHECK_COL.name).value).toBe("表三各列勾稽关系：自然人列");
    expect(sheet.getCell(row("R-T3-ROWSUM.result.withheld.stateSecret"), CHECK_COL.name).value).toBe("表三各行总计：（三）不予公开 1.属于国家秘密");
    expect(sheet.getCell(row("R-T4-SUM.review"), CHECK_COL.name).value).toBe("表四各项总计：行政复议");
    expect(sheet.getCell(row("R-INPUT.t3"), CHECK_COL.name).value).toBe("单元格应为数字：表三");
    expect(sheet.getCell(row("R-T2-FEE-DEC"), CHECK_COL.name).value).toBe("收费金额的小数位数");
    // 确认 looks the row's rule up among the confirmations through the hidden ID column.
    const confirmed = sheet.getCell(row("R-T2-FEE-DEC"), CHECK_COL.confirmed).value as { formula: string };
    expect(confirmed.formula).toContain(`,L${row("R-T2-FEE-DEC")})`);
  });

  test("正文 shows the format's numbering and keeps the field keys in hidden column A", async () => {
    const sheet = (await load(await writeWorkbook(createTemplatePlan(META, RULE_PACK)))).getWorksheet(SHEET_NAMES.text)!;
    expect(sheet.getColumn(1).hidden).toBe(true);
    expect(columnTexts(sheet, 1, 3)).toEqual(NARRATIVE_FIELDS.map((f) => f.key));
    expect(columnTexts(sheet, 2, 3)).toEqual(NARRATIVE_FIELDS.map((f) => f.label));
    expect(columnTexts(sheet, 2, 3).slice(1, 6).map((label) => label.slice(0, 5))).toEqual(["一（一）主", "一（二）依", "一（三）政", "一（四）政", "一（五）监"]);
    expect(sheet.getCell(2, 3).value).toBe("内容（请按本机关实际情况填写，替换【】中的提示）");
  });

  test("a 正文 filled by what the user sees (栏目) and a confirmed 提示 are read back through the hidden keys", async () => {
    const plan = createTemplatePlan(META, RULE_PACK);
    const bytes = await writeWorkbook(plan, {
      values: { ...zeroReport(), "t2.fee.amountWan": 1.234 },
      confirmations: [{ ruleId: "R-T2-FEE-DEC", note: "按决算数填报", at: "2026-01-10T08:00:00.000Z" }],
    });
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet(SHEET_NAMES.text)!;
    const byLabel = new Map<string, string>([
      ["一（三）政府信息管理", "严格落实公文公开属性源头认定和保密审查制度。"],
      ["六、发出信息处理费收费通知（件）", "0"],
      ["选项：依申请公开均在法定期限内答复（是/否）", "是"],
    ]);
    let written = 0;
    for (let row = 3; row <= sheet.rowCount; row += 1) {
      const content = byLabel.get(sheet.getCell(row, 2).text);
      if (content === undefined) continue;
      sheet.getCell(row, 3).value = /^\d+$/.test(content) ? Number(content) : content;
      written += 1;
    }
    expect(written).toBe(3);
    const read = await readWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(read.narrative?.texts["n1.infoMgmt"]).toBe("严格落实公文公开属性源头认定和保密审查制度。");
    expect(read.narrative?.numbers["n6.feeNotices"]).toBe(0);
    expect(read.narrative?.flags["claim.allWithinDeadline"]).toBe(true);
    expect(read.confirmations.map((c) => c.ruleId)).toEqual(["R-T2-FEE-DEC"]);
    const issue = checkReport(read).issues.find((i) => i.rule === "R-T2-FEE-DEC");
    expect(issue?.confirmation?.note).toBe("按决算数填报");
  });
});

describe("简称 on 基本信息", () => {
  test("is a labelled input under the agency's other details, filled from the metadata", async () => {
    const sheet = (await load(await writeWorkbook(createTemplatePlan({ ...META, shortName: "本局" }, RULE_PACK)))).getWorksheet(SHEET_NAMES.meta)!;
    expect(sheet.getCell(META_ROWS.agency, 1).value).toBe("机关名称");
    expect(sheet.getCell(META_ROWS.shortName, 1).value).toBe("简称");
    expect(sheet.getCell(META_ROWS.shortName, 2).value).toBe("本局");
    expect(sheet.getCell(META_ROWS.shortName, 2).protection.locked).toBe(false);
    expect(sheet.getCell(META_ROWS.shortName, 3).text).toContain("“本机关”");
    // The rows the hosts and their tests address stay where they were.
    expect([sheet.getCell("B3").value, sheet.getCell("B4").value, sheet.getCell("B5").value]).toEqual(["某县教育局", 2025, "县级部门"]);
  });

  test("is left empty when none is given (the report then says 本机关)", async () => {
    const sheet = (await load(await writeWorkbook(createTemplatePlan(META, RULE_PACK)))).getWorksheet(SHEET_NAMES.meta)!;
    expect(sheet.getCell(META_ROWS.shortName, 1).value).toBe("简称");
    expect(sheet.getCell(META_ROWS.shortName, 2).value).toBeNull();
  });
});

describe("简称 read back from a workbook", () => {
  test("the .xlsx reader takes it from its labelled row, and `nianbao render` uses it in the generated sentences", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nianbao-short-"));
    try {
      const nianbao = cliIn(() => dir);
      const made = await nianbao("template", "--agency", "某县教育局", "--short-name", "本局", "--year", "2025", "--level", "县级部门", "-o", "年报.xlsx");
      expect(made.code).toBe(0);
      const read = await readWorkbook(readFileSync(path.join(dir, "年报.xlsx")));
      expect(read.meta).toMatchObject({ agencyName: "某县教育局", shortName: "本局" });
      const rendered = await nianbao("render", "年报.xlsx", "-o", "报告.txt");
      expect(rendered.code === 0 || rendered.code === 1).toBe(true);
      const text = readFileSync(path.join(dir, "报告.txt"), "utf8");
      expect(text).toContain("本报告由某县教育局根据");
      expect(text).toMatch(/本局(未收到|新收|共收到)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("简称 read from the cell text", () => {
  test("is trimmed into the metadata; an empty cell or an old workbook without it leaves it out", () => {
    const texts = { agency: "某县教育局", year: "2025", level: "县级部门" };
    expect(readMetaTexts({ ...texts, shortName: " 本局 " }).meta).toMatchObject({ agencyName: "某县教育局", shortName: "本局" });
    expect(readMetaTexts({ ...texts, shortName: "  " }).meta).not.toHaveProperty("shortName");
    expect(readMetaTexts(texts).meta).not.toHaveProperty("shortName");
    // B6 of a template made before 简称 held the format version; regenerated in place, it is not a 简称.
    expect(readMetaTexts({ ...texts, shortName: "2021" }).meta).not.toHaveProperty("shortName");
  });
});
