// The roll-up never counts a unit twice and never reports sums of nothing: the same agency's report twice is
// counted once when the copies agree and not at all when they differ; a set with nothing readable writes nothing.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { cliIn } from "../support/cli";

let dir: string;
const nianbao = cliIn(() => dir);

async function unit(folder: string, name: string, agency: string, received: number): Promise<void> {
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ "t3.new.natural": received, "t3.new.total": received }));
  const made = await nianbao("template", "--agency", agency, "--year", "2023", "--values", `${name}.json`, "-o", path.join(folder, `${name}.xlsx`));
  expect(made.code).toBe(0);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-aggregate-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("aggregate and duplicate units", () => {
  test("the same figures twice are counted once; different figures of one agency are not counted, and said so", async () => {
    await unit("重复", "甲1", "甲局", 2);
    await unit("重复", "甲2", "甲局", 2);
    await unit("重复", "乙1", "乙局", 3);
    await unit("重复", "乙2", "乙 局", 5);
    await unit("重复", "丙", "丙局", 7);
    const result = await nianbao("aggregate", "重复", "-o", "汇总.xlsx");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("已汇总 2 个单位（共 5 个文件）");
    expect(result.stdout).toContain("“甲局”重复报送 2 份");
    expect(result.stdout).toContain("数字相同，只计一次");
    expect(result.stdout).toContain("“乙局”重复报送 2 份");
    expect(result.stdout).toContain("数字不同，均未计入汇总");
    const check = JSON.parse((await nianbao("check", "汇总.xlsx", "--json")).stdout) as { values: Record<string, number> };
    // 甲局 once (2) and 丙局 (7); 乙局's two different reports are not in the sum.
    expect(check.values["t3.new.natural"]).toBe(9);
  });

  test("nothing readable: no workbook is written and the run says nothing was summed", async () => {
    mkdirSync(path.join(dir, "坏"), { recursive: true });
    writeFileSync(path.join(dir, "坏", "a.xlsx"), "PK\u0003\u0004 broken");
    const result = await nianbao("aggregate", "坏", "-o", "空.xlsx");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("未汇总：所有文件均无法读取");
    expect(result.stdout).not.toContain("汇总了");
    const check = await nianbao("check", "空.xlsx");
    expect(check.code).toBe(2);
  });

  test("a workbook to save again as .xlsx in the folder is an unreadable unit with what to do, not left out", async () => {
    await unit("旧格式", "丁", "丁局", 4);
    writeFileSync(path.join(dir, "旧格式", "戊.xls"), "\u00d0\u00cf\u0011\u00e0 old workbook");
    const result = await nianbao("aggregate", "旧格式", "-o", "旧格式汇总.xlsx");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("已汇总 1 个单位（共 2 个文件）");
    expect(result.stdout).toContain(`无法读取的文件 1 个：${path.join("旧格式", "戊.xls")}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "旧格式汇总.xlsx"));
    const detail = workbook.getWorksheet("单位明细")!;
    const statuses = Array.from({ length: detail.rowCount - 1 }, (_, i) => detail.getCell(i + 2, 4).text);
    expect(statuses.filter((s) => s.startsWith("无法读取"))).toEqual([expect.stringContaining("另存为 .xlsx") as unknown as string]);
  });
});
