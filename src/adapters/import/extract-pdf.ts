// PDF → text with poppler's pdftotext (installed by .ci/run). Node only.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { UnreadableReportError } from "./extract-text";

const run = promisify(execFile);

export async function pdfToText(file: string): Promise<string> {
  try {
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") throw new UnreadableReportError("读取 PDF 需要 pdftotext（poppler-utils），请先安装。");
    throw new UnreadableReportError("PDF 文件已损坏、加密或无法提取文字。");
  }
}
