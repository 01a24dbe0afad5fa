// The input boundary (spec §1 general cell rules, §4 E6/E10): raw cell content → typed value + problems.
// Every departure from "a plain non-negative number" gets its own problem code, so the message can tell the
// user exactly what is wrong with the cell and what to type instead. Text is never converted into a number.

import type { CellKind } from "../format";
import type { CellValue, InputProblem, RawCell, TypedCell } from "./cell-value";
import { dateOfText } from "./dates";

const NOT_APPLICABLE_MARKS = new Set(["/", "／", "\\", "—", "——", "-", "－", "–", "―", "─", "无", "不适用", "N/A", "n/a", "NA", "×"]);

const UNIT_SUFFIX = /^(.*?)\s*(万元|元|件次|件|个|条|项|次|宗|份|人次|人)$/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/;
const SCIENTIFIC = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/;
const FULL_WIDTH = /[０-９．，－＋]/;
const CHINESE_DIGIT_VALUE: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** Financial (大写) forms map to the ordinary ones before parsing. */
const CHINESE_CAPITALS: Readonly<Record<string, string>> = {
  壹: "一", 贰: "二", 叁: "三", 肆: "四", 伍: "五", 陆: "六", 柒: "七", 捌: "八", 玖: "九", 拾: "十", 佰: "百", 仟: "千",
};
/** One section below 万 in the usual written form: 三千零五, 一百二十, 十二, 八. */
const CHINESE_SECTION = /^(?:([一二两三四五六七八九])千)?(?:零?([一二两三四五六七八九])百)?(?:零?([一二两三四五六七八九])?十)?(?:零?([一二三四五六七八九]))?$/;

function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－＋]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function parseChineseSection(section: string): number | null {
  if (section.length === 0) return null;
  const match = CHINESE_SECTION.exec(section);
  if (!match) return null;
  const [, thousands, hundreds, tens, ones] = match;
  const digit = (ch: string | undefined): number => (ch === undefined ? 0 : (CHINESE_DIGIT_VALUE[ch] ?? 0));
  const hasTen = section.includes("十");
  return digit(thousands) * 1000 + digit(hundreds) * 100 + (hasTen ? (tens === undefined ? 1 : digit(tens)) * 10 : 0) + digit(ones);
}

/**
 * Parses Chinese numerals below 一亿 as they are written in official text (八, 十二, 一百零五, 三万二千, 零);
 * anything else (一二三, 五五, 万, 一万万) is not a numeral and gives null.
 */
export function parseChineseNumeral(text: string): number | null {
  const normal = [...text].map((ch) => CHINESE_CAPITALS[ch] ?? ch).join("").replace(/〇/g, "零");
  if (normal === "零") return 0;
  const parts = normal.split("万");
  if (parts.length > 2) return null;
  if (parts.length === 1) return parseChineseSection(normal);
  const high = parseChineseSection(parts[0] ?? "");
  if (high === null) return null;
  const lowText = parts[1] ?? "";
  if (lowText === "") return high * 10_000;
  const low = parseChineseSection(lowText.replace(/^零/, ""));
  return low === null ? null : high * 10_000 + low;
}

function numberProblems(value: number, kind: CellKind): InputProblem[] {
  const problems: InputProblem[] = [];
  if (value < 0) problems.push({ code: "negative" });
  if (kind === "count" && !Number.isInteger(value)) problems.push({ code: "decimalInCount" });
  return problems;
}

/** Reads text that looks numeric but is not a plain number; returns the problems and the meant number. */
function analyseText(raw: string, kind: CellKind): { problems: InputProblem[]; suggestion: number | null } {
  const problems: InputProblem[] = [];
  let text = raw;
  if (text.trim().length === 0) return { problems: [{ code: "onlySpaces" }], suggestion: null };
  if (text !== text.trim()) {
    problems.push({ code: "surroundingSpaces" });
    text = text.trim();
  }
  if (NOT_APPLICABLE_MARKS.has(text)) return { problems: [...problems, { code: "notApplicableMark" }], suggestion: null };

  if (FULL_WIDTH.test(text)) {
    problems.push({ code: "fullWidthDigits" });
    text = toHalfWidth(text);
  }
  let scale = 1;
  let unitProblem: InputProblem | null = null;
  let unitAt = 0;
  const unit = UNIT_SUFFIX.exec(text);
  if (unit && unit[1] !== undefined && unit[2] !== undefined && unit[1].length > 0) {
    // Only a unit after a number counts as a unit typed into the cell ("5件"); "见附件" is just text.
    unitProblem = { code: "unitInCell", detail: unit[2] };
    unitAt = problems.length;
    text = unit[1].trim();
    if (kind === "money" && unit[2] === "元") scale = 1 / 10_000;
  }

  let meant: number | null = null;
  if (THOUSANDS.test(text)) {
    problems.push({ code: "thousandsSeparator" });
    meant = Number(text.replace(/[,，]/g, ""));
  } else if (SCIENTIFIC.test(text)) {
    problems.push({ code: "scientificText" });
    meant = Number(text);
  } else if (PLAIN_NUMBER.test(text)) {
    meant = Number(text);
  } else {
    const chinese = parseChineseNumeral(text);
    if (chinese !== null) {
      problems.push({ code: "chineseNumeral" });
      meant = chinese;
    }
  }

  if (meant === null || !Number.isFinite(meant)) return { problems: [...problems, { code: "text" }], suggestion: null };
  if (unitProblem) problems.splice(unitAt, 0, unitProblem);
  // A plain number stored as text is its own problem: Excel's SUM skips it silently.
  if (problems.length === 0) problems.push({ code: "numberAsText" });
  const suggestion = scale === 1 ? meant : roundSuggestion(meant * scale);
  problems.push(...numberProblems(suggestion, kind));
  return { problems, suggestion };
}

/** Avoids float noise in converted suggestions such as 251000 元 → 25.1 万元. */
function roundSuggestion(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}

export function parseCell(raw: RawCell | undefined, kind: CellKind): TypedCell {
  if (raw === null || raw === undefined || raw === "") return { value: { kind: "blank" }, problems: [], suggestion: null };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { value: { kind: "text", raw: String(raw) }, problems: [{ code: "text" }], suggestion: null };
    return { value: { kind: "number", value: raw }, problems: numberProblems(raw, kind), suggestion: null };
  }
  if (typeof raw === "boolean") {
    const text = raw ? "TRUE" : "FALSE";
    return { value: { kind: "text", raw: text }, problems: [{ code: "booleanValue" }], suggestion: null };
  }
  if (typeof raw === "object") {
    const value: CellValue = { kind: "error", code: raw.error };
    return { value, problems: [{ code: "formulaError" }], suggestion: null };
  }
  // A formula whose result the file did not keep (a workbook saved by a program that does not calculate).
  if (/^\s*=\s*\S/.test(raw)) return { value: { kind: "text", raw }, problems: [{ code: "formulaWithoutValue" }], suggestion: null };
  // A date: readers hand over a cell formatted as a date as its ISO text; a user may type one. Not a number.
  const date = dateOfText(raw);
  if (date !== null) return { value: { kind: "text", raw }, problems: [{ code: "dateValue" }], suggestion: null };
  const { problems, suggestion } = analyseText(raw, kind);
  return { value: { kind: "text", raw }, problems, suggestion };
}
