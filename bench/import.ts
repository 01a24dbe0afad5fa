// Figures of the reviewing offices' tools: import of one text report (median_ms), of a site's 300 KB Word page
// (median_ms, p95_ms), of the examples with their tables glued and as Markdown with the labels apart from the
// figures (median_ms), import of inputs built to
// make a reader slow (median_ms, max_ms), audit throughput over text reports on all cores (reports_per_s),
// and the roll-up of 500 workbooks (seconds).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { extractReportText } from "../src/adapters/import/load-report";
import { createTemplatePlan } from "../src/adapters/workbook/plan";
import { writeWorkbook } from "../src/adapters/xlsx/write-workbook";
import { importReportText } from "../src/core/import";
import { EMPTY_META } from "../src/core/format";
import { RULE_PACK } from "../src/core/rules";
import { aggregate } from "../src/cli/aggregate-command";
import { auditFiles } from "../src/cli/audit-runner";
import { EXAMPLES_PATH, consistentReport, randomSeed, seededRandom } from "../tests/support/reports";
import type { Values } from "../tests/core/fixtures/report-layouts";
import { gluedReport, markdownLabelsApart } from "../tests/core/fixtures/report-layouts";
import { wordHtmlPage } from "../tests/core/fixtures/word-html";
import { timeSync } from "./measure";

// The examples the tests read. Resolved here rather than taken as EXAMPLES_DIR: the bench runs bundled as
// dist/bench.cjs, where __dirname is dist/ (like bench/, one level below the repository root).
const EXAMPLES = path.resolve(__dirname, "..", EXAMPLES_PATH);
const EXAMPLE_NAMES = ["000_f2f7a8db13862236", "003_76fa165b0e5913e4"] as const;

export function exampleTexts(): string[] {
  return EXAMPLE_NAMES.map((name) => readFileSync(path.join(EXAMPLES, `${name}.txt`), "utf8"));
}

/** The examples' texts with their expected values (loadExample reads them relative to tests/support/). */
function examples(): { text: string; values: Values }[] {
  return EXAMPLE_NAMES.map((name) => ({
    text: readFileSync(path.join(EXAMPLES, `${name}.txt`), "utf8"),
    values: (JSON.parse(readFileSync(path.join(EXAMPLES, `${name}.expected.json`), "utf8")) as { values: Values }).values,
  }));
}

/** importReportText on 003 published as a site's Word page of about 300 KB. */
export function importHtmlMs(): { median: number; p95: number; runs: number; kb: number } {
  const ex003 = examples()[1]!;
  const page = wordHtmlPage(ex003.text, ex003.values);
  const timing = timeSync(() => {
    importReportText(page);
  }, 200, 20);
  return { median: timing.median / 1000, p95: timing.p95 / 1000, runs: timing.runs, kb: Buffer.byteLength(page, "utf8") / 1024 };
}

/** importReportText on both examples with every table separator dropped, one line per row or per table. */
export function importGluedMs(): { median: number; p95: number; runs: number } {
  const texts = examples().flatMap((ex) => [gluedReport(ex.text, ex.values, "glued"), gluedReport(ex.text, ex.values, "gluedTable")]);
  const timing = timeSync((i) => {
    importReportText(texts[i % texts.length]!);
  }, 400, 40);
  return { median: timing.median / 1000, p95: timing.p95 / 1000, runs: timing.runs };
}

/** importReportText on both examples as Markdown conversions with every label column apart from its figures. */
export function importMarkdownMs(): { median: number; p95: number; runs: number } {
  const texts = examples().map((ex) => markdownLabelsApart(ex.text, ex.values));
  const timing = timeSync((i) => {
    importReportText(texts[i % texts.length]!);
  }, 400, 40);
  return { median: timing.median / 1000, p95: timing.p95 / 1000, runs: timing.runs };
}

export function importMedianMs(): { median: number; p95: number; runs: number } {
  const texts = exampleTexts();
  const timing = timeSync((i) => {
    importReportText(texts[i % texts.length]!);
  }, 2000);
  return { median: timing.median / 1000, p95: timing.p95 / 1000, runs: timing.runs };
}

/** About 1 MB of HTML drawn from tags, attributes, entities and text, with tags left unclosed at random. */
function randomHtml(size: number): string {
  const random = seededRandom(1);
  const pieces = ["<p>", "</p>", "<td>", "</td>", "<tr>", "<table>", "</table>", "<div class='a'>", "<span style='x:y'>", "</i>", "<br>", "<!--", "-->", "<script>", "</script>", "&nbsp;", "&#x4E00;", "&#99999999;", "予以公开", "3", " ", "\n", "<", ">", "&"];
  let out = "";
  while (out.length < size) out += pieces[Math.floor(random() * pieces.length)] ?? "";
  return out;
}

/** Inputs of about 1 MB that once made a tag scanner or the importer take quadratic time. */
function worstInputs(): { name: string; format: "html" | "txt"; text: string }[] {
  const row = "（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n";
  const htmlRow = "<tr><td><p>（一）予以公开</p></td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>";
  return [
    { name: "lt.html", format: "html", text: "<".repeat(1_000_000) },
    { name: "comments.html", format: "html", text: "<!--".repeat(250_000) },
    { name: "head.html", format: "html", text: "<head ".repeat(170_000) },
    { name: "script.html", format: "html", text: "<script>".repeat(125_000) },
    { name: "random.html", format: "html", text: randomHtml(1_000_000) },
    { name: "digits.txt", format: "txt", text: "0123456789".repeat(100_000) },
    { name: "rows.txt", format: "txt", text: row.repeat(Math.ceil(1_000_000 / row.length)) },
    { name: "rows.html", format: "html", text: `<table>${htmlRow.repeat(Math.ceil(1_000_000 / htmlRow.length))}</table>` },
  ];
}

/** Each worst input imported as the CLI imports a file of its format: text extracted, then importReportText. */
export async function importWorstMs(): Promise<{ median: number; max: number; inputs: number }> {
  const encoder = new TextEncoder();
  const samples: number[] = [];
  for (const input of worstInputs()) {
    const data = encoder.encode(input.text);
    const start = process.hrtime.bigint();
    importReportText((await extractReportText(input.name, input.format, data)).text);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? 0, max: samples[samples.length - 1] ?? 0, inputs: samples.length };
}

export async function auditThroughput(count: number): Promise<{ perSecond: number; jobs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "nianbao-audit-bench-"));
  try {
    const texts = exampleTexts();
    const files = Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `${String(i).padStart(5, "0")}.txt`);
      writeFileSync(file, texts[i % texts.length]!);
      return file;
    });
    const jobs = availableParallelism();
    await auditFiles(files.slice(0, 64), jobs, () => undefined); // warm-up
    const start = process.hrtime.bigint();
    await auditFiles(files, jobs, () => undefined);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { perSecond: count / seconds, jobs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function aggregateSeconds(count: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "nianbao-aggregate-bench-"));
  try {
    const random = seededRandom(500);
    const files: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const meta = { ...EMPTY_META, agencyName: `单位${i + 1}`, year: 2025 };
      const file = path.join(dir, `${i}.xlsx`);
      writeFileSync(file, await writeWorkbook(createTemplatePlan(meta, RULE_PACK), { values: consistentReport(randomSeed(random)) }));
      files.push(file);
    }
    const start = process.hrtime.bigint();
    await aggregate(files.map((file) => ({ file, skipped: null })), []);
    return Number(process.hrtime.bigint() - start) / 1e9;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
