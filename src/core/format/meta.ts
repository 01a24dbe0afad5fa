// Report metadata (spec §1.4): who reports, for which statistical year, at which level, in which format.

export const FORMAT_VERSION = "2021";
export type FormatVersion = "2021" | "2019";

/** Agency levels: 省/市/县/乡 and 政府 or 部门. Townships (乡级) publish as governments only. */
export const AGENCY_LEVELS = ["省级政府", "省级部门", "市级政府", "市级部门", "县级政府", "县级部门", "乡级政府"] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export interface ReportMeta {
  readonly agencyName: string | null;
  /** The statistical year Y; the report is published in Y+1. */
  readonly year: number | null;
  readonly level: AgencyLevel | null;
  readonly formatVersion: FormatVersion;
  /**
   * How the generated sentences name the agency (简称, e.g. 本局, 市教育局), so that they read like the user's
   * own text. Absent: 本机关. The opening sentence and the title always use the full agencyName.
   */
  readonly shortName?: string;
}

export const EMPTY_META: ReportMeta = { agencyName: null, year: null, level: null, formatVersion: FORMAT_VERSION };

/** What the generated sentences call the agency when no 简称 is given. */
export const DEFAULT_SHORT_NAME = "本机关";

/** The agency as the generated sentences name it: its 简称, or 本机关. */
export function shortNameOf(meta: ReportMeta): string {
  const short = meta.shortName?.trim() ?? "";
  return short === "" ? DEFAULT_SHORT_NAME : short;
}

export function isAgencyLevel(text: string): text is AgencyLevel {
  return (AGENCY_LEVELS as readonly string[]).includes(text);
}

/**
 * 规章 are made only by bodies with rule-making power: 国务院部门, 省级人民政府 and 设区的市人民政府
 * (立法法第九十三条). Departments of local governments and county-level governments have none.
 */
export function hasRuleMakingPower(level: AgencyLevel): boolean {
  return level === "省级政府" || level === "市级政府";
}

/**
 * Upper bound of a plausible annual 行政事业性收费 in 万元, by level; a larger value most likely was entered in 元
 * (spec §4 E6). Deliberately generous: it is a plausibility hint, never an error.
 */
export const FEE_PLAUSIBLE_MAX_WAN: Readonly<Record<"省级" | "市级" | "县级" | "乡级" | "unknown", number>> = {
  省级: 10_000_000,
  市级: 1_000_000,
  县级: 100_000,
  乡级: 10_000,
  unknown: 1_000_000,
};

export function feePlausibleMaxWan(level: AgencyLevel | null): number {
  if (level === null) return FEE_PLAUSIBLE_MAX_WAN.unknown;
  const tier = level.slice(0, 2) as "省级" | "市级" | "县级" | "乡级";
  return FEE_PLAUSIBLE_MAX_WAN[tier];
}

/** Earliest year the 2021 format applies to (the 2021 annual reports, published in 2022). */
export const FORMAT_2021_FIRST_YEAR = 2021;
