// Tokens of table text as real extractions deliver it: space-, tab- or pipe-separated rows, one cell per
// line, labels wrapped over lines, numbers glued to the next row's label ("0 02.其他…" is 0, then item 2).
//
// A line becomes a flat list of tokens:
//   text   a run of label characters (labelKey form); a run starts at a word start or after punctuation
//   value  a cell's content: a number, a mark such as "/" or "—", or (in tab/pipe rows only) a blank cell
// Every scan is a single pass over the characters; no regular expression can backtrack.

import { isKeyChar, isWhitespace } from "./normalize";

export type ValueCell =
  | { readonly kind: "number"; readonly value: number; readonly raw: string }
  | { readonly kind: "mark"; readonly raw: string }
  | { readonly kind: "blank" };

export type Token =
  /** `lineStart`: the first token of its line (merged label cells interleave there, see TableReader). */
  | { readonly kind: "text"; readonly key: string; readonly lineStart?: boolean }
  /** `glued`: text follows in the same word ("2023年", "02.其他"); see TableReader. */
  | { readonly kind: "value"; readonly cell: ValueCell; readonly glued?: boolean };

/** Whole words that stand for "no figure" in a cell (spec §4 E2: blanks and marks instead of 0). */
const MARKS: ReadonlySet<string> = new Set(["/", "\\", "-", "--", "—", "——", "–", "―", "─", "×", "无", "N/A", "n/a", "NA", "空"]);

/** Label words printed after a number in a cell ("5件", "70.3万元"): the number stays the cell's value. */
export const UNIT_WORDS: ReadonlySet<string> = new Set(["件", "件次", "万元", "元", "个", "条", "项", "次", "宗", "份", "人次", "人", "单位件", "单位万元", "单位元"]);

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function digitAt(text: string, index: number): boolean {
  return index < text.length && isDigit(text.charCodeAt(index));
}

interface NumberLiteral {
  readonly end: number;
  readonly raw: string;
  readonly value: number;
  /** Digits only: no sign, separator, fraction or exponent (the only form an item number "1." can take). */
  readonly plainInteger: boolean;
}

/** Reads -12, 1,234, 70.319, 1.0074845E7 starting at `start` (a digit or a "-" before a digit). */
function readNumber(word: string, start: number): NumberLiteral {
  let j = start;
  let negative = false;
  if (word[j] === "-") {
    negative = true;
    j += 1;
  }
  const digitsStart = j;
  while (digitAt(word, j)) j += 1;
  let digits = word.slice(digitsStart, j);
  let plainInteger = !negative;
  // Thousands separators: 1,234 or 12,345,678 (groups of exactly three digits).
  if (digits.length <= 3) {
    while (word[j] === "," && digitAt(word, j + 1) && digitAt(word, j + 2) && digitAt(word, j + 3) && !digitAt(word, j + 4)) {
      digits += word.slice(j + 1, j + 4);
      j += 4;
      plainInteger = false;
    }
  }
  let literal = digits;
  if (word[j] === "." && digitAt(word, j + 1)) {
    const fractionStart = j;
    j += 1;
    while (digitAt(word, j)) j += 1;
    literal += word.slice(fractionStart, j);
    plainInteger = false;
  }
  if (word[j] === "e" || word[j] === "E") {
    const sign = word[j + 1] === "+" || word[j + 1] === "-" ? 1 : 0;
    if (digitAt(word, j + 1 + sign)) {
      const exponentStart = j;
      j += 1 + sign;
      while (digitAt(word, j)) j += 1;
      literal += word.slice(exponentStart, j);
      plainInteger = false;
    }
  }
  const value = Number(literal) * (negative ? -1 : 1);
  return { end: j, raw: word.slice(start, j), value: value === 0 ? 0 : value, plainInteger };
}

const OUTLINE_NUMERALS = "一二三四五六七八九十";

/** "（二）", "(二)" or "三、" at `at`. */
function opensOutlineItem(word: string, at: number): boolean {
  const first = word.charAt(at);
  if (first === "（" || first === "(") return OUTLINE_NUMERALS.includes(word.charAt(at + 1)) && word.charAt(at + 1) !== "" && (word.charAt(at + 2) === "）" || word.charAt(at + 2) === ")");
  return first !== "" && OUTLINE_NUMERALS.includes(first) && word.charAt(at + 1) === "、";
}

function pushValue(out: Token[], cell: ValueCell, glued = false): void {
  out.push(glued ? { kind: "value", cell, glued } : { kind: "value", cell });
}

