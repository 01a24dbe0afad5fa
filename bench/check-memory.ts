// check.memory: the peak memory of `nianbao check` on a workbook whose 表三 sheet runs on for 1,000,000 rows
// below the table (a sheet filled down by mistake, or one made to exhaust the reader). The file is small —
// the rows compress to almost nothing — and must end in the clear message of a cap (exit 2), never in an
// out-of-memory. Peak RSS is read from the child's resource usage at exit, as audit.memory does.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTemplatePlan } from "../src/adapters/workbook/plan";
import { writeWorkbook } from "../src/adapters/xlsx/write-workbook";
import { loadJsZip } from "../src/adapters/import/jszip";
import { EMPTY_META, INPUT_CELLS } from "../src/core/format";
import { RULE_PACK } from "../src/core/rules";

/** Our template of a report of zeros whose 表三 sheet has `rows` more rows (of `cellsPerRow` numbers) below the table. */
export async function workbookWithRows(rows: number, cellsPerRow = 1): Promise<Uint8Array> {
  const meta = { ...EMPTY_META, agencyName: "基准测试局", year: 2025, level: "县级部门" as const };
  const values = Object.fromEntries(INPUT_CELLS.map((c) => [c.id, 0]));
  const JSZip = await loadJsZip();
  const zip = await JSZip.loadAsync(await writeWorkbook(createTemplatePlan(meta, RULE_PACK), { values }));
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = /<sheet [^>]*name="表三"[^>]*r:id="([^"]+)"/.exec(workbookXml)?.[1];
  const target = rid === undefined ? undefined : new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(relsXml);
  const part = `xl/${(target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "")}`;
  const sheet = await zip.file(part)!.async("string");
  const first = 101;
  const chunks: string[] = [];
  const columns = Array.from({ length: cellsPerRow }, (_, i) => String.fromCharCode(65 + (i % 26)));
  for (let row = first; row < first + rows; row += 1) chunks.push(`<row r="${row}">${columns.map((col) => `<c r="${col}${row}"><v>1</v></c>`).join("")}</row>`);
  const grown = sheet.replace("</sheetData>", `${chunks.join("")}</sheetData>`).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:J${first + rows - 1}"/>`);
  zip.file(part, grown);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

export interface CheckMemory {
  readonly peakMb: number;
  readonly exitCode: number;
  readonly message: string;
  readonly fileKb: number;
}

/** Peak RSS (MB), exit code and message of `nianbao check` on a workbook with `rows` extra rows. */
export async function checkMemory(rows: number, cellsPerRow = 1): Promise<CheckMemory> {
  const root = mkdtempSync(path.join(tmpdir(), "nianbao-check-memory-"));
  try {
    const file = path.join(root, "rows.xlsx");
    const data = await workbookWithRows(rows, cellsPerRow);
    writeFileSync(file, data);
    const probe = path.join(root, "rss-probe.cjs");
    const usage = path.join(root, "rss.json");
    writeFileSync(probe, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(usage)}, JSON.stringify(process.resourceUsage())));\n`);
    let exitCode = 0;
    let message = "";
    try {
      execFileSync(process.execPath, ["--require", probe, path.resolve(__dirname, "cli.cjs"), "check", file], { stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      const failed = error as { status: number | null; stderr?: Buffer; stdout?: Buffer };
      exitCode = failed.status ?? -1;
      message = `${failed.stderr?.toString() ?? ""}${failed.stdout?.toString() ?? ""}`.trim().split("\n")[0] ?? "";
    }
    const maxRss = (JSON.parse(readFileSync(usage, "utf8")) as { maxRSS: number }).maxRSS;
    return { peakMb: maxRss / 1024, exitCode, message, fileKb: data.length / 1024 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
