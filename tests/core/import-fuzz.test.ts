// The importer on damaged text: the real reports with lines and characters deleted, duplicated and swapped
// (a seeded PRNG, so every failure reproduces). Whatever the damage: no exception, all 200 keys, every null
// explained in `unread`, and a result no bigger than the text. No wall-clock assertion (`npm run bench` times
// the importer): the loop yields to the event loop now and then, so jest's per-test timeout ends a run that
// has slowed to a crawl.

import { INPUT_CELLS } from "../../src/core/format";
import { ReportChecker } from "../../src/core/check";
import { importReportText, sourceFromText } from "../../src/core/import";
import { loadExample, seededRandom } from "../support/reports";
import { gluedReport, markdownLabelsApart, renderTables, replaceTables, toTraditional } from "./fixtures/report-layouts";

const IDS = INPUT_CELLS.map((c) => c.id).sort();
/** Mutations per run: 3000 in `npm test`; `npm run fuzz` runs a longer campaign (FUZZ_ITERATIONS, FUZZ_SEED). */
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 3000);
const SEED_OFFSET = Number(process.env.FUZZ_SEED ?? 0);
/** Reasons are built from the tables' labels, never from the input text, so they stay short. */
const MAX_REASON = 100;
/** Iterations between two yields to the event loop (jest's timeout cannot fire during synchronous work). */
const YIELD_EVERY = 100;

const ex000 = loadExample("000");
const ex003 = loadExample("003");
const SOURCES = [
  ex000.text,
  ex003.text,
  replaceTables(ex003.text, renderTables(ex003.values, { layout: "pdf", subtotalColumn: "after" })),
  replaceTables(ex000.text, renderTables(ex000.values, { layout: "pipes", subtotalRows: true })),
  toTraditional(ex003.text),
  // Tables with every separator dropped: mutations make runs the solver must cut, within its work cap.
  gluedReport(ex003.text, ex003.values, "glued"),
  gluedReport(ex000.text, ex000.values, "gluedTable"),
  // Label columns printed apart from their figures: mutations break the counts the row order relies on.
  markdownLabelsApart(ex003.text, ex003.values),
];

const JUNK = ["0", "7", " ", "\t", "|", "\n", "/", "—", "无", "（", "）", "、", ".", "E", "e", "1.", "小计", "总计", "其他", "三、", "1,2", "-", "。", "\u3000", "２"];

function mutate(text: string, random: () => number): string {
  const int = (n: number): number => Math.floor(random() * n);
  let lines = text.split("\n");
  const edits = 1 + int(8);
  for (let e = 0; e < edits && lines.length > 0; e += 1) {
    const at = int(lines.length);
    const line = lines[at] ?? "";
    switch (int(8)) {
      case 0: // delete a line
        lines.splice(at, 1);
        break;
      case 1: // duplicate a line
        lines.splice(at, 0, line);
        break;
      case 2: {
        // swap two lines
        const other = int(lines.length);
        lines[at] = lines[other] ?? "";
        lines[other] = line;
        break;
      }
      case 3: // delete a character
        if (line.length > 0) {
          const c = int(line.length);
          lines[at] = line.slice(0, c) + line.slice(c + 1);
        }
        break;
      case 4: {
        // duplicate a character
        const c = int(line.length + 1);
        lines[at] = line.slice(0, c) + line.charAt(c) + line.slice(c);
        break;
      }
      case 5: {
        // swap two characters
        if (line.length > 1) {
          const c = int(line.length - 1);
          lines[at] = line.slice(0, c) + line.charAt(c + 1) + line.charAt(c) + line.slice(c + 2);
        }
        break;
      }
      case 6: {
        // insert junk
        const c = int(line.length + 1);
        lines[at] = line.slice(0, c) + (JUNK[int(JUNK.length)] ?? "") + line.slice(c);
        break;
      }
      default: {
        // join two lines or split one
        if (random() < 0.5 && at + 1 < lines.length) lines.splice(at, 2, line + (lines[at + 1] ?? ""));
        else {
          const c = int(line.length + 1);
          lines.splice(at, 1, line.slice(0, c), line.slice(c));
        }
      }
    }
  }
  if (random() < 0.02) lines = lines.reverse();
  return lines.join("\n");
}

