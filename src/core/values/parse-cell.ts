// The input boundary (spec §1 general cell rules, §4 E6/E10): raw cell content → typed value + problems.
// Every departure from "a plain non-negative number" gets its own problem code, so the message can tell the
// user exactly what is wrong with the cell and what to type instead. Text is never converted into a number.

import type { CellKind } from "../format";
import type { CellValue, InputProblem, RawCell, TypedCell } from "./cell-value";

const NOT_APPLICABLE_MARKS = new Set(["/", "／", "\\", "—", "——", "-", "－", "–", "―", "─", "无", "不适用", "N/A", "n/a", "NA", "×"]);

const UNIT_SUFFIX = /^(.*?)\s*(万元|元|件次|件|个|条|项|次|宗|份|人次|人)$/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/;
const SCIENTIFIC = /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/;
const FULL_WIDTH = /[０-９．，－＋]/;
const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const CHINESE_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－＋]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Parses Chinese numerals up to 万 (e.g. 八, 十二, 一百零五, 三万二千); null when the text is not one. */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0 || !/^[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万]+$/.test(text)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = CHINESE_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    if (ch === "万") {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      continue;
    }
    const unit = CHINESE_UNITS[ch];
    if (unit === undefined) return null;
    section += (digit ?? 1) * unit;
    digit = null;
  }
  return total + section + (digit ?? 0);
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
  const unit = UNIT_SUFFIX.exec(text);
  if (unit && unit[1] !== undefined && unit[2] !== undefined && unit[1].length > 0) {
    problems.push({ code: "unitInCell", detail: unit[2] });
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
  // A plain number stored as text is its own problem: Excel's SUM skips it silently.
  if (problems.length === 0) problems.push({ code: "numberAsText" });
  const suggestion = roundSuggestion(meant * scale);
  problems.push(...numberProblems(suggestion, kind));
  return { problems, suggestion };
}

/** Avoids float noise in suggestions such as 251000 元 → 25.1 万元. */
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
  const { problems, suggestion } = analyseText(raw, kind);
  return { value: { kind: "text", raw }, problems, suggestion };
}
