// Markdown conversions of PDF reports (`| 1 | 0 | … |` rows) as OCR and converters print them: a row's label
// wrapped onto its own line, standing after the number row it owns, separated from it by a stray page number,
// or a block of labels followed by a block of bare number rows. A number row is never given to a label by
// proximity alone: every cell read equals the truth, and whatever cannot be placed with certainty is unread.

import type { CellId } from "../../src/core/format";
import { importReportText } from "../../src/core/import";
import { consistentReport, loadExample, randomSeed, seededRandom } from "../support/reports";
import { renderTables, replaceTables } from "./fixtures/report-layouts";

const EX003 = loadExample("003");
/** Random reports per property (each gives some hundreds of variants). */
const REPORTS = Number(process.env.MARKDOWN_REPORTS ?? 4);
const FIGURE = /^[\d.]+$/;

interface PrintedRow {
  readonly at: number;
  readonly labels: readonly string[];
  readonly figures: readonly string[];
}

function markdownReport(values: Record<CellId, number>): { lines: string[]; rows: PrintedRow[] } {
  const lines = replaceTables(EX003.text, renderTables(values, { layout: "pipes" })).split("\n");
  const rows = lines
    .map((line, at) => {
      const cells = line.split("|").map((c) => c.trim());
      return { at, labels: cells.filter((c) => c !== "" && !FIGURE.test(c)), figures: cells.filter((c) => FIGURE.test(c)) };
    })
    .filter((row) => row.figures.length >= 2 && row.labels.length >= 1);
  return { lines, rows };
}

const pipeRow = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;

/** Every cell read is the truth; the unread cells are exactly the nulls, each with a reason. */
function expectNoWrongCell(text: string, values: Record<CellId, number>, what: string): number {
  const result = importReportText(text);
  const wrong = Object.entries(result.values).filter(([id, value]) => value !== null && value !== values[id]);
  expect([what, wrong]).toEqual([what, []]);
  const nulls = Object.values(result.values).filter((v) => v === null).length;
  expect(result.unread.reduce((n, u) => n + u.cells.length, 0)).toBe(nulls);
  return Object.keys(result.values).length - nulls;
}

describe("Markdown conversions: labels away from their number rows", () => {
  test("one row's label after its numbers, before them across a page number, or wrapped over two lines", () => {
    let variants = 0;
    let read = 0;
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = consistentReport(randomSeed(seededRandom(seed))) as Record<CellId, number>;
      const { lines, rows } = markdownReport(values);
      expect(expectNoWrongCell(lines.join("\n"), values, "as converted")).toBe(200);
      for (const row of rows.filter((r) => r.labels.length === 1)) {
        const label = row.labels[0] ?? "";
        const shapes: Record<string, string[]> = {
          after: [pipeRow(row.figures), pipeRow([label])],
          pageNumberBetween: [pipeRow([label]), "", "12", "", pipeRow(row.figures)],
          wrapped: [pipeRow([label.slice(0, 4)]), pipeRow([label.slice(4), ...row.figures])],
        };
        for (const [shape, replacement] of Object.entries(shapes)) {
          const variant = [...lines];
          variant.splice(row.at, 1, ...replacement);
          read += expectNoWrongCell(variant.join("\n"), values, `${seed} ${shape} ${label}`);
          variants += 1;
        }
      }
    }
    // Most of each variant is still read: only the moved row may be lost.
    expect(read / variants).toBeGreaterThan(185);
  });

  test("a block of labels, then a block of bare number rows (or the other way round): never a wrong cell", () => {
    let variants = 0;
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = consistentReport(randomSeed(seededRandom(seed))) as Record<CellId, number>;
      const { lines, rows } = markdownReport(values);
      for (const size of [2, 3, 4]) {
        for (let first = 0; first + size <= rows.length; first += 1) {
          const block = rows.slice(first, first + size);
          if ((block[size - 1]?.at ?? 0) - (block[0]?.at ?? 0) !== size - 1) continue;
          const labels = block.map((r) => pipeRow(r.labels));
          const bare = block.map((r) => pipeRow(r.figures));
          for (const order of [
            [...labels, ...bare],
            [...bare, ...labels],
          ]) {
            const variant = [...lines];
            variant.splice(block[0]?.at ?? 0, size, ...order);
            expectNoWrongCell(variant.join("\n"), values, `${seed} ${size} ${labels.join(" ")}`);
            variants += 1;
          }
        }
      }
    }
    expect(variants).toBeGreaterThan(100 * REPORTS);
  });
});
