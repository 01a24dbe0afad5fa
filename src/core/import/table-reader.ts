// Reads one table's rows out of a token stream by its labels, never by position on the page.
//
// The stream alternates between label text (a "chunk": consecutive text tokens) and value cells. Each chunk
// is searched for the table's labels; the last label found owns the value cells that follow, until the next
// chunk names another label. So a row's numbers may sit on the label's line, on the following lines, or be
// split over lines, and labels may be wrapped anywhere. A chunk that names no label and is not a unit word
// ("件", "万元") ends the current row, so notes and narrative after a table never add numbers to a row.
//
// Labels are matched as whole keys (labelKey form); a label must start where a word starts, after
// punctuation or right after another label, so a key inside a sentence ("…全部予以公开") does not count.
// A label cut off by its own numbers (PDF layout: "5.要求行政机关确认或重新出具已 0 0 0 0 0 0 0\n获取信息")
// is recognised by its beginning when that beginning belongs to exactly one row.

import type { Token, ValueCell } from "./tokens";
import { UNIT_WORDS } from "./tokens";

export type LabelTarget =
  | { readonly kind: "row"; readonly row: number }
  | { readonly kind: "group"; readonly group: string }
  | { readonly kind: "header"; readonly column: string | null }
  /** "小计": a column header before the first row, a subtotal row's label after it. */
  | { readonly kind: "subtotal" }
  /** Another table's label: ends the current row. */
  | { readonly kind: "foreign" };

export interface LabelEntry {
  readonly key: string;
  /** Must start at a word start, after punctuation or after another label. */
  readonly strict: boolean;
  readonly target: LabelTarget;
}

export interface ReaderSpec {
  readonly entries: readonly LabelEntry[];
  readonly rowCount: number;
  /** 表四 has no row label: its header opens its single data row. */
  readonly headerOpensRow: number | null;
  /**
   * Keys of merged label cells that span several rows ("三不予公开", "三本年度办理结果"). In a PDF laid out in
   * columns their wrapped pieces start lines in the middle of another row's label; such pieces are skipped
   * when a chunk cannot be read otherwise.
   */
  readonly mergedLabels: readonly string[];
}

export interface TableReading {
  /** For each row, every place its label was found, with the value cells that followed it there. */
  readonly rows: readonly (readonly (readonly ValueCell[])[])[];
  readonly groups: ReadonlyMap<string, readonly (readonly ValueCell[])[]>;
  /** Column headers (and "小计") in the order they were found, before the first row label. */
  readonly headerColumns: readonly string[];
  readonly foundRow: boolean;
  /**
   * The row occurrences in reading order (the same arrays as in `rows`); null where the reading was
   * interrupted (a group, a header, another table's label or text that is no label). Bare number rows set
   * apart from their labels are placed by this order (see row-order.ts).
   */
  readonly sequence: readonly (RowOccurrence | null)[];
}

/** The row of figures printed after a column header before any row label (their labels may follow). */
export const UNOWNED = -1;

export interface RowOccurrence {
  /** The row, or UNOWNED. */
  readonly row: number;
  readonly cells: readonly ValueCell[];
}

/** Shortest label beginning that may stand for a whole row label cut off by its numbers. */
const MIN_PREFIX = 3;
/** Only the end of a chunk can hold a cut-off label; looking further back only costs time. */
const PREFIX_WINDOW = 64;

interface Segment {
  readonly key: string;
  readonly lineStart: boolean;
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly entry: LabelEntry;
}

/** Chunks remembered per reader, and the longest remembered (in characters of their keys). */
const MEMO_ENTRIES = 4_096;
const MEMO_KEY_LIMIT = 400;

interface ChunkAnalysis {
  /** Labels found, in text order. */
  readonly matches: readonly Match[];
  /** A row label cut off at the end of the chunk. */
  readonly prefix: { readonly row: number; readonly start: number } | null;
  /** Nothing after the last label, or only a unit word, or a cut-off row label. */
  readonly resolved: boolean;
  /** The chunk begins with a label or a unit word (so a figure glued before it belongs to the row). */
  readonly startsWithLabel: boolean;
}

/** "件" alone, or "件" followed by a new word: the unit of the figure before it. */
function startsWithUnit(key: string, isBoundary: Uint8Array): boolean {
  for (const unit of UNIT_WORDS) if (key.startsWith(unit) && (key.length === unit.length || isBoundary[unit.length] === 1)) return true;
  return false;
}

export class TableReader {
  private readonly entries: readonly LabelEntry[];
  private readonly rowKeysByFirstChar = new Map<string, { key: string; row: number }[]>();

  constructor(private readonly spec: ReaderSpec) {
    this.entries = spec.entries;
    for (const entry of spec.entries) {
      if (entry.target.kind !== "row" || entry.key.length === 0) continue;
      const first = entry.key.charAt(0);
      const list = this.rowKeysByFirstChar.get(first) ?? [];
      list.push({ key: entry.key, row: entry.target.row });
      this.rowKeysByFirstChar.set(first, list);
    }
  }

