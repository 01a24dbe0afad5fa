// Plain-text packer of the report document (src/core/report/document.ts): UTF-8 text to paste into a
// government website's editor. Title on its own line, blocks separated by a blank line, paragraphs indented
// with two full-width spaces, tables as one line per row with tab-separated cells (a merged cell's text in its
// first position, the positions it covers left empty), so that every row has the table's column count.

import type { Block, ReportDocument } from "../../core/report";
import { runsText } from "../../core/report";

type TableBlock = Extract<Block, { kind: "table" }>;

/** Two U+3000 IDEOGRAPHIC SPACEs: the first-line indent of Chinese official text. */
export const PARAGRAPH_INDENT = "\u3000\u3000";

/** One line of text: no tabs or line breaks inside, no trailing white space. */
function oneLine(value: string): string {
  return value.replace(/[\t\r\n]+/g, " ").trimEnd();
}

/** A cell's text as one tab-separated field: no tabs or line breaks, no surrounding white space. */
function field(value: string): string {
  return value.replace(/[\t\r\n]+/g, " ").trim();
}

/**
 * The table as a grid of fields: each cell is placed at the first free position of its row (the standard
 * table layout algorithm), its text written there and the positions its merge covers left empty.
 */
export function tableGrid(table: TableBlock): string[][] {
  const occupied: boolean[][] = [];
  const grid: string[][] = [];
  const colCount = table.columnWidths.length;
  const ensureRow = (r: number): void => {
    while (occupied.length <= r) occupied.push([]);
    while (grid.length <= r) grid.push([]);
  };
  table.rows.forEach((row, r) => {
    ensureRow(r);
    let c = 0;
    for (const cell of row.cells) {
      while (occupied[r]![c] === true) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        ensureRow(r + dr);
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          occupied[r + dr]![c + dc] = true;
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? field(cell.text) : "";
        }
      }
      c += cell.colSpan;
    }
  });
  const width = Math.max(colCount, ...grid.map((fields) => fields.length));
  return grid.map((fields) => Array.from({ length: width }, (_, c) => fields[c] ?? ""));
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "title":
      return oneLine(block.text.trim());
    case "heading":
      return oneLine(block.text.trim());
    case "paragraph":
      return PARAGRAPH_INDENT + oneLine(runsText(block.runs).trim());
    case "table":
      return tableGrid(block)
        .map((fields) => fields.join("\t"))
        .join("\n");
  }
}

/** The report as plain text: title, then the blocks, one blank line between them, ending with one newline. */
export function packText(document: ReportDocument): string {
  const parts = [oneLine(document.title.trim()), ...document.blocks.filter((b) => b.kind !== "title").map(blockText)];
  return `${parts.join("\n\n")}\n`;
}
