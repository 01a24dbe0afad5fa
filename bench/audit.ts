// Figures of the reviewing office's audit at scale: the peak memory of `nianbao audit` over 10,000 reports with
// every output on (peak RSS of the whole process, worker threads included, next to the same run over 1,000: the
// memory a report adds), and the time to write the HTML page of 1,000 reports once they are checked.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { AuditHtmlWriter, reportDetailHtml } from "../src/cli/audit-html";
import type { AuditDetail, AuditRow } from "../src/cli/audit-rows";
import { auditReport } from "../src/cli/audit-rows";
import { exampleTexts } from "./import";

/** Report files in a fresh folder: the examples in turn, each its own agency so that no series forms. */
function reportFolder(root: string, count: number): string {
  const dir = path.join(root, `reports-${count}`);
  mkdirSync(dir);
  const texts = exampleTexts();
  for (let i = 0; i < count; i += 1) {
    const text = texts[i % texts.length]!.replace(/(北关区|新乡市)教育局/, `$1第${i}教育局`);
    writeFileSync(path.join(dir, `${String(i).padStart(5, "0")}.txt`), text);
  }
  return dir;
}

/** Peak RSS (MB) of one `nianbao audit` process over the folder, with --csv, --html and --json. */
function peakRssMb(root: string, dir: string): number {
  const cli = path.resolve(__dirname, "cli.cjs");
  const probe = path.join(root, "rss-probe.cjs");
  writeFileSync(probe, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(path.join(root, "rss.json"))}, JSON.stringify(process.resourceUsage())));\n`);
  const outputs = path.join(root, `out-${path.basename(dir)}`);
  mkdirSync(outputs);
  try {
    execFileSync(
      process.execPath,
      ["--require", probe, cli, "audit", dir, "--json", "--csv", path.join(outputs, "a.csv"), "--html", path.join(outputs, "a.html"), "--jobs", String(availableParallelism())],
      { stdio: ["ignore", "ignore", "ignore"] },
    );
  } catch {
    // Exit code 1: some reports have findings; the figures are still those of the whole run.
  }
  const usage = JSON.parse(readFileSync(path.join(root, "rss.json"), "utf8")) as { maxRSS: number };
  return usage.maxRSS / 1024;
}

export function auditMemory(count: number, smaller: number): { peakMb: number; smallerPeakMb: number } {
  const root = mkdtempSync(path.join(tmpdir(), "nianbao-audit-memory-"));
  try {
    const smallerPeakMb = peakRssMb(root, reportFolder(root, smaller));
    const peakMb = peakRssMb(root, reportFolder(root, count));
    return { peakMb, smallerPeakMb };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Milliseconds to make every report's detail and write the page of `count` checked reports, and its size. */
export async function auditHtmlMs(count: number): Promise<{ ms: number; kb: number }> {
  const root = mkdtempSync(path.join(tmpdir(), "nianbao-audit-html-"));
  try {
    const dir = reportFolder(root, 2);
    const checked: { row: AuditRow; detail: AuditDetail | null }[] = [];
    for (const file of ["00000.txt", "00001.txt"]) checked.push(await auditReport(path.join(dir, file), null, true));
    const start = process.hrtime.bigint();
    const writer = new AuditHtmlWriter(path.join(root, "page.html"));
    const rows: AuditRow[] = [];
    for (let i = 0; i < count; i += 1) {
      const { row, detail } = checked[i % checked.length]!;
      rows.push(row);
      writer.add(i, reportDetailHtml(i, row, detail));
    }
    writer.finish(rows);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, kb: statSync(path.join(root, "page.html")).size / 1024 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
