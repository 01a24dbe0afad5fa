// nianbao audit <files or folders>... [--json | --csv out.csv | --html out.html]: imports and checks every
// report (txt, html, docx, pdf, xlsx) on all cores, with a progress bar on a terminal, and writes one row per
// report plus an HTML summary a reviewer can open. Unreadable files are listed, never fatal.
// Exit codes: 0 every report readable and free of 强制 errors; 1 otherwise; 2 wrong usage or no report found.

import { existsSync, lstatSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { formatOf } from "../adapters/import/extract-text";
import { UsageError } from "./arguments";
import { ruleName } from "../core/locale";
import type { AuditRow, AuditVerdict } from "./audit-rows";
import { AUDIT_VERDICT_LABELS, auditFile, readingCaveat } from "./audit-rows";
import { labelKey } from "../core/import/normalize";

/** The report files named, folders searched recursively, in a stable order. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (p: string): void => {
    if (!existsSync(p)) {
      files.push(p); // reported as unreadable
      return;
    }
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry.startsWith(".") || entry.startsWith("~$")) continue;
        const child = path.join(p, entry);
        if (statSync(child).isDirectory() || formatOf(entry) !== null) visit(child);
      }
    } else files.push(p);
  };
  paths.forEach(visit);
  return files;
}

const BATCH = 32;

/** Audits files on `jobs` worker threads (in-process when the worker bundle is not there). */
export async function auditFiles(files: readonly string[], jobs: number, onProgress: (done: number) => void): Promise<AuditRow[]> {
  const workerFile = path.join(__dirname, "audit-worker.cjs");
  const rows: AuditRow[] = new Array<AuditRow>(files.length);
  let done = 0;
  if (jobs <= 1 || files.length <= BATCH || !existsSync(workerFile)) {
    for (const [i, file] of files.entries()) {
      rows[i] = await auditFile(file);
      onProgress(++done);
    }
    return withPreviousYears(files, rows);
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerFile);
      const send = (): void => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const start = next;
        next = Math.min(files.length, next + BATCH);
        worker.once("message", (batch: AuditRow[]) => {
          batch.forEach((row, k) => (rows[start + k] = row));
          done += batch.length;
          onProgress(done);
          send();
        });
        worker.postMessage(files.slice(start, next));
      };
      worker.on("error", reject);
      send();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, Math.ceil(files.length / BATCH)) }, runWorker));
  return withPreviousYears(files, rows);
}

/** An agency's name as the series are matched: spacing, punctuation and traditional characters left out. */
function agencyKey(name: string): string {
  return labelKey(name);
}

/**
 * A series: each report whose set holds exactly one report of the same agency (by its normalised name) for the
 * year before is read and checked again against it — 上年结转 against 结转下年度, 现行有效 against last year's,
 * copied text, last year's date — and its row names that report. Last year's 现行有效件数 may also decide glued
 * 表二 rows.
 */
async function withPreviousYears(files: readonly string[], rows: AuditRow[]): Promise<AuditRow[]> {
  const byAgencyYear = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.verdict === "unreadable" || row.agency === null || row.year === null) return;
    const key = `${agencyKey(row.agency)}\u0000${row.year}`;
    byAgencyYear.set(key, [...(byAgencyYear.get(key) ?? []), i]);
  });
  for (const [i, row] of rows.entries()) {
    if (row.verdict === "unreadable" || row.agency === null || row.year === null) continue;
    const previous = byAgencyYear.get(`${agencyKey(row.agency)}\u0000${row.year - 1}`) ?? [];
    const file = files[i];
    const previousFile = previous.length === 1 ? files[previous[0] ?? -1] : undefined;
    if (file === undefined || previousFile === undefined) continue;
    rows[i] = await auditFile(file, previousFile);
  }
  return rows;
}

/** Whether anything — a file, a folder, a link even if it leads nowhere — is at the path. */
function pathTaken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * One CSV field. A text starting with = + - @ (or a tab or carriage return) would be taken for a formula by
 * Excel, WPS and LibreOffice: it is written with a leading ' (OWASP, CSV injection). Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(rows: readonly AuditRow[]): string {
  const header = ["文件", "结论", "机关", "年度", "格式", "已读单元格", "强制", "提示", "未通过的规则", "说明", "对照的上年报告"];
  const lines = rows.map((r) =>
    [r.file, AUDIT_VERDICT_LABELS[r.verdict], r.agency, r.year, r.format, r.cellsRead, r.errors, r.warnings, r.failedRules.map(ruleName).join("、"), r.message, r.previousYearFile]
      .map(csvField)
      .join(","),
  );
  // A byte-order mark so that Excel opens the UTF-8 file with its Chinese intact.
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);
}

