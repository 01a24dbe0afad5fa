// A folder as a careless user or an attacker leaves it: dangling links, a link loop, a second way to the same
// folder, a pipe named like a report, a device, files to be saved again in another format, and a file that takes
// far too long. The audit walks it to the end, lists every such entry with the reason, reads every report once,
// and never hangs.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { EXAMPLES_DIR } from "../support/reports";

let dir: string;
const nianbao = cliIn(() => dir);
const EX003 = readFileSync(path.join(EXAMPLES_DIR, "003_76fa165b0e5913e4.txt"), "utf8");

interface Row {
  file: string;
  verdict: string;
  message: string;
}

async function rowsOf(...args: string[]): Promise<{ code: number; rows: Map<string, Row>; files: number }> {
  const result = await nianbao("audit", ...args, "--json");
  const json = JSON.parse(result.stdout) as { summary: { files: number }; reports: Row[] };
  return { code: result.code, rows: new Map(json.reports.map((r) => [path.relative(dir, path.resolve(dir, r.file)), r])), files: json.summary.files };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-hostile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a hostile folder", () => {
  test("links, loops, a pipe, formats to save again: every entry a row or walked once; the run completes", async () => {
    const root = path.join(dir, "乱");
    mkdirSync(path.join(root, "子"), { recursive: true });
    writeFileSync(path.join(root, "子", "报告.txt"), EX003);
    symlinkSync(path.join(root, "不存在.txt"), path.join(root, "断链.txt"));
    symlinkSync(root, path.join(root, "子", "回到上层")); // a loop
    symlinkSync(path.join(root, "子"), path.join(root, "同一文件夹")); // a second way to 子
    execFileSync("mkfifo", [path.join(root, "管道.txt")]);
    for (const name of ["旧版.xls", "旧版.doc", "表格.et", "文字.wps", "开源.ods"]) writeFileSync(path.join(root, name), "x");
    writeFileSync(path.join(root, "说明.md"), "不是报告");

    const { code, rows, files } = await rowsOf("乱");
    expect(code).toBe(1);
    // The report once, though three ways lead to it; the loop is not walked again.
    expect([...rows.keys()].filter((f) => f.endsWith("报告.txt"))).toEqual([path.join("乱", "子", "报告.txt")]);
    expect(rows.get(path.join("乱", "子", "报告.txt"))?.verdict).not.toBe("unreadable");
    expect(rows.get(path.join("乱", "断链.txt"))).toMatchObject({ verdict: "unreadable", message: "链接指向的文件不存在，未读取" });
    expect(rows.get(path.join("乱", "管道.txt"))).toMatchObject({ verdict: "unreadable", message: "管道不是普通文件，未读取" });
    expect(rows.get(path.join("乱", "旧版.xls"))?.message).toContain("另存为 .xlsx");
    expect(rows.get(path.join("乱", "旧版.doc"))?.message).toContain("另存为 .docx");
    expect(rows.get(path.join("乱", "表格.et"))?.message).toContain("WPS 表格文件");
    expect(rows.get(path.join("乱", "文字.wps"))?.message).toContain("WPS 文字文档");
    expect(rows.get(path.join("乱", "开源.ods"))?.message).toContain("另存为 .xlsx");
    // A note that is not a report is not a row.
    expect(rows.has(path.join("乱", "说明.md"))).toBe(false);
    expect(files).toBe(8);
  });

  test("a device named on the command line is a row, not a read that never ends", async () => {
    const { rows } = await rowsOf("/dev/zero", "/dev/null");
    expect(rows.get(path.relative(dir, "/dev/zero"))?.message).toBe("设备文件不是普通文件，未读取");
  });

  test("import and check of a pipe named like a report: exit code 2 with the reason, never a read that waits", async () => {
    execFileSync("mkfifo", [path.join(dir, "管道.xlsx"), path.join(dir, "管道2.txt")]);
    const check = await nianbao("check", "管道.xlsx");
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("不是普通文件");
    const imported = await nianbao("import", "管道2.txt");
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain("不是普通文件");
  });

  test("a file that takes longer than --file-timeout becomes a row; its worker is replaced and the others are read", async () => {
    const root = path.join(dir, "超时");
    mkdirSync(root);
    // About a megabyte of table rows costs the reader a second here: three of them, far beyond 0.3 s.
    const row = "（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n";
    writeFileSync(path.join(root, "00-慢.txt"), row.repeat(Math.ceil(3_000_000 / row.length)));
    for (let i = 1; i <= 40; i += 1) writeFileSync(path.join(root, `${String(i).padStart(2, "0")}.txt`), EX003);
    const { rows, files } = await rowsOf("超时", "--file-timeout", "0.3", "--jobs", "2");
    expect(files).toBe(41);
    expect(rows.get(path.join("超时", "00-慢.txt"))).toMatchObject({ verdict: "unreadable" });
    expect(rows.get(path.join("超时", "00-慢.txt"))?.message).toContain("读取超过 0.3 秒仍未完成");
    const read = [...rows.entries()].filter(([name]) => !name.includes("慢"));
    expect(read).toHaveLength(40);
    for (const [, r] of read) expect(r.verdict).not.toBe("unreadable");
  }, 60_000);

  test("an output whose folder does not exist is refused before any report is read, exit code 2", async () => {
    const result = await nianbao("audit", "超时", "--csv", path.join("没有这个文件夹", "结果.csv"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("所在的文件夹不存在");
    const folder = await nianbao("audit", "超时", "--html", "超时");
    expect(folder.code).toBe(2);
  });

  test("--file-timeout must be a positive number of seconds", async () => {
    const result = await nianbao("audit", "超时", "--file-timeout", "0");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--file-timeout 应为正数");
  });
});
