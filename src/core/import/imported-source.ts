// A published report's text as a report source (core/check): the imported cells, where they came from, what
// could not be read, and the narrative split into the parts the 正文 sheet holds. Shared by the CLI and the pane.

import type { CellOrigin, ReportSource } from "../check";
import type { CellId } from "../format";
import { EMPTY_META, ONE_PARTS, PART_NUMERALS } from "../format";
import type { Narrative, NarrativeKey } from "../report";
import { NARRATIVE_FIELDS } from "../report";
import type { RawCell } from "../values";
import type { ImportOptions, ImportResult } from "./import-report";
import { importReportText } from "./import-report";
import type { Issue } from "../rules";
import { createIssue } from "../rules";
import type { SectionNumeral } from "./sections";
import { splitSignature } from "./signature";

/** The parts of 一 by the numeral a paragraph starts with (the outline's （一）…（五）). */
const PARTS: readonly [string, NarrativeKey][] = ONE_PARTS.map((key, i) => [PART_NUMERALS[i] ?? "", key]);

/** A line that ends a sentence (or a heading) ends its paragraph; other lines were wrapped by the layout. */
const PARAGRAPH_END = /[。！？：:…][”’」』）)]?$/;
/** A line that starts a list item or a heading starts a paragraph. */
const ITEM_START = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、](?!\d))/;

/**
 * Rejoins the paragraphs of extracted text: PDF and web copies break lines inside paragraphs (and leave blank
 * lines at page breaks), so a line is joined to the next unless it ends a sentence or the next starts an item.
 */
export function rejoinParagraphs(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const paragraphs: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current !== "" && (PARAGRAPH_END.test(current) || ITEM_START.test(line))) {
      paragraphs.push(current);
      current = "";
    }
    current += line;
  }
  if (current !== "") paragraphs.push(current);
  return paragraphs;
}

/** The part heading a published report writes at the start of a part ("（一）主动公开："), left out of the text. */
const PART_HEADING = /^（[一二三四五]）[^：:。，]{0,16}[：:]?/;

/** A sentence that says whom to ask about the report: it belongs in the 正文's 开篇：咨询方式. */
const CONTACT = /如对本?(?:报告|年报)[^。]{0,20}(?:疑问|问题|意见|建议)|联系(?:电话|方式|地址|人)[:：]?|(?:电话|邮箱|传真)[:：]\s*[\d０-９(（]/;

/**
 * A sentence of the formulaic opening the generated report writes itself (legal basis, 编制, statistical period,
 * where the electronic version is): 「根据《中华人民共和国政府信息公开条例》…现将…年度报告如下」.
 */
const OPENING_SENTENCE =
  /根据《(?:中华人民共和国)?政府信息公开条例》|(?:现将|现就|特将|特编制|编制)[^。]{0,40}?(?:年度报告|报告如下|公布如下)|统计(?:期限|期间|时限|区间|时间)|电子版/;

/** Sentences of a paragraph, each with its closing mark (no lookbehind: the pane's engines may lack it). */
function sentencesOf(paragraph: string): string[] {
  return paragraph.match(/[^。！？]+[。！？]*/g) ?? [];
}

/** A paragraph of the published text that was not put into the 正文, and why; the pane and the CLI show them. */
export interface LeftOutText {
  /** "opening": the opening, or the lead of 一 before its （一）; this year's report generates its own opening. */
  readonly reason: "opening";
  readonly text: string;
}

/** How many characters of a left-out paragraph are quoted back to the user. */
const LEFT_OUT_QUOTE = 60;

/** The sentence the pane and the CLI show for a paragraph left out of the 正文. */
export function leftOutSentence(entry: LeftOutText): string {
  const text = entry.text.length > LEFT_OUT_QUOTE ? `${entry.text.slice(0, LEFT_OUT_QUOTE)}…` : entry.text;
  return `不填入正文：原报告的开篇段落“${text}”。本报告的开篇（编制依据、统计期限）按本年度自动生成；其中如有需要保留的内容，请改写后填入正文相应部分。`;
}

export interface ImportedNarrative {
  readonly narrative: Narrative;
  readonly leftOut: readonly LeftOutText[];
}

/**
 * The narrative of a published report: 一 split at its （一）…（五） parts, 五 and 六 as written. What 一 prints
 * before its （一） — the opening (「根据《条例》…现将…年度报告如下」, the statistical period) or a lead paragraph
 * of 总体情况 — is not 一（一）主动公开: this year's report writes its own opening from its year and agency, so
 * that text is left out and listed; only a sentence on whom to ask goes to 开篇：咨询方式. `preamble` is what
 * the text prints before 一、 (the title, often the opening): its contact sentence is taken, its opening listed.
 */
export function readNarrative(sections: ImportResult["sections"], preamble = ""): ImportedNarrative {
  // Every text part starts empty (not with the template's guidance): what the report did not have stays empty.
  const texts: Partial<Record<NarrativeKey, string>> = Object.fromEntries(NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, ""]));
  const leftOut: LeftOutText[] = [];
  const contact: string[] = [];
  /** Takes the contact sentences of an opening paragraph; the rest is listed as left out when `keep` says so. */
  const takeOpening = (paragraph: string, keep: (rest: string) => boolean): void => {
    const rest: string[] = [];
    for (const sentence of sentencesOf(paragraph)) (CONTACT.test(sentence) ? contact : rest).push(sentence);
    const text = rest.join("").trim();
    if (text.length > 0 && keep(text)) leftOut.push({ reason: "opening", text });
  };
  // Before 一、: page menus and the title come before the opening (lines that end in no full stop, so they
  // would be joined to it): it is read from its first line on, and only its own sentences are listed.
  const lines = preamble.split(/\r?\n/);
  const first = lines.findIndex((line) => OPENING_SENTENCE.test(line) || CONTACT.test(line));
  if (first >= 0) {
    for (const paragraph of rejoinParagraphs(lines.slice(first).join("\n"))) takeOpening(paragraph, (rest) => OPENING_SENTENCE.test(rest));
  }

  const paragraphs = rejoinParagraphs(sections["一"] ?? "");
  const hasParts = paragraphs.some((p) => PARTS.some(([numeral]) => p.startsWith(numeral)));
  let current: NarrativeKey | null = hasParts ? null : "n1.active";
  paragraphs.forEach((paragraph, i) => {
    const part = PARTS.find(([numeral]) => paragraph.startsWith(numeral));
    if (part) current = part[1];
    if (current === null) {
      // The lead of 一 before its （一）: all of it is opening, whatever it says.
      takeOpening(paragraph, () => true);
      return;
    }
    // 一 without parts: its first paragraph is left out only when it is the formulaic opening.
    if (!hasParts && i === 0 && OPENING_SENTENCE.test(paragraph)) {
      takeOpening(paragraph, () => true);
      return;
    }
    const text = part ? paragraph.replace(PART_HEADING, "").trim() : paragraph;
    if (text.length > 0) texts[current] = `${texts[current] ?? ""}${text}\n`;
  });
  texts.contact = contact.join("");
  if (sections["五"]) texts["n5.problems"] = rejoinParagraphs(sections["五"]).join("\n");
  if (sections["六"]) texts["n6.other"] = rejoinParagraphs(sections["六"]).join("\n");
  for (const key of Object.keys(texts) as NarrativeKey[]) texts[key] = (texts[key] ?? "").trim();
  return { narrative: { texts, numbers: {}, flags: {} }, leftOut };
}

