// The report's skeleton in its text: the title (agency and year) and the six top-level sections (spec §1,
// §4 E5, §5). Headings are recognised by their numeral and their key words, so the common variants are
// accepted ("五、政府信息公开工作存在的主要问题及改进情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼
// 情况") while numbered sub-headings inside a section ("一、存在的问题：" inside 五) are not headings.

import { isWhitespace } from "./normalize";

import type { SectionNumeral } from "../format";
import { SECTION_NUMERALS } from "../format";

export { SECTION_NUMERALS } from "../format";
export type { SectionNumeral } from "../format";

export interface Heading {
  /** 0 for 一 … 5 for 六. */
  readonly index: number;
  readonly line: number;
  /** Offset in the line where the section's own text starts (after "：" when the heading runs on). */
  readonly bodyOffset: number;
}

/** Longest heading text after the numeral; the longest real variant has about 30 characters. */
const MAX_HEADING = 40;

/** Markdown's heading, emphasis and quote marks around a heading, and how many of them are skipped. */
const HEADING_MARKUP = "#*_>";
const MAX_MARKUP = 8;

/** The text without whitespace (at most `limit` characters) and where each kept character was. */
function compact(text: string, limit = Infinity): { text: string; offsets: number[] } {
  let out = "";
  const offsets: number[] = [];
  for (let i = 0; i < text.length && out.length < limit; i += 1) {
    if (isWhitespace(text.charCodeAt(i))) continue;
    out += text[i];
    offsets.push(i);
  }
  return { text: out, offsets };
}

function hasAll(text: string, words: readonly string[]): boolean {
  return words.every((w) => text.includes(w));
}

function hasAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}

/** Whether the heading text (numeral and separator removed) names section `index`. */
function namesSection(index: number, text: string): boolean {
  switch (index) {
    case 0:
      return hasAny(text, ["总体情况", "概述", "总体概况"]);
    case 1:
      return text.includes("主动公开");
    case 2:
      return text.includes("申请") && hasAny(text, ["收到", "处理", "依申请"]);
    case 3:
      return hasAny(text, ["复议", "诉讼"]);
    case 4:
      return hasAny(text, ["问题", "改进"]);
    case 5:
      return (text.includes("其他") && hasAny(text, ["报告", "事项"])) || hasAll(text, ["需要报告", "事项"]);
    default:
      return false;
  }
}

/** The section a normalised line heads, if it is a top-level heading. */
function headingOf(line: string, lineNumber: number): Heading | null {
  // Enough characters to see the numeral, the heading and a colon after it; a longer line is no heading.
  const compacted = compact(line, 2 * MAX_HEADING + 4 + MAX_MARKUP);
  // Markdown conversions mark headings up ("## 三、…", "**三、…**", "> 三、…").
  let markup = 0;
  while (markup < MAX_MARKUP && HEADING_MARKUP.includes(compacted.text.charAt(markup))) markup += 1;
  const text = compacted.text.slice(markup);
  const offsets = compacted.offsets.slice(markup);
  if (text.length < 3) return null;
  const index = SECTION_NUMERALS.indexOf(text.charAt(0) as SectionNumeral);
  if (index < 0) return null;
  const separator = text.charAt(1);
  if (separator !== "、" && separator !== "." && separator !== "，" && separator !== ",") return null;
  let rest = text.slice(2);
  let bodyOffset = line.length;
  const colon = Math.min(...[rest.indexOf("："), rest.indexOf(":")].map((at) => (at < 0 ? Infinity : at)));
  if (Number.isFinite(colon) && colon <= MAX_HEADING) {
    const after = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (after.length > 0) bodyOffset = (offsets[2 + colon] ?? line.length - 1) + 1;
  }
  let end = rest.length;
  while (end > 0 && HEADING_MARKUP.includes(rest.charAt(end - 1))) end -= 1;
  rest = rest.slice(0, end);
  if (rest.length === 0 || rest.length > MAX_HEADING || rest.includes("。")) return null;
  return namesSection(index, rest) ? { index, line: lineNumber, bodyOffset } : null;
}

/**
 * The top-level headings, in order. A table of contents before the text would name every heading twice;
 * the last candidate of each numeral that still precedes the next chosen heading is taken.
 */
