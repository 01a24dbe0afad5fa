// LibreOffice as the outside authority for the template's formulas (house style rule 10): write workbooks,
// let a headless soffice recalculate every formula on load and save them again, read the results back with
// ExcelJS. Also renders workbooks to PDF and PDFs to text and PNG pages (poppler) for layout checks.
//
// One soffice start costs seconds, so conversions are batched: many files per call. Each session uses a fresh
// profile in a temporary directory, which sets "recalculate on load: always" for .xlsx and .ods (without it
// LibreOffice may keep the cached results, and ExcelJS writes none) and never collides with a running soffice.

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

const run = promisify(execFile);

/** soffice (or a poppler tool) is not installed, or not on PATH. */
export class ToolMissingError extends Error {
  constructor(
    readonly tool: string,
    hint: string,
  ) {
    super(`${tool} was not found on PATH. ${hint}`);
    this.name = "ToolMissingError";
  }
}

/** A conversion ran but did not produce the files it should have. */
export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConversionError";
  }
}

const SOFFICE = process.env.SOFFICE ?? "soffice";
const SOFFICE_HINT = "Install LibreOffice (e.g. apt-get install libreoffice-calc) or set SOFFICE to its soffice binary.";

/** OOXMLRecalcMode / ODFRecalcMode 0 = always recalculate on load. */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT";
}