describe("the importer on mutated real reports", () => {
  test("never throws, always returns all 200 keys with every null explained and a bounded result", async () => {
    const random = seededRandom(20240131 + SEED_OFFSET);
    let changed = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      if (i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const source = SOURCES[i % SOURCES.length] ?? "";
      const text = mutate(source, random);
      const result = importReportText(text);
      const keys = Object.keys(result.values).sort();
      if (keys.length !== IDS.length || keys.some((k, j) => k !== IDS[j])) throw new Error(`iteration ${i}: keys differ`);
      const nulls = IDS.filter((id) => result.values[id] === null);
      const listed = result.unread.flatMap((u) => [...u.cells]).sort();
      if (listed.length !== nulls.length || listed.some((id, j) => id !== nulls[j])) throw new Error(`iteration ${i}: unread does not match the nulls`);
      for (const value of Object.values(result.values)) if (value !== null && !Number.isFinite(value)) throw new Error(`iteration ${i}: ${value}`);
      if (result.unread.some((u) => u.reason.length > MAX_REASON)) throw new Error(`iteration ${i}: a reason longer than ${MAX_REASON} characters`);
      // The sections are disjoint pieces of the text.
      if (Object.values(result.sections).join("").length > text.length) throw new Error(`iteration ${i}: the sections are longer than the text`);
      if (result.unread.length > 0) changed += 1;
    }
    // The mutations do reach the tables: a good share of the imports report unread cells.
    expect(changed).toBeGreaterThan(300);
  });

  test("what the CLI runs on a report — the reading, the one check, the report document — never throws (no exit 3)", async () => {
    const random = seededRandom(19491001 + SEED_OFFSET);
    const checker = new ReportChecker();
    let issues = 0;
    for (let i = 0; i < Math.ceil(ITERATIONS / 3); i += 1) {
      if (i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const text = mutate(SOURCES[i % SOURCES.length] ?? "", random);
      checker.load(sourceFromText(text).source);
      const result = checker.result();
      if (checker.document().blocks.length === 0) throw new Error(`iteration ${i}: an empty document`);
      if (!["pass", "warnings", "errors", "incomplete"].includes(result.summary.verdict)) throw new Error(`iteration ${i}: verdict ${result.summary.verdict}`);
      issues += result.issues.length;
    }
    expect(issues).toBeGreaterThan(0);
  });

  test("a figure changed by a mutation is either read as printed or unread, never moved to another cell", () => {
    // A figure deleted from each of 003's 表三 rows in turn: that row is unread, no other cell changes.
    const lines = ex003.text.split("\n");
    const first = lines.findIndex((l) => l.startsWith("一、本年新收"));
    const last = lines.findIndex((l) => l.startsWith("四、结转下年度"));
    for (let row = first; row <= last; row += 1) {
      const line = lines[row] ?? "";
      const digit = line.search(/\t\d+(?=\t|$)/); // a figure cell, not an item number ("\t1.属于…")
      if (digit < 0) continue;
      const damaged = [...lines];
      damaged[row] = line.slice(0, digit + 1) + line.slice(digit + 2);
      const result = importReportText(damaged.join("\n"));
      for (const id of IDS) {
        const value = result.values[id];
        if (value !== null) expect([id, value]).toEqual([id, ex003.values[id]]);
      }
      expect(result.unread.length).toBeGreaterThan(0);
    }
  });

  test("random text never throws", () => {
    const random = seededRandom(7);
    const alphabet = ["0", "1", " ", "\n", "\t", "|", "行政许可", "（七）总计", "一、", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "小计", "无", "1.", "E", ".", "/", "政府信息公开工作年度报告", "2023年"];
    for (let i = 0; i < 500; i += 1) {
      const n = Math.floor(random() * 400);
      let text = "";
      for (let k = 0; k < n; k += 1) text += alphabet[Math.floor(random() * alphabet.length)] ?? "";
      const result = importReportText(text);
      expect(Object.keys(result.values)).toHaveLength(200);
    }
  });
});