export function findHeadings(lines: readonly string[]): Heading[] {
  const candidates: Heading[][] = SECTION_NUMERALS.map(() => []);
  lines.forEach((line, number) => {
    const heading = headingOf(line, number);
    if (heading) candidates[heading.index]?.push(heading);
  });
  const chosen: Heading[] = [];
  let bound = Infinity;
  for (let index = SECTION_NUMERALS.length - 1; index >= 0; index -= 1) {
    const list = candidates[index] ?? [];
    let pick: Heading | null = null;
    for (const heading of list) if (heading.line < bound) pick = heading;
    if (pick) {
      chosen.unshift(pick);
      bound = pick.line;
    }
  }
  return chosen;
}

/** Lines looked at after a title for the heading 一 that begins its report (non-empty ones, and in all). */
const TITLE_TO_HEADING = 8;
const MAX_GAP = 200;

/**
 * Where further reports begin in one text (two reports pasted one after the other): a line that is a whole title —
 * agency, year and 「政府信息公开工作年度报告」 on one line, not a sentence — followed within a few lines by a
 * heading 一, after the first report's heading 一. The first report's own start is not listed.
 */
export function furtherReports(normalLines: readonly string[], originalLines: readonly string[]): number[] {
  const starts: number[] = [];
  let firstHeading = -1;
  for (let i = 0; i < normalLines.length; i += 1) {
    const line = normalLines[i] ?? "";
    if (headingOf(line, i)?.index === 0) {
      if (firstHeading < 0) firstHeading = i;
      continue;
    }
    if (firstHeading < 0 || line.length > 2 * MAX_TITLE || !TITLE_MARKS.some((mark) => line.includes(mark)) || /[。；;]/.test(line)) continue;
    const normal = compact(line, MAX_TITLE);
    const original = normal.offsets.map((at) => originalLines[i]?.charAt(at) ?? "").join("");
    const title = parseTitle(normal.text, original);
    if (title === null || title.agency === null || title.year === null) continue;
    for (let j = i + 1, seen = 0; j < Math.min(normalLines.length, i + 1 + MAX_GAP) && seen < TITLE_TO_HEADING; j += 1) {
      const next = normalLines[j] ?? "";
      if (next.trim().length === 0) continue;
      seen += 1;
      if (headingOf(next, j)?.index === 0) {
        starts.push(i);
        break;
      }
    }
  }
  return starts;
}

/** Longest title line looked at. */
const MAX_TITLE = 120;
const TITLE_MARKS = ["政府信息公开工作年度报告", "政府信息公开年度报告", "政务公开工作年度报告"];
const CHINESE_YEAR_DIGITS: Readonly<Record<string, string>> = {
  〇: "0", 零: "0", Ｏ: "0", O: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9",
};

export interface Title {
  readonly agency: string | null;
  readonly year: number | null;
}

function yearBefore(text: string, at: number): { year: number; start: number } | null {
  // `at` is the index of "年"; four digits (ASCII or written 二〇二三) end right before it.
  if (at < 4) return null;
  let digits = "";
  for (let i = at - 4; i < at; i += 1) {
    const ch = text.charAt(i);
    if (ch >= "0" && ch <= "9") digits += ch;
    else if (CHINESE_YEAR_DIGITS[ch] !== undefined) digits += CHINESE_YEAR_DIGITS[ch];
    else return null;
  }
  if (at >= 5) {
    const before = text.charAt(at - 5);
    if (before >= "0" && before <= "9") return null;
  }
  const year = Number(digits);
  return year >= 1990 && year <= 2100 ? { year, start: at - 4 } : null;
}

/** Labels a site prints before a title ("标题：…"), compared without whitespace. */
const TITLE_LABELS = ["文章标题", "信息名称", "文件名称", "公开标题", "标题", "题目", "名称", "主题"];
const OPENERS = ["《", "“", "【", "「", "\"", "#", "*", "＃"];
const CLOSERS = ["关于", "的", "》", "”", "】", "」", "\"", "*"];
const NOTE_PAIRS: readonly (readonly [string, string])[] = [
  ["（", "）"],
  ["(", ")"],
];

