// Checks of the report text (spec §2.3 P-NARR, §2.4 X-TEXT-YEAR, §3.3, §4 E1/E3/E4/E11), reported in the
// same issue list as the tables:
//   P-NARR          a number in the text that names a table quantity disagrees with the table
//   P-NARR-NONE     the text says "none" (未收到申请, 未发生行政复议) where the table has some
//   X-TEXT-YEAR     the previous year's year used as this year's (copied from last year's report)
//   T-PLACEHOLDER   placeholders left in (XX, ××, 待补充, 【】, an unknown {cell})
//   T-MISSING       required content missing (the parts of 一, 五, the 信息处理费 statement in 六)
//   T-WORDING       wording that flips the meaning in a known way (为收取 for 未收取, example 000)
//   T-COPY          most of 一 or 五 repeated from last year's report (雷同, 有关要求（四）)

import type { CellId, ReportMeta } from "../format";
import { T3_RESULT_GROUPS, t3Id, t4Id } from "../format";
import type { Issue } from "../rules";
import type { CellValue } from "../values";
import type { Block, ReportDocument, SectionKey } from "./document";
import { runsText } from "./document";
import { NOT_WRITTEN } from "./build-report";

export const SECTION_LABELS: Readonly<Record<SectionKey, string>> = {
  opening: "开篇",
  "n1.active": "一（一）主动公开",
  "n1.onRequest": "一（二）依申请公开",
  "n1.infoMgmt": "一（三）政府信息管理",
  "n1.platform": "一（四）政府信息公开平台建设",
  "n1.oversight": "一（五）监督保障",
  n5: "五、存在的主要问题及改进情况",
  n6: "六、其他需要报告的事项",
};

type Paragraph = Extract<Block, { kind: "paragraph" }>;

function paragraphs(document: ReportDocument): Paragraph[] {
  return document.blocks.filter((b): b is Paragraph => b.kind === "paragraph");
}

function sectionText(document: ReportDocument, sections: readonly SectionKey[]): string {
  return paragraphs(document)
    .filter((p) => sections.includes(p.section))
    .map((p) => runsText(p.runs))
    .join("\n");
}

function issue(
  id: string,
  rule: string,
  severity: Issue["severity"],
  message: Issue["message"],
  section: SectionKey,
  params: Record<string, string | number>,
  extra: Partial<Pick<Issue, "cells" | "expected" | "actual">> = {},
): Issue {
  return {
    id,
    rule,
    severity,
    cells: extra.cells ?? [],
    expected: extra.expected ?? null,
    actual: extra.actual ?? null,
    message,
    subject: SECTION_LABELS[section],
    params: { section: SECTION_LABELS[section], ...params },
  };
}

/** A short quotation of the text around a match, for the message. */
function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 12);
  const end = Math.min(text.length, index + length + 12);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

// --- P-NARR: numbers that name a table quantity --------------------------------------------------------------

const GAP = "[^0-9０-９，。；、（）()]{0,10}?";

interface Quantity {
  readonly name: string;
  readonly pattern: RegExp;
  readonly cells: readonly CellId[];
}

function groupCells(key: string): CellId[] {
  const group = T3_RESULT_GROUPS.find((g) => g.key === key);
  if (!group) return [];
  return group.items.length === 0 ? [t3Id(`result.${key}`, "total")] : group.items.map((i) => t3Id(`result.${key}.${i.key}`, "total"));
}

