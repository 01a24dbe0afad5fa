// Preload for tests of what a command loads: `node --require record-loads.cjs …` appends the file of every
// module the process loads to the file named by NIANBAO_LOAD_LOG, one per line — CommonJS modules through
// Module._load, ES modules through a resolve hook (which runs on the loader's own thread, hence the file).
"use strict";
const Module = require("node:module");
const fs = require("node:fs");

const log = process.env.NIANBAO_LOAD_LOG;
if (log) {
  const load = Module._load;
  Module._load = function recordedLoad(request, parent, isMain) {
    let file = request;
    try {
      file = Module._resolveFilename(request, parent, isMain);
    } catch {
      // Left to the real loader to report.
    }
    fs.appendFileSync(log, `${file}\n`);
    return load.apply(this, arguments);
  };
  const hooks = `
    import { appendFileSync } from "node:fs";
    let log;
    export function initialize(data) { log = data.log; }
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(log, resolved.url + "\\n");
      return resolved;
    }`;
  Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { log } });
}
