// Worker of `nianbao audit`: receives batches of file paths, answers with their rows.

import { parentPort } from "node:worker_threads";
import { auditFile } from "./audit-rows";

parentPort?.on("message", (files: string[]) => {
  // The batch's files are read concurrently, so that the worker computes while the disk answers.
  void Promise.all(files.map((file) => auditFile(file))).then((rows) => parentPort?.postMessage(rows));
});
