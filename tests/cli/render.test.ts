// `nianbao render` and `nianbao check --text` as a user runs them: the report of a filled workbook, in each
// format, with the text checks on stderr and in the exit code.

import { NARRATIVE_FIELDS } from "../../src/core/report";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { EXAMPLES_DIR } from "../support/reports";

let dir: string;

const nianbao = cliIn(() => dir);

/** Writes the user's parts into the 正文 sheet, as a user would in Excel. */
async function writeText(file: string, contents: Readonly<Record<string, string | number>>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("正文")!;
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    const key = sheet.getCell(row, 1).text;
    if (key in contents) sheet.getCell(row, 3).value = contents[key]!;
  }
  await workbook.xlsx.writeFile(file);
}

const WRITTEN = {
  contact: "如对本报告有疑问，请与市教育局办公室联系，电话：0373-1234567。",
  "n1.active": "通过门户网站和政务新媒体主动公开政府信息452条。",
  "n1.onRequest": "全年共收到政府信息公开申请{t3.new.total}件，均按规定办理。",
  "n1.infoMgmt": "建立信息发布“三审三校”制度。",
  "n1.platform": "对局官网进行规范管理，新增“建议提案办理结果”栏目。",
  "n1.oversight": "加强信息公开从业人员的培训和考核。",
  "n5.rectification": "",
  "n5.problems": "从业人员业务能力需进一步提升，信息公开渠道仍需丰富。",
  "n5.measures": "加强培训考核，开通官方短视频账号。",
  "n6.feeNotices": 0,
  "n6.other": "",
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-render-"));
  const values = path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.expected.json");
  await nianbao("template", "--agency", "新乡市教育局", "--year", "2023", "--level", "市级部门", "--values", values, "-o", "空正文.xlsx");
  await nianbao("template", "--agency", "新乡市教育局", "--year", "2023", "--level", "市级部门", "--values", values, "-o", "003.xlsx");
  await writeText(path.join(dir, "003.xlsx"), WRITTEN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a workbook whose 正文 still holds the guidance renders as a draft: unfinished (exit 1), no guidance printed", async () => {
  const result = await nianbao("render", "空正文.xlsx", "-o", "草稿.txt");
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("已生成 草稿.txt。结论：未完成");
  const draft = readFileSync(path.join(dir, "草稿.txt"), "utf8");
  expect(draft).toContain("新乡市教育局2023年政府信息公开工作年度报告");
  expect(draft).toContain("【未填写】");
  for (const field of NARRATIVE_FIELDS) if (field.guidance.startsWith("【")) expect(draft).not.toContain(field.guidance);
});

test("a written workbook renders to text with the figures of its tables; only the fee 提示 remains (exit 0)", async () => {
  const result = await nianbao("render", "003.xlsx", "-o", "-");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("全年共收到政府信息公开申请8件，均按规定办理。");
  expect(result.stdout).toContain("2023年，本机关新收政府信息公开申请8件，无上年结转的申请；办结8件，其中予以公开3件、无法提供5件");
  expect(result.stdout).toContain("收取行政事业性收费70.319万元");
  expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^提示：表二行政事业性收费/)]);
});

test("renders .html with real merged tables and .docx as a Word package", async () => {
  expect((await nianbao("render", "003.xlsx", "-o", "报告.html")).code).toBe(0);
  const html = readFileSync(path.join(dir, "报告.html"), "utf8");
  expect(html).toContain('rowspan="22"');
  expect(html).toContain("<h2>三、收到和处理政府信息公开申请情况</h2>");
  expect((await nianbao("render", "003.xlsx", "-o", "报告.docx")).code).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, "报告.docx")));
  const xml = await zip.file("word/document.xml")!.async("string");
  expect(xml).toContain("一、总体情况");
  expect(xml).toContain("70.319");
});

test("never overwrites an existing file without --force, and asks for -o", async () => {
  expect((await nianbao("render", "003.xlsx", "-o", "报告.html")).code).toBe(2);
  expect((await nianbao("render", "003.xlsx", "-o", "报告.html", "--force")).code).toBe(0);
  const missing = await nianbao("render", "003.xlsx");
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("-o");
});

test("check --text adds the text checks to the JSON; --previous finds a 五 copied from last year", async () => {
  const json = JSON.parse((await nianbao("check", "003.xlsx", "--json", "--text")).stdout) as { issues: { rule: string }[] };
  expect(json.issues.map((i) => i.rule)).toEqual(["R-T2-FEE-DEC"]);
  await nianbao("template", "--year", "2022", "-o", "2022.xlsx");
  await writeText(path.join(dir, "2022.xlsx"), { ...WRITTEN, "n1.infoMgmt": "去年的信息管理工作表述完全不同于今年。" });
  const copied = await nianbao("render", "003.xlsx", "-o", "-", "--previous", "2022.xlsx");
  expect(copied.stderr).toContain("与上年度报告相同");
});