  /** Characters that follow "无" inside a label ("无法提供", "无正当理由"): there "无" is not a mark. */
  labelFollowersOfNone(): Set<string> {
    const followers = new Set<string>();
    for (const entry of this.entries) {
      let at = entry.key.indexOf("无");
      while (at >= 0 && at + 1 < entry.key.length) {
        followers.add(entry.key.charAt(at + 1));
        at = entry.key.indexOf("无", at + 1);
      }
    }
    return followers;
  }

  read(tokens: readonly Token[]): TableReading {
    const rows: ValueCell[][][] = Array.from({ length: this.spec.rowCount }, () => []);
    const groups = new Map<string, ValueCell[][]>();
    const headerColumns: string[] = [];
    const sequence: (RowOccurrence | null)[] = [];
    let foundRow = false;
    // Assigned inside processChunk; the assertion keeps TypeScript from narrowing it to null here.
    let owner = null as ValueCell[] | null;

    // Right after a column header, figures that no label owns yet may be bare rows whose labels follow.
    let afterHeader = false;
    const interrupt = (): void => {
      afterHeader = false;
      if (sequence[sequence.length - 1] !== null) sequence.push(null);
    };
    const openRow = (row: number): ValueCell[] => {
      const occurrence: ValueCell[] = [];
      rows[row]?.push(occurrence);
      sequence.push({ row, cells: occurrence });
      ownerIsRow = true;
      afterHeader = false;
      foundRow = true;
      return occurrence;
    };
    // A group's label between two rows ("（三）不予公开" before its first item) leaves the rows in order; figures
    // the group itself takes do not.
    let ownerIsRow = false;
    const openGroup = (group: string): ValueCell[] => {
      ownerIsRow = false;
      afterHeader = false;
      const occurrence: ValueCell[] = [];
      const list = groups.get(group) ?? [];
      list.push(occurrence);
      groups.set(group, list);
      return occurrence;
    };

    // A figure glued to the text after it ("0（七）总计", "02.其他…", "514件") belongs to the row before only when
    // that text is a label or a unit; otherwise it is the start of a sentence ("2023年，…") and is taken back.
    let glued: { owner: ValueCell[]; index: number } | null = null;
    let segments: Segment[] = [];
    const processChunk = (): void => {
      if (segments.length === 0) return;
      const chunk = this.analyse(segments);
      segments = [];
      if (glued !== null && !chunk.startsWithLabel) glued.owner.splice(glued.index, 1);
      glued = null;
      let header = false;
      for (const match of chunk.matches) {
        const target = match.entry.target;
        switch (target.kind) {
          case "row":
            owner = openRow(target.row);
            break;
          case "group":
            owner = openGroup(target.group);
            break;
          case "header":
            // A merged label ("三、本年度办理结果") or a header repeated on a new page leaves the rows in order.
            if (!foundRow) interrupt();
            if (!foundRow && target.column !== null) headerColumns.push(target.column);
            header = true;
            owner = this.spec.headerOpensRow === null ? null : openRow(this.spec.headerOpensRow);
            afterHeader = owner === null;
            break;
          case "foreign":
            interrupt();
            owner = null;
            break;
          case "subtotal":
            if (foundRow) {
              owner = openGroup("subtotal");
            } else {
              interrupt();
              headerColumns.push("小计");
              owner = null;
              afterHeader = true;
            }
            break;
        }
      }
      if (chunk.prefix !== null) owner = openRow(chunk.prefix.row);
      // Header words broken apart ("结果\n维持" laid out in columns) leave pieces after 表四's header: its data
      // row still follows the header.
      else if (!chunk.resolved && !(header && this.spec.headerOpensRow !== null)) {
        interrupt();
        owner = null;
      }
    };

    for (const token of tokens) {
      if (token.kind === "text") {
        segments.push({ key: token.key, lineStart: token.lineStart === true });
        continue;
      }
      processChunk();
      if (owner === null && afterHeader) {
        const unowned: ValueCell[] = [];
        sequence.push({ row: UNOWNED, cells: unowned });
        owner = unowned;
        ownerIsRow = true;
        afterHeader = false;
      }
      if (owner === null) {
        // A figure that no label owns: whatever follows is not in the order of the rows before it.
        interrupt();
        continue;
      }
      if (!ownerIsRow) interrupt();
      owner.push(token.cell);
      glued = token.glued === true ? { owner, index: owner.length - 1 } : null;
    }
    processChunk();
    return { rows, groups, headerColumns, foundRow, sequence };
  }

  /**
   * Analyses of chunks seen before, by their segments: the same label texts recur in every report of a set
   * (an audit reads thousands). Bounded: short chunks only, and forgotten all at once when full.
   */
  private readonly seen = new Map<string, ChunkAnalysis>();

