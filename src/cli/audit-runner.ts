// How `nianbao audit` goes through a folder: every report read and checked on `jobs` worker threads (in
// process when there is one job or the worker bundle is missing), then each report whose set — or the folder
// of last year's reports (--previous-dir) — holds exactly one report of the same agency for the year before
// is checked again against it. Rows stay small (no report's text is kept); a report's HTML detail is made
// where it is checked and handed on at once.

import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { labelKey } from "../core/import/normalize";
import { reportDetailHtml } from "./audit-html";
import type { AuditRow } from "./audit-rows";
import { auditReport } from "./audit-rows";

export interface AuditTask {
  readonly index: number;
  readonly file: string;
  /** Last year's report of the same agency to check against, or null. */
  readonly previous: string | null;
  /** Make the report's HTML detail too. */
  readonly detail: boolean;
}

export interface AuditReply {
  readonly index: number;
  readonly row: AuditRow;
  readonly fragment: string | null;
}

/** One task, where it runs (a worker thread or the main one). */
export async function runTask(task: AuditTask): Promise<AuditReply> {
  const { row, detail } = await auditReport(task.file, task.previous, task.detail);
  return { index: task.index, row, fragment: task.detail ? reportDetailHtml(task.index, row, detail) : null };
}

/** Files per message to a worker: enough to keep it busy, few enough to balance the threads at the end. */
const BATCH = 32;

/** Runs the tasks on `jobs` threads; each reply is handed on as it comes (not in order). */
async function runTasks(tasks: readonly AuditTask[], jobs: number, onReply: (reply: AuditReply) => void): Promise<void> {
  const workerFile = path.join(__dirname, "audit-worker.cjs");
  if (jobs <= 1 || tasks.length <= BATCH || !existsSync(workerFile)) {
    for (const task of tasks) onReply(await runTask(task));
    return;
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerFile);
      const send = (): void => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const batch = tasks.slice(next, Math.min(tasks.length, next + BATCH));
        next += batch.length;
        worker.once("message", (replies: AuditReply[]) => {
          replies.forEach(onReply);
          send();
        });
        worker.postMessage(batch);
      };
      worker.on("error", reject);
      send();
    });
  await Promise.all(Array.from({ length: Math.min(jobs, Math.ceil(tasks.length / BATCH)) }, runWorker));
}

/** An agency's name as the series are matched: spacing, punctuation and traditional characters left out. */
export function agencyKey(name: string): string {
  return labelKey(name);
}

export interface AuditOptions {
  readonly jobs: number;
  /** Last year's reports held elsewhere (--previous-dir): read to compare with, not audited themselves. */
  readonly previousFiles?: readonly string[];
  /** Receives each report's HTML detail as soon as it is made (a later one for a report replaces it). */
  readonly onDetail?: ((index: number, fragment: string) => void) | null;
  /** Reports checked so far, of how many (the second pass adds those compared with last year's report). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The rows of the files, in their order. */
export async function auditFiles(files: readonly string[], jobs: number, onProgress: (done: number) => void = () => undefined): Promise<AuditRow[]> {
  return auditSet(files, { jobs, onProgress: (done) => onProgress(done) });
}

export async function auditSet(files: readonly string[], options: AuditOptions): Promise<AuditRow[]> {
  const previousFiles = (options.previousFiles ?? []).filter((file) => !files.some((f) => path.resolve(f) === path.resolve(file)));
  const all = [...files, ...previousFiles];
  const rows = new Array<AuditRow>(all.length);
  const detail = options.onDetail !== undefined && options.onDetail !== null;
  let done = 0;
  let total = all.length;
  const receive = (reply: AuditReply): void => {
    rows[reply.index] = reply.row;
    if (reply.fragment !== null) options.onDetail?.(reply.index, reply.fragment);
    options.onProgress?.((done += 1), total);
  };
  await runTasks(
    all.map((file, index) => ({ index, file, previous: null, detail: detail && index < files.length })),
    options.jobs,
    receive,
  );
  // The series: each report of the set with exactly one report of its agency for the year before.
  const byAgencyYear = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.verdict === "unreadable" || row.agency === null || row.year === null) return;
    const key = `${agencyKey(row.agency)}\u0000${row.year}`;
    const list = byAgencyYear.get(key);
    if (list === undefined) byAgencyYear.set(key, [i]);
    else list.push(i);
  });
  const again: AuditTask[] = [];
  for (const [i, row] of rows.slice(0, files.length).entries()) {
    if (row.verdict === "unreadable" || row.agency === null || row.year === null) continue;
    const previous = byAgencyYear.get(`${agencyKey(row.agency)}\u0000${row.year - 1}`) ?? [];
    const previousFile = previous.length === 1 ? all[previous[0] ?? -1] : undefined;
    if (previousFile !== undefined) again.push({ index: i, file: files[i] ?? "", previous: previousFile, detail });
  }
  total += again.length;
  await runTasks(again, options.jobs, receive);
  return rows.slice(0, files.length);
}