/** How many reports are in each state. */
export function countVerdicts(rows: readonly AuditRow[]): Record<AuditVerdict, number> {
  const counts: Record<AuditVerdict, number> = { pass: 0, warnings: 0, errors: 0, incomplete: 0, unreadable: 0 };
  for (const row of rows) counts[row.verdict] += 1;
  return counts;
}

function caveatNote(caveat: string | null): string {
  return caveat === null ? "" : `（${caveat}）`;
}

function countsSentence(rows: readonly AuditRow[]): string {
  const counts = countVerdicts(rows);
  const order: readonly AuditVerdict[] = ["pass", "warnings", "errors", "incomplete", "unreadable"];
  return `共 ${rows.length} 份：${order.map((v) => `${AUDIT_VERDICT_LABELS[v]} ${counts[v]} 份`).join("，")}。`;
}

export function auditHtml(rows: readonly AuditRow[]): string {
  const TONES: Readonly<Record<AuditVerdict, string>> = { pass: "pass", warnings: "warn", errors: "fail", incomplete: "incomplete", unreadable: "unreadable" };
  const body = rows
    .map((r) => {
      const tone = TONES[r.verdict];
      const cells = [
        r.file,
        r.agency ?? "",
        r.year === null ? "" : String(r.year),
        AUDIT_VERDICT_LABELS[r.verdict],
        r.verdict === "unreadable" ? "" : `${r.cellsRead} / 200`,
        String(r.errors),
        String(r.warnings),
        r.failedRules.map(ruleName).join("、"),
        r.message,
        r.previousYearFile ?? "",
      ];
      return `<tr class="${tone}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开工作年度报告审核结果</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;font-size:13px;vertical-align:top}
th{background:#eee}.fail td{background:#ffe5e8}.warn td{background:#fff6d6}.incomplete td{background:#eef3fb}.unreadable td{background:#eee;color:#666}
.summary span{display:inline-block;margin-right:2em;font-size:16px}
</style></head><body>
<h1>政府信息公开工作年度报告审核结果</h1>
<p class="summary">${escapeHtml(countsSentence(rows))}</p>
<table><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>结论</th><th>已读单元格</th><th>强制</th><th>提示</th><th>未通过的规则</th><th>说明</th><th>对照的上年报告</th></tr></thead>
<tbody>
${body}
</tbody></table></body></html>
`;
}

export async function runAudit(args: string[], out: (text: string) => void, err: (text: string) => void, isTty: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: "boolean", default: false },
      csv: { type: "string" },
      html: { type: "string" },
      jobs: { type: "string" },
      force: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError("请指定要审核的报告文件或文件夹，如：nianbao audit 报告/");
  const files = collectFiles(positionals);
  // The outputs: never over an existing file without --force, never over one of the reports read.
  const inputs = new Set(files.map((f) => path.resolve(f)));
  for (const output of [values.csv, values.html]) {
    if (output === undefined) continue;
    if (inputs.has(path.resolve(output))) throw new UsageError(`${output} 是要审核的报告之一，不能作为输出文件。请换一个文件名。`);
    if (pathTaken(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  }
  if (files.length === 0) throw new UsageError("没有找到可审核的报告文件（.xlsx、.txt、.html、.docx、.pdf）。");
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError("--jobs 应为正整数。");
  const progress = (done: number): void => {
    if (!isTty) return;
    const width = 30;
    const filled = Math.round((done / files.length) * width);
    err(`\r审核进度 [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${files.length}`);
    if (done === files.length) err("\n");
  };
  const rows = await auditFiles(files, jobs, progress);
  if (values.csv) writeFileSync(values.csv, auditCsv(rows), "utf8");
  if (values.html) writeFileSync(values.html, auditHtml(rows), "utf8");
  const counts = countVerdicts(rows);
  if (values.json) {
    out(`${JSON.stringify({ summary: { files: rows.length, ...counts }, reports: rows }, null, 2)}\n`);
  } else {
    for (const r of rows) {
      const what =
        r.verdict === "unreadable"
          ? `无法读取：${r.message}`
          : `${r.agency ?? "（机关未识别）"} ${r.year ?? ""} ${AUDIT_VERDICT_LABELS[r.verdict]} 已读 ${r.cellsRead}/200 强制 ${r.errors} 提示 ${r.warnings}` +
            (r.failedRules.length > 0 ? ` 〔${r.failedRules.map(ruleName).join("、")}〕` : "") +
            caveatNote(readingCaveat(r.methods)) +
            (r.previousYearFile === null ? "" : ` 对照上年报告 ${r.previousYearFile}`);
      out(`${r.file}\t${what}\n`);
    }
    out(`${countsSentence(rows)}\n`);
    if (values.csv) out(`已写入 ${values.csv}\n`);
    if (values.html) out(`已写入 ${values.html}\n`);
  }
  // 0 only when every report was read whole and no 强制 check fails.
  return counts.unreadable + counts.errors + counts.incomplete > 0 ? 1 : 0;
}