/** Tokens of one whitespace-free word. */
function tokenizeWord(word: string, out: Token[]): void {
  if (MARKS.has(word)) {
    pushValue(out, { kind: "mark", raw: word });
    return;
  }
  let segment = "";
  const flush = (): void => {
    if (segment.length > 0) out.push({ kind: "text", key: segment });
    segment = "";
  };
  let i = 0;
  while (i < word.length) {
    const code = word.charCodeAt(i);
    const startsNumber = isDigit(code) || (code === 0x2d && i === 0 && digitAt(word, 1));
    if (startsNumber) {
      flush();
      const literal = readNumber(word, i);
      const next = word[literal.end];
      const lastDigit = literal.raw.charCodeAt(literal.raw.length - 1);
      const itemMarker =
        literal.plainInteger &&
        (next === "." || next === "、") &&
        !digitAt(word, literal.end + 1) &&
        lastDigit > DIGIT_0 &&
        lastDigit <= DIGIT_9;
      if (itemMarker) {
        // "1.属于国家秘密", and "02.其他…" where a row's last figure 0 is glued to item 2 (items are 1–8).
        if (literal.raw.length > 1) {
          const figure = literal.raw.slice(0, -1);
          pushValue(out, { kind: "number", value: Number(figure), raw: figure }, true);
        }
        out.push({ kind: "text", key: String.fromCharCode(lastDigit) });
        i = literal.end + 1;
        continue;
      }
      // An outline number right after the figure ("3210.5（二）", "70.3三、") opens the next item: the figure
      // ends its row whatever the item is.
      const glued = !opensOutlineItem(word, literal.end) && ((literal.end < word.length && isKeyChar(word.charCodeAt(literal.end))) || next === "（" || next === "(");
      if (Number.isFinite(literal.value)) pushValue(out, { kind: "number", value: literal.value, raw: literal.raw }, glued);
      else pushValue(out, { kind: "mark", raw: literal.raw }, glued);
      i = literal.end;
      continue;
    }
    // "（1）" / "(1)" item numbers.
    if ((code === 0xff08 || code === 0x28) && digitAt(word, i + 1) && (word[i + 2] === "）" || word[i + 2] === ")")) {
      flush();
      out.push({ kind: "text", key: word.charAt(i + 1) });
      i += 3;
      continue;
    }
    if (isKeyChar(code)) segment += word.charAt(i);
    else flush();
    i += 1;
  }
  flush();
}

/** Tokens of one cell (or a whole line when the line has no tab or pipe). */
function tokenizeCell(cell: string, out: Token[]): void {
  let start = -1;
  for (let i = 0; i <= cell.length; i += 1) {
    const space = i === cell.length || isWhitespace(cell.charCodeAt(i));
    if (space) {
      if (start >= 0) tokenizeWord(cell.slice(start, i), out);
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
}

const RULE_CHARS = "|+:-=─━┼├┤┌┐└┘┬┴";

/** Longest page-number line ("第12页共15页"); longer lines are checked for table rules only. */
const MAX_PAGE_NUMBER = 14;

/** Page numbers ("- 3 -", "第3页", "第3页共5页") and drawn table rules ("|---|---|") carry no cells. */
function isNoiseLine(line: string): boolean {
  let compact = "";
  let ruleOnly = true;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    if (isWhitespace(code)) continue;
    if (!RULE_CHARS.includes(line.charAt(i))) {
      ruleOnly = false;
      if (compact.length >= MAX_PAGE_NUMBER) return false;
    }
    if (compact.length <= MAX_PAGE_NUMBER) compact += line.charAt(i);
  }
  if (compact.length === 0) return true;
  if (ruleOnly) return line.includes("---") || line.includes("===") || line.includes("───") || line.includes("━━━");
  if (compact.length > MAX_PAGE_NUMBER) return false;
  const dashes = "-—–";
  let a = 0;
  while (a < compact.length && dashes.includes(compact.charAt(a))) a += 1;
  let b = compact.length;
  while (b > a && dashes.includes(compact.charAt(b - 1))) b -= 1;
  const middle = compact.slice(a, b);
  if (a > 0 && b < compact.length && middle.length > 0 && middle.length <= 4 && [...middle].every((ch) => isDigit(ch.charCodeAt(0)))) return true;
  if (compact.startsWith("第") && compact.includes("页")) {
    const inner = compact.replace(/[第页共,，/]/g, "");
    return inner.length > 0 && inner.length <= 8 && [...inner].every((ch) => isDigit(ch.charCodeAt(0)));
  }
  return false;
}

/** Longest bare page number ("12"). */
const MAX_BARE_PAGE_NUMBER = 4;
/** Longest cell of a placeholder header ("Unnamed: 12"). */
const MAX_PLACEHOLDER = 16;
const PLACEHOLDER_WORDS = ["unnamed:", "unnamed", "column", "col_", "col", "列", "字段", "field"];

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i += 1) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isBareNumber(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= MAX_BARE_PAGE_NUMBER && isDigits(trimmed);
}

function isPipeRow(line: string): boolean {
  return line.trimStart().startsWith("|");
}

/** "|---|:--:|": the line under a Markdown table's header row. */
function isHeaderRule(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.startsWith("|") || !trimmed.includes("-")) return false;
  for (let i = 0; i < trimmed.length; i += 1) if (!"|-: ".includes(trimmed.charAt(i))) return false;
  return true;
}

