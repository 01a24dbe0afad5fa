// Starting `nianbao` costs a Node start, not the libraries: `--version` and importing a text report must not
// load ExcelJS, docx or JSZip (they are loaded on first use, see src/adapters/xlsx/exceljs.ts). What a command
// loads is recorded by a preload script in the child process; no clock is involved.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const BIN = path.resolve(__dirname, "../../bin/nianbao.cjs");
const PRELOAD = path.resolve(__dirname, "../support/record-loads.cjs");
const REPORT = path.resolve(__dirname, "fixtures/short-report.txt");
const HEAVY = ["exceljs", "docx", "jszip"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-loads-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  /** The npm packages the process loaded, by name. */
  readonly packages: ReadonlySet<string>;
}

let runs = 0;
function nianbao(...args: string[]): Run {
  runs += 1;
  const log = path.join(dir, `loads-${runs}.log`);
  const result = spawnSync(process.execPath, ["--require", PRELOAD, BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NIANBAO_LOAD_LOG: log },
    encoding: "utf8",
  });
  const files = readFileSync(log, "utf8").split("\n");
  const packages = new Set(files.map((file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]).filter((name) => name !== undefined));
  return { status: result.status, stdout: result.stdout, packages };
}

test("nianbao --version loads none of the heavy libraries", () => {
  const run = nianbao("--version");
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  expect(HEAVY.filter((name) => run.packages.has(name))).toEqual([]);
});

test("nianbao import of a text report loads none of the heavy libraries", () => {
  const run = nianbao("import", REPORT);
  expect([0, 1]).toContain(run.status);
  expect(run.stdout).toContain("读取：");
  expect(run.stdout).toContain("北关区教育局");
  expect(HEAVY.filter((name) => run.packages.has(name))).toEqual([]);
});

test("the recording sees ExcelJS when a command does need it", () => {
  const run = nianbao("template", "-o", "年报.xlsx");
  expect(run.status).toBe(0);
  expect(run.packages.has("exceljs")).toBe(true);
});
