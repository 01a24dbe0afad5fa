// Control characters from the files read never reach the terminal: shown as their symbols on stderr always and
// on stdout when it is a terminal; tabs and line breaks kept.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { terminalSafe } from "../../src/cli/terminal";
import { cliIn } from "../support/cli";

let dir: string;
const nianbao = cliIn(() => dir);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-terminal-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("escape sequences, bells and C1 controls become visible symbols; tab, line feed and carriage return stay", () => {
  expect(terminalSafe("某局\u001b[31m红\u0007\u009b\t\n\r")).toBe("某局␛[31m红␇\uFFFD\t\n\r");
  expect(terminalSafe("无控制字符")).toBe("无控制字符");
});

test("a file name with an escape sequence is shown, not sent, in the message on stderr", async () => {
  // Not there: the message names the file.
  const name = "报告\u001b]0;改标题\u0007.txt";
  const result = await nianbao("import", name);
  expect(result.stderr).toContain("报告␛]0;改标题␇.txt");
  expect([...result.stderr].some((ch) => ch === "\u001b" || ch === "\u0007")).toBe(false);
});
