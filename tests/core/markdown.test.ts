// Markdown conversions of PDF reports (`| 1 | 0 | … |` rows) as OCR and converters print them: a row's label
// wrapped onto its own line, standing after the number row it owns, separated from it by a stray page number,
// a block of labels followed by a block of bare number rows (up to the whole label column, then the whole
// number column), `## 三、…` and `## 表三` headings, made-up column headers at each page. Bare rows are placed by
// the table's row order when their count leaves one assignment and each placed row's own totals hold; a number
// row is never given to a label by proximity alone: every cell read equals the truth, and whatever cannot be
// placed with certainty is unread with the reason.

import type { CellId } from "../../src/core/format";
import { importReportText } from "../../src/core/import";
import { consistentReport, loadExample, randomSeed, seededRandom } from "../support/reports";
import { HEADINGS, markdownLabelsApart, renderTables, replaceTables } from "./fixtures/report-layouts";

const EX003 = loadExample("003");
/** Random reports per property (each gives some hundreds of variants). */
const REPORTS = Number(process.env.MARKDOWN_REPORTS ?? 4);
const FIGURE = /^[\d.]+$/;

interface PrintedRow {
  readonly at: number;
  readonly labels: readonly string[];
  readonly figures: readonly string[];
}

function markdownReport(values: Record<CellId, number>, text = EX003.text): { lines: string[]; rows: PrintedRow[] } {
  const lines = replaceTables(text, renderTables(values, { layout: "pipes" })).split("\n");
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

/** A random consistent report per seed, as a Markdown conversion prints it. */
function forEachReport(run: (values: Record<CellId, number>, lines: string[], rows: PrintedRow[], seed: number) => void): void {
  for (let seed = 1; seed <= REPORTS; seed += 1) {
    const values = consistentReport(randomSeed(seededRandom(seed))) as Record<CellId, number>;
    const { lines, rows } = markdownReport(values);
    run(values, lines, rows, seed);
  }
}

describe("Markdown conversions: labels away from their number rows", () => {
  test("one row's label after its numbers, before them across a page number, or wrapped over two lines", () => {
    let variants = 0;
    let read = 0;
    forEachReport((values, lines, rows, seed) => {
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
    });
    // The moved row is placed by the table's order (or read past the page number): every variant reads whole.
    expect(read).toBe(200 * variants);
  });

  test("a block of labels, then a block of bare number rows (or the other way round): placed by the row order", () => {
    let variants = 0;
    let read = 0;
    forEachReport((values, lines, rows, seed) => {
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
            read += expectNoWrongCell(variant.join("\n"), values, `${seed} ${size} ${labels.join(" ")}`);
            variants += 1;
          }
        }
      }
    });
    expect(variants).toBeGreaterThan(100 * REPORTS);
    expect(read).toBe(200 * variants);
  });
});

/** The lines of the table whose heading is `heading`, from its first row with figures to its last. */
function tableRows(rows: readonly PrintedRow[], lines: readonly string[], heading: string, next: string): PrintedRow[] {
  const start = lines.findIndex((l) => l.trim() === heading);
  const end = lines.findIndex((l) => l.trim() === next);
  return rows.filter((r) => r.at > start && r.at < end);
}

/** Replaces the printed rows `block` (consecutive lines) by `replacement`. */
function spliceRows(lines: readonly string[], block: readonly PrintedRow[], replacement: readonly string[]): string {
  const variant = [...lines];
  const first = block[0]?.at ?? 0;
  variant.splice(first, (block[block.length - 1]?.at ?? first) - first + 1, ...replacement);
  return variant.join("\n");
}

/** 表三's rows with their labels (the label cells of a two-label row joined) and figures. */
function t3Rows(values: Record<CellId, number>, text = EX003.text): { lines: string[]; t3: PrintedRow[] } {
  const { lines, rows } = markdownReport(values, text);
  const t3 = tableRows(rows, lines, HEADINGS.t3, HEADINGS.t4);
  return { lines, t3 };
}

