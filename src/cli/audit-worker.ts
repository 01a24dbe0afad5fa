// Worker of `nianbao audit`: receives batches of file paths, answers with their rows.

import { parentPort } from "node:worker_threads";
import { auditFile } from "./audit-rows";

parentPort?.on("message", (files: string[]) => {
  void (async () => {
    const rows = [];
    for (const file of files) rows.push(await auditFile(file));
    parentPort?.postMessage(rows);
  })();
});
