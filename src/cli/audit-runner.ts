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
import { auditReport, unreadableRow } from "./audit-rows";

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

/** The row of a file that took longer than the limit: the worker reading it was stopped. */
function timedOutRow(file: string, seconds: number): AuditRow {
  return unreadableRow(file, `读取超过 ${seconds} 秒仍未完成，已停止读取此文件。请检查文件是否损坏或异常庞大。`);
}

/**
 * Runs the tasks on `jobs` worker threads; each reply is handed on as it comes (not in order). A worker reads
 * one file at a time; one that spends more than `seconds` on a file is stopped, the file becomes a row saying
 * so, and a new worker takes the rest. With one job (or no worker bundle) the files are read in this thread,
 * without the time limit.
 */
async function runTasks(tasks: readonly AuditTask[], jobs: number, seconds: number, onReply: (reply: AuditReply) => void): Promise<void> {
  const workerFile = path.join(__dirname, "audit-worker.cjs");
  if (jobs <= 1 || !existsSync(workerFile)) {
    for (const task of tasks) onReply(await runTask(task));
    return;
  }
  const queue = [...tasks];
  const runSlot = async (): Promise<void> => {
    while (queue.length > 0) await runWorker(workerFile, queue, seconds, onReply);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, Math.ceil(tasks.length / BATCH)) }, runSlot));
}

/**
 * One worker over batches from the queue, until the queue is empty or a file takes too long. The worker reads a
 * batch's files in order, one at a time: the time limit of a file runs from the row of the file before it (or
 * from the batch's sending).
 */
function runWorker(workerFile: string, queue: AuditTask[], seconds: number, onReply: (reply: AuditReply) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile);
    let batch: AuditTask[] = [];
    let timer: NodeJS.Timeout | null = null;
    const stopWatch = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const watch = (): void => {
      stopWatch();
      const task = batch[0];
      timer =
        task === undefined
          ? null
          : setTimeout(() => {
              timer = null;
              worker.removeAllListeners();
              void worker.terminate();
              // The file that hung is a row; the rest of its batch goes back to the queue for a new worker.
              onReply({ index: task.index, row: timedOutRow(task.file, seconds), fragment: null });
              queue.unshift(...batch.slice(1));
              resolve();
            }, seconds * 1000);
    };
    const send = (): void => {
      batch = queue.splice(0, BATCH);
      if (batch.length === 0) {
        void worker.terminate().then(() => resolve());
        return;
      }
      worker.postMessage(batch);
      watch();
    };
    // The worker says it is ready before it gets work: its start-up is not counted against a file.
    worker.once("message", () => {
      worker.on("message", (reply: AuditReply) => {
        stopWatch();
        onReply(reply);
        batch = batch.filter((t) => t.index !== reply.index);
        if (batch.length === 0) send();
        else watch();
      });
      send();
    });
    worker.on("error", (error) => {
      stopWatch();
      reject(error);
    });
  });
}

/** An agency's name as the series are matched: spacing, punctuation and traditional characters left out. */
export function agencyKey(name: string): string {
  return labelKey(name);
}

/** The most a file may take by default; the slowest hostile input of a megabyte takes about 2 s here. */
export const FILE_SECONDS = 60;

export interface AuditOptions {
  readonly jobs: number;
  /** Files of the set not to read, by index, and why (a pipe, a dangling link, an .xls to save again). */
  readonly skipped?: ReadonlyMap<number, string>;
  /** Last year's reports held elsewhere (--previous-dir): read to compare with, not audited themselves. */
  readonly previousFiles?: readonly string[];
  /** The most a worker may spend on one file, in seconds (default 60). */
  readonly fileSeconds?: number;
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
  const skipped = options.skipped ?? new Map<number, string>();
  const tasks: AuditTask[] = [];
  all.forEach((file, index) => {
    const reason = index < files.length ? skipped.get(index) : undefined;
    if (reason === undefined) tasks.push({ index, file, previous: null, detail: detail && index < files.length });
    else receive({ index, row: unreadableRow(file, reason), fragment: detail ? reportDetailHtml(index, unreadableRow(file, reason), null) : null });
  });
  const seconds = options.fileSeconds ?? FILE_SECONDS;
  await runTasks(tasks, options.jobs, seconds, receive);
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
  await runTasks(again, options.jobs, seconds, receive);
  return rows.slice(0, files.length);
}