/** The narrative of a published report (readNarrative without the list of what was left out). */
export function narrativeFromSections(sections: ImportResult["sections"], preamble = ""): Narrative {
  return readNarrative(sections, preamble).narrative;
}

/** One issue when the text holds several reports: what was and was not taken from them. */
function severalReportsIssue(imported: ImportResult): Issue[] {
  const { reports } = imported;
  if (reports.length <= 1) return [];
  const titles = reports.map((r) => `${r.agency ?? "（机关未识别）"}${r.year === null ? "" : `${r.year}年`}`);
  return [
    createIssue({
      id: "S-REPORTS",
      rule: "S-REPORTS",
      severity: "warning",
      scope: "structure",
      cells: [],
      expected: 1,
      actual: reports.length,
      subject: "报告文本",
      message: "severalReports",
      params: { count: reports.length, titles, sameTitle: imported.agency !== null || imported.year !== null, differing: imported.differingTables },
    }),
  ];
}

/** How much of 一 the opening is looked for in (its first paragraph often says which year it reports on). */
const OPENING_OF_ONE = 600;

/** A published report's text read back as a report source. */
export function sourceFromText(text: string, options: ImportOptions = {}): { source: ReportSource; imported: ImportResult } {
  const imported = importReportText(text, options);
  // The signature ends the last section; taken off, it is not read as part of 六 (or 五, when 六 is missing).
  const last: SectionNumeral = imported.sections["六"] !== undefined ? "六" : "五";
  const signed = splitSignature(imported.sections[last] ?? "");
  const sections = { ...imported.sections, ...(imported.sections[last] === undefined ? {} : { [last]: signed.body }) };
  const opening = `${imported.preamble}\n${(imported.sections["一"] ?? "").slice(0, OPENING_OF_ONE)}`;
  const read = readNarrative(sections, imported.preamble);
  const cells = new Map<CellId, RawCell>();
  for (const [id, value] of Object.entries(imported.values)) if (value !== null) cells.set(id, value);
  const origins = new Map<CellId, CellOrigin>();
  for (const id of cells.keys()) origins.set(id, { kind: "text", line: null, method: imported.methods[id] ?? "separated" });
  return {
    imported: { ...imported, leftOut: read.leftOut },
    source: {
      kind: "text",
      meta: { ...EMPTY_META, agencyName: imported.agency, year: imported.year },
      cells,
      origins,
      structure: severalReportsIssue(imported),
      confirmations: [],
      narrative: read.narrative,
      unread: imported.unread,
      publishedText: { one: sections["一"] ?? "", five: sections["五"] ?? "", opening, signature: signed.signature },
    },
  };
}