describe("Markdown conversions: bare rows placed by the table's row order", () => {
  test("the whole label column, then the whole number column, of 表三: every cell, placed by the row order", () => {
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = consistentReport(randomSeed(seededRandom(seed))) as Record<CellId, number>;
      const { lines, t3 } = t3Rows(values);
      expect(t3).toHaveLength(25);
      for (const order of ["labelsFirst", "numbersFirst"]) {
        const labels = t3.map((r) => pipeRow(r.labels));
        const bare = t3.map((r) => pipeRow(r.figures));
        const text = spliceRows(lines, t3, order === "labelsFirst" ? [...labels, "", "7", "", ...bare] : [...bare, ...labels]);
        expect(expectNoWrongCell(text, values, `${seed} ${order}`)).toBe(200);
        const methods = importReportText(text).methods;
        expect(methods["t3.new.natural"]).toBe("placedByRowOrder");
        expect(methods["t3.carryForward.total"]).toBe("placedByRowOrder");
        expect(methods["t2.regulation.issued"]).toBe("separated");
      }
    }
  });

  test("both shared examples: the placed rows are the published figures; a row that does not add up is not placed", () => {
    for (const prefix of ["000", "003"] as const) {
      const example = loadExample(prefix);
      const values = example.values as Record<CellId, number>;
      const { lines, t3 } = t3Rows(values, example.text);
      const text = spliceRows(lines, t3, [...t3.map((r) => pipeRow(r.labels)), ...t3.map((r) => pipeRow(r.figures))]);
      const result = importReportText(text);
      const read = expectNoWrongCell(text, values, prefix);
      const rowsNotAddingUp = t3.filter((r) => {
        const figures = r.figures.map(Number);
        return figures[6] !== figures.slice(0, 6).reduce((a, b) => a + b, 0);
      });
      if (rowsNotAddingUp.length === 0) {
        expect(read).toBe(200);
      } else {
        // One row that breaks its own total leaves the whole stretch unplaced, with the reason.
        expect(result.unread.some((u) => u.reason.includes("按表内行序对应后与本行合计不符"))).toBe(true);
        expect(read).toBeLessThan(200);
      }
      expect([prefix, result.agency, result.year]).toEqual([prefix, example.agency, example.year]);
    }
  });

  test("every table printed with its label column apart from its figures reads whole", () => {
    for (const prefix of ["000", "003"] as const) {
      const example = loadExample(prefix);
      const text = markdownLabelsApart(example.text, example.values);
      expect(text).toContain("| 规章 |\n| 行政规范性文件 |");
      expect(expectNoWrongCell(text, example.values as Record<CellId, number>, prefix)).toBe(200);
    }
  });

  test("a placed row that breaks its own total is not placed: the stretch is unread, never 'repaired'", () => {
    for (let seed = 1; seed <= REPORTS; seed += 1) {
      const values = consistentReport(randomSeed(seededRandom(seed))) as Record<CellId, number>;
      const { lines, t3 } = t3Rows(values);
      for (let first = 0; first + 3 <= t3.length; first += 4) {
        const block = t3.slice(first, first + 3);
        const changed = block.map((r, i) => (i === 1 ? [String(Number(r.figures[0]) + 1), ...r.figures.slice(1)] : r.figures));
        const text = spliceRows(lines, block, [...block.map((r) => pipeRow(r.labels)), ...changed.map(pipeRow)]);
        const result = importReportText(text);
        expectNoWrongCell(text, values, `${seed} ${first}`);
        const unreadRows = result.unread.filter((u) => u.reason.includes("按表内行序对应后与本行合计不符"));
        expect(unreadRows.flatMap((u) => u.cells)).toHaveLength(21);
      }
    }
  });

  test("figures that could belong one row further (an empty row, a stray row) are not placed", () => {
    const values = consistentReport(randomSeed(seededRandom(7))) as Record<CellId, number>;
    const { lines, t3 } = t3Rows(values);
    const [a, b, c] = [t3[3], t3[4], t3[5]];
    if (a === undefined || b === undefined || c === undefined) throw new Error("表三 has rows");
    const variants: Record<string, string[]> = {
      // Row a printed empty, b whole, c's figures before its label: by the order alone a would take b's figures.
      emptyThenAfter: [pipeRow(a.labels), pipeRow([...b.labels, ...b.figures]), pipeRow(c.figures), pipeRow(c.labels)],
      // A row of figures that no label owns among whole rows: one figure row too many.
      strayAmongWhole: [pipeRow([...a.labels, ...a.figures]), pipeRow(b.figures), pipeRow([...b.labels, ...b.figures]), pipeRow([...c.labels, ...c.figures])],
      // Two labels, one figure row: one row's figures are missing, and which is not known.
      oneMissing: [pipeRow(a.labels), pipeRow(b.labels), pipeRow(b.figures), pipeRow([...c.labels, ...c.figures])],
    };
    for (const [name, replacement] of Object.entries(variants)) {
      const text = spliceRows(lines, [a, b, c], replacement);
      expect(expectNoWrongCell(text, values, name)).toBeLessThan(200);
      expect([name, Object.values(importReportText(text).methods).filter((m) => m === "placedByRowOrder")]).toEqual([name, []]);
    }
  });

  test("a lone figure is a page number only between the rows of a pipe table", () => {
    const values = consistentReport(randomSeed(seededRandom(2))) as Record<CellId, number>;
    const { lines, t3 } = t3Rows(values);
    const row = t3[2];
    if (row === undefined) throw new Error("表三 has rows");
    expect(expectNoWrongCell(spliceRows(lines, [row], [pipeRow(row.labels), "", "12", "", pipeRow(row.figures)]), values, "pipes")).toBe(200);
    // One cell a line: there a lone figure may be a cell, so the row holds one figure too many and is unread.
    const perLine = replaceTables(EX003.text, renderTables(values, { layout: "cellPerLine" })).split("\n");
    const at = perLine.findIndex((l) => l.trim() === row.labels[row.labels.length - 1]);
    perLine.splice(at + 1, 0, "12");
    const result = importReportText(perLine.join("\n"));
    expectNoWrongCell(perLine.join("\n"), values, "cell per line");
    expect(result.unread.some((u) => u.reason.includes("读到8个数字，应为7个"))).toBe(true);
  });
});

