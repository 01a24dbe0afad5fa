// Report builders for tests: consistent reports (every identity holds), the two real example reports, and
// single-cell mutations. Cells are addressed by ID, as the core does.

import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CellId, ReportMeta } from "../../src/core/format";
import { EMPTY_META, INPUT_CELLS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, t3Id, t4Id } from "../../src/core/format";
import type { Confirmation, ReportSource } from "../../src/core/check";
import type { Narrative } from "../../src/core/report";
import type { RawCell } from "../../src/core/values";

export type Report = Record<CellId, RawCell>;

/** The real example reports, relative to the repository root (see tests/fixtures/examples/README.md). */
export const EXAMPLES_PATH = "tests/fixtures/examples";
/** The folder every test reads the real example reports from. */
export const EXAMPLES_DIR = path.resolve(__dirname, "../..", EXAMPLES_PATH);

export interface Example {
  readonly name: string;
  readonly agency: string;
  readonly year: number;
  readonly values: Report;
  readonly text: string;
}

export function loadExample(prefix: "000" | "003"): Example {
  const base = prefix === "000" ? "000_f2f7a8db13862236" : "003_76fa165b0e5913e4";
  const expected = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, `${base}.expected.json`), "utf8")) as {
    agency: string;
    year: number;
    values: Record<string, number | null>;
  };
  return {
    name: base,
    agency: expected.agency,
    year: expected.year,
    values: expected.values,
    text: readFileSync(path.join(EXAMPLES_DIR, `${base}.txt`), "utf8"),
  };
}

export function metaOf(partial: Partial<ReportMeta> = {}): ReportMeta {
  return { ...EMPTY_META, ...partial };
}

/** A report of all zeros: complete and consistent. */
export function zeroReport(): Report {
  return Object.fromEntries(INPUT_CELLS.map((c) => [c.id, 0]));
}

const APPLICANTS = T3_COLUMNS.filter((c) => c.key !== "total").map((c) => c.key);
const OUTCOMES = T3_ROWS.filter((r) => r.isOutcome).map((r) => r.key);

export interface ConsistentSeed {
  readonly outcomes: readonly (readonly number[])[]; // [outcome row][applicant column]
  readonly carryForward: readonly number[];
  readonly carryOverShare: readonly number[]; // 0..1: share of (result + carryForward) carried over from last year
  readonly t4: readonly (readonly number[])[]; // [block][4 result columns]
  readonly t2: readonly number[]; // 9 counts
  readonly feeCents: number;
}

/** Builds a report in which every 强制 identity holds and no 提示 fires for an agency with no level given. */
export function consistentReport(seed: ConsistentSeed): Report {
  const report: Report = {};
  const columnTotals = APPLICANTS.map(() => ({ newCount: 0, carryOver: 0, result: 0, carryForward: 0 }));
  OUTCOMES.forEach((rowKey, r) => {
    let rowTotal = 0;
    APPLICANTS.forEach((colKey, c) => {
      const value = seed.outcomes[r]?.[c] ?? 0;
      report[t3Id(rowKey, colKey)] = value;
      rowTotal += value;
      columnTotals[c]!.result += value;
    });
    report[t3Id(rowKey, "total")] = rowTotal;
  });
  APPLICANTS.forEach((colKey, c) => {
    const totals = columnTotals[c]!;
    totals.carryForward = seed.carryForward[c] ?? 0;
    const due = totals.result + totals.carryForward;
    totals.carryOver = Math.floor(due * (seed.carryOverShare[c] ?? 0));
    totals.newCount = due - totals.carryOver;
    report[t3Id("new", colKey)] = totals.newCount;
    report[t3Id("carryOver", colKey)] = totals.carryOver;
    report[t3Id("result.total", colKey)] = totals.result;
    report[t3Id("carryForward", colKey)] = totals.carryForward;
  });
  const sum = (pick: (t: (typeof columnTotals)[number]) => number): number => columnTotals.reduce((s, t) => s + pick(t), 0);
  report[t3Id("new", "total")] = sum((t) => t.newCount);
  report[t3Id("carryOver", "total")] = sum((t) => t.carryOver);
  report[t3Id("result.total", "total")] = sum((t) => t.result);
  report[t3Id("carryForward", "total")] = sum((t) => t.carryForward);

  T4_BLOCKS.forEach((block, b) => {
    let total = 0;
    T4_COLUMNS.filter((c) => c.key !== "total").forEach((column, c) => {
      const value = seed.t4[b]?.[c] ?? 0;
      report[t4Id(block.key, column.key)] = value;
      total += value;
    });
    report[t4Id(block.key, "total")] = total;
  });

  const t2Counts = [
    "t2.regulation.issued",
    "t2.regulation.repealed",
    "t2.regulation.valid",
    "t2.normativeDoc.issued",
    "t2.normativeDoc.repealed",
    "t2.normativeDoc.valid",
    "t2.license.decisions",
    "t2.penalty.decisions",
    "t2.coercion.decisions",
  ];
  t2Counts.forEach((id, i) => (report[id] = seed.t2[i] ?? 0));
  // Documents issued this year leave at least that many in force (P-T2-VALID stays quiet).
  for (const key of ["regulation", "normativeDoc"]) {
    const issued = Number(report[`t2.${key}.issued`]);
    report[`t2.${key}.valid`] = Math.max(Number(report[`t2.${key}.valid`]), issued);
  }
  report["t2.fee.amountWan"] = seed.feeCents / 100;
  return report;
}

