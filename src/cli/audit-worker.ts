// Worker of `nianbao audit`: receives batches of tasks (a file, last year's report to compare with, whether to
// make its HTML detail) and reads them in order, one at a time — one file in memory per worker — answering with
// each row as it is made (the main thread stops a worker that spends too long on one file).

import { parentPort } from "node:worker_threads";
import type { AuditTask } from "./audit-runner";
import { runTask } from "./audit-runner";

parentPort?.on("message", (tasks: AuditTask[]) => {
  void (async () => {
    for (const task of tasks) parentPort?.postMessage(await runTask(task));
  })();
});

// Ready: the main thread starts counting a file's time from here on.
parentPort?.postMessage("ready");
