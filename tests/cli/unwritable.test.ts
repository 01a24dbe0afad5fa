// Characters XML cannot hold, typed or imported, never make a file its own check refuses: template, import -o
// and render .docx replace them (U+FFFD), say so, and the file written opens again.

import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { EXAMPLES_DIR } from "../support/reports";

let dir: string;
const nianbao = cliIn(() => dir);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-unwritable-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("characters XML cannot hold", () => {
  test("template --agency with U+FFFF: the warning, and the workbook's own check reads it", async () => {
    const made = await nianbao("template", "--agency", "某局\uFFFF", "--year", "2023", "-o", "模板.xlsx");
    expect(made.code).toBe(0);
    expect(made.stderr).toContain("无法写入文件，已替换为“\uFFFD”");
    const check = await nianbao("check", "模板.xlsx", "--json");
    expect(check.code).not.toBe(3);
    expect((JSON.parse(check.stdout) as { agency: string }).agency).toBe("某局\uFFFD");
  });

  test("import -o of a text with U+FFFE, and render to .docx: files that open again", async () => {
    const text = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8").replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n\n无其他事项\uFFFE。\n");
    writeFileSync(path.join(dir, "报告.txt"), text);
    const imported = await nianbao("import", "报告.txt", "-o", "导入.xlsx");
    expect(imported.code).not.toBe(3);
    expect(imported.stderr).toContain("已替换");
    const check = await nianbao("check", "导入.xlsx", "--json");
    expect(check.code).not.toBe(3);
    expect(JSON.parse(check.stdout)).toHaveProperty("values");
    const rendered = await nianbao("render", "导入.xlsx", "-o", "报告.docx");
    expect(rendered.code).not.toBe(3);
    const back = await nianbao("import", "报告.docx", "--json");
    expect(back.code).not.toBe(3);
    expect(back.stdout).toContain("无其他事项\uFFFD。");
  });
});

describe("the verdict line of a published report", () => {
  test("cells that could not be read are counted as unread, not also as 未填写", async () => {
    const text = [readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8"), readFileSync(path.join(EXAMPLES_DIR, "000_f2f7a8db13862236.txt"), "utf8")].join("\n");
    writeFileSync(path.join(dir, "两份.txt"), text);
    const result = await nianbao("import", "两份.txt");
    const verdict = result.stdout.trimEnd().split("\n").at(-1) ?? "";
    expect(verdict).toContain("185 个单元格未能读取");
    expect(verdict).not.toMatch(/\d+ 个单元格未填写/);
  });
});

describe("outputs never written over an input, nor through a link", () => {
  test("import X.xlsx -o X.xlsx --force is refused and the workbook is left as it was", async () => {
    await nianbao("template", "--agency", "甲局", "--year", "2023", "-o", "原表.xlsx");
    const before = readFileSync(path.join(dir, "原表.xlsx"));
    const result = await nianbao("import", "原表.xlsx", "-o", "原表.xlsx", "--force");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("是要读取的文件，不能作为输出文件");
    expect(readFileSync(path.join(dir, "原表.xlsx")).equals(before)).toBe(true);
    symlinkSync(path.join(dir, "原表.xlsx"), path.join(dir, "另一个名字.xlsx"));
    expect((await nianbao("import", "原表.xlsx", "-o", "另一个名字.xlsx", "--force")).code).toBe(2);
    expect(readFileSync(path.join(dir, "原表.xlsx")).equals(before)).toBe(true);
  });

  test("a dangling link as the output: refused without --force; with it, replaced by the file, never followed", async () => {
    symlinkSync(path.join(dir, "别处.xlsx"), path.join(dir, "断链.xlsx"));
    const refused = await nianbao("template", "-o", "断链.xlsx");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("已存在");
    expect((await nianbao("template", "-o", "断链.xlsx", "--force")).code).toBe(0);
    expect(lstatSync(path.join(dir, "断链.xlsx")).isFile()).toBe(true);
    expect(existsSync(path.join(dir, "别处.xlsx"))).toBe(false);
  });
});
