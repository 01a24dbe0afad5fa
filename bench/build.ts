// build.seconds: the wall-clock time of the production build of the add-in and of the WPS add-in (`webpack
// --mode production`, what `npm run build` runs), written to a temporary folder so that dist/ is left as it is.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

export function buildSeconds(): number {
  const output = mkdtempSync(path.join(tmpdir(), "nianbao-build-"));
  try {
    const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const start = process.hrtime.bigint();
    // Both builds (dist/addin and dist/wps) go under the temporary folder.
    const result = spawnSync(process.execPath, [webpack, "--mode", "production", "--stats", "errors-only"], {
      cwd: ROOT,
      env: { ...process.env, NIANBAO_DIST: output },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`webpack exited with ${String(result.status)}`);
    return seconds;
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}