describe("Markdown conversions: headings and made-up column headers", () => {
  const values = consistentReport(randomSeed(seededRandom(5))) as Record<CellId, number>;
  const { lines } = markdownReport(values);
  const headings = Object.values(HEADINGS) as string[];
  const isHeading = (line: string): boolean => /^[一二三四五六]、/.test(line.trim()) && line.trim().length < 40;

  test.each([
    ["## 三、…", (l: string) => (isHeading(l) ? [`## ${l.trim()}`] : [l])],
    ["**三、…**", (l: string) => (isHeading(l) ? [`**${l.trim()}**`] : [l])],
    ["## 表三 under the heading", (l: string) => (l.trim() === HEADINGS.t3 ? [`### ${l.trim()}`, "", "## 表三", ""] : l.trim() === HEADINGS.t2 ? [l, "#### 表二"] : [l])],
  ])("%s: six sections, every cell", (_name, mark) => {
    const text = lines.flatMap(mark).join("\n");
    expect(expectNoWrongCell(text, values, _name)).toBe(200);
    const result = importReportText(text);
    expect(Object.keys(result.sections).sort()).toEqual(["一", "二", "三", "四", "五", "六"].sort());
    expect(result.sections["三"]).toContain("| 一、本年新收政府信息公开申请数量 |");
    expect(result.sections["三"]).not.toContain(HEADINGS.t3);
    expect(headings.length).toBe(3);
  });

  /** A new Markdown table (made-up header, rule line) every `every` rows, after a page number. */
  function pagedTables(header: (columns: number) => string[], every: number): string {
    const out: string[] = [];
    let rows = 0;
    for (const line of lines) {
      if (line.trim().startsWith("|") && !line.includes("---")) {
        rows += 1;
        const columns = line.split("|").length - 2;
        if (rows % every === 0 && columns > 1) out.push("", String(rows), "", pipeRow(header(columns)), `|${"---|".repeat(columns)}`);
      }
      out.push(line);
    }
    return out.join("\n");
  }

  test.each([
    ["0 1 2 …", (n: number) => Array.from({ length: n }, (_, i) => String(i))],
    ["1 2 3 …", (n: number) => Array.from({ length: n }, (_, i) => String(i + 1))],
    ["Column1 …", (n: number) => Array.from({ length: n }, (_, i) => `Column${i + 1}`)],
    ["Unnamed: 0 …", (n: number) => Array.from({ length: n }, (_, i) => `Unnamed: ${i}`)],
    ["列1 …", (n: number) => Array.from({ length: n }, (_, i) => `列${i + 1}`)],
    ["blank", (n: number) => Array.from({ length: n }, () => " ")],
  ])("made-up column headers (%s) at each page are no cells", (_name, header) => {
    for (const every of [3, 5, 7]) expect(expectNoWrongCell(pagedTables(header, every), values, `${_name} ${every}`)).toBe(200);
  });

  test("a first table row of real figures under a rule line is kept as figures", () => {
    const t3 = tableRows(markdownReport(values).rows, lines, HEADINGS.t3, HEADINGS.t4);
    const row = t3[0];
    if (row === undefined) throw new Error("表三 has rows");
    const text = spliceRows(lines, [row], [pipeRow(row.labels), pipeRow(row.figures), `|${"---|".repeat(row.figures.length)}`]);
    expect(expectNoWrongCell(text, values, "figures as header")).toBe(200);
  });
});
