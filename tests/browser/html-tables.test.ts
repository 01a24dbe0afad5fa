// The HTML packer's tables as Debian's Chromium lays them out: example 003 loaded with setContent, each table's
// cell grid rebuilt in the page from table.rows (cells placed by rowSpan/colSpan into an occupancy matrix, the
// standard algorithm) must equal the layout data of src/core/format, with no holes and no overlaps.

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { packHtml } from "../../src/adapters/export/html";
import type { CellId, TableLayout } from "../../src/core/format";
import { TABLES, getCell, isCellId } from "../../src/core/format";
import { formatNumber } from "../../src/core/locale";
import type { Narrative } from "../../src/core/report";
import { createReportDocument } from "../../src/core/report";
import { parseCell } from "../../src/core/values";
import { loadExample, metaOf } from "../support/reports";
import { ARTIFACTS, CHROMIUM_ARGS } from "./browser";

interface PlacedCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly tag: string;
  readonly text: string;
  readonly cell: string | null;
}

interface LaidOutTable {
  readonly id: string | null;
  readonly cells: PlacedCell[];
  /** Index into cells for every grid position; -1 for a hole. */
  readonly occupancy: number[][];
  readonly overlaps: number;
  /** Cells whose rendered left/top edge disagrees with the others starting in the same column/row. */
  readonly misaligned: string[];
}

const NARRATIVE: Narrative = {
  texts: { "n1.onRequest": "本年度收到的{t3.new.total}件申请主要涉及招生入学等事项。", "n6.other": "无其他需要报告的事项。" },
  numbers: { "n6.feeNotices": 0 },
  flags: {},
};

const example = loadExample("003");

function exampleHtml(): string {
  const meta = metaOf({ agencyName: example.agency, year: example.year, level: "市级部门" });
  const valueOf = (id: CellId) => parseCell(example.values[id] ?? null, getCell(id).kind).value;
  return packHtml(createReportDocument(meta, valueOf, NARRATIVE, isCellId));
}

/** Runs in the page: every table's cells placed on the grid by the standard table algorithm. */
function layOutTables(): LaidOutTable[] {
  return Array.from(document.querySelectorAll("table")).map((table) => {
    const occupied: number[][] = [];
    const cells: PlacedCell[] = [];
    const boxes: DOMRect[] = [];
    let overlaps = 0;
    Array.from(table.rows).forEach((tr, r) => {
      occupied[r] ??= [];
      let c = 0;
      for (const td of Array.from(tr.cells)) {
        while (occupied[r][c] !== undefined) c += 1;
        const index = cells.length;
        cells.push({
          row: r + 1,
          col: c + 1,
          rowSpan: td.rowSpan,
          colSpan: td.colSpan,
          tag: td.tagName.toLowerCase(),
          text: td.textContent ?? "",
          cell: td.getAttribute("data-cell"),
        });
        boxes.push(td.getBoundingClientRect());
        for (let dr = 0; dr < td.rowSpan; dr += 1) {
          const covered = (occupied[r + dr] ??= []);
          for (let dc = 0; dc < td.colSpan; dc += 1) {
            if (covered[c + dc] !== undefined) overlaps += 1;
            covered[c + dc] = index;
          }
        }
        c += td.colSpan;
      }
    });
    // The browser's own geometry must agree: cells starting in one grid column share a left edge, in one row a top edge.
    const misaligned: string[] = [];
    const edge = (key: (p: PlacedCell) => number, side: (b: DOMRect) => number, name: string) => {
      const first = new Map<number, number>();
      cells.forEach((p, i) => {
        const at = side(boxes[i]!);
        const seen = first.get(key(p));
        if (seen === undefined) first.set(key(p), at);
        else if (Math.abs(seen - at) > 1) misaligned.push(`${name} ${key(p)}: ${p.text || p.cell || "?"}`);
      });
    };
    edge((p) => p.col, (b) => b.left, "col");
    edge((p) => p.row, (b) => b.top, "row");
    return {
      id: table.getAttribute("data-table"),
      cells,
      occupancy: occupied.map((row) => Array.from(row, (v) => (v === undefined ? -1 : v))),
      overlaps,
      misaligned,
    };
  });
}

/** What the layout data says the table's grid is, in reading order (row, then column). */
function expectedCells(table: TableLayout): PlacedCell[] {
  const labels = table.labels.map(
    (l): PlacedCell => ({ row: l.row, col: l.col, rowSpan: l.rowSpan, colSpan: l.colSpan, tag: "th", text: l.text, cell: null }),
  );
  const inputs = table.inputs.map(
    (i): PlacedCell => ({
      row: i.row,
      col: i.col,
      rowSpan: i.rowSpan,
      colSpan: i.colSpan,
      tag: "td",
      text: formatNumber(example.values[i.id] as number),
      cell: i.id,
    }),
  );
  return [...labels, ...inputs].sort((a, b) => a.row - b.row || a.col - b.col);
}

function expectedOccupancy(table: TableLayout, cells: readonly PlacedCell[]): number[][] {
  const grid = Array.from({ length: table.rowCount }, () => Array.from({ length: table.colCount }, () => -1));
  cells.forEach((p, index) => {
    for (let r = p.row; r < p.row + p.rowSpan; r += 1) for (let c = p.col; c < p.col + p.colSpan; c += 1) grid[r - 1]![c - 1] = index;
  });
  return grid;
}

let browser: Browser;
let page: Page;
let laidOut: LaidOutTable[];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setContent(exampleHtml());
  laidOut = await page.evaluate(layOutTables);
});
afterAll(async () => browser.close());

test("the page holds the three tables in order", () => {
  expect(laidOut.map((t) => t.id)).toEqual(TABLES.map((t) => t.id));
});

describe.each(TABLES.map((t, i) => [t.sheetName, i] as const))("%s", (_name, index) => {
  const table = TABLES[index]!;

  test("the browser's grid equals the layout data: every label and figure at its row/col with its spans", () => {
    const found = laidOut[index]!;
    const cells = expectedCells(table);
    expect(cells).toHaveLength(table.labels.length + table.inputs.length);
    expect(found.cells).toEqual(cells);
  });

  test("the grid is exactly rowCount × colCount, with no holes and no overlaps", () => {
    const found = laidOut[index]!;
    expect(found.overlaps).toBe(0);
    expect(found.occupancy).toHaveLength(table.rowCount);
    for (const row of found.occupancy) {
      expect(row).toHaveLength(table.colCount);
      expect(row).not.toContain(-1);
    }
    expect(found.occupancy).toEqual(expectedOccupancy(table, found.cells));
  });

  test("the rendered cells line up: cells starting in one column (row) share their left (top) edge", () => {
    expect(laidOut[index]!.misaligned).toEqual([]);
  });
});

test("a screenshot of the page is saved", async () => {
  const file = path.join(ARTIFACTS, "html-003.png");
  await page.screenshot({ path: file, fullPage: true });
  const box = await page.locator("table").nth(1).boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(600);
});
