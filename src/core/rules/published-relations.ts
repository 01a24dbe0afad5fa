// Relation kinds that tie the text to the tables in ways the format implies, and those over what only a
// published report prints — its own opening and its signature block (spec §2.3 P-T3-NOFEE, P-T3-EMPTY; §3.1
// 条例第四十九条 for the deadlines):
//   textFeeNotices    P-T3-NOFEE     表三 counts applications dropped for fees not paid, 六 reports fewer notices
//   textEmptyTable    P-T3-EMPTY     表三 is all zeros while the text gives numbers of applications
//   textSignedDate    T-SIGN-DATE    the date under the signature is within the report year, or past the deadline
//   textOpeningYear   T-OPEN-YEAR    the opening names another year than the report's
//   textSignedAgency  T-SIGN-AGENCY  the signature names another agency than the title

import type { CellId } from "../format";
import type { EvaluationContext, PrintedDate, Signature, TextView } from "./context";
import { CELL_NUMBER, cellIndex } from "./context";
import type { RelationBehaviour } from "./relations";
import type { Finding, Outcome, Relation } from "./rule";
import { T3_QUANTITIES, TEXT_QUANTITIES, allZero, excerpt, excludedMatch, outcome, toHalfWidthDigits, userParagraphs } from "./text-relations";

const NOT_APPLICABLE: Outcome = Object.freeze({ status: "notApplicable", findings: Object.freeze([]) });
const INCOMPLETE: Outcome = Object.freeze({ status: "incomplete", findings: Object.freeze([]) });

/** At most this many findings per rule and report: one wrong pattern repeated is one defect, not thousands. */
const MAX_FINDINGS = 20;

// --- P-T3-NOFEE -------------------------------------------------------------------------------------------

/** A number of 收费通知 stated: 「发出收费通知3件」, 「收费通知书2份」, 「3件收费通知」. */
const NOTICES_STATED = /收费通知(?:书|单)?[^。；，,;\d]{0,8}?(\d+)\s*(?:件|份|次|个)|(\d+)\s*(?:件|份)[^。；，,;\d]{0,4}?收费通知/g;
/** A statement that none were sent: 「未发出收费通知」, 「没有发出…收费通知」. */
const NOTICES_NONE = /(?:未|没有|无)(?:发出|发放|送达|出具|开具|向申请人发出)?[^。；，,;]{0,16}?收费通知/;

function n6Text(view: TextView): string {
  return view.paragraphs
    .filter((p) => p.section === "n6" && p.source !== "guidance")
    .map((p) => toHalfWidthDigits(p.text))
    .join("\n");
}

/** The number of notices 六 states (0 when it states none or says nothing of them) and its words. */
function noticesStated(view: TextView): { count: number; excerpt: string | null } {
  const text = n6Text(view);
  let count: number | null = null;
  let quoted: string | null = null;
  for (const match of text.matchAll(NOTICES_STATED)) {
    const value = Number(match[1] ?? match[2]);
    if (count === null || value > count) {
      count = value;
      quoted = excerpt(text, match.index, match[0].length);
    }
  }
  if (count !== null) return { count, excerpt: quoted };
  const none = NOTICES_NONE.exec(text);
  return { count: 0, excerpt: none === null ? null : excerpt(text, none.index, none[0].length) };
}

// --- P-T3-EMPTY -------------------------------------------------------------------------------------------

function checkEmptyTable(view: TextView): Finding[] {
  const findings: Finding[] = [];
  for (const { paragraph, index } of userParagraphs(view)) {
    const text = toHalfWidthDigits(paragraph.text);
    for (const quantity of TEXT_QUANTITIES) {
      if (!T3_QUANTITIES.has(quantity.quantity)) continue;
      for (const match of text.matchAll(quantity.pattern)) {
        if (excludedMatch(quantity, text, match.index)) continue;
        const stated = Number(match[1]);
        if (stated === 0) continue;
        findings.push({
          key: `${paragraph.section}.${index}.${match.index}`,
          cells: quantity.cells,
          expected: 0,
          actual: stated,
          params: { section: paragraph.section, excerpt: excerpt(text, match.index, match[0].length) },
        });
        if (findings.length >= MAX_FINDINGS) return findings;
      }
    }
  }
  return findings;
}

// --- T-SIGN-DATE ------------------------------------------------------------------------------------------

function dateText(date: PrintedDate): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

