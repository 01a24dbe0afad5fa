// Glued digit runs: tables whose separators were dropped ("规章000", "（七）总计12100136…"), read back only where
// the split is certain. The truth is known for every report built here, so every cell read is compared with
// it, and every row left unread is shown to have a second split that fits the identities (found by a plain
// enumeration written here, independent of the solver).

import type { CellId } from "../../src/core/format";
import { T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, t3Id, t4Id } from "../../src/core/format";
import type { ImportResult } from "../../src/core/import";
import { importReportText } from "../../src/core/import";
import type { Piece } from "../../src/core/import/glued";
import { DEFAULT_BUDGET, solveRuns } from "../../src/core/import/glued";
import { TABLE_IDENTITIES } from "../../src/core/import/identities";
import { consistentReport, loadExample, randomSeed, seededRandom } from "../support/reports";
import { gluedReport, gluedShapes } from "./fixtures/report-layouts";

const EX000 = loadExample("000");
const EX003 = loadExample("003");
/** Random reports per property in `npm test`; `npm run fuzz` raises it (GLUED_REPORTS). */
const REPORTS = Number(process.env.GLUED_REPORTS ?? 150);

type Values = Record<CellId, number>;

const APPLICANTS = T3_COLUMNS.filter((c) => c.key !== "total").map((c) => c.key);
const OUTCOMES = T3_ROWS.filter((r) => r.isOutcome).map((r) => r.key);
const T4_RESULTS = T4_COLUMNS.filter((c) => c.key !== "total").map((c) => c.key);

/** The format's identities (spec §2.1–§2.2), written out here rather than taken from the importer. */
function consistent(v: Values): boolean {
  for (const row of T3_ROWS) if (v[t3Id(row.key, "total")] !== APPLICANTS.reduce((s, c) => s + (v[t3Id(row.key, c)] ?? NaN), 0)) return false;
  for (const column of T3_COLUMNS) {
    const c = column.key;
    if (v[t3Id("result.total", c)] !== OUTCOMES.reduce((s, r) => s + (v[t3Id(r, c)] ?? NaN), 0)) return false;
    if ((v[t3Id("new", c)] ?? NaN) + (v[t3Id("carryOver", c)] ?? NaN) !== (v[t3Id("result.total", c)] ?? NaN) + (v[t3Id("carryForward", c)] ?? NaN)) return false;
  }
  for (const block of T4_BLOCKS) if (v[t4Id(block.key, "total")] !== T4_RESULTS.reduce((s, c) => s + (v[t4Id(block.key, c)] ?? NaN), 0)) return false;
  return true;
}

/** Every way to cut `digits` into `cells` numbers without leading zeros (a lone 0 is fine). */
function cuts(digits: string, cells: number): number[][] {
  if (cells === 0) return digits.length === 0 ? [[]] : [];
  const out: number[][] = [];
  const longest = digits.charAt(0) === "0" ? 1 : digits.length - cells + 1;
  for (let length = 1; length <= longest; length += 1) {
    for (const rest of cuts(digits.slice(length), cells - 1)) out.push([Number(digits.slice(0, length)), ...rest]);
  }
  return out;
}

/** A table row as printed: groups of addends, each followed by its total (表三: 6 + 1; 表四: three blocks of 4 + 1). */
interface Row {
  readonly cells: readonly CellId[];
  readonly addends: number;
}

const T3_TABLE_ROWS: readonly Row[] = T3_ROWS.map((row) => ({ cells: T3_COLUMNS.map((c) => t3Id(row.key, c.key)), addends: APPLICANTS.length }));
const T4_ROW: Row = { cells: T4_BLOCKS.flatMap((b) => T4_COLUMNS.map((c) => t4Id(b.key, c.key))), addends: T4_RESULTS.length };
const TABLE_ROWS: readonly Row[] = [...T3_TABLE_ROWS, T4_ROW];
/** The checker's own cap: more row-consistent cuts than this and the test cannot judge the row. */
const MAX_ROW_CUTS = 5_000;

function runOf(values: Values, row: Row): string {
  return row.cells.map((id) => String(values[id])).join("");
}

/**
 * Every cut of the row's digits (no leading zeros) in which each group's total is the sum of its addends. Left
 * to right: a group's total is forced by its addends, so it must be the next digits. Throws past MAX_ROW_CUTS.
 */
