// The report of a workbook in one call: the document tree built from the raw cells and the user's parts,
// with the text checks run against the same cells.

import type { CellId, ReportMeta } from "../format";
import { getCell, isCellId } from "../format";
import type { Issue } from "../rules";
import type { CellValue, RawCells } from "../values";
import { parseCell, rawGetter } from "../values";
import { createReportDocument } from "./build-report";
import type { ReportDocument } from "./document";
import type { Narrative } from "./narrative";
import type { PreviousReport } from "./text-checks";
import { checkReportText } from "./text-checks";

export interface RenderedReport {
  readonly document: ReportDocument;
  /** Issues of the text (the tables' own issues come from the rule pack). */
  readonly textIssues: readonly Issue[];
}

export function valuesOf(raw: RawCells): (id: CellId) => CellValue | undefined {
  const get = rawGetter(raw);
  const cache = new Map<CellId, CellValue>();
  return (id) => {
    if (!isCellId(id)) return undefined;
    let value = cache.get(id);
    if (value === undefined) {
      value = parseCell(get(id) ?? null, getCell(id).kind).value;
      cache.set(id, value);
    }
    return value;
  };
}

export function renderReport(meta: ReportMeta, raw: RawCells, narrative: Narrative, previous?: PreviousReport): RenderedReport {
  const valueOf = valuesOf(raw);
  const document = createReportDocument(meta, valueOf, narrative, isCellId);
  const textIssues = checkReportText({ document, valueOf, ...(previous ? { previous } : {}) });
  return { document, textIssues };
}
