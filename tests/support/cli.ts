// Running the bundled `nianbao` command as a user does: a child process, real files, the exit code.

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "../../bin/nianbao.cjs");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `nianbao …args` in the folder `cwd()` gives at call time. */
export function cliIn(cwd: () => string): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: cwd(), encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}