function rowCuts(digits: string, row: Row): number[][] {
  const cells = row.cells.length;
  const out: number[][] = [];
  const values: number[] = [];
  const visit = (at: number, cell: number, sum: number): void => {
    if (cell === cells) {
      if (at === digits.length) {
        out.push([...values]);
        if (out.length > MAX_ROW_CUTS) throw new Error(`more than ${MAX_ROW_CUTS} cuts of ${digits}`);
      }
      return;
    }
    const left = cells - cell;
    if (digits.length - at < left || digits.length - at > left * 15) return;
    if (cell % (row.addends + 1) === row.addends) {
      const total = String(sum);
      if (digits.startsWith(total, at)) {
        values.push(sum);
        visit(at + total.length, cell + 1, 0);
        values.pop();
      }
      return;
    }
    const longest = digits.charAt(at) === "0" ? 1 : Math.min(15, digits.length - at - (left - 1));
    for (let length = 1; length <= longest; length += 1) {
      const v = Number(digits.slice(at, at + length));
      values.push(v);
      visit(at + length, cell + 1, sum + v);
      values.pop();
    }
  };
  visit(0, 0, 0);
  return out;
}

/** Cuts of the row's run other than the truth whose own row sums hold (a row total must add up). */
function alternatives(values: Values, row: Row): number[][] {
  const truth = row.cells.map((id) => values[id]);
  return rowCuts(runOf(values, row), row).filter((cut) => cut.some((v, i) => v !== truth[i]));
}

/**
 * Whether the rows in `unread` can be cut otherwise, each alone or two together, with every identity still
 * holding: proof that the importer was right not to read them.
 */
function secondSplitExists(values: Values, unread: readonly Row[], target: Row): boolean {
  const trial = { ...values };
  const apply = (row: Row, cut: readonly number[]): void => row.cells.forEach((id, i) => (trial[id] = cut[i] ?? NaN));
  const restore = (row: Row): void => row.cells.forEach((id) => (trial[id] = values[id] ?? NaN));
  for (const cut of alternatives(values, target)) {
    apply(target, cut);
    if (consistent(trial)) return true;
    for (const other of unread) {
      if (other === target) continue;
      for (const second of alternatives(values, other)) {
        apply(other, second);
        if (consistent(trial)) return true;
      }
      restore(other);
    }
  }
  restore(target);
  return false;
}

function randomReport(seed: number): Values {
  return consistentReport(randomSeed(seededRandom(seed))) as Values;
}

/** Larger figures than the report builder's: several digits per cell make the runs ambiguous to cut. */
function widerReport(seed: number): Values {
  const random = seededRandom(seed);
  const base = randomSeed(random);
  const scale = (n: number): number => (random() < 0.3 ? n * 37 + Math.floor(random() * 10) : n);
  return consistentReport({ ...base, outcomes: base.outcomes.map((row) => row.map(scale)), t4: base.t4.map((row) => row.map(scale)) }) as Values;
}

function readCellsMatch(result: ImportResult, values: Values): void {
  for (const [id, value] of Object.entries(result.values)) {
    if (value === null) continue;
    expect([id, value]).toEqual([id, values[id]]);
  }
}

function unreadRows(result: ImportResult): Row[] {
  return TABLE_ROWS.filter((row) => row.cells.some((id) => result.values[id] === null));
}

describe("the shared examples with every separator dropped", () => {
  for (const [name, example] of [
    ["000", EX000],
    ["003", EX003],
  ] as const) {
    for (const layout of ["glued", "gluedTable"] as const) {
      test(`${name}, ${layout === "glued" ? "one line per row" : "one line per table"}, headings run on after the figures`, () => {
        const text = gluedReport(example.text, example.values, layout);
        // The fixture really glues: a row's figures are one run, the fee runs into the next heading.
        expect(text).toMatch(/规章\d{3}/);
        expect(text).toMatch(/\d三、收到和处理政府信息公开申请情况/);
        expect(text).toMatch(/\d五、存在的主要问题及改进情况/);
        const result = importReportText(text);
        expect(result.values).toEqual(example.values);
        expect(result.sections["五"]).toBeTruthy();
        // Every figure is one digit: the runs are cut by length, except the rows of one cell.
        expect(result.methods["t3.new.total"]).toBe("splitByLength");
        expect(result.methods["t4.review.total"]).toBe("splitByLength");
        expect(result.methods["t2.license.decisions"]).toBe("separated");
      });
    }
  }
});

