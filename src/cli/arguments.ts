// Argument helpers shared by the commands: the usage error (exit code 2) and parsers of common options.

import type { AgencyLevel } from "../core/format";
import { AGENCY_LEVELS, isAgencyLevel } from "../core/format";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100) {
    throw new UsageError(`--year 应为四位数的统计年度（如 2025），现为“${text}”。`);
  }
  return Number(text);
}

export function parseLevel(text: string | undefined): AgencyLevel | undefined {
  if (text === undefined) return undefined;
  if (!isAgencyLevel(text)) throw new UsageError(`--level“${text}”无法识别，可选：${AGENCY_LEVELS.join("、")}。`);
  return text;
}

