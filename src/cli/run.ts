// Process entry of the bundled CLI (dist/cli.cjs): wires runCli to stdio and the exit code.

import { runCli } from "./main";
import { terminalSafe } from "./terminal";

// On a terminal, control characters from the files read are shown, never sent; a pipe gets the bytes as written
// (the JSON escapes them itself).
const toStdout = process.stdout.isTTY === true ? (t: string): boolean => process.stdout.write(terminalSafe(t)) : (t: string): boolean => process.stdout.write(t);

runCli(process.argv.slice(2), toStdout, (t) => process.stderr.write(terminalSafe(t)), process.stderr.isTTY === true).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nianbao：内部错误，请报告此问题：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