describe("the shapes of real glued lines", () => {
  const text = gluedShapes(EX003.text);
  const result = importReportText(text);

  test("a 表三 row cut by its total: 120 + 1 = 121", () => {
    expect(rowValues(result, "new")).toEqual([120, 1, 0, 0, 0, 0, 121]);
    expect(rowValues(result, "result.total")).toEqual([120, 1, 0, 0, 0, 0, 121]);
    expect(result.methods["t3.new.natural"]).toBe("splitByIdentities");
  });

  test("a row whose last figure runs into the next item number (…45 + 2.没有现成…)", () => {
    expect(rowValues(result, "result.unavailable.notHeld")).toEqual([45, 0, 0, 0, 0, 0, 45]);
    expect(rowValues(result, "result.unavailable.needCreate")).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  test("as many digits as cells: split by length", () => {
    expect(rowValues(result, "carryOver")).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(result.methods["t3.carryOver.total"]).toBe("splitByLength");
  });

  test("表四 is one run of 15 cells, cut by each block's total", () => {
    expect(T4_ROW.cells.map((id) => result.values[id])).toEqual([1, 2, 1, 0, 4, 1, 3, 6, 0, 10, 1, 0, 1, 0, 2]);
    expect(result.methods["t4.litDirect.total"]).toBe("splitByIdentities");
  });

  test("the fee right before the next heading is read", () => {
    expect(result.values["t2.fee.amountWan"]).toBe(70.319);
    expect(result.values["t2.penalty.decisions"]).toBe(56);
  });

  test.each(["3210.5(二)其他", "3210.5（二）其他", "3210.5三、收到和处理政府信息公开申请情况"])("the fee before the next item or heading: %s", (after) => {
    const variant = text.replace("行政事业性收费70.319三、收到和处理政府信息公开申请情况", `行政事业性收费${after}\n三、收到和处理政府信息公开申请情况`);
    expect(variant).not.toBe(text);
    expect(importReportText(variant).values["t2.fee.amountWan"]).toBe(3210.5);
  });

  test("表二's 规章 (three digits) is read by length; 行政规范性文件 needs last year's report", () => {
    expect([result.values["t2.regulation.issued"], result.values["t2.regulation.repealed"], result.values["t2.regulation.valid"]]).toEqual([0, 0, 0]);
    expect(result.values["t2.normativeDoc.valid"]).toBeNull();
    const reason = result.unread.find((u) => u.cells.includes("t2.normativeDoc.valid"))?.reason ?? "";
    expect(reason).toContain("上年度报告");
    // Last year 193 in force: of the cuts of “1245312”, only 124 issued, 5 repealed, 312 in force fits 193 + 124 − 5.
    const withLastYear = importReportText(text, { lastYear: (cell) => (cell === "t2.normativeDoc.valid" ? 193 : null) });
    expect([withLastYear.values["t2.normativeDoc.issued"], withLastYear.values["t2.normativeDoc.repealed"], withLastYear.values["t2.normativeDoc.valid"]]).toEqual([124, 5, 312]);
    expect(withLastYear.methods["t2.normativeDoc.valid"]).toBe("splitByPreviousYear");
  });
});

function rowValues(result: ImportResult, rowKey: string): (number | null)[] {
  return T3_COLUMNS.map((c) => result.values[t3Id(rowKey, c.key)] ?? null);
}

describe("random consistent reports, every table row glued", () => {
  test.each([
    ["small figures", randomReport],
    ["figures of several digits", widerReport],
  ])("%s: every cell read is the truth; a row is unread only when a second split fits", (_, build) => {
    let read = 0;
    let unreadRuns = 0;
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = build(seed);
      expect(consistent(values)).toBe(true);
      const result = importReportText(gluedReport(EX003.text, values, seed % 2 === 0 ? "glued" : "gluedTable"));
      readCellsMatch(result, values);
      read += Object.values(result.values).filter((v) => v !== null).length;
      const unread = unreadRows(result);
      for (const row of unread) {
        unreadRuns += 1;
        expect([seed, row.cells[0], secondSplitExists(values, unread, row)]).toEqual([seed, row.cells[0], true]);
      }
    }
    // Most of each report is read: 表三 and 表四 nearly always, 表二's two three-cell rows never (no identity).
    expect(read / REPORTS).toBeGreaterThan(150);
    expect(unreadRuns).toBeLessThan(REPORTS * 3);
  });

  test("表二 with last year's 现行有效件数: read when exactly one split fits, otherwise unread", () => {
    let readRows = 0;
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = randomReport(seed);
      const lastYear = (cell: CellId): number | null => {
        const key = cell.split(".")[1] ?? "";
        const last = (values[`t2.${key}.valid`] ?? 0) - (values[`t2.${key}.issued`] ?? 0) + (values[`t2.${key}.repealed`] ?? 0);
        return last >= 0 ? last : null;
      };
      const result = importReportText(gluedReport(EX003.text, values, "glued"), { lastYear });
      readCellsMatch(result, values);
      for (const key of ["regulation", "normativeDoc"]) {
        const ids = [`t2.${key}.issued`, `t2.${key}.repealed`, `t2.${key}.valid`];
        if (ids.every((id) => result.values[id] !== null)) {
          readRows += 1;
          continue;
        }
        const last = lastYear(`t2.${key}.valid`);
        const digits = ids.map((id) => String(values[id])).join("");
        // Unread: the run is short enough to be read by length, or another split fits last year's figure too.
        const fitting = cuts(digits, 3).filter(([issued = 0, repealed = 0, valid = 0]) => last !== null && valid === last + issued - repealed);
        expect([seed, key, fitting.length === 0 || fitting.length > 1]).toEqual([seed, key, true]);
      }
    }
    expect(readRows).toBeGreaterThan(REPORTS);
  });

  test("one cell changed (the report breaks an identity): the solver never cuts it into a consistent report", () => {
    let changed = 0;
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = widerReport(seed);
      const random = seededRandom(seed * 7919);
      const row = TABLE_ROWS[Math.floor(random() * TABLE_ROWS.length)] ?? T4_ROW;
      const id = row.cells[Math.floor(random() * row.cells.length)] ?? row.cells[0]!;
      const printed = { ...values, [id]: (values[id] ?? 0) + 1 + Math.floor(random() * 12) };
      expect(consistent(printed)).toBe(false);
      const result = importReportText(gluedReport(EX003.text, printed, "glued"));
      // Whatever is read is what was printed, the breach included; nothing is read as a consistent repair.
      readCellsMatch(result, printed);
      const readAll = TABLE_ROWS.every((r) => r.cells.every((cell) => result.values[cell] !== null));
      if (readAll) expect(consistent(result.values as Values)).toBe(false);
      changed += 1;
    }
    expect(changed).toBe(REPORTS);
  });
});

