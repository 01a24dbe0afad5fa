// The command line to a user who mistypes, asks for help or hands it the wrong file: every answer in Chinese,
// naming the option or the file and what to do (the nearest option, the level it was read as, 另存为 .xlsx),
// exit code 2 — never Node's English or a stack trace. Each command's --help gives its options and exit codes.

import JSZip from "jszip";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closestWord, editDistance } from "../../src/cli/arguments";
import { cliIn } from "../support/cli";
import type { CliResult } from "../support/cli";
import { EXAMPLES_DIR } from "../support/reports";

let dir: string;
const nianbao = cliIn(() => dir);
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-usage-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS = ["template", "check", "render", "import", "audit", "aggregate"] as const;

/** What parseArgs says in English, none of which may reach a user. */
const NODE_ENGLISH = /Unknown option|positional|argument|ambiguous|ERR_PARSE_ARGS|TypeError|\n\s+at /;

/** A refusal: exit code 2, one line on stderr, nothing on stdout, no English from Node. */
function expectRefusal(result: CliResult): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(NODE_ENGLISH);
  return result.stderr.trimEnd();
}

describe("the nearest word", () => {
  test("edit distance counts a swap of neighbours as one step", () => {
    expect(editDistance("yaer", "year")).toBe(1);
    expect(editDistance("jsno", "json")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  test.each([
    ["yaer", ["json", "year", "level"], "year"],
    ["Year", ["year"], "year"],
    ["levle", ["agency", "level"], "level"],
    ["prev", ["previous", "force"], "previous"],
    ["previousdir", ["previous-dir", "jobs"], "previous-dir"],
    ["chek", ["template", "check", "render"], "check"],
    ["x", ["json", "year"], null],
    ["bogus", ["json", "tables", "previous"], null],
    ["p", ["previous", "previous-dir"], null],
  ])("%s → %s", (typed, candidates, meant) => {
    expect(closestWord(typed, candidates)).toBe(meant);
  });
});

describe("a mistyped option", () => {
  test.each([
    [["check", "年报.xlsx", "--yaer", "2025"], "nianbao：参数有误：未知选项 --yaer。您是否要输入 --year？运行 nianbao check --help 查看用法。"],
    [["check", "年报.xlsx", "-year", "2025"], "nianbao：参数有误：未知选项 -year。您是否要输入 --year？运行 nianbao check --help 查看用法。"],
    [["check", "年报.xlsx", "--jsno"], "nianbao：参数有误：未知选项 --jsno。您是否要输入 --json？运行 nianbao check --help 查看用法。"],
    [["render", "年报.xlsx", "-O", "报告.docx"], "nianbao：参数有误：未知选项 -O。您是否要输入 -o？运行 nianbao render --help 查看用法。"],
    [["render", "年报.xlsx", "-output", "报告.docx"], "nianbao：参数有误：选项 -output 应写作 --output（两个横线）。运行 nianbao render --help 查看用法。"],
    [["audit", "报告/", "--previousdir", "上年/"], "nianbao：参数有误：未知选项 --previousdir。您是否要输入 --previous-dir？运行 nianbao audit --help 查看用法。"],
    [["import", "报告.txt", "--levle", "县级部门"], "nianbao：参数有误：未知选项 --levle。您是否要输入 --level？运行 nianbao import --help 查看用法。"],
    [["aggregate", "各单位/", "-o", "汇总.xlsx", "--unit", "名单.txt"], "nianbao：参数有误：未知选项 --unit。您是否要输入 --units？运行 nianbao aggregate --help 查看用法。"],
    [
      ["template", "--bogus"],
      "nianbao：参数有误：未知选项 --bogus。template 命令的选项有：--output、--agency、--short-name、--year、--level、--values、--force。运行 nianbao template --help 查看用法。",
    ],
    [["check", "年报.xlsx", "——year", "2025"], "nianbao：参数有误：“——year”中的横线是中文输入法下的全角字符，选项应在英文输入状态下输入，如 --year。运行 nianbao check --help 查看用法。"],
  ])("%j is answered with the option meant", async (args, message) => {
    expect(expectRefusal(await nianbao(...args))).toBe(message);
  });

  test.each([
    [["check", "年报.xlsx", "--year"], "nianbao：参数有误：选项 --year 缺少取值，应写作 --year 2025。运行 nianbao check --help 查看用法。"],
    [["check", "年报.xlsx", "--level", "--json"], "nianbao：参数有误：选项 --level 缺少取值，应写作 --level 县级部门。运行 nianbao check --help 查看用法。"],
    [["render", "年报.xlsx", "-o"], "nianbao：参数有误：选项 -o 缺少取值，应写作 -o 报告.docx。运行 nianbao render --help 查看用法。"],
    [["check", "年报.xlsx", "--json=yes"], "nianbao：参数有误：选项 --json 不需要取值，请去掉“=yes”。运行 nianbao check --help 查看用法。"],
    [["template", "年报.xlsx"], "nianbao：参数有误：nianbao template 不需要“年报.xlsx”这样的参数。输出文件请用 -o 指定，如 -o 年报.xlsx。运行 nianbao template --help 查看用法。"],
  ])("%j: a missing value, a value to a switch, an argument not taken", async (args, message) => {
    expect(expectRefusal(await nianbao(...args))).toBe(message);
  });

  test("a value that starts with a dash is a value (-o - prints the report; --jobs -1 is refused as a number)", async () => {
    writeFileSync(path.join(dir, "报告.txt"), "某县教育局2025年政府信息公开工作年度报告");
    const jobs = expectRefusal(await nianbao("audit", ".", "--jobs", "-1"));
    expect(jobs).toContain("--jobs 应为正整数");
  });
});

describe("an unknown command", () => {
  test.each([
    ["chek", "nianbao：未知命令“chek”。您是否要输入 nianbao check？可用命令：template、check、render、import、audit、aggregate。运行 nianbao --help 查看用法。"],
    ["检查", "nianbao：未知命令“检查”。您是否要输入 nianbao check？可用命令：template、check、render、import、audit、aggregate。运行 nianbao --help 查看用法。"],
    ["汇总", "nianbao：未知命令“汇总”。您是否要输入 nianbao aggregate？可用命令：template、check、render、import、audit、aggregate。运行 nianbao --help 查看用法。"],
    ["publish", "nianbao：未知命令“publish”。可用命令：template、check、render、import、audit、aggregate。运行 nianbao --help 查看用法。"],
  ])("%s", async (command, message) => {
    expect(expectRefusal(await nianbao(command))).toBe(message);
  });

  test("a file or an option where the command belongs says to write the command first", async () => {
    expect(expectRefusal(await nianbao("年报.xlsx"))).toContain("“年报.xlsx”前缺少命令：检查工作簿请用 nianbao check 年报.xlsx");
    expect(expectRefusal(await nianbao("--json", "年报.xlsx"))).toContain("nianbao 后应先写命令，再写选项");
  });
});

describe("help", () => {
  /** The long options a help text lists under 选项 (without --help). */
  function helpOptions(text: string): string[] {
    const section = text.slice(text.indexOf("选项："), text.indexOf("退出码："));
    return [...section.matchAll(/^ {2}(?:-[a-z], )?--([a-z-]+)/gm)].map((m) => m[1] ?? "").filter((name) => name !== "help");
  }

  test.each(COMMANDS.map((c) => [c]))("nianbao %s --help: its usage, every option it takes, its exit codes", async (command) => {
    const result = await nianbao(command, "--help");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.startsWith(`用法：nianbao ${command}`)).toBe(true);
    expect(result.stdout).toContain("选项：");
    expect(result.stdout).toMatch(/退出码：\n {2}0 {2}\S/);
    expect(result.stdout).toMatch(/^ {2}2 {2}\S/m);
    // -h and 「nianbao help <command>」 say the same, whatever else is on the line.
    expect((await nianbao(command, "-h")).stdout).toBe(result.stdout);
    expect((await nianbao("help", command)).stdout).toBe(result.stdout);
    expect((await nianbao(command, "年报.xlsx", "--yaer", "--help")).stdout).toBe(result.stdout);
    // The options listed are exactly those the command accepts (as its unknown-option message lists them).
    const refusal = expectRefusal(await nianbao(command, "--zzzzzz"));
    const accepted = [...(/的选项有：([^。]+)。/.exec(refusal)?.[1] ?? "").matchAll(/--([a-z-]+)/g)].map((m) => m[1] ?? "");
    expect(new Set(helpOptions(result.stdout))).toEqual(new Set(accepted));
    expect(result.stdout).not.toMatch(/Usage|Options|Exit code|Unknown/);
  });

  test("render --help says the report is written, as a draft, while 强制 errors remain", async () => {
    const { stdout } = await nianbao("render", "--help");
    expect(stdout).toMatch(/^ {2}1 {2}仍有强制错误，或报告尚未完成.*报告照常生成，作为草稿/m);
    expect(stdout).toMatch(/^ {2}0 {2}报告可以发布/m);
  });

  test("check --help gives the three exit codes and the accepted levels", async () => {
    const { stdout } = await nianbao("check", "--help");
    expect(stdout).toContain("  0  没有强制校验不通过");
    expect(stdout).toContain("  1  有强制校验不通过");
    expect(stdout).toContain("  2  文件无法使用");
    expect(stdout).toContain("县级部门、乡级政府；");
    expect(stdout).toContain("街道办事处");
  });

  test("nianbao --help keeps the overview of all commands and points to each command's help", async () => {
    const result = await nianbao("--help");
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`nianbao ${command}`);
    expect(result.stdout).toContain("运行 nianbao <命令> --help");
    expect(result.stdout).toContain("3 程序内部错误");
  });

  test("a file named --help after 「--」 is a file, not a request for help", async () => {
    expect(expectRefusal(await nianbao("check", "--", "--help"))).toContain("找不到文件 --help");
  });
});

describe("--level as people type it", () => {
  test("template --level 区级部门 is 县级部门, and says so", async () => {
    const result = await nianbao("template", "--agency", "某区教育局", "--year", "2025", "--level", "区级部门", "-o", "区级.xlsx");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("已将“区级部门”按“县级部门”处理。\n已生成 区级.xlsx");
    const json = JSON.parse((await nianbao("check", "区级.xlsx", "--json")).stdout) as { level: string };
    expect(json.level).toBe("县级部门");
  });

  test("check --level 街道办事处: the note in the text report, and on stderr beside the JSON", async () => {
    await nianbao("template", "-o", "街道.xlsx");
    const text = await nianbao("check", "街道.xlsx", "--level", "街道办事处");
    expect(text.stdout).toContain("层级：乡级政府");
    expect(text.stdout).toContain("已将“街道办事处”按“乡级政府”处理。");
    const json = await nianbao("check", "街道.xlsx", "--level", "街道办事处", "--json");
    expect((JSON.parse(json.stdout) as { level: string }).level).toBe("乡级政府");
    expect(json.stderr).toBe("nianbao：已将“街道办事处”按“乡级政府”处理。\n");
  });

  test("import --level 县区政府 says how it was read", async () => {
    const result = await nianbao("import", path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "--level", "县区政府");
    expect(result.stdout).toContain("已将“县区政府”按“县级政府”处理。");
  });

  test.each([
    ["县级", "nianbao：--level“县级”无法识别。请写明是政府还是部门：县级政府 或 县级部门。"],
    ["乡镇部门", "nianbao：--level“乡镇部门”无法识别。乡镇、街道一级只有“乡级政府”一种层级，请写 乡级政府。"],
    [
      "教育局",
      "nianbao：--level“教育局”无法识别。可选：省级政府、省级部门、市级政府、市级部门、县级政府、县级部门、乡级政府（也可写区级部门、县区政府、乡镇政府、街道办事处、市直部门、省直部门等常用说法）。",
    ],
  ])("an unknown level %s lists what is accepted", async (level, message) => {
    expect(expectRefusal(await nianbao("template", "-o", "层级.xlsx", "--level", level))).toBe(message);
  });
});

/** A compound file (MS-CFB, version 3) whose root holds the named streams, empty: enough to tell .xls from .doc. */
function compoundFile(streams: readonly string[]): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 3, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 24);
  file.writeUInt16LE(3, 26);
  file.writeUInt16LE(0xfffe, 28);
  file.writeUInt16LE(9, 30);
  file.writeUInt16LE(6, 32);
  file.writeUInt32LE(1, 44); // one FAT sector
  file.writeUInt32LE(1, 48); // the directory in sector 1
  file.writeUInt32LE(4096, 56);
  file.writeUInt32LE(0xfffffffe, 60);
  file.writeUInt32LE(0xfffffffe, 68);
  file.fill(0xff, 76, 512);
  file.writeUInt32LE(0, 76); // the FAT in sector 0
  const fat = sector;
  file.fill(0xff, fat, fat + sector);
  file.writeUInt32LE(0xfffffffd, fat);
  file.writeUInt32LE(0xfffffffe, fat + 4);
  const entry = (index: number, name: string, type: number, right: number, child: number): void => {
    const at = sector * 2 + index * 128;
    file.write(name, at, "utf16le");
    file.writeUInt16LE((name.length + 1) * 2, at + 64);
    file[at + 66] = type;
    file.writeUInt32LE(0xffffffff, at + 68);
    file.writeUInt32LE(right, at + 72);
    file.writeUInt32LE(child, at + 76);
    file.writeUInt32LE(0xfffffffe, at + 116);
  };
  entry(0, "Root Entry", 5, 0xffffffff, streams.length > 0 ? 1 : 0xffffffff);
  streams.forEach((name, i) => entry(i + 1, name, 2, i + 2 <= streams.length ? i + 2 : 0xffffffff, 0xffffffff));
  return file;
}