function cleanAgency(text: string): string | null {
  let agency = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const label of TITLE_LABELS) {
      for (const colon of ["：", ":"]) {
        if (agency.startsWith(label + colon)) {
          agency = agency.slice(label.length + 1).trim();
          changed = true;
        }
      }
    }
    for (const junk of OPENERS) {
      if (agency.startsWith(junk)) {
        agency = agency.slice(junk.length).trim();
        changed = true;
      }
    }
    for (const junk of CLOSERS) {
      if (agency.endsWith(junk)) {
        agency = agency.slice(0, -junk.length).trim();
        changed = true;
      }
    }
    // A note after the name ("某某区教育局（本级）"): the name is what stands before it.
    for (const [open, close] of NOTE_PAIRS) {
      const at = agency.lastIndexOf(open);
      if (at > 0 && agency.endsWith(close)) {
        agency = agency.slice(0, at).trim();
        changed = true;
      }
    }
  }
  return agency.length > 0 && agency.length <= 40 ? agency : null;
}

/** Agency and year from a title such as "北关区教育局2023年政府信息公开工作年度报告" (either order). */
function parseTitle(normal: string, original: string): Title | null {
  const mark = TITLE_MARKS.map((m) => normal.indexOf(m)).find((at) => at >= 0);
  if (mark === undefined) return null;
  // A sentence that names the report ("……特发布《某某局2023年度政府信息公开工作年度报告》"): the name is in the quotes.
  const quote = normal.lastIndexOf("《", mark);
  if (quote > 0) return parseTitle(normal.slice(quote), original.slice(quote));
  const head = normal.slice(0, mark);
  let yearAt = -1;
  let year: number | null = null;
  let yearStart = -1;
  for (let at = head.indexOf("年"); at >= 0; at = head.indexOf("年", at + 1)) {
    const found = yearBefore(head, at);
    if (found) {
      yearAt = at;
      year = found.year;
      yearStart = found.start;
    }
  }
  if (year === null) return { agency: cleanAgency(original.slice(0, mark)), year: null };
  let agency = cleanAgency(original.slice(0, yearStart));
  if (agency === null) {
    let after = yearAt + 1;
    if (head.charAt(after) === "度") after += 1;
    agency = cleanAgency(original.slice(after, mark));
  }
  return { agency, year };
}

/** The title among the lines before the first heading; a title wrapped over two lines is joined. */
export function findTitle(normalLines: readonly string[], originalLines: readonly string[], end: number, pageTitle: string | null = null): Title {
  const fromLines = titleInLines(normalLines, originalLines, Math.min(end, normalLines.length, 60));
  if (fromLines.agency !== null && fromLines.year !== null) return fromLines;
  // The page's <title> ("某某局2023年度政府信息公开工作年度报告_某某市人民政府门户网站") fills what the text lacks.
  const fromPage = pageTitle === null ? null : titleOfPage(pageTitle);
  const fromOpening = titleInLines(normalLines.slice(end), originalLines.slice(end), OPENING_LINES);
  return {
    agency: fromLines.agency ?? fromPage?.agency ?? fromOpening.agency,
    year: fromLines.year ?? fromPage?.year ?? fromOpening.year,
  };
}

/** Lines after the first heading searched for a sentence that names the report. */
const OPENING_LINES = 8;
const PAGE_TITLE_SEPARATORS = ["_", "|", "｜", " - ", " — ", "－", "——"];

function titleOfPage(pageTitle: string): Title | null {
  let parts = [pageTitle.slice(0, 4 * MAX_TITLE)];
  for (const separator of PAGE_TITLE_SEPARATORS) parts = parts.flatMap((part) => part.split(separator));
  for (const part of parts) {
    const normal = compact(part, MAX_TITLE);
    const original = normal.offsets.map((at) => part.charAt(at)).join("");
    const title = parseTitle(normal.text, original);
    if (title !== null) return title;
  }
  return null;
}

function titleInLines(normalLines: readonly string[], originalLines: readonly string[], limit: number): Title {
  let previous: { normal: string; original: string } | null = null;
  let partial: Title | null = null;
  for (let i = 0; i < Math.min(limit, normalLines.length); i += 1) {
    const normal = compact(normalLines[i] ?? "", MAX_TITLE);
    if (normal.text.length === 0) continue;
    const original = normal.offsets.map((at) => originalLines[i]?.charAt(at) ?? "").join("");
    const alone = parseTitle(normal.text, original);
    if (alone && alone.agency !== null && alone.year !== null) return alone;
    const joined = previous ? parseTitle(previous.normal + normal.text, previous.original + original) : null;
    if (joined && joined.agency !== null && joined.year !== null) return joined;
    partial ??= alone ?? joined;
    previous = { normal: normal.text, original };
  }
  return partial ?? { agency: null, year: null };
}