async function runTool(
  tool: string,
  args: readonly string[],
  timeoutMs: number,
  hint: string,
  env?: Readonly<Record<string, string>>,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(tool, args, {
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 64 * 1024 * 1024,
      encoding: "utf8",
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
  } catch (error) {
    if (isNotFound(error)) throw new ToolMissingError(tool, hint);
    throw error;
  }
}

export interface ConvertOptions {
  /** Whole-call time limit; generous because one call converts many files. */
  readonly timeoutMs?: number;
  /** Extra environment variables for soffice, e.g. FONTCONFIG_FILE (added to the inherited environment). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A scratch directory with its own LibreOffice profile. Create it with `openLibreOffice()`, and `close()` it
 * when done: that removes every file written under it.
 */
export class LibreOfficeSession {
  private constructor(readonly dir: string) {}

  static async open(): Promise<LibreOfficeSession> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "nianbao-lo-"));
    await mkdir(path.join(dir, "lo-profile", "user"), { recursive: true });
    await writeFile(path.join(dir, "lo-profile", "user", "registrymodifications.xcu"), RECALC_PROFILE, "utf8");
    return new LibreOfficeSession(dir);
  }

  private get profileUrl(): string {
    return `file://${path.join(this.dir, "lo-profile")}`;
  }

  /** A fresh directory under the session's scratch directory. */
  async subdir(name: string): Promise<string> {
    const dir = path.join(this.dir, name);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Converts the input files in one soffice call into `outDir` (which must differ from the inputs' directory
   * when converting to the same format). Returns the output paths, in input order; throws ConversionError
   * naming the files that produced nothing.
   */
  async convert(inputs: readonly string[], format: "xlsx" | "pdf", outDir: string, options: ConvertOptions = {}): Promise<string[]> {
    if (inputs.length === 0) return [];
    await mkdir(outDir, { recursive: true });
    const args = [
      `-env:UserInstallation=${this.profileUrl}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      ...inputs,
    ];
    const { stdout, stderr } = await runTool(SOFFICE, args, options.timeoutMs ?? 240_000, SOFFICE_HINT, options.env);
    const outputs = inputs.map((input) => path.join(outDir, `${path.basename(input, path.extname(input))}.${format}`));
    const missing = outputs.filter((output) => !existsSync(output));
    if (missing.length > 0) {
      throw new ConversionError(
        `soffice --convert-to ${format} produced no output for ${missing.length} of ${inputs.length} files ` +
          `(first: ${missing[0]}).\nstdout:\n${stdout}\nstderr:\n${stderr}`,
      );
    }
    return outputs;
  }

  /**
   * Writes the workbooks as `<name>.xlsx`, has LibreOffice recalculate and re-save them all in one call, and
   * reads the recalculated copies back. Names must be usable as file names.
   */
  async recalculate(workbooks: ReadonlyMap<string, Uint8Array>, options: ConvertOptions = {}): Promise<Map<string, ExcelJS.Workbook>> {
    const inDir = await this.subdir("recalc-in");
    const outDir = await this.subdir("recalc-out");
    const names = [...workbooks.keys()];
    const inputs: string[] = [];
    for (const name of names) {
      const file = path.join(inDir, `${name}.xlsx`);
      await writeFile(file, workbooks.get(name)!);
      inputs.push(file);
    }
    const outputs = await this.convert(inputs, "xlsx", outDir, options);
    const result = new Map<string, ExcelJS.Workbook>();
    for (const [i, name] of names.entries()) result.set(name, await readXlsx(outputs[i]!));
    return result;
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function openLibreOffice(): Promise<LibreOfficeSession> {
  return LibreOfficeSession.open();
}

export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** What a cell shows after recalculation: a formula's cached result, or the cell's own value. */
export type CellResult = string | number | boolean | null | { readonly error: string };

function plain(value: unknown): CellResult {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as { error?: unknown; richText?: { text: string }[]; text?: unknown };
    if (typeof v.error === "string") return { error: v.error };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (typeof v.text === "string") return v.text;
  }
  return JSON.stringify(value);
}

/**
 * The result of a cell, e.g. `cellResult(wb, "校验", 5, 9)` or `cellResult(wb, "基本信息", "B8")`.
 * Throws if the sheet is missing (a programming error in the test, not a verdict).
 */
export function cellResult(workbook: ExcelJS.Workbook, sheet: string, row: number | string, col?: number): CellResult {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`Sheet ${sheet} not found; sheets: ${workbook.worksheets.map((w) => w.name).join(", ")}`);
  const cell = typeof row === "string" ? worksheet.getCell(row) : worksheet.getCell(row, col ?? 1);
  const value = cell.value as unknown;
  if (value !== null && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    // Cell.value leaves out a cached result of 0 (it copies only truthy fields); Cell.result keeps it.
    return plain(cell.result);
  }
  return plain(value);
}

const POPPLER_HINT = "Install poppler-utils (pdftotext, pdftoppm).";

/**
 * The PDF's text. "layout" (the default) keeps the physical layout, so table rows stay on one line; "raw" keeps
 * the order of the content stream, so the lines of one table cell stay together.
 */
export async function pdfToText(pdf: string, mode: "layout" | "raw" = "layout"): Promise<string> {
  const { stdout } = await runTool("pdftotext", [`-${mode}`, "-enc", "UTF-8", pdf, "-"], 60_000, POPPLER_HINT);
  return stdout;
}

/** Renders every page of the PDF to `<outDir>/<prefix>-<n>.png`; returns the PNG paths in page order. */
export async function pdfToPngs(pdf: string, outDir: string, prefix: string, dpi = 60): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const isPage = (f: string): boolean => f.startsWith(`${prefix}-`) && f.endsWith(".png");
  // Pages left over from an earlier, longer rendering would otherwise be listed too.
  for (const old of (await readdir(outDir)).filter(isPage)) await rm(path.join(outDir, old), { force: true });
  await runTool("pdftoppm", ["-png", "-r", String(dpi), pdf, path.join(outDir, prefix)], 120_000, POPPLER_HINT);
  const pages = (await readdir(outDir)).filter(isPage);
  return pages.sort((a, b) => pageNumber(a) - pageNumber(b)).map((f) => path.join(outDir, f));
}

function pageNumber(file: string): number {
  const match = /-(\d+)\.png$/.exec(file);
  return match ? Number(match[1]) : 0;
}

/**
 * The PDF's text page by page (pdftotext ends every page with a form feed), in "raw" order by default so that the
 * lines of one table cell stay together. Checks of what is printed on which page read these.
 */
export async function pdfPageTexts(pdf: string, mode: "layout" | "raw" = "raw"): Promise<string[]> {
  const pages = (await pdfToText(pdf, mode)).split("\f");
  // The form feed after the last page leaves an empty piece behind it.
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === "") pages.pop();
  return pages;
}
