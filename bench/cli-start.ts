// cli.start and cli.start_node: the wall-clock time of `node bin/nianbao.cjs --version` against that of an
// empty Node process (`node -e 0`), medians over the same number of runs, taken alternately so that a busy
// machine slows both alike. Their ratio is what the CLI's own start costs; the heavy libraries (ExcelJS,
// docx, JSZip) are loaded on first use and should not show in it.

import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin/nianbao.cjs");

function spawnMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${String(result.status)}`);
  return ms;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface StartTimes {
  /** Median ms of `node bin/nianbao.cjs --version`. */
  readonly cli: number;
  /** Median ms of `node -e 0`. */
  readonly node: number;
  readonly runs: number;
}

export function startMs(runs: number): StartTimes {
  const cli: number[] = [];
  const node: number[] = [];
  // One untimed run of each warms the file system cache.
  spawnMs([BIN, "--version"]);
  spawnMs(["-e", "0"]);
  for (let i = 0; i < runs; i += 1) {
    cli.push(spawnMs([BIN, "--version"]));
    node.push(spawnMs(["-e", "0"]));
  }
  return { cli: median(cli), node: median(node), runs };
}
