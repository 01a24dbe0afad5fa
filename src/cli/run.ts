// Process entry of the bundled CLI (dist/cli.cjs): wires runCli to stdio and the exit code.

import { runCli } from "./main";

runCli(process.argv.slice(2), (t) => process.stdout.write(t), (t) => process.stderr.write(t), process.stderr.isTTY === true).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nianbao：内部错误，请报告此问题：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
