// Renders the report document from the filled tables and the user's parts (spec §3.3–§3.4): title, opening
// paragraph, 一 with the figures of 表二, 表三 and 表四 written out, the three tables, 五 and 六 with the
// 信息处理费 sentence. Only numbers the tables hold are stated; claims the tables cannot support (均在法定期限内
// 答复) appear only when the user switches them on. Zero cases read as natural sentences.

import type { CellId, ReportMeta } from "../format";
import { PART_NUMERALS, PART_TITLES, SECTION_TITLES, TABLES, T3_RESULT_GROUPS, T4_BLOCKS, DEFAULT_SHORT_NAME, hasRuleMakingPower, shortNameOf, t3Id, t4Id } from "../format";
import { AGENCY_UNKNOWN, NOT_WRITTEN, YEAR_UNKNOWN } from "../rules";
import { formatNumber } from "../locale";
import type { CellValue } from "../values";
import { sumOrNull } from "../values";
import type { Block, Inline, ReportDocument, SectionKey } from "./document";
import { text } from "./document";
import type { Narrative, NarrativeKey } from "./narrative";
import { NARRATIVE_FIELDS } from "./narrative";

/** Parts the user may add to (the sentences generated from the tables already cover them). */
const OPTIONAL: ReadonlySet<NarrativeKey> = new Set(["contact", "n1.active", "n1.onRequest"]);

/** Each text part's guidance, as the template writes it into 正文. */
const GUIDANCE: ReadonlyMap<NarrativeKey, string> = new Map(NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, f.guidance]));
import { createTableBlock } from "./tables";


/** A bound number in user text: {t3.new.total}. */
const BOUND = /\{([a-zA-Z0-9.]+)\}/g;

/** Reads figures for the text; a figure that is not a number is written as 【未填写】 (flagged as a placeholder). */
class Figures {
  constructor(private readonly valueOf: (id: CellId) => CellValue | undefined) {}

  value(id: CellId): number | null {
    const value = this.valueOf(id);
    return value?.kind === "number" ? value.value : null;
  }

  sum(ids: readonly CellId[]): number | null {
    return sumOrNull(ids, this.valueOf);
  }

  /** An inline figure: the sum of the cells (one cell usually). */
  inline(ids: readonly CellId[]): Inline {
    const v = this.sum(ids);
    return v === null ? text(NOT_WRITTEN) : { kind: "number", text: formatNumber(v), cells: ids };
  }

  isZero(ids: readonly CellId[]): boolean {
    return this.sum(ids) === 0;
  }
}

function paragraph(runs: readonly Inline[], section: SectionKey, source: "generated" | "user" | "guidance"): Block {
  return { kind: "paragraph", runs, section, source };
}