const smallCount = fc.nat({ max: 30 });

export const consistentSeedArbitrary: fc.Arbitrary<ConsistentSeed> = fc.record({
  outcomes: fc.array(fc.array(smallCount, { minLength: 6, maxLength: 6 }), { minLength: OUTCOMES.length, maxLength: OUTCOMES.length }),
  carryForward: fc.array(fc.nat({ max: 10 }), { minLength: 6, maxLength: 6 }),
  carryOverShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
  t4: fc.array(fc.array(fc.nat({ max: 5 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  t2: fc.array(fc.nat({ max: 500 }), { minLength: 9, maxLength: 9 }),
  feeCents: fc.nat({ max: 10_000_000 }),
});

export const consistentReportArbitrary: fc.Arbitrary<Report> = consistentSeedArbitrary.map(consistentReport);

/** A small deterministic PRNG (mulberry32) for reproducible random workbooks outside fast-check. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a ConsistentSeed from a seeded PRNG (for the LibreOffice comparison, which builds files). */
export function randomSeed(random: () => number): ConsistentSeed {
  const int = (max: number): number => Math.floor(random() * (max + 1));
  return {
    outcomes: OUTCOMES.map(() => APPLICANTS.map(() => (random() < 0.6 ? 0 : int(30)))),
    carryForward: APPLICANTS.map(() => int(6)),
    carryOverShare: APPLICANTS.map(() => random() * 0.5),
    t4: T4_BLOCKS.map(() => [int(4), int(4), int(4), int(4)]),
    t2: Array.from({ length: 9 }, () => int(300)),
    feeCents: int(5_000_000),
  };
}

/** A report as the check reads it (core/check), built inline: cells by ID, metadata, the user's text. */
export function sourceOf(values: Report, meta: ReportMeta = EMPTY_META, narrative: Narrative | null = null, confirmations: readonly Confirmation[] = []): ReportSource {
  const cells = new Map<CellId, RawCell>();
  for (const [id, raw] of Object.entries(values)) if (raw !== null && raw !== undefined) cells.set(id, raw);
  return { kind: "workbook", meta, cells, origins: new Map(), structure: [], confirmations, narrative, unread: [] };
}

/** A 正文 with every required part written (and no 信息处理费 notices): the text rules have nothing to flag. */
export const WRITTEN_NARRATIVE: Narrative = {
  texts: {
    "n1.infoMgmt": "严格落实公文公开属性源头认定和保密审查制度。",
    "n1.platform": "持续优化门户网站政务公开专栏。",
    "n1.oversight": "将政府信息公开工作纳入年度考核，组织业务培训2次。",
    "n5.problems": "一是信息更新不够及时；二是解读形式较为单一。",
  },
  numbers: { "n6.feeNotices": 0 },
  flags: {},
};
