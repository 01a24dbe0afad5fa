// Filling a workbook from a report read back (the pane's 导入, as `nianbao import -o` fills a new workbook):
// the figures of the tables, the agency and the year, and the 正文 parts. Nothing the user wrote is replaced
// without asking: a cell holding another value, an agency or a year set to something else, a 正文 part holding
// the user's own text. A part still holding the template's guidance (in 【】) or nothing is not the user's text.

import type { ReportSource } from "../check";
import type { CellId, ReportMeta } from "../format";
import type { Narrative, NarrativeKey } from "../report";
import { NARRATIVE_FIELDS } from "../report";
import { sameAgency } from "../rules/published-relations";
import type { RawCell } from "../values";

/** What the workbook holds now. */
export interface WorkbookContent {
  readonly meta: ReportMeta;
  /** The filled input cells (blank ones absent). */
  readonly cells: ReadonlyMap<CellId, RawCell>;
  readonly narrative: Narrative;
}

/** Something the user wrote that the report read would replace. */
export type FillConflict =
  | { readonly kind: "cell"; readonly id: CellId; readonly now: RawCell; readonly imported: number }
  | { readonly kind: "agency"; readonly now: string; readonly imported: string }
  | { readonly kind: "year"; readonly now: number; readonly imported: number }
  | { readonly kind: "text"; readonly key: NarrativeKey; readonly now: string; readonly imported: string };

/** What to write: only what changes. */
export interface Fill {
  readonly cells: ReadonlyMap<CellId, RawCell>;
  /** The metadata to write (agency and year from the report), or null when they stay as they are. */
  readonly meta: ReportMeta | null;
  /** Which of the two `meta` changes. */
  readonly wrote: { readonly agency: boolean; readonly year: boolean };
  /**
   * The whole narrative to write, or null when no part changes: the imported parts, the user's own texts, figures
   * and switches as they were, and the parts not written yet empty (not their guidance).
   */
  readonly narrative: Narrative | null;
  /** The 正文 parts written. */
  readonly parts: readonly NarrativeKey[];
  /** Conflicts left as the user had them. */
  readonly kept: number;
}

export interface FillPlan {
  readonly conflicts: readonly FillConflict[];
  /** The fill, replacing what the user wrote (`overwrite`) or keeping it. */
  fill(overwrite: boolean): Fill;
}

const GUIDANCE: ReadonlyMap<NarrativeKey, string> = new Map(NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, f.guidance.trim()]));

/** Nothing but the template's guidance, or nothing at all: not text the user wrote. */
export function isUnwritten(key: NarrativeKey, text: string | undefined): boolean {
  const trimmed = (text ?? "").trim();
  return trimmed.length === 0 || trimmed === GUIDANCE.get(key) || /^(?:【[^】]*】\s*)+$/.test(trimmed);
}

function sameRaw(a: RawCell | undefined, b: RawCell): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b);
}

/**
 * The texts to write: the imported parts, the user's own as they are, and the parts not written yet empty — the
 * guidance is not the user's text (the page shows it as the fields' placeholder; a sheet writes it back).
 */
function writtenTexts(narrative: Narrative, imported: ReadonlyMap<NarrativeKey, string>): Partial<Record<NarrativeKey, string>> {
  const texts: Partial<Record<NarrativeKey, string>> = {};
  for (const field of NARRATIVE_FIELDS) {
    if (field.kind !== "text") continue;
    const current = narrative.texts[field.key];
    texts[field.key] = imported.get(field.key) ?? (isUnwritten(field.key, current) ? "" : (current ?? ""));
  }
  return texts;
}

/** Plans filling the workbook `now` from a report read (its numbers, agency, year and 正文 parts). */
export function planFill(now: WorkbookContent, read: Pick<ReportSource, "meta" | "cells" | "narrative">): FillPlan {
  const conflicts: FillConflict[] = [];
  const free = new Map<CellId, number>();
  for (const [id, raw] of read.cells) {
    // Only figures are entered: a text or a mark read from a published table is left for the user.
    if (typeof raw !== "number") continue;
    const current = now.cells.get(id);
    if (current === undefined) free.set(id, raw);
    else if (!sameRaw(current, raw)) conflicts.push({ kind: "cell", id, now: current, imported: raw });
  }

  let agency: string | null = null;
  const importedAgency = read.meta.agencyName;
  if (importedAgency !== null && importedAgency.trim().length > 0) {
    const current = now.meta.agencyName?.trim() ?? "";
    // The same agency by its short or its full name (the rule of the signature check): the user's name stays.
    if (current.length === 0) agency = importedAgency;
    else if (!sameAgency(current, importedAgency) && !sameAgency(importedAgency, current)) conflicts.push({ kind: "agency", now: current, imported: importedAgency });
  }
  let year: number | null = null;
  if (read.meta.year !== null) {
    if (now.meta.year === null) year = read.meta.year;
    else if (now.meta.year !== read.meta.year) conflicts.push({ kind: "year", now: now.meta.year, imported: read.meta.year });
  }

  const freeTexts = new Map<NarrativeKey, string>();
  for (const field of NARRATIVE_FIELDS) {
    if (field.kind !== "text") continue;
    const imported = read.narrative?.texts[field.key]?.trim() ?? "";
    if (imported.length === 0) continue;
    const current = now.narrative.texts[field.key];
    if (isUnwritten(field.key, current)) freeTexts.set(field.key, imported);
    else if ((current ?? "").trim() !== imported) conflicts.push({ kind: "text", key: field.key, now: (current ?? "").trim(), imported });
  }

  return {
    conflicts,
    fill(overwrite: boolean): Fill {
      const cells = new Map<CellId, RawCell>(free);
      const texts = new Map(freeTexts);
      let agencyName = agency;
      let reportYear = year;
      if (overwrite) {
        for (const conflict of conflicts) {
          if (conflict.kind === "cell") cells.set(conflict.id, conflict.imported);
          else if (conflict.kind === "agency") agencyName = conflict.imported;
          else if (conflict.kind === "year") reportYear = conflict.imported;
          else texts.set(conflict.key, conflict.imported);
        }
      }
      const meta =
        agencyName === null && reportYear === null
          ? null
          : { ...now.meta, agencyName: agencyName ?? now.meta.agencyName, year: reportYear ?? now.meta.year };
      const narrative = texts.size === 0 ? null : { ...now.narrative, texts: writtenTexts(now.narrative, texts) };
      const wrote = { agency: agencyName !== null, year: reportYear !== null };
      return { cells, meta, wrote, narrative, parts: [...texts.keys()], kept: overwrite ? 0 : conflicts.length };
    },
  };
}