/** The user's text as paragraphs (one per line), with bound numbers such as {t3.new.total} filled in. */
export function userParagraphs(content: string | undefined, section: SectionKey, figures: Figures, isCell: (id: string) => boolean): Block[] {
  const lines = (content ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.map((line) => {
    const runs: Inline[] = [];
    let last = 0;
    for (const match of line.matchAll(BOUND)) {
      const id = match[1] ?? "";
      if (!isCell(id)) continue;
      if (match.index > last) runs.push(text(line.slice(last, match.index)));
      runs.push(figures.inline([id]));
      last = match.index + match[0].length;
    }
    if (last < line.length) runs.push(text(line.slice(last)));
    return paragraph(runs, section, "user");
  });
}

/** Joins clauses like "甲3件、乙2件" with the separator, skipping empty ones. */
function joinClauses(clauses: readonly (readonly Inline[])[], separator: string): Inline[] {
  const out: Inline[] = [];
  clauses
    .filter((c) => c.length > 0)
    .forEach((clause, i) => {
      if (i > 0) out.push(text(separator));
      out.push(...clause);
    });
  return out;
}

function activeDisclosure(year: string, meta: ReportMeta, f: Figures): Inline[] {
  const clauses: Inline[][] = [];
  const reg = ["t2.regulation.issued", "t2.regulation.repealed", "t2.regulation.valid"];
  if (!f.isZero(reg)) {
    clauses.push([text("制发规章"), f.inline([reg[0]!]), text("件，废止"), f.inline([reg[1]!]), text("件，现行有效"), f.inline([reg[2]!]), text("件")]);
  } else if (meta.level !== null && hasRuleMakingPower(meta.level)) {
    clauses.push([text("未制发、未废止规章")]);
  }
  const [issued, repealed, valid] = ["t2.normativeDoc.issued", "t2.normativeDoc.repealed", "t2.normativeDoc.valid"] as const;
  if (f.isZero([issued, repealed])) {
    clauses.push(
      f.isZero([valid])
        ? [text("未制发、未废止行政规范性文件")]
        : [text("未制发、未废止行政规范性文件，现行有效行政规范性文件"), f.inline([valid]), text("件")],
    );
  } else {
    clauses.push([text("制发行政规范性文件"), f.inline([issued]), text("件，废止"), f.inline([repealed]), text("件，现行有效"), f.inline([valid]), text("件")]);
  }
  const decisions = [
    ["t2.license.decisions", "行政许可"],
    ["t2.penalty.decisions", "行政处罚"],
    ["t2.coercion.decisions", "行政强制"],
  ] as const;
  const made = decisions.filter(([id]) => !f.isZero([id]));
  if (made.length === 0) clauses.push([text("未作出行政许可、行政处罚和行政强制决定")]);
  else {
    clauses.push([
      text("作出"),
      ...joinClauses(
        made.map(([id, name]) => [text(`${name}决定`), f.inline([id]), text("件")]),
        "、",
      ),
    ]);
  }
  clauses.push(f.isZero(["t2.fee.amountWan"]) ? [text("未收取行政事业性收费")] : [text("收取行政事业性收费"), f.inline(["t2.fee.amountWan"]), text("万元")]);
  return [text(`${year}年，${shortNameOf(meta)}`), ...joinClauses(clauses, "；"), text("。")];
}

const OUTCOME_NAMES: Readonly<Record<string, string>> = {
  granted: "予以公开",
  partial: "部分公开",
  withheld: "不予公开",
  unavailable: "无法提供",
  notProcessed: "不予处理",
  other: "其他处理",
};

function outcomeCells(groupKey: string): CellId[] {
  const group = T3_RESULT_GROUPS.find((g) => g.key === groupKey);
  if (!group) return [];
  return group.items.length === 0 ? [t3Id(`result.${group.key}`, "total")] : group.items.map((item) => t3Id(`result.${group.key}.${item.key}`, "total"));
}

function onRequest(year: string, agency: string, f: Figures, narrative: Narrative): Inline[] {
  const newId = t3Id("new", "total");
  const carryId = t3Id("carryOver", "total");
  const doneId = t3Id("result.total", "total");
  const forwardId = t3Id("carryForward", "total");
  if (f.isZero([newId, carryId, doneId, forwardId])) {
    return [text(`${year}年，${agency}未收到政府信息公开申请，无上年结转的申请。`)];
  }
  const runs: Inline[] = [text(`${year}年，${agency}新收政府信息公开申请`), f.inline([newId]), text("件")];
  runs.push(...(f.isZero([carryId]) ? [text("，无上年结转的申请")] : [text("，上年结转"), f.inline([carryId]), text("件")]));
  runs.push(text("；办结"), f.inline([doneId]), text("件"));
  const outcomes = T3_RESULT_GROUPS.map((g) => [g.key, outcomeCells(g.key)] as const).filter(([, cells]) => !f.isZero(cells));
  if (outcomes.length > 0) {
    runs.push(text("，其中"), ...joinClauses(outcomes.map(([key, cells]) => [text(OUTCOME_NAMES[key] ?? key), f.inline(cells), text("件")]), "、"));
  }
  runs.push(...(f.isZero([forwardId]) ? [text("；无结转下年度继续办理的申请")] : [text("；结转下年度继续办理"), f.inline([forwardId]), text("件")]));
  runs.push(text("。"));
  if (narrative.flags["claim.allWithinDeadline"] === true && !f.isZero([doneId])) runs.push(text("办结的申请均在法定期限内答复。"));
  return runs;
}

function reviewAndLitigation(f: Figures): Inline[] {
  const review = t4Id("review", "total");
  const litigation = [t4Id("litDirect", "total"), t4Id("litAfterReview", "total")];
  if (f.isZero([review, ...litigation])) return [text("全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")];
  const detail = (block: string): Inline[] => {
    const parts = [
      ["upheld", "结果维持"],
      ["corrected", "结果纠正"],
      ["other", "其他结果"],
      ["pending", "尚未审结"],
    ]
      .filter(([key]) => !f.isZero([t4Id(block, key!)]))
      .map(([key, name]) => [text(name!), f.inline([t4Id(block, key!)]), text("件")]);
    return parts.length === 0 ? [] : [text("（"), ...joinClauses(parts, "、"), text("）")];
  };
  const runs: Inline[] = [text("全年因政府信息公开工作")];
  runs.push(...(f.isZero([review]) ? [text("未被申请行政复议")] : [text("被申请行政复议"), f.inline([review]), text("件"), ...detail("review")]));
  if (f.isZero(litigation)) runs.push(text("，未被提起行政诉讼"));
  else {
    runs.push(text("，被提起行政诉讼"), f.inline(litigation), text("件"));
    const blocks = T4_BLOCKS.filter((b) => b.key !== "review" && !f.isZero([t4Id(b.key, "total")]));
    runs.push(text("（"), ...joinClauses(blocks.map((b) => [text(b.label), f.inline([t4Id(b.key, "total")]), text("件")]), "、"), text("）"));
  }
  runs.push(text("。"));
  return runs;
}

function processingFee(year: string, agency: string, narrative: Narrative): Inline[] | null {
  const notices = narrative.numbers["n6.feeNotices"] ?? null;
  const amount = narrative.numbers["n6.feeNoticesAmountYuan"] ?? null;
  const collected = narrative.numbers["n6.feeCollectedYuan"] ?? null;
  if (notices === null) return null;
  if (notices === 0) return [text(`${year}年，${agency}未发出政府信息公开信息处理费收费通知，未收取信息处理费。`)];
  const figure = (v: number | null): Inline => (v === null ? text(NOT_WRITTEN) : { kind: "number", text: formatNumber(v), cells: [] });
  const runs: Inline[] = [
    text(`${year}年，${agency}按照《政府信息公开信息处理费管理办法》发出收费通知`),
    figure(notices),
    text("件、金额"),
    figure(amount),
    text("元，"),
  ];
  runs.push(...(collected === 0 ? [text("未实际收取信息处理费。")] : [text("实际收取信息处理费"), figure(collected), text("元。")]));
  return runs;
}

export function reportTitle(meta: ReportMeta): string {
  return `${meta.agencyName ?? AGENCY_UNKNOWN}${meta.year ?? YEAR_UNKNOWN}年政府信息公开工作年度报告`;
}

export function createReportDocument(
  meta: ReportMeta,
  valueOf: (id: CellId) => CellValue | undefined,
  narrative: Narrative,
  isCell: (id: string) => boolean,
  options: { readonly tables?: boolean } = {},
): ReportDocument {
  const f = new Figures(valueOf);
  const year = meta.year === null ? YEAR_UNKNOWN : String(meta.year);
  // The opening names the agency in full; the generated sentences after it use its 简称 (本机关 by default).
  const agency = meta.agencyName ?? DEFAULT_SHORT_NAME;
  const shortName = shortNameOf(meta);
  const user = (key: NarrativeKey, section: SectionKey): Block[] => {
    const content = narrative.texts[key];
    // The template's guidance left as it was: the part is not written yet (the checks count it as unfinished).
    // The guidance itself is never printed: a required part shows 【未填写】, an optional addition nothing.
    if (content !== undefined && content.trim() === GUIDANCE.get(key)) return OPTIONAL.has(key) ? [] : [paragraph([text(NOT_WRITTEN)], section, "guidance")];
    return userParagraphs(content, section, f, isCell);
  };
  // A part the format requires but the user left empty shows 【未填写】 rather than a bare heading.
  const required = (key: NarrativeKey, section: SectionKey): Block[] => {
    const written = user(key, section);
    return written.length > 0 ? written : [paragraph([text(NOT_WRITTEN)], section, "user")];
  };
  const heading = (level: 1 | 2, title: string): Block => ({ kind: "heading", level, text: title });
  // The text checks read only the paragraphs: they ask for the document without its tables.
  const withTables = options.tables ?? true;
  const table = (index: number): Block[] => (withTables ? [createTableBlock(TABLES[index]!, valueOf)] : []);

  const blocks: Block[] = [
    { kind: "title", text: reportTitle(meta) },
    paragraph(
      [
        text(
          `本报告由${agency}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》` +
            `（国办公开办函〔2021〕30号）要求编制，包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、` +
            `政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限为${year}年1月1日至12月31日。`,
        ),
      ],
      "opening",
      "generated",
    ),
    ...user("contact", "opening"),
    heading(1, SECTION_TITLES.一),
    heading(2, PART_TITLES[0]),
    paragraph(activeDisclosure(year, meta, f), "n1.active", "generated"),
    ...user("n1.active", "n1.active"),
    heading(2, PART_TITLES[1]),
    paragraph([...onRequest(year, shortName, f, narrative), ...reviewAndLitigation(f)], "n1.onRequest", "generated"),
    ...user("n1.onRequest", "n1.onRequest"),
    heading(2, PART_TITLES[2]),
    ...required("n1.infoMgmt", "n1.infoMgmt"),
    heading(2, PART_TITLES[3]),
    ...required("n1.platform", "n1.platform"),
    heading(2, PART_TITLES[4]),
    ...required("n1.oversight", "n1.oversight"),
    heading(1, SECTION_TITLES.二),
    ...table(0),
    heading(1, SECTION_TITLES.三),
    ...table(1),
    heading(1, SECTION_TITLES.四),
    ...table(2),
    heading(1, SECTION_TITLES.五),
  ];
  const fiveParts: [NarrativeKey, string][] = [
    ["n5.rectification", "上年度问题整改情况"],
    ["n5.problems", "存在的主要问题"],
    ["n5.measures", "改进措施"],
  ];
  const present = fiveParts.filter(([key]) => (narrative.texts[key] ?? "").trim().length > 0);
  present.forEach(([key, title], i) => {
    if (present.length > 1) blocks.push(heading(2, `${PART_NUMERALS[i]}${title}`));
    blocks.push(...user(key, "n5"));
  });
  if (present.length === 0) blocks.push(paragraph([text(NOT_WRITTEN)], "n5", "user"));
  blocks.push(heading(1, SECTION_TITLES.六));
  const fee = processingFee(year, shortName, narrative);
  if (fee) blocks.push(paragraph(fee, "n6", "generated"));
  blocks.push(...user("n6.other", "n6"));
  return { meta, title: reportTitle(meta), blocks };
}