const QUANTITIES: readonly Quantity[] = [
  { name: "本年新收政府信息公开申请", pattern: new RegExp(`(?:新收|收到|受理|接到|接收)${GAP}申请${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("new", "total")] },
  { name: "上年结转的申请", pattern: new RegExp(`上年(?:度)?结转${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("carryOver", "total")] },
  { name: "办结的申请", pattern: new RegExp(`办结${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("result.total", "total")] },
  { name: "予以公开", pattern: /(?<!部分)(?<!及)予以公开(\d+)\s*件/g, cells: groupCells("granted") },
  { name: "部分公开", pattern: /部分公开(\d+)\s*件/g, cells: groupCells("partial") },
  { name: "不予公开", pattern: /不予公开(\d+)\s*件/g, cells: groupCells("withheld") },
  { name: "无法提供", pattern: /无法提供(\d+)\s*件/g, cells: groupCells("unavailable") },
  { name: "不予处理", pattern: /不予处理(\d+)\s*件/g, cells: groupCells("notProcessed") },
  { name: "结转下年度继续办理的申请", pattern: new RegExp(`结转下(?:一)?年(?:度)?${GAP}(\\d+)\\s*件`, "g"), cells: [t3Id("carryForward", "total")] },
  { name: "行政许可决定", pattern: new RegExp(`行政许可${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.license.decisions"] },
  { name: "行政处罚决定", pattern: new RegExp(`行政处罚${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.penalty.decisions"] },
  { name: "行政强制决定", pattern: new RegExp(`行政强制${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.coercion.decisions"] },
  { name: "制发的行政规范性文件", pattern: new RegExp(`(?:制发|印发|出台)${GAP}规范性文件${GAP}(\\d+)\\s*件`, "g"), cells: ["t2.normativeDoc.issued"] },
  { name: "被申请行政复议", pattern: new RegExp(`行政复议${GAP}(\\d+)\\s*件`, "g"), cells: [t4Id("review", "total")] },
  { name: "被提起行政诉讼", pattern: new RegExp(`行政诉讼${GAP}(\\d+)\\s*件`, "g"), cells: [t4Id("litDirect", "total"), t4Id("litAfterReview", "total")] },
];

/** Statements that there was none, checked against the table. */
const NONE_STATEMENTS: readonly { readonly pattern: RegExp; readonly name: string; readonly cells: readonly CellId[] }[] = [
  { pattern: /(?:未|没有)(?:收到|接到|受理)[^。；]{0,12}申请/g, name: "本年新收政府信息公开申请", cells: [t3Id("new", "total")] },
  { pattern: /(?:未|没有)(?:发生|被申请|因)[^。；]{0,16}行政复议/g, name: "行政复议", cells: [t4Id("review", "total")] },
  {
    pattern: /(?:未|没有)(?:发生|被提起|因)[^。；]{0,16}行政诉讼/g,
    name: "行政诉讼",
    cells: [t4Id("litDirect", "total"), t4Id("litAfterReview", "total")],
  },
];

function checkNumbers(document: ReportDocument, valueOf: (id: CellId) => CellValue | undefined): Issue[] {
  const issues: Issue[] = [];
  const sum = (cells: readonly CellId[]): number | null => {
    let total = 0;
    for (const id of cells) {
      const v = valueOf(id);
      if (v?.kind !== "number") return null;
      total += v.value;
    }
    return total;
  };
  paragraphs(document)
    .filter((p) => p.source === "user")
    .forEach((paragraph, index) => {
      const text = runsText(paragraph.runs).replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
      for (const quantity of QUANTITIES) {
        for (const match of text.matchAll(quantity.pattern)) {
          const stated = Number(match[1]);
          const table = sum(quantity.cells);
          if (table === null || table === stated) continue;
          issues.push(
            issue(
              `P-NARR.${paragraph.section}.${index}.${match.index}`,
              "P-NARR",
              "warning",
              "narrativeNumber",
              paragraph.section,
              { quantity: quantity.name, excerpt: excerpt(text, match.index, match[0].length) },
              { cells: quantity.cells, expected: table, actual: stated },
            ),
          );
        }
      }
      for (const statement of NONE_STATEMENTS) {
        for (const match of text.matchAll(statement.pattern)) {
          const table = sum(statement.cells);
          if (table === null || table === 0) continue;
          issues.push(
            issue(
              `P-NARR-NONE.${paragraph.section}.${index}.${match.index}`,
              "P-NARR-NONE",
              "warning",
              "narrativeNone",
              paragraph.section,
              { quantity: statement.name, excerpt: excerpt(text, match.index, match[0].length) },
              { cells: statement.cells, expected: table, actual: 0 },
            ),
          );
        }
      }
    });
  return issues;
}

// --- X-TEXT-YEAR ----------------------------------------------------------------------------------------------

function checkYear(document: ReportDocument, meta: ReportMeta): Issue[] {
  if (meta.year === null) return [];
  const previous = `${meta.year - 1}年`;
  const issues: Issue[] = [];
  paragraphs(document)
    .filter((p) => p.source === "user" && p.section !== "n5")
    .forEach((paragraph, index) => {
      const text = runsText(paragraph.runs);
      const starts = text.trimStart().startsWith(previous);
      const asThisYear = new RegExp(`${previous}(?:以来|全年|，|,|本机关|我局|我办|我委|我厅|我单位|共|累计)`).exec(text);
      if (!starts && !asThisYear) return;
      const at = starts ? text.indexOf(previous) : (asThisYear?.index ?? 0);
      issues.push(
        issue(`X-TEXT-YEAR.${paragraph.section}.${index}`, "X-TEXT-YEAR", "warning", "previousYear", paragraph.section, {
          previous,
          current: `${meta.year}年`,
          excerpt: excerpt(text, at, previous.length),
        }),
      );
    });
  return issues;
}

// --- T-PLACEHOLDER, T-WORDING ---------------------------------------------------------------------------------

const PLACEHOLDERS = /【[^】]*】|X{2,}|x{3,}|Ｘ{2,}|×{2,}|待补充|待填写|\{[^{}]*\}|＿{2,}|_{3,}|\*{3,}|□{2,}/g;
const FLIPPED = /(?<![作因成认以称视行较更最])为(收取|收到|发生|发出|产生|接到|受理)/g;

function checkPlaceholdersAndWording(document: ReportDocument): Issue[] {
  const issues: Issue[] = [];
  const all: (Paragraph | { section: SectionKey; text: string; source: "title" })[] = [
    { section: "opening", text: document.title, source: "title" },
    ...paragraphs(document),
  ];
  all.forEach((item, index) => {
    const text = "runs" in item ? runsText(item.runs) : item.text;
    // An empty required part (【未填写】 alone) is reported once, by the missing-content check.
    if (text.trim() === NOT_WRITTEN) return;
    for (const match of text.matchAll(PLACEHOLDERS)) {
      issues.push(
        issue(`T-PLACEHOLDER.${item.section}.${index}.${match.index}`, "T-PLACEHOLDER", "error", "placeholder", item.section, {
          placeholder: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0],
        }),
      );
    }
    for (const match of text.matchAll(FLIPPED)) {
      issues.push(
        issue(`T-WORDING.${item.section}.${index}.${match.index}`, "T-WORDING", "warning", "wording", item.section, {
          found: match[0],
          meant: `未${match[1] ?? ""}`,
          excerpt: excerpt(text, match.index, match[0].length),
        }),
      );
    }
  });
  return issues;
}

// --- T-MISSING -----------------------------------------------------------------------------------------------

function checkMissing(document: ReportDocument, meta: ReportMeta): Issue[] {
  const issues: Issue[] = [];
  const has = (section: SectionKey): boolean =>
    sectionText(document, [section])
      .split("\n")
      .some((line) => line.trim().length > 0 && line.trim() !== NOT_WRITTEN);
  for (const section of ["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight", "n5"] as const) {
    if (!has(section)) issues.push(issue(`T-MISSING.${section}`, "T-MISSING", "error", "missingContent", section, { what: "内容" }));
  }
  const six = sectionText(document, ["n6"]);
  if (!/信息处理费/.test(six)) {
    issues.push(issue("T-MISSING.n6.fee", "T-MISSING", "error", "missingContent", "n6", { what: "信息处理费收取情况（发出收费通知件数、金额和实际收取金额，没有的也要说明）" }));
  }
  if (meta.level?.endsWith("政府") === true) {
    if (!/考核|社会评议|责任追究/.test(sectionText(document, ["n1.oversight"]))) {
      issues.push(issue("T-MISSING.n1.oversight.government", "T-MISSING", "warning", "missingContent", "n1.oversight", { what: "工作考核、社会评议和责任追究结果情况" }));
    }
    if (!/工作要点|建议|提案|创新/.test(six)) {
      issues.push(issue("T-MISSING.n6.government", "T-MISSING", "warning", "missingContent", "n6", { what: "落实上级年度政务公开工作要点、建议提案办理结果公开、工作创新等情况" }));
    }
  }
  return issues;
}

// --- T-COPY --------------------------------------------------------------------------------------------------

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

/** Last year's report as section texts (from last year's workbook, or read from its published text). */
export interface PreviousReport {
  readonly year: number | null;
  /** 一、总体情况 and 五、存在的主要问题及改进情况 as plain text. */
  readonly one: string;
  readonly five: string;
}

function checkCopied(document: ReportDocument, previous: PreviousReport): Issue[] {
  const issues: Issue[] = [];
  const parts: [SectionKey, readonly SectionKey[], string, string][] = [
    ["n1.infoMgmt", ["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight"], previous.one, "一、总体情况"],
    ["n5", ["n5"], previous.five, "五、存在的主要问题及改进情况"],
  ];
  for (const [section, sections, before, title] of parts) {
    const userText = paragraphs(document)
      .filter((p) => sections.includes(p.section) && p.source === "user")
      .map((p) => runsText(p.runs))
      .join("\n");
    const share = repeatedShare(userText, before);
    if (share > 0.5) {
      issues.push(
        issue(`T-COPY.${section}`, "T-COPY", "warning", "copied", section, { title, share: Math.round(share * 100) }, { expected: 50, actual: Math.round(share * 100) }),
      );
    }
  }
  return issues;
}

export interface TextCheckInput {
  readonly document: ReportDocument;
  readonly valueOf: (id: CellId) => CellValue | undefined;
  readonly previous?: PreviousReport;
}

export function checkReportText(input: TextCheckInput): Issue[] {
  const { document } = input;
  return [
    ...checkMissing(document, document.meta),
    ...checkPlaceholdersAndWording(document),
    ...checkNumbers(document, input.valueOf),
    ...checkYear(document, document.meta),
    ...(input.previous ? checkCopied(document, input.previous) : []),
  ];
}

/** 一 and 五 of a document as plain text (to serve as next year's "previous report"). */
export function previousFromDocument(document: ReportDocument): PreviousReport {
  return {
    year: document.meta.year,
    one: sectionText(document, ["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight"]),
    five: sectionText(document, ["n5"]),
  };
}
