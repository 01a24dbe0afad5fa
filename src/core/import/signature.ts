// The signature block that ends a published report: the agency's name on one line and the date under it
// (「北关区教育局」「2024年1月15日」), the date in Arabic or Chinese numerals (「二〇二四年一月十五日」), or both on
// one line. It is taken off the last section's text, so that it is not read as part of 六, and checked by the
// text rules against the title (T-SIGN-DATE, T-SIGN-AGENCY).

import type { PrintedDate, Signature } from "../rules";
import { isWhitespace } from "./normalize";

/** How many non-empty lines at the end are searched for the date (page furniture may follow it). */
const TAIL_LINES = 6;
/** The longest agency line of a signature. */
const MAX_AGENCY = 40;

const CHINESE_DIGITS: Readonly<Record<string, number>> = Object.fromEntries(
  [..."〇一二三四五六七八九"].map((ch, digit) => [ch, digit] as const).concat([["○", 0], ["零", 0], ["Ｏ", 0], ["O", 0]]),
);

/** 「十五」 → 15, 「二十一」 → 21, 「三」 → 3, 「15」 → 15; null for anything else. */
function smallNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const ten = text.indexOf("十");
  if (ten < 0) return text.length === 1 ? (CHINESE_DIGITS[text] ?? null) : null;
  if (text.indexOf("十", ten + 1) >= 0) return null;
  const tens = ten === 0 ? 1 : text.length > 0 && ten === 1 ? (CHINESE_DIGITS[text.charAt(0)] ?? null) : null;
  const rest = text.slice(ten + 1);
  const ones = rest.length === 0 ? 0 : rest.length === 1 ? (CHINESE_DIGITS[rest] ?? null) : null;
  return tens === null || ones === null || tens === 0 ? null : tens * 10 + ones;
}

/** 「2024」 or 「二〇二四」 → 2024. */
function yearNumber(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (text.length !== 4) return null;
  let year = 0;
  for (const ch of text) {
    const digit = CHINESE_DIGITS[ch];
    if (digit === undefined) return null;
    year = year * 10 + digit;
  }
  return year;
}

function validDate(year: number | null, month: number | null, day: number | null): PrintedDate | null {
  if (year === null || month === null || day === null) return null;
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > days ? null : { year, month, day };
}

const YEAR_MONTH_DAY = /^(.*?)(\d{4}|[〇○零ＯO一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$/;
const NUMERIC_DATE = /^(.*?)(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/;

/** A line that is a date, possibly after the agency's name: the name before it and the date; else null. */
export function dateLine(line: string): { before: string; date: PrintedDate } | null {
  let compact = "";
  for (let i = 0; i < line.length && compact.length <= 2 * MAX_AGENCY + 20; i += 1) if (!isWhitespace(line.charCodeAt(i))) compact += line[i];
  if (compact.length === 0 || compact.length > 2 * MAX_AGENCY + 20) return null;
  const half = compact.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const match = YEAR_MONTH_DAY.exec(half) ?? NUMERIC_DATE.exec(half);
  if (match === null) return null;
  const date = validDate(yearNumber(match[2] ?? ""), smallNumber(match[3] ?? ""), smallNumber(match[4] ?? ""));
  return date === null ? null : { before: match[1] ?? "", date };
}

/** How the names of agencies end (局, 委员会, 人民政府, 办事处, 管委会, 中心 …); 「特此报告」 is no agency. */
const AGENCY_END = /[局委办厅部院府会心室处所站馆署司队校镇乡区县市省社团]$/;

/** A line that can be the agency's name in a signature: short, no sentence punctuation, an agency's ending. */
function agencyLine(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  return compact.length >= 2 && compact.length <= MAX_AGENCY && !/[。，；：,;:！？!?“”"、|]/.test(compact) && !/^[\d（(]/.test(compact) && AGENCY_END.test(compact);
}

/**
 * The signature at the end of a text and the text without it. The date is a line of its own among the last
 * lines; the agency's name is the line before it (or before the date on the same line) when it looks like one.
 */
export function splitSignature(text: string): { body: string; signature: Signature | null } {
  const lines = text.split("\n");
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < TAIL_LINES; i -= 1) {
    const line = lines[i] ?? "";
    if (line.trim().length === 0) continue;
    seen += 1;
    const found = dateLine(line);
    if (found === null) continue;
    let agency: string | null = null;
    let first = i;
    if (found.before.length > 0) {
      if (!agencyLine(found.before)) continue; // a sentence ending in a date is no signature
      agency = found.before;
    } else {
      let above = i - 1;
      while (above >= 0 && (lines[above] ?? "").trim().length === 0) above -= 1;
      const candidate = (lines[above] ?? "").trim();
      if (above >= 0 && agencyLine(candidate)) {
        agency = candidate.replace(/\s+/g, "");
        first = above;
      }
    }
    const printed = lines
      .slice(first, i + 1)
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .join(" ");
    // What follows the date (a note, the page's furniture) stays in the text.
    const body = [...lines.slice(0, first), ...lines.slice(i + 1)].join("\n").trim();
    return { body, signature: { agency, date: found.date, text: printed } };
  }
  return { body: text, signature: null };
}
