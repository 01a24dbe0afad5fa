// Reading the report metadata (基本信息: 机关名称, 报告年度, 机关层级) from cell text, shared by the .xlsx
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

export interface MetaTexts {
  readonly agency: string | null;
  readonly year: string | null;
  readonly level: string | null;
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
  return { meta: { ...EMPTY_META, agencyName: agency, year, level, formatVersion: FORMAT_VERSION }, issues };
}
