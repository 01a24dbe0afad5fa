// The report as one plain document tree (house style rule 5): title, opening paragraph, sections 一 to 六 and
// the three tables. Every packer (.docx, plain text, HTML) renders this tree and nothing else.

import type { CellId, ReportMeta, TableId } from "../format";
import { xmlSafe } from "../values";

/** A piece of running text. Numbers taken from the tables keep the cell they came from, for checking. */
export type Inline =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly text: string; readonly cells: readonly CellId[] };

export interface TableCellBlock {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Label cells (headers and row labels) as opposed to figures. */
  readonly header: boolean;
  readonly align: "left" | "center";
  /** The input cell a figure comes from. */
  readonly cell?: CellId;
}

export interface TableRowBlock {
  readonly cells: readonly TableCellBlock[];
}

/**
 * Where a paragraph belongs: the opening, a part of 一 (n1.*), 五 or 六. Text checks use it; packers ignore it.
 */
export type SectionKey = "opening" | "n1.active" | "n1.onRequest" | "n1.infoMgmt" | "n1.platform" | "n1.oversight" | "n5" | "n6";

export type Block =
  | { readonly kind: "title"; readonly text: string }
  /** Level 1: 一、总体情况 … 六、其他需要报告的事项 (黑体); level 2: （一）主动公开 … (楷体). */
  | { readonly kind: "heading"; readonly level: 1 | 2; readonly text: string }
  | {
      readonly kind: "paragraph";
      readonly runs: readonly Inline[];
      readonly section: SectionKey;
      /**
       * Generated from the tables, written by the user (in the 正文 sheet), or the template's guidance still in
       * place of a part the user has not written yet.
       */
      readonly source: "generated" | "user" | "guidance";
    }
  | {
      readonly kind: "table";
      readonly table: TableId;
      /** Relative column widths (the sheet's widths in characters). */
      readonly columnWidths: readonly number[];
      /** Rows at the top that repeat on every page. */
      readonly headerRows: number;
      readonly rows: readonly TableRowBlock[];
    };

export interface ReportDocument {
  readonly meta: ReportMeta;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export function text(value: string): Inline {
  return { kind: "text", text: value };
}

/** The plain text of a paragraph's runs. */
export function runsText(runs: readonly Inline[]): string {
  return runs.map((r) => r.text).join("");
}

/**
 * The document with every text made writable as XML (the .docx packer's input): characters XML 1.0 forbids are
 * replaced by U+FFFD, and counted.
 */
export function writableDocument(document: ReportDocument): { readonly document: ReportDocument; readonly replaced: number } {
  let replaced = 0;
  const safe = (value: string): string => {
    const result = xmlSafe(value);
    replaced += result.replaced;
    return result.text;
  };
  const blocks = document.blocks.map((block): Block => {
    switch (block.kind) {
      case "title":
      case "heading":
        return { ...block, text: safe(block.text) };
      case "paragraph":
        return { ...block, runs: block.runs.map((run) => ({ ...run, text: safe(run.text) })) };
      case "table":
        return { ...block, rows: block.rows.map((row) => ({ cells: row.cells.map((cell) => ({ ...cell, text: safe(cell.text) })) })) };
    }
  });
  const agencyName = document.meta.agencyName === null ? null : safe(document.meta.agencyName);
  return { document: { meta: { ...document.meta, agencyName }, title: safe(document.title), blocks }, replaced };
}
