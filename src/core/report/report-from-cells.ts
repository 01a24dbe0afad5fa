// The report of a set of raw cells in one call: the document tree built from them and the user's parts.

import type { CellId, ReportMeta } from "../format";
import { getCell, isCellId } from "../format";
import type { CellValue, RawCells } from "../values";
import { parseCell, rawGetter } from "../values";
import { createReportDocument } from "./build-report";
import type { ReportDocument } from "./document";
import type { Narrative } from "./narrative";

/** Typed values of raw cells, looked up by ID (parsed once each). */
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

export function renderReport(meta: ReportMeta, raw: RawCells, narrative: Narrative): ReportDocument {
  return createReportDocument(meta, valuesOf(raw), narrative, isCellId);
}
