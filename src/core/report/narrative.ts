// The parts of the report the user writes (spec §1.4 n1.* / n5.* / n6.*): kept in the workbook's 正文 sheet
// (and in the browser page), each pre-filled with guidance in 【】 that the placeholder check flags if left.

export type NarrativeKey =
  | "contact"
  | "n1.active"
  | "n1.onRequest"
  | "n1.infoMgmt"
  | "n1.platform"
  | "n1.oversight"
  | "n5.rectification"
  | "n5.problems"
  | "n5.measures"
  | "n6.feeNotices"
  | "n6.feeNoticesAmountYuan"
  | "n6.feeCollectedYuan"
  | "n6.other"
  | "claim.allWithinDeadline";

export interface NarrativeField {
  readonly key: NarrativeKey;
  /** Where it goes in the report, as the user reads it. */
  readonly label: string;
  readonly kind: "text" | "number" | "flag";
  /** What the format asks for; the 正文 sheet starts with it (in 【】 so that it is never published by mistake). */
  readonly guidance: string;
}

export const NARRATIVE_FIELDS: readonly NarrativeField[] = [
  { key: "contact", label: "开篇：咨询方式", kind: "text", guidance: "【如对本报告有疑问，请与××（机关名称）联系，地址：……，电话：……。】" },
  { key: "n1.active", label: "一（一）主动公开（补充说明）", kind: "text", guidance: "【主动公开的渠道、条数、重点领域等；表二的件数由统计表自动生成，无需重复填写。】" },
  { key: "n1.onRequest", label: "一（二）依申请公开（补充说明）", kind: "text", guidance: "【申请的主要内容、办理和答复情况；收到、办结、结转的件数由表三自动生成。】" },
  { key: "n1.infoMgmt", label: "一（三）政府信息管理", kind: "text", guidance: "【公文公开属性源头认定、保密审查、规范性文件清理、信息动态更新等情况。】" },
  { key: "n1.platform", label: "一（四）政府信息公开平台建设", kind: "text", guidance: "【门户网站、政务公开专栏、政务新媒体、政府公报、公开查阅点等建设情况。】" },
  {
    key: "n1.oversight",
    label: "一（五）监督保障",
    kind: "text",
    guidance: "【培训、考核、社会评议、责任追究等情况；各级人民政府须报告工作考核、社会评议和责任追究结果情况。】",
  },
  { key: "n5.rectification", label: "五、上年度问题整改情况", kind: "text", guidance: "【上一年度报告所列问题的整改情况。】" },
  { key: "n5.problems", label: "五、存在的主要问题", kind: "text", guidance: "【本年度工作存在的主要问题（一是……二是……）。】" },
  { key: "n5.measures", label: "五、改进措施", kind: "text", guidance: "【下一步的改进措施。】" },
  { key: "n6.feeNotices", label: "六、发出信息处理费收费通知（件）", kind: "number", guidance: "" },
  { key: "n6.feeNoticesAmountYuan", label: "六、收费通知金额（元）", kind: "number", guidance: "" },
  { key: "n6.feeCollectedYuan", label: "六、实际收取信息处理费（元）", kind: "number", guidance: "" },
  {
    key: "n6.other",
    label: "六、其他需要报告的事项",
    kind: "text",
    guidance: "【其他需要报告的事项；各级人民政府应报告落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、政务公开工作创新等情况。】",
  },
  { key: "claim.allWithinDeadline", label: "选项：依申请公开均在法定期限内答复（是/否）", kind: "flag", guidance: "否" },
];

/** The user's parts: texts as typed, figures as numbers (null when blank), flags as booleans. */
export interface Narrative {
  readonly texts: Readonly<Partial<Record<NarrativeKey, string>>>;
  readonly numbers: Readonly<Partial<Record<NarrativeKey, number | null>>>;
  readonly flags: Readonly<Partial<Record<NarrativeKey, boolean>>>;
}

export const EMPTY_NARRATIVE: Narrative = { texts: {}, numbers: {}, flags: {} };

/** The narrative as the 正文 sheet starts: guidance in every text field, figures blank, claims off. */
export function guidanceNarrative(): Narrative {
  const texts: Partial<Record<NarrativeKey, string>> = {};
  for (const field of NARRATIVE_FIELDS) if (field.kind === "text") texts[field.key] = field.guidance;
  return { texts, numbers: {}, flags: { "claim.allWithinDeadline": false } };
}

/** Reads a flag cell: 是/true/1/√ are yes. */
export function isYes(text: string): boolean {
  return /^(是|yes|true|1|√|✓|y)$/i.test(text.trim());
}

/**
 * The narrative from rows of (key, content) as a sheet holds them (the 正文 sheet: key in column A, content in
 * column C). Unknown keys are ignored; figures that are not plain numbers are left blank.
 */
export function narrativeFromRows(rows: Iterable<readonly [string, string | number | boolean | null]>): Narrative {
  const fields = new Map(NARRATIVE_FIELDS.map((f) => [f.key as string, f]));
  const texts: Partial<Record<NarrativeKey, string>> = {};
  const numbers: Partial<Record<NarrativeKey, number | null>> = {};
  const flags: Partial<Record<NarrativeKey, boolean>> = {};
  for (const [key, content] of rows) {
    const field = fields.get(key.trim());
    if (!field) continue;
    const text = content === null ? "" : String(content);
    if (field.kind === "text") texts[field.key] = text;
    else if (field.kind === "flag") flags[field.key] = isYes(text);
    else numbers[field.key] = typeof content === "number" ? content : /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : null;
  }
  return { texts, numbers, flags };
}

/**
 * What the 正文 sheet's content cell of the part `key` holds for `narrative`, the reverse of narrativeFromRows: the
 * text (its guidance when empty), the figure (null: blank), 是/否 for a claim; undefined when the narrative does not
 * hold that part (or the key is not a part), so that the cell is left as it is.
 */
export function narrativeCellContent(narrative: Narrative, key: string): string | number | null | undefined {
  const field = NARRATIVE_FIELDS.find((f) => f.key === key);
  if (!field) return undefined;
  if (field.kind === "text") {
    const text = narrative.texts[field.key];
    return text === undefined ? undefined : text.trim() === "" ? field.guidance : text;
  }
  if (field.kind === "number") return field.key in narrative.numbers ? (narrative.numbers[field.key] ?? null) : undefined;
  const flag = narrative.flags[field.key];
  return flag === undefined ? undefined : flag ? "是" : "否";
}