async function openDocument(mimetype: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", mimetype, { compression: "STORE" });
  zip.file("content.xml", "<office:document-content/>");
  zip.file("META-INF/manifest.xml", "<manifest:manifest/>");
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("a file that is not a workbook says what it is and what to do", () => {
  test("an .ods named .ods, and an .ods renamed to .xlsx: 另存为 .xlsx 后再试", async () => {
    const ods = await openDocument("application/vnd.oasis.opendocument.spreadsheet");
    writeFileSync(path.join(dir, "年报.ods"), ods);
    writeFileSync(path.join(dir, "改名.xlsx"), ods);
    expect(expectRefusal(await nianbao("check", "年报.ods"))).toBe(
      "nianbao：年报.ods 是 OpenDocument 电子表格（.ods），只能读取 .xlsx 工作簿。请在 LibreOffice、WPS 或 Excel 中打开，另存为 .xlsx 后再试。",
    );
    expect(expectRefusal(await nianbao("import", "年报.ods"))).toContain("另存为 .xlsx 后再试");
    const renamed = expectRefusal(await nianbao("check", "改名.xlsx"));
    expect(renamed).toBe(
      "nianbao：无法读取 改名.xlsx：这是 OpenDocument 电子表格（.ods，LibreOffice、WPS 等软件的格式），不是 .xlsx 工作簿。请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再试。",
    );
    expect(renamed).not.toContain("没有工作表");
  });

  test.each<[string, () => Buffer | Promise<Buffer>, string]>([
    ["an .xls renamed", () => compoundFile(["Workbook", "\u0005SummaryInformation"]), "这是旧版 .xls 工作簿（Excel 97-2003 格式；WPS 表格的 .et 文件也是这种格式），不是 .xlsx 工作簿。请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再试。"],
    ["a .doc or .wps renamed", () => compoundFile(["WordDocument", "1Table"]), "这是 Word 97-2003 文档（.doc）或 WPS 文字文档（.wps），不是 .xlsx 工作簿。已发布的报告请另存为 .docx 后导入。"],
    ["a workbook with a password", () => compoundFile(["EncryptionInfo", "EncryptedPackage"]), "这是设置了打开密码的文件，无法读取。请在 Excel 或 WPS 中打开，取消打开密码，另存为 .xlsx 后再试。"],
    ["a text file renamed", () => Buffer.from("机关名称,年度\n某县教育局,2025\n"), "这是纯文本文件（可能是改了扩展名的 .txt 或 .csv 文件），不是 .xlsx 工作簿。请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再试。"],
    ["a web page saved as Excel", () => Buffer.from("<html><body><table><tr><td>1</td></tr></table></body></html>"), "这是网页（HTML）文件（常见于从网站或业务系统导出的“Excel”表格），不是 .xlsx 工作簿。请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再试。"],
    ["a zip that is not a workbook", () => new JSZip().file("说明.txt", "x").generateAsync({ type: "nodebuffer" }), "这是压缩包（.zip），不是 .xlsx 工作簿。请先解压，再选择其中的工作簿。"],
    ["a .docx renamed", () => new JSZip().file("[Content_Types].xml", "<Types/>").file("word/document.xml", "<w:document/>").generateAsync({ type: "nodebuffer" }), "这是 Word 文档（.docx），不是 .xlsx 工作簿。可能改过扩展名：已发布的报告请将扩展名改回 .docx 后导入。"],
    ["an OpenDocument text renamed", () => openDocument("application/vnd.oasis.opendocument.text"), "这是 OpenDocument 文本文档（.odt），不是 .xlsx 工作簿。已发布的报告请另存为 .docx 后导入。"],
  ])("%s", async (_name, content, message) => {
    writeFileSync(path.join(dir, "文件.xlsx"), await content());
    const refusal = expectRefusal(await nianbao("check", "文件.xlsx"));
    expect(refusal).toBe(`nianbao：无法读取 文件.xlsx：${message}`);
    expect(refusal).not.toContain("Office Open XML");
  });

  test.each([
    ["报告.xls", "Excel 97-2003 工作簿（.xls）", "另存为 .xlsx 后再试"],
    ["报告.et", "WPS 表格文件（.et）", "另存为 .xlsx 后再试"],
    ["报告.doc", "Word 97-2003 文档（.doc）", "另存为 .docx 后再试"],
    ["报告.wps", "WPS 文字文档（.wps）", "另存为 .docx 后再试"],
    ["报告.ofd", "OFD 版式文档", "导出为 PDF"],
    ["报告.zip", "压缩包", "请先解压"],
  ])("import %s: says what the file is (%s) and what to do", async (file, what, todo) => {
    writeFileSync(path.join(dir, file), "x");
    const refusal = expectRefusal(await nianbao("import", file));
    expect(refusal).toContain(`${file} 是`);
    expect(refusal).toContain(what);
    expect(refusal).toContain(todo);
  });

  test("a .doc renamed to .docx is told apart from a damaged .docx", async () => {
    writeFileSync(path.join(dir, "改名.docx"), compoundFile(["WordDocument"]));
    expect(expectRefusal(await nianbao("import", "改名.docx"))).toBe(
      "nianbao：改名.docx 的内容是 Word 97-2003 文档（.doc）或 WPS 文字文档（.wps），与扩展名不符。请在 Word 或 WPS 中打开，另存为 .docx 后再试。",
    );
  });
});

describe("files the user must fix are exit code 2, not a defect", () => {
  test("an output in a folder that does not exist", async () => {
    expect(expectRefusal(await nianbao("template", "-o", path.join("没有的文件夹", "年报.xlsx")))).toBe(
      `nianbao：无法写入 ${path.join("没有的文件夹", "年报.xlsx")}：所在的文件夹不存在。`,
    );
  });

  test("a list of units that cannot be read", async () => {
    await nianbao("template", "-o", "单位.xlsx", "--force");
    expect(expectRefusal(await nianbao("aggregate", "单位.xlsx", "-o", "汇总.xlsx", "--units", "没有的名单.txt"))).toBe(
      "nianbao：无法读取单位名单 没有的名单.txt（文件不存在、是文件夹或没有读取权限）。",
    );
  });
});
