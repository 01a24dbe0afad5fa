// The tracker's list "Hostile, huge and odd input", one compact case per item, all through the command a user
// runs (bin/nianbao.cjs). Every case asserts the exit code and the words of the message, and that no case ends in
// exit code 3 (an internal error). Inputs are generated small; nothing may hang: each run has a watchdog that
// kills the child after WATCHDOG_MS and fails the case — a bound on the work, not a timing assertion. The long
// forms of several cases live in tests/cli (audit-hostile, unwritable, aggregate-duplicates, import-audit).

import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { EXAMPLES_DIR } from "../support/reports";

const BIN = path.resolve(__dirname, "../../bin/nianbao.cjs");
/** Far beyond what any case needs here; a case that reaches it has hung. */
const WATCHDOG_MS = 20_000;
const EX003 = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8");
const EX000 = readFileSync(path.join(EXAMPLES_DIR, "000_f2f7a8db13862236.txt"), "utf8");

let dir: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The watchdog killed the child. */
  readonly hung: boolean;
}

function nianbao(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", timeout: WATCHDOG_MS, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const failed = error as (Error & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: failed === null ? 0 : typeof failed.code === "number" ? failed.code : -1, stdout, stderr, hung: failed?.killed === true });
    });
  });
}

/** The run finished (no watchdog), with `code` (never 3), and says `words` on stdout or stderr. */
function expectEnded(run: Run, code: number, ...words: string[]): void {
  expect(run.hung).toBe(false);
  expect(run.code).not.toBe(3);
  expect(run.code).toBe(code);
  for (const w of words) expect(run.stdout + run.stderr).toContain(w);
}