/** A converter's made-up column name: "Column1", "Unnamed: 0", "col_2", "列3". */
function isPlaceholderName(cell: string): boolean {
  const lower = cell.toLowerCase();
  for (const word of PLACEHOLDER_WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = lower.slice(word.length).trim();
    if (isDigits(rest)) return true;
  }
  return false;
}

/**
 * A header row a converter made up for a Markdown table (the first line of a table is always its header):
 * blank cells, made-up names, or the column numbers 0, 1, 2 … or 1, 2, 3 …. No row of the three tables is
 * such a run of numbers and adds up.
 */
function isPlaceholderHeader(line: string): boolean {
  if (line.length > MAX_PLACEHOLDER * 40) return false;
  const cells = line.trim().split("|").slice(1, -1).map((cell) => cell.trim());
  let next: number | null = null;
  let numbers = 0;
  for (const cell of cells) {
    if (cell.length === 0) continue;
    if (cell.length > MAX_PLACEHOLDER) return false;
    if (isPlaceholderName(cell)) continue;
    if (!isDigits(cell)) return false;
    const value = Number(cell);
    if (next === null ? value > 1 : value !== next) return false;
    next = value + 1;
    numbers += 1;
  }
  return numbers !== 1;
}

/**
 * Lines of `lines[start, end)` that carry no cell of a Markdown table: a bare page number between two of its
 * rows ("| … |", "", "12", "", "| … |" — a converter keeps every table row on one pipe line), and a header
 * row made up by the converter. Figures outside pipe tables are never taken for page numbers.
 */
export function markdownNoiseLines(lines: readonly string[], start: number, end: number): Set<number> {
  const found = new Set<number>();
  const candidates: number[] = [];
  let previousIsPipe = false;
  let previous = -1;
  for (let i = start; i < end; i += 1) {
    const line = lines[i] ?? "";
    if (line.trim().length === 0) continue;
    if (isBareNumber(line)) {
      if (previousIsPipe) candidates.push(i);
      continue;
    }
    const pipe = isPipeRow(line);
    if (pipe) for (const candidate of candidates) found.add(candidate);
    candidates.length = 0;
    if (isHeaderRule(line) && previous >= 0 && isPipeRow(lines[previous] ?? "") && isPlaceholderHeader(lines[previous] ?? "")) found.add(previous);
    previousIsPipe = pipe;
    previous = i;
  }
  return found;
}

function isValueCellStart(tokens: readonly Token[], from: number): boolean {
  return from < tokens.length && tokens[from]?.kind === "value";
}

/**
 * Tokens of one normalised line. In tab- or pipe-separated lines an empty cell between two value cells is a
 * blank cell; empty cells before the first or after the last value cell are label columns or padding.
 */
export function tokenizeLine(line: string, out: Token[]): void {
  const first = out.length;
  tokenizeLineCells(line, out);
  const token = out[first];
  if (token?.kind === "text") out[first] = { kind: "text", key: token.key, lineStart: true };
}

function tokenizeLineCells(line: string, out: Token[]): void {
  if (isNoiseLine(line)) return;
  let structured = false;
  for (let i = 0; i < line.length && !structured; i += 1) {
    const code = line.charCodeAt(i);
    if (code === 0x09 || code === 0x7c) structured = true;
  }
  if (!structured) {
    tokenizeCell(line, out);
    return;
  }
  const cells: { tokens: Token[]; isValue: boolean; isEmpty: boolean }[] = [];
  let start = 0;
  for (let i = 0; i <= line.length; i += 1) {
    const code = i === line.length ? -1 : line.charCodeAt(i);
    if (code === -1 || code === 0x09 || code === 0x7c) {
      const tokens: Token[] = [];
      tokenizeCell(line.slice(start, i), tokens);
      cells.push({ tokens, isValue: isValueCellStart(tokens, 0), isEmpty: tokens.length === 0 });
      start = i + 1;
    }
  }
  let first = -1;
  let last = -1;
  cells.forEach((cell, index) => {
    if (cell.isValue) {
      if (first < 0) first = index;
      last = index;
    }
  });
  cells.forEach((cell, index) => {
    if (cell.isEmpty && index > first && index < last) out.push({ kind: "value", cell: { kind: "blank" } });
    else for (const token of cell.tokens) out.push(token);
  });
}

/**
 * A standalone "无" is a mark ("none") unless it is the first character of a label broken after it, such as
 * "（四）无\n法提供": then the next text continues with one of `labelFollowers`.
 */
export function resolveStandaloneNone(tokens: Token[], labelFollowers: ReadonlySet<string>): void {
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token?.kind !== "value" || token.cell.kind !== "mark" || token.cell.raw !== "无") continue;
    const next = tokens[i + 1];
    if (next?.kind === "text" && labelFollowers.has(next.key.charAt(0))) tokens[i] = { kind: "text", key: "无" };
  }
}
