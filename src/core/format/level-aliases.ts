// What people type for an agency level, read as one of the format's levels (meta.ts AGENCY_LEVELS). Offices
// name their tier in many ways — 区级部门, 区县级部门, 县（市、区）政府, 乡镇政府, 街道办事处, 市直部门, 省直单位 —
// and all of them name one of the seven levels: a 区 (市辖区), 县级市 or 旗 is 县级 (宪法第三十条); a 自治州, 盟 or
// 设区的市 is 市级; a 自治区 or 直辖市 is 省级; a 街道办事处, the 派出机关 of a 区 government, reports as a
// 乡级政府 like a 乡 or 镇 (乡镇 publish as governments only). A tier without 政府 or 部门 (「县级」) is not
// guessed, except for 乡镇 and 街道, which are governments in any case.

import type { AgencyLevel } from "./meta";
import { AGENCY_LEVELS, isAgencyLevel } from "./meta";

type Tier = "省级" | "市级" | "县级" | "乡级";

/** How a typed level was read. `alias` is false when the text is one of the levels (spacing aside). */
export type LevelReading =
  | { readonly kind: "level"; readonly level: AgencyLevel; readonly alias: boolean }
  /** A tier without 政府 or 部门: 「县级」 may be either. */
  | { readonly kind: "tier-only"; readonly tier: Exclude<Tier, "乡级"> }
  /** 「乡镇部门」: townships have no level of departments. */
  | { readonly kind: "township-department" }
  | { readonly kind: "unknown" };

/** Words naming a tier, tried longest first (「直辖市」 before 「市」, 「县级市」 and 「市辖区」 before 「市」). */
const TIER_WORDS: readonly (readonly [string, Tier])[] = (
  [
    ["省", "省级"],
    ["自治区", "省级"],
    ["直辖市", "省级"],
    ["设区的市", "市级"],
    ["地级市", "市级"],
    ["地级", "市级"],
    ["地市", "市级"],
    ["地区", "市级"],
    ["自治州", "市级"],
    ["州", "市级"],
    ["盟", "市级"],
    ["市", "市级"],
    ["县级市", "县级"],
    ["市辖区", "县级"],
    ["县市区", "县级"],
    ["区县", "县级"],
    ["县区", "县级"],
    ["县市", "县级"],
    ["自治县", "县级"],
    ["自治旗", "县级"],
    ["县", "县级"],
    ["区", "县级"],
    ["旗", "县级"],
    ["乡镇街道", "乡级"],
    ["乡镇", "乡级"],
    ["街道", "乡级"],
    ["苏木", "乡级"],
    ["乡", "乡级"],
    ["镇", "乡级"],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** What follows the tier when it names the government itself. 办事处 and 办 only follow 街道. */
const GOVERNMENT_WORDS = new Set(["政府", "人民政府", "政府本级", "人民政府本级", "本级政府", "行政公署", "公署"]);
const SUBDISTRICT_OFFICE_WORDS = new Set(["办事处", "办"]);

/** What follows the tier when it names a department: 市直部门, 县政府工作部门, 区人民政府直属单位, 市直 … */
const DEPARTMENT_PATTERN = /^(?:人民政府|政府)?(直属|直|属)?(.*)$/;
const DEPARTMENT_WORDS = new Set(["部门", "单位", "机关", "机构", "工作部门", "组成部门", "部门单位", "委办局"]);

/** Spacing, bracketed notes (「县（市、区）」) and list marks (「县、区」) say nothing of the level. */
function normalizeLevelText(text: string): string {
  return text.replace(/[（(][^（()）]*[）)]/g, "").replace(/[\s\u3000、/／·]/g, "");
}

/** What the words after the tier name: the government, a department, nothing (「县级」), or not a level. */
function kindOf(rest: string, tier: Tier): "政府" | "部门" | "" | null {
  if (rest === "") return "";
  if (GOVERNMENT_WORDS.has(rest) || (tier === "乡级" && SUBDISTRICT_OFFICE_WORDS.has(rest))) return "政府";
  const [, direct, noun = ""] = DEPARTMENT_PATTERN.exec(rest) ?? [];
  if (DEPARTMENT_WORDS.has(noun)) return "部门";
  // 「市直」「区直属」 alone are departments; 「市属」 alone is not said of them.
  return noun === "" && (direct === "直" || direct === "直属") ? "部门" : null;
}

/** Reads what a user typed as an agency level. */
export function readAgencyLevel(text: string): LevelReading {
  const trimmed = text.trim();
  if (isAgencyLevel(trimmed)) return { kind: "level", level: trimmed, alias: false };
  const normalized = normalizeLevelText(trimmed);
  if (isAgencyLevel(normalized)) return { kind: "level", level: normalized, alias: true };
  for (const [word, tier] of TIER_WORDS) {
    if (!normalized.startsWith(word)) continue;
    const rest = normalized.slice(word.length).replace(/^(一级|级)/, "");
    const kind = kindOf(rest, tier);
    if (kind === null) continue;
    if (tier === "乡级") return kind === "部门" ? { kind: "township-department" } : { kind: "level", level: "乡级政府", alias: true };
    if (kind === "") return { kind: "tier-only", tier };
    const level = `${tier}${kind}`;
    if (isAgencyLevel(level)) return { kind: "level", level, alias: true };
  }
  return { kind: "unknown" };
}

/** The sentence shown when a typed level was read as another word: 已将“区级部门”按“县级部门”处理。 */
export function levelAliasNote(typed: string, level: AgencyLevel): string {
  return `已将“${typed.trim()}”按“${level}”处理。`;
}

/** Examples of what is accepted besides the seven levels, for messages and help. */
export const LEVEL_ALIAS_EXAMPLES = ["区级部门", "县区政府", "乡镇政府", "街道办事处", "市直部门", "省直部门"] as const;

/** Why a typed level was not accepted, and what is: for a message after 「“…”无法识别」. */
export function levelProblemText(reading: Exclude<LevelReading, { kind: "level" }>): string {
  switch (reading.kind) {
    case "tier-only":
      return `请写明是政府还是部门：${reading.tier}政府 或 ${reading.tier}部门。`;
    case "township-department":
      return "乡镇、街道一级只有“乡级政府”一种层级，请写 乡级政府。";
    case "unknown":
      return `可选：${AGENCY_LEVELS.join("、")}（也可写${LEVEL_ALIAS_EXAMPLES.join("、")}等常用说法）。`;
  }
}