/** A zip of stored-as-deflated parts, written by hand so that a 201 MB part costs one native deflate. */
function zipOf(parts: readonly { readonly name: string; readonly data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const packed = deflateRawSync(data, { level: 1 });
    const fileName = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, fileName, packed);
    central.push(entry, fileName);
    offset += header.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (body: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);

async function templateWith(file: string, ...args: string[]): Promise<void> {
  expectEnded(await nianbao("template", "-o", file, "--year", "2023", ...args), 0);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-hostile-input-"));
  writeFileSync(path.join(dir, "报告.txt"), EX003);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hostile, huge and odd input", () => {
  test("a folder with a dangling link and a link loop: audited to the end, each a row or walked once", async () => {
    mkdirSync(path.join(dir, "链接", "子"), { recursive: true });
    writeFileSync(path.join(dir, "链接", "子", "报告.txt"), EX003);
    symlinkSync(path.join(dir, "链接", "无.txt"), path.join(dir, "链接", "断链.txt"));
    symlinkSync(path.join(dir, "链接"), path.join(dir, "链接", "子", "回环"));
    const run = await nianbao("audit", "链接", "--json");
    expectEnded(run, 1, "链接指向的文件不存在，未读取");
    expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(2);
  });

  test("a FIFO named x.txt: audit and import end with the reason, never wait on it", async () => {
    execFileSync("mkfifo", [path.join(dir, "x.txt")]);
    expectEnded(await nianbao("audit", "x.txt"), 1, "管道不是普通文件，未读取");
    expectEnded(await nianbao("import", "x.txt"), 2, "不是普通文件");
  });

  test("/dev/zero to check: refused at once, not read for ever", async () => {
    expectEnded(await nianbao("check", "/dev/zero"), 2, "nianbao：", "无法判断文件类型");
  });

  test("zip bombs: a .docx and an .xlsx inflating past 200 MB are refused by the zip's records", async () => {
    const huge = Buffer.alloc(201 * 1024 * 1024, 0x20);
    writeFileSync(path.join(dir, "炸弹.docx"), zipOf([{ name: "word/document.xml", data: huge }]));
    writeFileSync(path.join(dir, "炸弹.xlsx"), zipOf([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }, { name: "xl/worksheets/sheet1.xml", data: huge }]));
    expectEnded(await nianbao("import", "炸弹.docx"), 2, "文件过大（解压后超过 200 MB），未读取");
    expectEnded(await nianbao("check", "炸弹.xlsx"), 2, "文件过大（解压后超过 200 MB），未读取");
  });

  test("a sheet filled down 100,001 rows: refused at the rows cap before the workbook is loaded", async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join("");
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    writeFileSync(path.join(dir, "长表.xlsx"), zipOf([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }, { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet) }]));
    expectEnded(await nianbao("check", "长表.xlsx"), 2, "工作簿过大（各工作表合计超过 10 万行或 100 万个单元格），未读取");
  });

  test("a text over the length cap: refused with the cap in words", async () => {
    writeFileSync(path.join(dir, "长文.txt"), "政".repeat(4_000_001));
    expectEnded(await nianbao("import", "长文.txt"), 2, "文字过多（超过 400 万字），未读取");
  });

  test("a .docx with 100,000 unclosed <w:tbl><w:tr>: refused as damaged, in one pass", async () => {
    writeFileSync(path.join(dir, "未闭合.docx"), zipOf([{ name: "word/document.xml", data: documentXml("<w:tbl><w:tr>".repeat(100_000)) }]));
    expectEnded(await nianbao("import", "未闭合.docx"), 2, "文档内容已损坏（word/document.xml 不是有效的 XML），无法读取");
  });

  test("'<' × 300,000 as a web page: read to the end, the tables said to be missing", async () => {
    writeFileSync(path.join(dir, "尖括号.html"), `<html><body>${"<".repeat(300_000)}</body></html>`);
    expectEnded(await nianbao("import", "尖括号.html"), 1, "未找到表三的表格内容");
  });

  test("a character reference beyond U+10FFFF in a .docx: exit 2 with the reason", async () => {
    writeFileSync(path.join(dir, "越界.docx"), zipOf([{ name: "word/document.xml", data: documentXml("<w:p><w:r><w:t>&#x110000;</w:t></w:r></w:p>") }]));
    expectEnded(await nianbao("import", "越界.docx"), 2, "文档内容已损坏（word/document.xml 不是有效的 XML），无法读取");
  });

  test("write failures: a missing folder, a folder as the file, a read-only place, a missing --units file", async () => {
    expectEnded(await nianbao("template", "-o", path.join("没有", "年报.xlsx")), 2, "所在的文件夹不存在");
    mkdirSync(path.join(dir, "是文件夹.xlsx"));
    expectEnded(await nianbao("template", "-o", "是文件夹.xlsx", "--force"), 2, "这是一个文件夹");
    // /sys refuses writes even to root (a chmod'ed folder would not).
    expectEnded(await nianbao("template", "-o", "/sys/年报.xlsx"), 2, "无法写入 /sys/年报.xlsx：没有写入权限");
    expectEnded(await nianbao("aggregate", "报告.txt", "-o", "汇总.xlsx", "--units", "没有名单.txt"), 2, "无法读取单位名单 没有名单.txt");
  });

  test("escape sequences in an agency's name are shown as symbols on the terminal, never sent", async () => {
    writeFileSync(path.join(dir, "转义.txt"), EX003.replace("新乡市教育局", "新乡市\u001b[2J\u001b]0;标题\u0007教育局"));
    // On a terminal (script(1) gives the command one): piped output stays as it is, for files.
    const run = await new Promise<Run>((resolve) => {
      execFile("script", ["-qec", `"${process.execPath}" "${BIN}" import 转义.txt`, "/dev/null"], { cwd: dir, encoding: "utf8", timeout: WATCHDOG_MS, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number; killed?: boolean }) | null;
        resolve({ code: failed === null ? 0 : (failed.code ?? -1), stdout, stderr, hung: failed?.killed === true });
      });
    });
    expectEnded(run, 0, "读取：转义.txt（新乡市␛[2J␛]0;标题␇教育局");
    expect([...run.stdout, ...run.stderr].some((ch) => ch === "\u001b" || ch === "\u0007")).toBe(false);
  });

  test("U+FFFF in --agency: replaced, said so, and the workbook opens again with our reader", async () => {
    const made = await nianbao("template", "-o", "非字符.xlsx", "--agency", "某局\uFFFF");
    expectEnded(made, 0, "无法写入文件，已替换为“\uFFFD”");
    const check = await nianbao("check", "非字符.xlsx", "--json");
    expectEnded(check, 0);
    expect((JSON.parse(check.stdout) as { agency: string }).agency).toBe("某局\uFFFD");
  });

  test("template --values: 1e999 refused, a JSON file with a byte-order mark accepted", async () => {
    writeFileSync(path.join(dir, "无穷.json"), '{"t3.new.natural": 1e999}');
    const huge = await nianbao("template", "--values", "无穷.json", "-o", "无穷.xlsx");
    expectEnded(huge, 2, "其数字过大，超出了可以保存的范围");
    expect(huge.stderr).not.toContain("Infinity");
    writeFileSync(path.join(dir, "带BOM.json"), '\uFEFF{"t3.new.natural": 3}');
    expectEnded(await nianbao("template", "--values", "带BOM.json", "-o", "带BOM.xlsx"), 0, "已生成 带BOM.xlsx");
  });

  test("audit --csv onto an existing file, or onto the input, is refused without --force (and the input even with it)", async () => {
    writeFileSync(path.join(dir, "已有.csv"), "旧结果");
    expectEnded(await nianbao("audit", "报告.txt", "--csv", "已有.csv"), 2, "已存在");
    expect(readFileSync(path.join(dir, "已有.csv"), "utf8")).toBe("旧结果");
    expectEnded(await nianbao("audit", "报告.txt", "--csv", "报告.txt", "--force"), 2, "是要审核的报告之一");
    expect(readFileSync(path.join(dir, "报告.txt"), "utf8")).toBe(EX003);
  });

  test("import X.xlsx -o X.xlsx --force is refused; the workbook is left as it was", async () => {
    await templateWith("原表.xlsx");
    const before = readFileSync(path.join(dir, "原表.xlsx"));
    expectEnded(await nianbao("import", "原表.xlsx", "-o", "原表.xlsx", "--force"), 2, "是要读取的文件，不能作为输出文件");
    expect(readFileSync(path.join(dir, "原表.xlsx")).equals(before)).toBe(true);
  });

  test("a foreign _nianbao sheet is refused as ours: its 'confirmations' confirm nothing", async () => {
    await templateWith("外来.xlsx", "--agency", "某局");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "外来.xlsx"));
    workbook.removeWorksheet(workbook.getWorksheet("_nianbao")!.id);
    const foreign = workbook.addWorksheet("_nianbao");
    // Where our sheet keeps confirmations: a row that would confirm every blank-cell 提示 of 表三.
    for (let row = 1; row <= 20; row += 1) foreign.getCell(row, 1).value = "R-BLANK.t3";
    await workbook.xlsx.writeFile(path.join(dir, "外来.xlsx"));
    const run = await nianbao("check", "外来.xlsx", "--json");
    expectEnded(run, 0);
    const { summary, issues } = JSON.parse(run.stdout) as { summary: { confirmed: number }; issues: { id: string }[] };
    expect(issues.map((i) => i.id)).toContain("R-BLANK.t3");
    expect(summary.confirmed).toBe(0);
  });

  test("an agency's name that is a formula is defused in the CSV", async () => {
    mkdirSync(path.join(dir, "注入"));
    expectEnded(await nianbao("template", "-o", path.join("注入", "单位.xlsx"), "--agency", '=HYPERLINK("http://example.invalid")'), 0);
    expectEnded(await nianbao("audit", "注入", "--csv", "注入.csv"), 1);
    const csv = readFileSync(path.join(dir, "注入.csv"), "utf8");
    expect(csv).toContain(`'=HYPERLINK(""http://example.invalid"")`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  test("two different 表三 in one text: neither is read, and the reason is given", async () => {
    writeFileSync(path.join(dir, "两份.txt"), `${EX003}\n\n${EX000}`);
    const run = await nianbao("import", "两份.txt");
    expectEnded(run, 0, "未能读取 175 个单元格：报告中有两份不同的表三，无法确定以哪一份为准", "文本中有 2 份报告");
  });

  test("aggregate: duplicate units flagged; a set with nothing readable says plainly that nothing was summed", async () => {
    mkdirSync(path.join(dir, "汇总"));
    await templateWith(path.join("汇总", "甲1.xlsx"), "--agency", "甲局");
    await templateWith(path.join("汇总", "甲2.xlsx"), "--agency", "甲局");
    expectEnded(await nianbao("aggregate", "汇总", "-o", "汇总.xlsx"), 1, "“甲局”重复报送 2 份");
    mkdirSync(path.join(dir, "坏"));
    writeFileSync(path.join(dir, "坏", "a.xlsx"), "PK\u0003\u0004 broken");
    const none = await nianbao("aggregate", "坏", "-o", "空.xlsx");
    expectEnded(none, 1, "未汇总：所有文件均无法读取");
    expect(none.stdout).not.toContain("汇总了");
  });
});