function dateValue(date: PrintedDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

/** A people's government (人民政府, its 办公室 signing for it): its report is due by 31 March, a department's by 31 January. */
function isGovernment(context: EvaluationContext, signature: Signature): boolean {
  if (context.meta.level !== null) return context.meta.level.endsWith("政府");
  const name = compactName(context.meta.agencyName ?? signature.agency ?? "");
  return /人民政府(?:办公室|办公厅)?$/.test(name);
}

function checkSignedDate(context: EvaluationContext, signature: Signature, year: number): Finding[] {
  const government = isGovernment(context, signature);
  const deadline: PrintedDate = { year: year + 1, month: government ? 3 : 1, day: 31 };
  const signed = dateValue(signature.date);
  const problem = signed < dateValue({ year: year + 1, month: 1, day: 1 }) ? "inYear" : signed > dateValue(deadline) ? "late" : null;
  if (problem === null) return [];
  return [
    {
      key: "",
      cells: [],
      expected: dateText(deadline),
      actual: dateText(signature.date),
      params: { problem, date: dateText(signature.date), deadline: dateText(deadline), government, section: "n6", excerpt: signature.text },
    },
  ];
}

// --- T-OPEN-YEAR ------------------------------------------------------------------------------------------

/**
 * Sentences of an opening that say which year the report covers: 「现将2023年度…」, 「特编制2023年政府信息公开工作
 * 年度报告」, 「统计期限为2023年1月1日至…」. A bare 「2022年…年度报告」 may be a link to last year's report on
 * the page, so the verb that makes it this report is required.
 */
const OPENING_YEARS: readonly RegExp[] = [
  /(?:现将|现就|特编制|编制|现公布|现予公布|特发布|现发布|予以公布)(?:本机关|本单位|我局|我委|我办|我厅|本局)?(\d{4})年/g,
  /统计(?:期限|期间|时限|区间|时间)[为是自从：:]{0,2}(\d{4})年1月1日/g,
];

function checkOpeningYear(opening: string, year: number): Finding[] {
  const text = toHalfWidthDigits(opening).replace(/\s+/g, "");
  const findings: Finding[] = [];
  for (const pattern of OPENING_YEARS) {
    for (const match of text.matchAll(pattern)) {
      const stated = Number(match[1]);
      if (stated === year) continue;
      findings.push({
        key: String(match.index),
        cells: [],
        expected: year,
        actual: stated,
        params: { section: "opening", excerpt: excerpt(text, match.index, match[0].length), stated, year },
      });
      if (findings.length >= MAX_FINDINGS) return findings;
    }
  }
  return findings;
}

// --- T-SIGN-AGENCY ----------------------------------------------------------------------------------------

/** A name without spacing and the punctuation that layouts put into it. */
function compactName(name: string): string {
  return name.replace(/[\s\u3000·•（）()]/g, "");
}

/** A government's office signs for the government: 「某某县人民政府办公室」 for 「某某县人民政府」. */
const SIGNING_OFFICE = /(?:办公室|办公厅|政务公开办公室|政务服务和大数据管理局|政务服务管理局)$/;

/**
 * Whether the signature names the title's agency: the same name, one contained in the other (「北关区教育局」
 * and 「邯郸市北关区教育局」), or a government's office signing for it.
 */
export function sameAgency(signed: string, agency: string): boolean {
  const a = compactName(signed);
  const b = compactName(agency);
  if (a.length === 0 || b.length === 0) return true;
  if (a.includes(b) || b.includes(a)) return true;
  const office = a.replace(SIGNING_OFFICE, "");
  return office !== a && b.endsWith("人民政府") && (b.includes(office) || office.includes(b));
}

function checkSignedAgency(signature: Signature, agency: string): Finding[] {
  if (signature.agency === null || sameAgency(signature.agency, agency)) return [];
  return [
    {
      key: "",
      cells: [],
      expected: agency,
      actual: signature.agency,
      params: { section: "n6", excerpt: signature.text, signed: signature.agency, agency },
    },
  ];
}

type PublishedKinds = "textFeeNotices" | "textEmptyTable" | "textSignedDate" | "textOpeningYear" | "textSignedAgency";

export const PUBLISHED_RELATIONS: { readonly [K in PublishedKinds]: RelationBehaviour<Extract<Relation, { kind: K }>> } = {
  textFeeNotices: {
    reads: (r) => [r.cell],
    inputs: ["text"],
    compile: (r) => {
      const at = cellIndex(r.cell);
      const cells: readonly CellId[] = [r.cell];
      return (context) => {
        if (context.text === null) return NOT_APPLICABLE;
        if (context.store.kinds[at] !== CELL_NUMBER) return INCOMPLETE;
        const dropped = context.store.numbers[at]!;
        if (dropped <= 0) return outcome([]);
        const stated = noticesStated(context.text);
        if (stated.count >= dropped) return outcome([]);
        return outcome([{ key: "", cells, expected: dropped, actual: stated.count, params: { excerpt: stated.excerpt } }]);
      };
    },
  },
  textEmptyTable: {
    reads: (r) => r.cells,
    inputs: ["text"],
    compile: (r) => (context) => {
      if (context.text === null) return NOT_APPLICABLE;
      if (!allZero(context, r.cells)) return outcome([]);
      return outcome(checkEmptyTable(context.text));
    },
  },
  textSignedDate: {
    reads: () => [],
    inputs: ["text", "meta"],
    compile: () => (context) => {
      const signature = context.text?.published?.signature ?? null;
      if (signature === null || context.meta.year === null) return NOT_APPLICABLE;
      return outcome(checkSignedDate(context, signature, context.meta.year));
    },
  },
  textOpeningYear: {
    reads: () => [],
    inputs: ["text", "meta"],
    compile: () => (context) => {
      const published = context.text?.published ?? null;
      if (published === null || context.meta.year === null) return NOT_APPLICABLE;
      return outcome(checkOpeningYear(published.opening, context.meta.year));
    },
  },
  textSignedAgency: {
    reads: () => [],
    inputs: ["text", "meta"],
    compile: () => (context) => {
      const signature = context.text?.published?.signature ?? null;
      if (signature === null || context.meta.agencyName === null) return NOT_APPLICABLE;
      return outcome(checkSignedAgency(signature, context.meta.agencyName));
    },
  },
};
