// nianbao audit <files or folders>... [--json | --csv out.csv | --html out.html] [--previous-dir folder]: imports
// and checks every report (txt, html, docx, pdf, xlsx) on all cores, each against last year's report of the same
// agency when the set (or --previous-dir) holds it, with a progress bar on a terminal; writes a table per report,
// a CSV with one row per issue and a self-contained HTML page a reviewer opens. Unreadable files are listed,
// never fatal.
// Exit codes: 0 every report readable and free of 强制 errors; 1 otherwise; 2 wrong usage or no report found.

import { closeSync, existsSync, lstatSync, openSync, statSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { UsageError, parseCommandArgs, writeFailure } from "./arguments";
import { AuditHtmlWriter } from "./audit-html";
import { CSV_START, auditJsonPieces, auditTable, countVerdicts, csvLines } from "./audit-outputs";
import { FILE_SECONDS, auditSet } from "./audit-runner";
import { collectFiles, findReportFiles } from "./report-files";

// aggregate reads the same files (walked the same way).
export { collectFiles } from "./report-files";

/** Whether anything — a file, a folder, a link even if it leads nowhere — is at the path. */
function pathTaken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes a file piece by piece (the CSV of 10,000 reports is never one string). */
function writePieces(file: string, pieces: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(file, "w");
  } catch (error) {
    throw writeFailure(file, error);
  }
  try {
    for (const piece of pieces) writeSync(fd, piece);
  } catch (error) {
    throw writeFailure(file, error);
  } finally {
    closeSync(fd);
  }
}

export async function runAudit(args: string[], out: (text: string) => void, err: (text: string) => void, isTty: boolean): Promise<number> {
  const { values, positionals } = parseCommandArgs("audit", args, {
    json: { type: "boolean", default: false },
    csv: { type: "string" },
    html: { type: "string" },
    jobs: { type: "string" },
    "previous-dir": { type: "string", multiple: true },
    "file-timeout": { type: "string" },
    force: { type: "boolean", default: false },
  });
  if (positionals.length === 0) throw new UsageError("请指定要审核的报告文件或文件夹，如：nianbao audit 报告/");
  const found = findReportFiles(positionals);
  const files = found.map((f) => f.file);
  const skipped = new Map(found.flatMap((f, i) => (f.skipped === null ? [] : [[i, f.skipped] as const])));
  const previousDirs = values["previous-dir"] ?? [];
  for (const dir of previousDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--previous-dir 指定的“${dir}”不是文件夹。请指定存放上年度报告的文件夹。`);
  }
  const previousFiles = collectFiles(previousDirs);
  // The outputs: never over an existing file without --force, never over one of the reports read.
  const inputs = new Set([...files, ...previousFiles].map((f) => path.resolve(f)));
  for (const output of [values.csv, values.html]) {
    if (output === undefined) continue;
    if (inputs.has(path.resolve(output))) throw new UsageError(`${output} 是要审核的报告之一，不能作为输出文件。请换一个文件名。`);
    if (pathTaken(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
    // Told before the reports are read, not after: the folder the output goes to must be there.
    const folder = path.dirname(path.resolve(output));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`无法写入 ${output}：所在的文件夹不存在。`);
    if (existsSync(output) && statSync(output).isDirectory()) throw new UsageError(`无法写入 ${output}：这是一个文件夹。`);
  }
  if (files.length === 0) throw new UsageError("没有找到可审核的报告文件（.xlsx、.txt、.html、.docx、.pdf）。");
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError("--jobs 应为正整数。");
  const fileSeconds = values["file-timeout"] === undefined ? FILE_SECONDS : Number(values["file-timeout"]);
  if (!Number.isFinite(fileSeconds) || fileSeconds <= 0) throw new UsageError("--file-timeout 应为正数（秒），如 --file-timeout 60。");
  let shown = -1;
  const progress = (done: number, total: number): void => {
    if (!isTty) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    // Redrawn when the bar or the count changes, at most once per report.
    if (done === shown) return;
    shown = done;
    err(`\r审核进度 [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  };
  const html = values.html === undefined ? null : new AuditHtmlWriter(values.html);
  let rows;
  try {
    rows = await auditSet(files, { jobs, skipped, previousFiles, fileSeconds, onProgress: progress, onDetail: html === null ? null : (index, fragment) => html.add(index, fragment) });
    if (isTty) err("\n");
    if (html !== null) {
      try {
        html.finish(rows);
      } catch (error) {
        throw writeFailure(values.html ?? "", error);
      }
    }
  } catch (error) {
    html?.discard();
    throw error;
  }
  if (values.csv) writePieces(values.csv, [CSV_START, ...rows.map(csvLines)]);
  const counts = countVerdicts(rows);
  if (values.json) {
    for (const piece of auditJsonPieces(rows)) out(piece);
  } else {
    out(auditTable(rows));
    if (values.csv) out(`已写入 ${values.csv}\n`);
    if (values.html) out(`已写入 ${values.html}\n`);
  }
  // 0 only when every report was read whole and no 强制 check fails.
  return counts.unreadable + counts.errors + counts.incomplete > 0 ? 1 : 0;
}
