// Worker of `nianbao audit`: receives batches of tasks (a file, last year's report to compare with, whether to
// make its HTML detail), answers with their rows.

import { parentPort } from "node:worker_threads";
import type { AuditTask } from "./audit-runner";
import { runTask } from "./audit-runner";

parentPort?.on("message", (tasks: AuditTask[]) => {
  // The batch's files are read concurrently, so that the worker computes while the disk answers.
  void Promise.all(tasks.map(runTask)).then((replies) => parentPort?.postMessage(replies));
});
