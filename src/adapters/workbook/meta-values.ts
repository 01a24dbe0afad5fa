// Reading the report metadata (基本信息: 机关名称, 报告年度, 机关层级, 简称) from cell text, shared by the .xlsx
// reader and the Office host. Values that cannot be used are reported, never guessed.

import type { AgencyLevel, ReportMeta } from "../../core/format";
import { EMPTY_META, FORMAT_VERSION, isAgencyLevel } from "../../core/format";
import type { Issue } from "../../core/rules";

function metaIssue(field: "year" | "level", subject: string, actual: string, address: string): Issue {
  return {
    id: `S-META.${field}`,
    rule: "S-META",
    severity: "warning",
    scope: "structure",
    cells: [],
    expected: null,
    actual,
    message: "metaInvalid",
    subject,
    params: { field, address },
  };
}

/** The labels of the metadata cells on 基本信息 (column A; the value is beside it in column B). */
export const META_LABELS = { agency: "机关名称", year: "报告年度", level: "机关层级", shortName: "简称" } as const;

export interface MetaTexts {
  readonly agency: string | null;
  readonly year: string | null;
  readonly level: string | null;
  /** 简称 (本局, 市教育局); workbooks made before it existed have none. */
  readonly shortName?: string | null;
  /** Where the year and level are, for the advice ("请在基本信息!B4…"). */
  readonly yearAddress?: string;
  readonly levelAddress?: string;
}

export function readMetaTexts(texts: MetaTexts): { meta: ReportMeta; issues: Issue[] } {
  const issues: Issue[] = [];
  const agency = texts.agency?.trim() || null;
  const yearText = texts.year?.trim() ?? "";
  let year: number | null = null;
  if (yearText !== "") {
    const match = /^(\d{4})(年|年度)?$/.exec(yearText);
    if (match && match[1] !== undefined) year = Number(match[1]);
    else issues.push(metaIssue("year", "报告年度", yearText, texts.yearAddress ?? "基本信息!B4"));
  }
  const levelText = texts.level?.trim() ?? "";
  let level: AgencyLevel | null = null;
  if (levelText !== "") {
    if (isAgencyLevel(levelText)) level = levelText;
    else issues.push(metaIssue("level", "机关层级", levelText, texts.levelAddress ?? "基本信息!B5"));
  }
  // A 简称 is never a bare number: a template of before 简称 regenerated in place by the Office or WPS host keeps
  // its 报告格式 value (2021) in B6, which is now the 简称 cell, and that must not become 「2021未收到…」.
  const shortName = texts.shortName?.trim() ?? "";
  const usable = shortName !== "" && !/^\d+$/.test(shortName);
  return {
    meta: { ...EMPTY_META, agencyName: agency, year, level, formatVersion: FORMAT_VERSION, ...(usable ? { shortName } : {}) },
    issues,
  };
}
