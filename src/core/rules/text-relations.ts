// Relation kinds over the report text (spec §2.3 P-NARR, §2.4 X-TEXT-YEAR, §3.3, §4 E1/E3/E4/E11). They are
// rules of the pack like the table rules; they read the text view the check builds from the report document
// (core/check), this year's cells, and last year's report.
//   textNumbers      P-NARR          a number in the user's text that names a table quantity disagrees with it
//   textNone         P-NARR-NONE     the text says "none" (未收到申请, 未发生行政复议) where the table has some
//   textYear         X-TEXT-YEAR     last year's year used as this year's (copied from last year's report)
//   textPlaceholder  T-PLACEHOLDER   placeholders left in (XX, ××, 待补充, 【】, an unknown {cell})
//   textPresent      T-MISSING       required content missing (the parts of 一, 五, the 信息处理费 statement)
//   textWording      T-WORDING       wording that flips the meaning in a known way (为收取 for 未收取, example 000)
//   textCopied       T-COPY          most of 一 or 五 repeated from last year's report (雷同, 有关要求（四）)
//   textRepeated     T-REPEAT        a paragraph the user wrote restates a sentence generated from the tables
//                                    (last year's 「未收到…申请」 beside this year's generated 「本机关未收到…申请」)
// A rule over text may fail at several places; each place is its own finding (and its own issue).

import type { CellId, TextSection } from "../format";
import { INPUT_CELLS, ONE_PARTS, T3_RESULT_GROUPS, isCellId, t3Id, t4Id } from "../format";
import type { EvaluationContext, TextParagraph, TextView } from "./context";
import { CELL_NUMBER, cellIndex } from "./context";
import { sumOrNull } from "../values";
import type { RelationBehaviour } from "./relations";
import type { Finding, Outcome, Relation, RepeatedTopic, TextQuantity } from "./rule";

const PASS: Outcome = Object.freeze({ status: "pass", findings: Object.freeze([]) });
const NOT_APPLICABLE: Outcome = Object.freeze({ status: "notApplicable", findings: Object.freeze([]) });
const INCOMPLETE: Outcome = Object.freeze({ status: "incomplete", findings: Object.freeze([]) });

export function outcome(findings: readonly Finding[]): Outcome {
  return findings.length === 0 ? PASS : { status: "fail", findings };
}

/** Written where a required part is empty; reported by the missing-content check, not as a placeholder. */
export const NOT_WRITTEN = "【未填写】";

/** Written in the generated text where the agency or the year is not known (the report is unfinished). */
export const AGENCY_UNKNOWN = "【机关名称】";
export const YEAR_UNKNOWN = "【年度】";

/** Markers the report writes itself: they stand for missing data, which the verdict counts as unfinished. */
const OWN_MARKERS: ReadonlySet<string> = new Set([NOT_WRITTEN, AGENCY_UNKNOWN, YEAR_UNKNOWN]);

/** The longest quotation of the user's text in a message. */
const EXCERPT_CONTEXT = 12;

/** A short quotation of the text around a match, for the message. */
export function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - EXCERPT_CONTEXT);
  const end = Math.min(text.length, index + Math.min(length, 40) + EXCERPT_CONTEXT);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Σ of the cells, or null when one of them is not a number. */
function sumOf(context: EvaluationContext, cells: readonly CellId[]): number | null {
  return sumOrNull(cells, (id) => context.store.typed(cellIndex(id)).value);
}

export function userParagraphs(view: TextView): { paragraph: TextParagraph; index: number }[] {
  const result: { paragraph: TextParagraph; index: number }[] = [];
  view.paragraphs.forEach((paragraph, index) => {
    if (paragraph.source === "user") result.push({ paragraph, index });
  });
  return result;
}

// --- P-NARR / P-NARR-NONE ---------------------------------------------------------------------------------

const GAP = "[^0-9，。；、（）()]{0,10}?";

