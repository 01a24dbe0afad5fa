// HTML packer of the report document (src/core/report/document.ts): a fragment for a CMS editor, without
// <html>/<body>. <h1> title, <h2>/<h3> headings, <p> paragraphs, real tables (<thead> for the header rows,
// <th> for labels, <td data-cell> for figures, rowspan/colspan only when > 1) with every style inline,
// because CMS editors strip stylesheets. All text is HTML-escaped; output is deterministic, one element a line.

import type { Block, ReportDocument, TableCellBlock, TableRowBlock } from "../../core/report";
import { runsText } from "../../core/report";

type TableBlock = Extract<Block, { kind: "table" }>;

const INDENT = "  ";
const TABLE_STYLE = "border-collapse:collapse;width:100%";
const CELL_STYLE = "border:1px solid #000;padding:2px 4px;vertical-align:middle";
const PARAGRAPH_STYLE = "text-indent:2em";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text and attribute values: & < > " '. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function attributes(pairs: readonly (readonly [string, string | number | null])[]): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join("");
}

function line(depth: number, content: string): string {
  return INDENT.repeat(depth) + content;
}

function cellLine(cell: TableCellBlock, depth: number): string {
  const tag = cell.header ? "th" : "td";
  const attrs = attributes([
    ["rowspan", cell.rowSpan > 1 ? cell.rowSpan : null],
    ["colspan", cell.colSpan > 1 ? cell.colSpan : null],
    ["data-cell", !cell.header && cell.cell !== undefined ? cell.cell : null],
    ["style", `${CELL_STYLE};text-align:${cell.align}`],
  ]);
  return line(depth, `<${tag}${attrs}>${escapeHtml(cell.text)}</${tag}>`);
}

function rowLines(row: TableRowBlock, depth: number): string[] {
  return [line(depth, "<tr>"), ...row.cells.map((cell) => cellLine(cell, depth + 1)), line(depth, "</tr>")];
}

/** Column widths as percentages of the table, one decimal, from the sheet's relative widths. */
function columnPercentages(widths: readonly number[]): string[] {
  const total = widths.reduce((sum, w) => sum + w, 0);
  return widths.map((w) => (total > 0 ? `${(Math.round((w / total) * 1000) / 10).toString()}%` : "auto"));
}

function tableLines(table: TableBlock, depth: number): string[] {
  const headerRows = Math.max(0, Math.min(table.headerRows, table.rows.length));
  const head = table.rows.slice(0, headerRows);
  const body = table.rows.slice(headerRows);
  const section = (tag: "thead" | "tbody", rows: readonly TableRowBlock[]): string[] =>
    rows.length === 0 ? [] : [line(depth + 1, `<${tag}>`), ...rows.flatMap((row) => rowLines(row, depth + 2)), line(depth + 1, `</${tag}>`)];
  return [
    line(depth, `<table${attributes([["data-table", table.table], ["style", TABLE_STYLE]])}>`),
    line(depth + 1, "<colgroup>"),
    ...columnPercentages(table.columnWidths).map((width) => line(depth + 2, `<col style="width:${width}">`)),
    line(depth + 1, "</colgroup>"),
    ...section("thead", head),
    ...section("tbody", body),
    line(depth, "</table>"),
  ];
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "title":
      return [`<h1>${escapeHtml(block.text)}</h1>`];
    case "heading": {
      const tag = block.level === 1 ? "h2" : "h3";
      return [`<${tag}>${escapeHtml(block.text)}</${tag}>`];
    }
    case "paragraph":
      return [`<p style="${PARAGRAPH_STYLE}">${escapeHtml(runsText(block.runs))}</p>`];
    case "table":
      return tableLines(block, 0);
  }
}

/** The report as an HTML fragment, one element a line, ending with a newline. */
export function packHtml(document: ReportDocument): string {
  const lines = [`<h1>${escapeHtml(document.title)}</h1>`, ...document.blocks.filter((b) => b.kind !== "title").flatMap(blockLines)];
  return `${lines.join("\n")}\n`;
}
