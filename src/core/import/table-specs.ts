// What the importer looks for in each table, drawn from the format data (src/core/format): row labels, the
// cells of each row in column order, group labels, headers. Nothing here re-types a 2021 label.

import type { CellId, TableLayout } from "../format";
import { T3_COLUMNS, T3_RESULT_GROUPS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, TABLE_2, TABLE_3, TABLE_4, t3Id, t4Id } from "../format";
import { labelKey, stripNumbering } from "./normalize";
import type { LabelEntry, LabelTarget, ReaderSpec } from "./table-reader";

export interface RowSpec {
  /** The row's own label as printed, for messages. */
  readonly label: string;
  /** The row's cells in column order. */
  readonly cells: readonly CellId[];
}

export interface TableSpec {
  readonly name: "表二" | "表三" | "表四";
  readonly rows: readonly RowSpec[];
  readonly reader: ReaderSpec;
}

/** Shortest label without its numbering that is still specific enough to find a row by ("予以公开"). */
const MIN_CORE = 4;

class EntryList {
  private readonly byKey = new Map<string, LabelEntry>();

  add(text: string, target: LabelTarget, strict: boolean): void {
    const key = labelKey(text);
    if (key.length === 0 || this.byKey.has(key)) return;
    this.byKey.set(key, { key, strict, target });
  }

  /** The label, the label without its numbering, and the part before a parenthesis ("（二）部分公开"). */
  addWithVariants(text: string, target: LabelTarget, strict: boolean): void {
    this.add(text, target, strict);
    const core = stripNumbering(text);
    const variants = [core];
    const paren = Math.max(core.indexOf("（"), core.indexOf("("));
    if (paren > 0) variants.push(core.slice(0, paren));
    for (const variant of variants) if (labelKey(variant).length >= MIN_CORE) this.add(variant, target, strict);
  }

  list(): LabelEntry[] {
    return [...this.byKey.values()];
  }
}

function headerEntries(table: TableLayout, list: EntryList, strict: boolean, columnOf: (text: string) => string | null): void {
  for (const label of table.labels) {
    if (label.role === "header" || label.role === "note" || label.role === "caption") {
      list.add(label.text, { kind: "header", column: columnOf(label.text) }, strict);
    }
  }
}

function createT2Spec(): TableSpec {
  const rowNumbers = [...new Set(TABLE_2.inputs.map((cell) => cell.row))].sort((a, b) => a - b);
  const rows: RowSpec[] = rowNumbers.map((row) => ({
    label: TABLE_2.labels.find((l) => l.row === row && l.role === "rowLabel")?.text ?? "",
    cells: TABLE_2.inputs.filter((cell) => cell.row === row).sort((a, b) => a.col - b.col).map((cell) => cell.id),
  }));
  const entries = new EntryList();
  rows.forEach((row, index) => entries.add(row.label, { kind: "row", row: index }, true));
  headerEntries(TABLE_2, entries, false, () => null);
  return { name: "表二", rows, reader: { entries: entries.list(), rowCount: rows.length, headerOpensRow: null, mergedLabels: [] } };
}

/** Row keys of 表三's （六） items: present only in the 2021 format (spec §5). */
export const T3_OTHER_ROW_KEYS: readonly string[] = T3_ROWS.filter((r) => r.key.startsWith("result.other.")).map((r) => r.key);

/** The 法人或其他组织 columns (商业企业 … 其他) of 表三, between 自然人 and 总计. */
export const T3_ORG_COLUMNS: readonly string[] = T3_COLUMNS.filter((c) => c.key !== "natural" && c.key !== "total").map((c) => c.key);

function createT3Spec(): TableSpec {
  const rows: RowSpec[] = T3_ROWS.map((row) => ({
    label: row.labels[row.labels.length - 1] ?? row.key,
    cells: T3_COLUMNS.map((column) => t3Id(row.key, column.key)),
  }));
  const entries = new EntryList();
  rows.forEach((row, index) => entries.addWithVariants(row.label, { kind: "row", row: index }, true));
  for (const group of T3_RESULT_GROUPS) {
    if (group.items.length > 0) entries.addWithVariants(group.label, { kind: "group", group: group.key }, true);
  }
  // The merged label of the outcome rows ("三、本年度办理结果") names no row of its own.
  const resultLabel = T3_ROWS.find((r) => r.labels.length > 1)?.labels[0];
  if (resultLabel !== undefined) entries.addWithVariants(resultLabel, { kind: "header", column: null }, false);
  entries.add("小计", { kind: "subtotal" }, false);
  const columnOf = (text: string): string | null => T3_COLUMNS.find((c) => c.label === text)?.key ?? null;
  headerEntries(TABLE_3, entries, false, columnOf);
  const mergedLabels = [...T3_RESULT_GROUPS.filter((g) => g.items.length > 0).map((g) => g.label), ...(resultLabel === undefined ? [] : [resultLabel])].map(labelKey);
  return { name: "表三", rows, reader: { entries: entries.list(), rowCount: rows.length, headerOpensRow: null, mergedLabels } };
}

function createT4Spec(): TableSpec {
  const cells = T4_BLOCKS.flatMap((block) => T4_COLUMNS.map((column) => t4Id(block.key, column.key)));
  const entries = new EntryList();
  headerEntries(TABLE_4, entries, true, () => null);
  return { name: "表四", rows: [{ label: "", cells }], reader: { entries: entries.list(), rowCount: 1, headerOpensRow: 0, mergedLabels: [] } };
}

/**
 * Each table also knows the other tables' labels, as labels that belong to no row of its own: when the
 * section headings are missing and the tables share one stretch of text, "（七）总计 8 0 …" of 表三 must end
 * 表四's reading rather than count as 表四's "总计".
 */
function withForeignLabels(specs: readonly TableSpec[]): TableSpec[] {
  return specs.map((spec) => {
    const own = new Set(spec.reader.entries.map((e) => e.key));
    const foreign: LabelEntry[] = [];
    for (const other of specs) {
      if (other === spec) continue;
      for (const entry of other.reader.entries) {
        if (own.has(entry.key) || entry.target.kind === "subtotal") continue;
        own.add(entry.key);
        foreign.push({ key: entry.key, strict: entry.strict, target: { kind: "foreign" } });
      }
    }
    return { ...spec, reader: { ...spec.reader, entries: [...spec.reader.entries, ...foreign] } };
  });
}

const [t2Spec, t3Spec, t4Spec] = withForeignLabels([createT2Spec(), createT3Spec(), createT4Spec()]);
export const T2_SPEC: TableSpec = t2Spec ?? createT2Spec();
export const T3_SPEC: TableSpec = t3Spec ?? createT3Spec();
export const T4_SPEC: TableSpec = t4Spec ?? createT4Spec();

/** Column headers of 表二 that exist only in the 2021 format (spec §5 version detection). */
export const FORMAT_2021_CUES: readonly string[] = TABLE_2.labels
  .filter((l) => l.role === "header" && l.text !== "信息内容" && l.text !== "本年处理决定数量")
  .map((l) => labelKey(l.text.split("（")[0] ?? l.text));

/** Column and block headers of the 2019 表二 (spec §5; not part of the 2021 format data). */
export const FORMAT_2019_CUES: readonly string[] = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第（九）项", "采购项目数量"].map(labelKey);
