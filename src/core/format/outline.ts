// The outline of the report (spec §1 report skeleton, §1.4, §3.3): the six sections with their headings as
// the format writes them, the five parts of 一, and the places of the text that checks point at. Every
// module that builds, reads or checks the report's outline takes it from here.

/** The six top-level sections, in order. */
export const SECTION_NUMERALS = ["一", "二", "三", "四", "五", "六"] as const;
export type SectionNumeral = (typeof SECTION_NUMERALS)[number];

export const SECTION_TITLES: Readonly<Record<SectionNumeral, string>> = {
  一: "一、总体情况",
  二: "二、主动公开政府信息情况",
  三: "三、收到和处理政府信息公开申请情况",
  四: "四、政府信息公开行政复议、行政诉讼情况",
  五: "五、存在的主要问题及改进情况",
  六: "六、其他需要报告的事项",
};

/** The parts of 一、总体情况, with the numerals the format uses. */
export const PART_NUMERALS = ["（一）", "（二）", "（三）", "（四）", "（五）"] as const;
export const PART_TITLES = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"] as const;

/** The places of the report's text that the user writes or the checks point at. */
export type TextSection = "opening" | "n1.active" | "n1.onRequest" | "n1.infoMgmt" | "n1.platform" | "n1.oversight" | "n5" | "n6";

/** The parts of 一, in order, as text sections. */
export const ONE_PARTS = ["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight"] as const satisfies readonly TextSection[];

/** Each text section as the user reads its place in the report. */
export const TEXT_SECTION_LABELS: Readonly<Record<TextSection, string>> = {
  opening: "开篇",
  "n1.active": "一（一）主动公开",
  "n1.onRequest": "一（二）依申请公开",
  "n1.infoMgmt": "一（三）政府信息管理",
  "n1.platform": "一（四）政府信息公开平台建设",
  "n1.oversight": "一（五）监督保障",
  n5: SECTION_TITLES.五,
  n6: SECTION_TITLES.六,
};
