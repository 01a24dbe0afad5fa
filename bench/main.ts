// `npm run bench`: one JSON object per line, each with a `bench` name and its figures. Not a test: nothing
// here asserts a time. Figures: validate.full, validate.incremental (median_us), xlsx.template, xlsx.check
// (median_ms); report.render, report.docx, report.text (median_ms); sync.cellEdit, sync.paste, sync.template,
// wps.cellEdit, wps.paste (ET calls on the fake), wps.template (median_ms on the fake), wps.bundleGzip (kb)
// (syncs); pane.bundleGzip (kb), pane.interactive (median_ms); import.text, import.html (a site's 300 KB
// Word page, target ≤ 20), import.glued (tables without separators, target ≤ 5), import.markdown (label columns apart) (median_ms), audit.throughput
// (reports_per_s, all checks, target ≥ 1,000), audit.memory (peak RSS MB of 10,000 reports, and of 1,000), audit.html
// (ms to write the page of 1,000 reports), aggregate.500 (seconds), check.memory (peak RSS MB of `nianbao check` on a
// workbook whose 表三 runs on for 1,000,000 rows — refused at the rows cap, exit 2 — and on one just under the cap).

import { readWorkbook } from "../src/adapters/xlsx/read-workbook";
import { checkReport } from "../src/core/check";
import { validationBaseline } from "./baseline";
import { createTemplatePlan } from "../src/adapters/workbook/plan";
import { writeWorkbook } from "../src/adapters/xlsx/write-workbook";
import { EMPTY_META, INPUT_CELLS, isCellId } from "../src/core/format";
import { createReportDocument, guidanceNarrative, valuesOf } from "../src/core/report";
import { packDocx } from "../src/adapters/export/docx";
import { packHtml } from "../src/adapters/export/html";
import { packText } from "../src/adapters/export/text";
import { RULE_PACK, Validator } from "../src/core/rules";
import type { RawCell } from "../src/core/values";
import { emit, round, timeAsync, timeSync } from "./measure";
import { bundleGzipKb, paneInteractiveMs } from "./pane";
import { countSyncs } from "./syncs";
import { wpsCellEdit, wpsPaste, wpsTemplate } from "./wps";
import { wpsBundleGzipKb } from "./wps-bundle";
import { auditHtmlMs, auditMemory } from "./audit";
import { checkMemory } from "./check-memory";
import { aggregateSeconds, auditThroughput, importGluedMs, importHtmlMs, importMarkdownMs, importMedianMs, importWorstMs } from "./import";
import { startMs } from "./cli-start";
import { buildSeconds } from "./build";

/** A filled, consistent-looking report with a few non-zero figures (deterministic). */
function sampleReport(seed: number): Record<string, RawCell> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Object.fromEntries(INPUT_CELLS.map((c) => [c.id, c.kind === "money" ? Math.round(next() * 10000) / 100 : Math.floor(next() * 20)]));
}