  /** The chunk's labels; if that leaves it unreadable, again without the pieces of merged labels in it. */
  private analyse(segments: readonly Segment[]): ChunkAnalysis {
    let memo = "";
    for (const segment of segments) {
      memo += `${segment.lineStart ? "\u0002" : "\u0001"}${segment.key}`;
      if (memo.length > MEMO_KEY_LIMIT) break;
    }
    if (memo.length > MEMO_KEY_LIMIT) return this.analyseAgain(segments);
    const known = this.seen.get(memo);
    if (known !== undefined) return known;
    const analysis = this.analyseAgain(segments);
    if (this.seen.size >= MEMO_ENTRIES) this.seen.clear();
    this.seen.set(memo, analysis);
    return analysis;
  }

  private analyseAgain(segments: readonly Segment[]): ChunkAnalysis {
    const plain = this.analyseKey(segments);
    if (plain.resolved || this.spec.mergedLabels.length === 0) return plain;
    const cleaned = this.withoutMergedPieces(segments);
    if (cleaned.length === segments.length || cleaned.length === 0) return plain;
    const second = this.analyseKey(cleaned);
    return second.resolved ? { ...second, startsWithLabel: plain.startsWithLabel || second.startsWithLabel } : plain;
  }

  private isMergedPiece(text: string): boolean {
    return this.spec.mergedLabels.some((label) => label.includes(text));
  }

  /** Drops, at each line start, the longest run of segments that is a piece of a merged label. */
  private withoutMergedPieces(segments: readonly Segment[]): Segment[] {
    const kept: Segment[] = [];
    let i = 0;
    while (i < segments.length) {
      const segment = segments[i];
      if (segment === undefined) break;
      if (!segment.lineStart || !this.isMergedPiece(segment.key)) {
        kept.push(segment);
        i += 1;
        continue;
      }
      let run = segment.key;
      let j = i + 1;
      for (let next = segments[j]; next !== undefined && !next.lineStart && this.isMergedPiece(run + next.key); next = segments[j]) {
        run += next.key;
        j += 1;
      }
      i = j;
    }
    return kept;
  }

  private analyseKey(segments: readonly Segment[]): ChunkAnalysis {
    let key = "";
    const boundary: number[] = [];
    for (const segment of segments) {
      boundary.push(key.length);
      key += segment.key;
    }
    const isBoundary = new Uint8Array(key.length + 1);
    for (const at of boundary) isBoundary[at] = 1;

    const candidates: Match[] = [];
    for (const entry of this.entries) {
      if (entry.key.length === 0 || entry.key.length > key.length) continue;
      let at = key.indexOf(entry.key);
      while (at >= 0) {
        candidates.push({ start: at, end: at + entry.key.length, entry });
        at = key.indexOf(entry.key, at + 1);
      }
    }
    const isEnd = new Uint8Array(key.length + 1);
    for (const candidate of candidates) isEnd[candidate.end] = 1;
    const accepted = candidates.filter((c) => !c.entry.strict || isBoundary[c.start] === 1 || isEnd[c.start] === 1);
    // Longest labels first: "3其他" over the header "其他", "七总计" over "总计".
    accepted.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const covered = new Uint8Array(key.length);
    const matches: Match[] = [];
    for (const candidate of accepted) {
      let free = true;
      for (let i = candidate.start; i < candidate.end && free; i += 1) if (covered[i] === 1) free = false;
      if (!free) continue;
      for (let i = candidate.start; i < candidate.end; i += 1) covered[i] = 1;
      matches.push(candidate);
    }
    matches.sort((a, b) => a.start - b.start);
    const last = matches[matches.length - 1];
    const remainder = key.slice(last?.end ?? 0);
    // A cut-off label may also extend a shorter label found at its start ("（二）部分公开（区分处理的，只计这一").
    const prefix = remainder.length > 0 ? this.prefixRow(key, last?.start ?? 0, isBoundary) : null;
    const resolved = remainder.length === 0 || UNIT_WORDS.has(remainder) || prefix !== null;
    const startsWithLabel = matches[0]?.start === 0 || prefix?.start === 0 || startsWithUnit(key, isBoundary);
    return { matches, prefix, resolved, startsWithLabel };
  }

  /** The row whose label begins at a boundary and runs to the end of the chunk, if exactly one row fits. */
  private prefixRow(key: string, from: number, isBoundary: Uint8Array): { row: number; start: number } | null {
    const start = Math.max(from, key.length - PREFIX_WINDOW);
    for (let p = start; p <= key.length - MIN_PREFIX; p += 1) {
      if (isBoundary[p] !== 1) continue;
      const candidates = this.rowKeysByFirstChar.get(key.charAt(p));
      if (!candidates) continue;
      const tail = key.slice(p);
      const rows = new Set<number>();
      for (const candidate of candidates) if (candidate.key.length > tail.length && candidate.key.startsWith(tail)) rows.add(candidate.row);
      const row = rows.size === 1 ? rows.values().next().value : undefined;
      if (row !== undefined) return { row, start: p };
      if (rows.size > 1) return null;
    }
    return null;
  }
}