describe("the solver", () => {
  const digits = (text: string): Piece => ({ kind: "digits", digits: text });
  const row = (key: string): CellId[] => T3_COLUMNS.map((c) => t3Id(key, c.key));

  test("leading zeros are never cut: “100” in two cells is 10 and 0, not 1 and 00", () => {
    const cells: CellId[] = ["t2.regulation.issued", "t2.regulation.repealed"];
    const split = solveRuns([{ cells, pieces: [digits("100")] }], new Map(), []);
    // Decided by the digits alone, without any identity.
    expect(split.outcomes[0]).toEqual({ kind: "split", values: [10, 0], byIdentities: false });
  });

  test("two cuts satisfy the row's total: ambiguous", () => {
    // “101000011”: 10 1 0 0 0 0 | 11 and 1 0 10 0 0 0 | 11.
    expect(cuts("101000011", 7).filter((c) => c[6] === c.slice(0, 6).reduce((a, b) => a + b, 0))).toHaveLength(2);
    const result = solveRuns([{ cells: row("new"), pieces: [digits("101000011")] }], new Map(), TABLE_IDENTITIES);
    expect(result.outcomes[0]).toEqual({ kind: "ambiguous" });
  });

  test("no cut fits: noFit, not a repair", () => {
    expect(cuts("12000013", 7).filter((c) => c[6] === c.slice(0, 6).reduce((a, b) => a + b, 0))).toHaveLength(0);
    const result = solveRuns([{ cells: row("new"), pieces: [digits("12000013")] }], new Map(), TABLE_IDENTITIES);
    expect(result.outcomes[0]).toEqual({ kind: "noFit" });
  });

  test("rows joined by the column identities decide each other", () => {
    // “550000055” is 55 0 0 0 0 0 | 55 or 5 50 0 0 0 0 | 55; 一 + 二 = （七） + 四 per column decides.
    const known = new Map<CellId, number>();
    for (const [key, values] of [
      ["carryOver", [0, 0, 0, 0, 0, 0, 0]],
      ["result.total", [55, 0, 0, 0, 0, 0, 55]],
      ["carryForward", [0, 0, 0, 0, 0, 0, 0]],
    ] as const) {
      row(key).forEach((id, i) => known.set(id, values[i] ?? 0));
    }
    const run = [{ cells: row("new"), pieces: [digits("550000055")] }];
    expect(solveRuns(run, new Map(), TABLE_IDENTITIES).outcomes[0]).toEqual({ kind: "ambiguous" });
    expect(solveRuns(run, known, TABLE_IDENTITIES).outcomes[0]).toEqual({ kind: "split", values: [55, 0, 0, 0, 0, 0, 55], byIdentities: true });
  });

  test("the work is capped by counting operations: long random runs stop at the cap and say so", () => {
    const random = seededRandom(5);
    const runs = T3_ROWS.map((r) => ({
      cells: row(r.key),
      pieces: [digits(Array.from({ length: 40 }, () => String(1 + Math.floor(random() * 9))).join(""))],
    }));
    const result = solveRuns(runs, new Map(), TABLE_IDENTITIES, 5_000);
    expect(result.operations).toBeLessThanOrEqual(5_001);
    for (const outcome of result.outcomes) expect(["tooMuchWork", "noFit", "ambiguous"]).toContain(outcome.kind);
    const full = solveRuns(runs, new Map(), TABLE_IDENTITIES);
    expect(full.operations).toBeLessThanOrEqual(DEFAULT_BUDGET + 1);
  });
});