function groupCells(key: string): CellId[] {
  const group = T3_RESULT_GROUPS.find((g) => g.key === key);
  if (!group) return [];
  return group.items.length === 0 ? [t3Id(`result.${key}`, "total")] : group.items.map((i) => t3Id(`result.${key}.${i.key}`, "total"));
}

interface Quantity {
  readonly quantity: TextQuantity;
  readonly pattern: RegExp;
  readonly cells: readonly CellId[];
  /** Words that, right before a match, make it another quantity's (in place of a lookbehind). */
  readonly notAfter?: readonly string[];
}

/** Whether the match stands right after one of the quantity's excluded words. */
export function excludedMatch(quantity: Quantity, text: string, index: number): boolean {
  return quantity.notAfter?.some((word) => text.endsWith(word, index)) === true;
}

export const TEXT_QUANTITIES: readonly Quantity[] = [
  { quantity: "new", pattern: new RegExp(`(?:新收|收到|受理|接到|接收)${GAP}申请${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("new", "total")] },
  { quantity: "carryOver", pattern: new RegExp(`上年(?:度)?结转${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("carryOver", "total")] },
  { quantity: "concluded", pattern: new RegExp(`办结${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("result.total", "total")] },
  // 「部分予以公开」 and 「及予以公开」 are other quantities; the pane's engines may lack lookbehind (ES2017).
  { quantity: "granted", pattern: /予以公开(\d+)\s*件/g, cells: groupCells("granted"), notAfter: ["部分", "及"] },
  { quantity: "partial", pattern: /部分公开(\d+)\s*件/g, cells: groupCells("partial") },
  { quantity: "withheld", pattern: /不予公开(\d+)\s*件/g, cells: groupCells("withheld") },
  { quantity: "unavailable", pattern: /无法提供(\d+)\s*件/g, cells: groupCells("unavailable") },
  { quantity: "notProcessed", pattern: /不予处理(\d+)\s*件/g, cells: groupCells("notProcessed") },
  { quantity: "carryForward", pattern: new RegExp(`结转下(?:一)?年(?:度)?${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("carryForward", "total")] },
  { quantity: "license", pattern: new RegExp(`行政许可${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.license.decisions"] },
  { quantity: "penalty", pattern: new RegExp(`行政处罚${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.penalty.decisions"] },
  { quantity: "coercion", pattern: new RegExp(`行政强制${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.coercion.decisions"] },
  { quantity: "normativeIssued", pattern: new RegExp(`(?:制发|印发|出台)${GAP}规范性文件${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.normativeDoc.issued"] },
  { quantity: "normativeRepealed", pattern: new RegExp(`废止${GAP}规范性文件${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.normativeDoc.repealed"] },
  // 「现行有效规范性文件12件」, 「规范性文件现行有效12件」.
  { quantity: "normativeValid", pattern: new RegExp(`现行有效${GAP}规范性文件${GAP}(\\d+)\\s*件|规范性文件${GAP}现行有效${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.normativeDoc.valid"] },
  { quantity: "regulationValid", pattern: new RegExp(`现行有效${GAP}规章${GAP}(\\d+)\\s*件|规章${GAP}现行有效${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.regulation.valid"] },
  { quantity: "review", pattern: new RegExp(`行政复议${GAP}(\\d+)\\s*件`, "g"), cells: [t4Id("review", "total")] },
  { quantity: "litigation", pattern: new RegExp(`行政诉讼${GAP}(\\d+)\\s*件`, "g"), cells: [t4Id("litDirect", "total"), t4Id("litAfterReview", "total")] },
];

/** Statements that there was none, checked against the table. */
export const NONE_STATEMENTS: readonly Quantity[] = [
  { quantity: "new", pattern: /(?:未|没有)(?:收到|接到|受理)[^。；]{0,12}申请/g, cells: [t3Id("new", "total")] },
  { quantity: "review", pattern: /(?:未|没有)(?:发生|被申请|因)[^。；]{0,16}行政复议/g, cells: [t4Id("review", "total")] },
  { quantity: "litigation", pattern: /(?:未|没有)(?:发生|被提起|因)[^。；]{0,16}行政诉讼/g, cells: [t4Id("litDirect", "total"), t4Id("litAfterReview", "total")] },
];

/** The input cells of 表三. */
export const T3_INPUT_CELLS: readonly CellId[] = INPUT_CELLS.filter((cell) => cell.table === "t3").map((cell) => cell.id);

/** Quantities of the text that 表三 counts. */
export const T3_QUANTITIES: ReadonlySet<TextQuantity> = new Set(["new", "carryOver", "concluded", "granted", "partial", "withheld", "unavailable", "notProcessed", "carryForward"]);

const INDEXES = new WeakMap<readonly CellId[], Int32Array>();

/** Whether every one of the cells holds the number 0. */
export function allZero(context: EvaluationContext, cells: readonly CellId[]): boolean {
  let at = INDEXES.get(cells);
  if (at === undefined) {
    at = Int32Array.from(cells, cellIndex);
    INDEXES.set(cells, at);
  }
  const { kinds, numbers } = context.store;
  for (let i = 0; i < at.length; i += 1) {
    const index = at[i]!;
    if (kinds[index] !== CELL_NUMBER || numbers[index] !== 0) return false;
  }
  return true;
}

function checkNumbers(view: TextView, context: EvaluationContext, quantities: readonly Quantity[], none: boolean): Finding[] {
  const findings: Finding[] = [];
  // A 表三 of zeros beside numbers of applications in the text is one finding of its own (P-T3-EMPTY).
  const emptyT3 = !none && allZero(context, T3_INPUT_CELLS);
  for (const { paragraph, index } of userParagraphs(view)) {
    const text = toHalfWidthDigits(paragraph.text);
    for (const quantity of quantities) {
      if (emptyT3 && T3_QUANTITIES.has(quantity.quantity)) continue;
      for (const match of text.matchAll(quantity.pattern)) {
        if (excludedMatch(quantity, text, match.index)) continue;
        const table = sumOf(context, quantity.cells);
        if (table === null) continue;
        const stated = none ? 0 : Number(match[1] ?? match[2]);
        if (none ? table === 0 : table === stated) continue;
        findings.push({
          key: `${paragraph.section}.${index}.${match.index}`,
          cells: quantity.cells,
          expected: table,
          actual: stated,
          params: { section: paragraph.section, quantity: quantity.quantity, excerpt: excerpt(text, match.index, match[0].length) },
        });
      }
    }
  }
  return findings;
}

// --- X-TEXT-YEAR ------------------------------------------------------------------------------------------

function checkYear(view: TextView, year: number): Finding[] {
  const previous = `${year - 1}年`;
  const asThisYear = new RegExp(`${previous}(?:以来|全年|，|,|本机关|我局|我办|我委|我厅|我单位|共|累计)`);
  const findings: Finding[] = [];
  for (const { paragraph, index } of userParagraphs(view)) {
    if (paragraph.section === "n5") continue;
    const text = paragraph.text;
    const starts = text.trimStart().startsWith(previous);
    const match = starts ? null : asThisYear.exec(text);
    if (!starts && !match) continue;
    const at = starts ? text.indexOf(previous) : (match?.index ?? 0);
    findings.push({
      key: `${paragraph.section}.${index}`,
      cells: [],
      expected: year,
      actual: year - 1,
      params: { section: paragraph.section, previous: year - 1, current: year, excerpt: excerpt(text, at, previous.length) },
    });
  }
  return findings;
}

// --- T-PLACEHOLDER, T-WORDING ------------------------------------------------------------------------------

const PLACEHOLDERS = /【[^】]{0,200}】|X{2,}|x{3,}|Ｘ{2,}|×{2,}|待补充|待填写|\{[^{}]{0,100}\}|＿{2,}|_{3,}|\*{3,}|□{2,}/g;
const FLIPPED = /为(收取|收到|发生|发出|产生|接到|受理)/g;
/** Before 为 these make a word of their own (作为, 因为, 认为 …): not the flipped 未. */
const FLIPPED_NOT_AFTER = "作因成认以称视行较更最";

interface Place {
  readonly section: TextSection;
  readonly key: string;
  readonly text: string;
}

/** The title and every paragraph but the template's own guidance (an unwritten part, not a placeholder). */
function places(view: TextView): Place[] {
  const places: Place[] = [{ section: "opening", key: "title", text: view.title }];
  view.paragraphs.forEach((p, index) => {
    if (p.source !== "guidance") places.push({ section: p.section, key: String(index), text: p.text });
  });
  return places;
}

/** One finding per part and kind of placeholder, with a count: 3 M characters of XX are one issue, not a million. */
function checkPlaceholders(view: TextView, isCell: (id: string) => boolean): Finding[] {
  const bySection = new Map<string, { section: TextSection; placeholder: string; count: number }>();
  for (const place of places(view)) {
    for (const match of place.text.matchAll(PLACEHOLDERS)) {
      const found = match[0];
      // 【未填写】 stands for an empty required part (T-MISSING) or a blank cell (the table rules), 【机关名称】 and
      // 【年度】 for metadata not filled in (the verdict says unfinished).
      if (OWN_MARKERS.has(found)) continue;
      if (found.startsWith("{") && isCell(found.slice(1, -1))) continue;
      const kind = found.startsWith("【") ? "【】" : found.startsWith("{") ? "{}" : found.charAt(0);
      const key = `${place.section}.${kind}`;
      const entry = bySection.get(key);
      if (entry) entry.count += 1;
      else bySection.set(key, { section: place.section, placeholder: found.length > 40 ? `${found.slice(0, 40)}…` : found, count: 1 });
    }
  }
  return [...bySection.entries()].map(([key, entry]) => ({
    key,
    cells: [],
    expected: null,
    actual: entry.placeholder,
    params: { section: entry.section, placeholder: entry.placeholder, count: entry.count },
  }));
}

function checkWording(view: TextView): Finding[] {
  const findings: Finding[] = [];
  for (const place of places(view)) {
    for (const match of place.text.matchAll(FLIPPED)) {
      if (match.index > 0 && FLIPPED_NOT_AFTER.includes(place.text.charAt(match.index - 1))) continue;
      findings.push({
        key: `${place.section}.${place.key}.${match.index}`,
        cells: [],
        expected: `未${match[1] ?? ""}`,
        actual: match[0],
        params: { section: place.section, found: match[0], meant: `未${match[1] ?? ""}`, excerpt: excerpt(place.text, match.index, match[0].length) },
      });
      if (findings.length >= 100) return findings;
    }
  }
  return findings;
}

// --- T-MISSING ---------------------------------------------------------------------------------------------

function sectionText(view: TextView, section: TextSection): string {
  return view.paragraphs
    .filter((p) => p.section === section && p.source !== "guidance")
    .map((p) => p.text)
    .join("\n");
}

function hasContent(view: TextView, section: TextSection): boolean {
  return view.paragraphs.some((p) => p.section === section && p.source !== "guidance" && p.text.trim().length > 0 && p.text.trim() !== NOT_WRITTEN);
}

function hasGuidance(view: TextView, section: TextSection): boolean {
  return view.paragraphs.some((p) => p.section === section && p.source === "guidance");
}

// --- T-COPY -------------------------------------------------------------------------------------------------

const SHINGLE = 6;

function shingles(text: string): Set<string> {
  const clean = text.replace(/[\s\d０-９，。；：、“”‘’（）()《》【】,.;:!?！？-]/g, "").replace(/年/g, "");
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE <= clean.length; i += 1) set.add(clean.slice(i, i + SHINGLE));
  return set;
}

/** Share (0–1) of this text's 6-character pieces that also occur in the previous text. */
export function repeatedShare(current: string, previous: string): number {
  const now = shingles(current);
  if (now.size === 0) return 0;
  const before = shingles(previous);
  let repeated = 0;
  for (const piece of now) if (before.has(piece)) repeated += 1;
  return repeated / now.size;
}

const COPIED_SECTIONS: Readonly<Record<"one" | "five", readonly TextSection[]>> = {
  one: ONE_PARTS,
  five: ["n5"],
};

/** Above this share of last year's text a part counts as copied. */
export const COPY_THRESHOLD = 0.5;

// --- T-REPEAT -----------------------------------------------------------------------------------------------

interface RepeatPattern {
  readonly topic: RepeatedTopic;
  /** Matched in the generated sentences and in the user's paragraphs alike (spacing removed, half-width digits). */
  readonly pattern: RegExp;
  /** The opening is one paragraph of its own: restated in any part, it prints twice. Others: in the same part. */
  readonly anyPart: boolean;
}

/**
 * What the generated sentences state (core/report/build-report.ts), as a published report words the same:
 * the opening's legal basis and statistical period, 表二's figures, 表三's applications, 表四's cases, the
 * 信息处理费. A topic counts only where a generated sentence states it too (the fee sentence, for one, is
 * generated only when 六's figures are given).
 */
const REPEAT_PATTERNS: readonly RepeatPattern[] = [
  {
    topic: "opening",
    pattern:
      /根据《(?:中华人民共和国)?政府信息公开条例》[^。]{0,80}?(?:编制|编写|制定)[^。]{0,40}?报告|(?:现将|现就|特将)[^。]{0,40}?(?:报告如下|公布如下)|(?:报告|数据)[^。]{0,12}?统计(?:期限|期间|时限|区间|时间)|统计(?:期限|期间|时限|区间|时间)[为是自从：:]{0,2}\d{4}年1月1日/,
    anyPart: true,
  },
  {
    topic: "activeFigures",
    pattern:
      /(?:制发|印发|出台|废止|现行有效)[^。；，\d]{0,10}?(?:规范性文件|规章)[^。；\d]{0,6}?\d+件|(?:规范性文件|规章)[^。；\d]{0,10}?(?:制发|废止|现行有效)[^。；\d]{0,4}?\d+件|(?:未|没有)(?:制发|印发|出台|废止)[^。；]{0,10}?(?:规范性文件|规章)|行政(?:许可|处罚|强制)[^。；\d]{0,8}?\d+件|(?:未|没有)作出[^。；]{0,6}?行政(?:许可|处罚|强制)|行政事业性收费/,
    anyPart: false,
  },
  {
    topic: "applications",
    pattern:
      /(?:未|没有)(?:收到|接到|受理|接收)[^。；]{0,16}?申请|(?:新收|收到|受理|接到|接收)[^。；\d]{0,16}?申请[^。；\d]{0,8}?\d+件|申请[^。；\d]{0,6}?\d+件|上年(?:度)?结转|办结[^。；\d]{0,8}?\d+件|结转下(?:一)?年/,
    anyPart: false,
  },
  {
    topic: "reviewLitigation",
    pattern: /(?:未|没有|无)[^。；]{0,16}?(?:行政复议|行政诉讼)|行政(?:复议|诉讼)[^。；\d]{0,6}?\d+件/,
    anyPart: false,
  },
  { topic: "processingFee", pattern: /处理费|收费通知/, anyPart: false },
];

/** At most this many paragraphs are named: a long text pasted twice is a few issues, not hundreds. */
const MAX_REPEATED = 20;

function compactText(text: string): string {
  return toHalfWidthDigits(text).replace(/\s+/g, "");
}

function checkRepeated(view: TextView): Finding[] {
  const generated = view.paragraphs.filter((p) => p.source === "generated").map((p) => ({ section: p.section, text: compactText(p.text) }));
  const stated = (topic: RepeatPattern, section: TextSection): boolean =>
    generated.some((g) => (topic.anyPart || g.section === section) && topic.pattern.test(g.text));
  const findings: Finding[] = [];
  for (const { paragraph, index } of userParagraphs(view)) {
    // Figures bound from the tables ({t3.new.total}) are stated on purpose, and always agree.
    if (paragraph.bound === true) continue;
    const text = compactText(paragraph.text);
    for (const topic of REPEAT_PATTERNS) {
      const match = topic.pattern.exec(text);
      if (match === null || !stated(topic, paragraph.section)) continue;
      findings.push({
        key: `${paragraph.section}.${index}`,
        cells: [],
        expected: null,
        actual: paragraph.text,
        params: { section: paragraph.section, topic: topic.topic, excerpt: excerpt(text, match.index, match[0].length) },
      });
      break;
    }
    if (findings.length >= MAX_REPEATED) break;
  }
  return findings;
}

type TextKinds = "textNumbers" | "textNone" | "textYear" | "textPlaceholder" | "textWording" | "textPresent" | "textCopied" | "textRepeated";

export const TEXT_RELATIONS: { readonly [K in TextKinds]: RelationBehaviour<Extract<Relation, { kind: K }>> } = {
  textNumbers: {
    reads: (r) => r.cells,
    inputs: ["text"],
    compile: () => (context) => (context.text === null ? NOT_APPLICABLE : outcome(checkNumbers(context.text, context, TEXT_QUANTITIES, false))),
  },
  textNone: {
    reads: (r) => r.cells,
    inputs: ["text"],
    compile: () => (context) => (context.text === null ? NOT_APPLICABLE : outcome(checkNumbers(context.text, context, NONE_STATEMENTS, true))),
  },
  textYear: {
    reads: () => [],
    inputs: ["text", "meta"],
    compile: () => (context) => (context.text === null || context.meta.year === null ? NOT_APPLICABLE : outcome(checkYear(context.text, context.meta.year))),
  },
  textPlaceholder: {
    reads: () => [],
    inputs: ["text"],
    compile: () => (context) => (context.text === null ? NOT_APPLICABLE : outcome(checkPlaceholders(context.text, isCellId))),
  },
  textWording: {
    reads: () => [],
    inputs: ["text"],
    compile: () => (context) => (context.text === null ? NOT_APPLICABLE : outcome(checkWording(context.text))),
  },
  textPresent: {
    reads: () => [],
    inputs: ["text", "meta"],
    compile: (r) => {
      const pattern = r.pattern === null ? null : new RegExp(r.pattern);
      return (context) => {
        if (context.text === null) return NOT_APPLICABLE;
        if (r.governmentOnly && context.meta.level?.endsWith("政府") !== true) return NOT_APPLICABLE;
        const present = pattern === null ? hasContent(context.text, r.section) : pattern.test(sectionText(context.text, r.section));
        if (present) return PASS;
        // The part still holds the template's guidance: not written yet, so the report is unfinished.
        if (hasGuidance(context.text, r.section)) return INCOMPLETE;
        return outcome([{ key: "", cells: [], expected: null, actual: null, params: { section: r.section, what: r.what } }]);
      };
    },
  },
  textCopied: {
    reads: () => [],
    inputs: ["text", "previous"],
    compile: (r) => (context) => {
      if (context.text === null || context.previous === null) return NOT_APPLICABLE;
      const sections = COPIED_SECTIONS[r.part];
      const current = context.text.paragraphs
        .filter((p) => p.source === "user" && sections.includes(p.section))
        .map((p) => p.text)
        .join("\n");
      const share = repeatedShare(current, r.part === "one" ? context.previous.one : context.previous.five);
      if (share <= COPY_THRESHOLD) return PASS;
      const percent = Math.round(share * 100);
      return outcome([{ key: "", cells: [], expected: Math.round(COPY_THRESHOLD * 100), actual: percent, params: { part: r.part, share: percent } }]);
    },
  },
  textRepeated: {
    reads: () => [],
    inputs: ["text"],
    // A published report read back has no generated sentences of its own: only the user's 正文 can repeat them.
    compile: () => (context) => (context.text === null || (context.text.published ?? null) !== null ? NOT_APPLICABLE : outcome(checkRepeated(context.text))),
  },
};
