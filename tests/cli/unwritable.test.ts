// Characters XML cannot hold, typed or imported, never make a file its own check refuses: template, import -o
// and render .docx replace them (U+FFFD), say so, and the file written opens again.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
