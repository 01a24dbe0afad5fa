// Worker of `nianbao audit`: receives batches of tasks (a file, last year's report to compare with, whether to
// make its HTML detail) and reads them one at a time — one file in memory per worker — saying when it starts
// each (the main thread stops a worker that spends too long on one) and answering with each row.

import { parentPort } from "node:worker_threads";
import type { AuditTask, WorkerMessage } from "./audit-runner";
import { runTask } from "./audit-runner";

parentPort?.on("message", (tasks: AuditTask[]) => {
  void (async () => {
    for (const task of tasks) {
      parentPort?.postMessage({ kind: "start", index: task.index } satisfies WorkerMessage);
      const reply = await runTask(task);
      parentPort?.postMessage({ kind: "done", reply } satisfies WorkerMessage);
    }
  })();
});
