// `npm pack` gives a package that installs with `npm install -g ./nianbao-*.tgz` on a machine without the
// repository and provides a working `nianbao`: the bundled CLI and its runtime dependencies only — no React,
// Fluent UI or build tools. The package is installed into a temporary prefix and driven from a folder outside
// the repository through every command that loads a dependency (ExcelJS, JSZip, docx, htmlparser2, saxes, the
// audit's workers).

import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { EXAMPLES_DIR } from "../support/reports";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

let dir: string;
let packed: Packed;
let nianbao: (...args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-package-"));
  // --ignore-scripts: the test run's global setup has built the CLI already; building it again here would
  // rewrite dist/cli.cjs under the other test files that run it.
  const { stdout } = await run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
  packed = (JSON.parse(stdout) as Packed[])[0] as Packed;
  const prefix = path.join(dir, "prefix");
  await run(
    NPM,
    ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", path.join(dir, packed.filename)],
    { cwd: dir, encoding: "utf8" },
  );
  const bin = path.join(prefix, "bin", "nianbao");
  const work = path.join(dir, "work");
  mkdirSync(work);
  nianbao = async (...args) => {
    try {
      const { stdout: out, stderr } = await run(bin, args, { cwd: work, encoding: "utf8" });
      return { code: 0, stdout: out, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the package holds the launcher, the CLI bundle and its worker, and nothing of the sources or tests", () => {
  const files = packed.files.map((f) => f.path).sort();
  expect(files).toEqual(expect.arrayContaining(["bin/nianbao.cjs", "dist/cli.cjs", "dist/audit-worker.cjs", "package.json", "README.md"]));
  expect(files.filter((f) => /^(src|tests|bench|scripts|assets)\//.test(f) || f.startsWith("dist/addin") || f.startsWith("dist/wps"))).toEqual([]);
});

test("installed globally it brings the runtime dependencies only", () => {
  const modules = path.join(dir, "prefix", "lib", "node_modules", "nianbao", "node_modules");
  const installed = existsSync(modules) ? readdirSync(modules) : [];
  for (const runtime of ["exceljs", "docx", "htmlparser2", "jszip", "saxes"]) expect(installed).toContain(runtime);
  for (const tool of ["react", "react-dom", "@fluentui", "webpack", "typescript", "jest", "esbuild", "@swc", "playwright-core"]) {
    expect(installed).not.toContain(tool);
  }
});

test("the installed command works outside the repository: template, import, check, render, audit", async () => {
  const version = await nianbao("--version");
  expect(version.code).toBe(0);
  expect(version.stdout).toMatch(/\d+\.\d+\.\d+/);

  const template = await nianbao("template", "--agency", "某县教育局", "--year", "2025", "--level", "县级部门", "-o", "模板.xlsx");
  expect(template.code).toBe(0);
  expect(existsSync(path.join(dir, "work", "模板.xlsx"))).toBe(true);

  const example = readdirSync(EXAMPLES_DIR).find((f) => f.startsWith("003") && f.endsWith(".txt"));
  expect(example).toBeDefined();
  copyFileSync(path.join(EXAMPLES_DIR, example as string), path.join(dir, "work", "报告.txt"));
  const imported = await nianbao("import", "报告.txt", "-o", "导入.xlsx");
  expect(imported.code === 0 || imported.code === 1).toBe(true);
  expect(imported.stderr).not.toMatch(/内部错误|Cannot find module/);

  const checked = await nianbao("check", "导入.xlsx", "--json");
  expect(checked.code === 0 || checked.code === 1).toBe(true);
  const report = JSON.parse(checked.stdout) as { agency: string; summary: { filled: number; unread: number } };
  expect(report.agency).toBe("新乡市教育局");
  expect(report.summary).toMatchObject({ filled: 200, unread: 0 });

  const rendered = await nianbao("render", "导入.xlsx", "-o", "报告.docx");
  expect(rendered.code === 0 || rendered.code === 1).toBe(true);
  expect(existsSync(path.join(dir, "work", "报告.docx"))).toBe(true);

  const audited = await nianbao("audit", ".", "--json");
  expect(audited.code === 0 || audited.code === 1).toBe(true);
  expect(audited.stdout).toContain("新乡市教育局");
  expect(audited.stderr).not.toMatch(/内部错误|Cannot find module/);
}, 120_000);