async function main(): Promise<void> {
  const meta = { ...EMPTY_META, agencyName: "基准测试局", year: 2025, level: "县级部门" as const };
  const reports = Array.from({ length: 16 }, (_, i) => sampleReport(i + 1));

  const validator = new Validator(RULE_PACK);
  const full = timeSync((i) => validator.load(reports[i % reports.length]!, meta), 10_000);
  emit({ bench: "validate.full", median_us: round(full.median, 2), p95_us: round(full.p95, 2), runs: full.runs, rules: RULE_PACK.length });

  validator.load(reports[0]!, meta);
  const ids = INPUT_CELLS.map((c) => c.id);
  const incremental = timeSync((i) => {
    validator.setCell(ids[(i * 7919) % ids.length]!, i % 13);
  }, 100_000, 1000);
  emit({ bench: "validate.incremental", median_us: round(incremental.median, 2), p95_us: round(incremental.p95, 2), runs: incremental.runs });

  // The same verdicts from the simplest correct code: a hand-written loop over a number array.
  const baseline = validationBaseline(reports);
  emit({ bench: "validate.baseline", median_us: round(baseline.median, 2), p95_us: round(baseline.p95, 2), runs: baseline.runs, ratio: round(full.median / baseline.median, 2) });

  const plan = createTemplatePlan(meta, RULE_PACK);
  const template = await timeAsync(async () => {
    await writeWorkbook(createTemplatePlan(meta, RULE_PACK));
  }, 30);
  emit({ bench: "xlsx.template", median_ms: round(template.median / 1000), p95_ms: round(template.p95 / 1000), runs: template.runs });

  const filled = await writeWorkbook(plan, { values: reports[0]! });
  const check = await timeAsync(async () => {
    checkReport(await readWorkbook(filled));
  }, 30);
  emit({ bench: "xlsx.check", median_ms: round(check.median / 1000), p95_ms: round(check.p95 / 1000), runs: check.runs, bytes: filled.length });

  const narrative = guidanceNarrative();
  const valueOf = valuesOf(reports[0]!);
  const render = timeSync(() => {
    createReportDocument(meta, valueOf, narrative, isCellId);
  }, 2000);
  emit({ bench: "report.render", median_ms: round(render.median / 1000, 3), p95_ms: round(render.p95 / 1000, 3), runs: render.runs });
  const document = createReportDocument(meta, valueOf, narrative, isCellId);
  const docx = await timeAsync(async () => {
    await packDocx(document);
  }, 30);
  emit({ bench: "report.docx", median_ms: round(docx.median / 1000), p95_ms: round(docx.p95 / 1000), runs: docx.runs });
  const textAndHtml = timeSync(() => {
    packText(document);
    packHtml(document);
  }, 1000);
  emit({ bench: "report.text", median_ms: round(textAndHtml.median / 1000, 3), p95_ms: round(textAndHtml.p95 / 1000, 3), runs: textAndHtml.runs });

  const imported = importMedianMs();
  emit({ bench: "import.text", median_ms: round(imported.median, 3), p95_ms: round(imported.p95, 3), runs: imported.runs });
  const html = importHtmlMs();
  emit({ bench: "import.html", median_ms: round(html.median, 3), p95_ms: round(html.p95, 3), runs: html.runs, kb: round(html.kb) });
  const glued = importGluedMs();
  emit({ bench: "import.glued", median_ms: round(glued.median, 3), p95_ms: round(glued.p95, 3), runs: glued.runs });
  const markdown = importMarkdownMs();
  emit({ bench: "import.markdown", median_ms: round(markdown.median, 3), p95_ms: round(markdown.p95, 3), runs: markdown.runs });
  const worst = await importWorstMs();
  emit({ bench: "import.worst", median_ms: round(worst.median), max_ms: round(worst.max), inputs: worst.inputs });
  const audit = await auditThroughput(4000);
  emit({ bench: "audit.throughput", reports_per_s: Math.round(audit.perSecond), reports: 4000, jobs: audit.jobs });
  const memory = auditMemory(10_000, 1_000);
  emit({ bench: "audit.memory", peak_rss_mb: round(memory.peakMb), reports: 10_000, peak_rss_mb_1000: round(memory.smallerPeakMb) });
  const page = await auditHtmlMs(1000);
  emit({ bench: "audit.html", ms: round(page.ms), reports: 1000, page_mb: round(page.kb / 1024, 1) });
  emit({ bench: "aggregate.500", seconds: round(await aggregateSeconds(500), 2), workbooks: 500 });
  const million = await checkMemory(1_000_000);
  const underCap = await checkMemory(99_000);
  emit({
    bench: "check.memory",
    peak_rss_mb: round(million.peakMb),
    rows: 1_000_000,
    exit_code: million.exitCode,
    file_kb: round(million.fileKb),
    peak_rss_mb_99000_rows: round(underCap.peakMb),
    exit_code_99000_rows: underCap.exitCode,
  });

  const syncs = await countSyncs();
  emit({ bench: "sync.cellEdit", syncs: syncs.cellEdit, syncs_excelapi_1_8: syncs.cellEditApi18, syncs_excelapi_1_13: syncs.cellEditApi113 });
  emit({ bench: "sync.formulaEdit", syncs: syncs.formulaEditApi113 });
  emit({ bench: "sync.paste", syncs: syncs.paste, cells: 175 });
  emit({ bench: "sync.template", syncs: syncs.template });
  const wpsEdit = await wpsCellEdit();
  emit({ bench: "wps.cellEdit", reads: wpsEdit.reads, writes: wpsEdit.writes, calls: wpsEdit.calls });
  const wpsPasted = await wpsPaste();
  emit({ bench: "wps.paste", reads: wpsPasted.reads, writes: wpsPasted.writes, calls: wpsPasted.calls, cells: 175 });
  const wpsWrite = await wpsTemplate(20);
  emit({
    bench: "wps.template",
    median_ms: round(wpsWrite.timing.median / 1000),
    p95_ms: round(wpsWrite.timing.p95 / 1000),
    runs: wpsWrite.timing.runs,
    calls: wpsWrite.calls.calls,
    writes: wpsWrite.calls.writes,
  });

  const bundle = bundleGzipKb();
  emit({ bench: "pane.bundleGzip", kb: bundle.kb, files: bundle.files, office_js_kb: bundle.officeJsKb });
  const wps = wpsBundleGzipKb();
  emit({ bench: "wps.bundleGzip", kb: wps.kb, files: wps.files, host_kb: wps.hostKb, package_kb: wps.packageKb });
  const interactive = (await paneInteractiveMs(10)).sort((a, b) => a - b);
  emit({ bench: "pane.interactive", median_ms: round(interactive[Math.floor(interactive.length / 2)] ?? 0), runs: interactive.length });

  const start = startMs(15);
  emit({ bench: "cli.start", median_ms: round(start.cli), runs: start.runs, ratio: round(start.cli / start.node, 2) });
  emit({ bench: "cli.start_node", median_ms: round(start.node), runs: start.runs });
  emit({ bench: "build.seconds", seconds: round(buildSeconds()) });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
