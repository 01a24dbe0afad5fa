// The browser host: the same app in any browser when no Office host is present (a plain browser, or WPS
// users who open the page). The workbook is the in-page rendition of the three tables; entries are kept in
// the browser's local storage, and .xlsx files are opened and saved with the same adapter the CLI uses
// (loaded on demand, so the pane starts without it). The 正文 fields hold only what the user wrote: the
// format's guidance is the fields' placeholder, and an empty field reaches the checks as the guidance still in
// place (a part not written yet), exactly as an untouched 正文 sheet of the workbook does.

import type { CellId, ReportMeta } from "../../core/format";
import { EMPTY_META, INPUT_CELLS, isAgencyLevel, isCellId } from "../../core/format";
import { STANDARD_LOCATOR } from "../../core/locale";
import type { Issue } from "../../core/rules";
import type { Confirmation, HostEvent, HostPort, InPageWorkbook, OpenedWorkbook, TemplateResult, WorkbookSnapshot } from "../../core/session";
import { sheetOrigins } from "../../core/check";
import { HostError } from "../../core/session";
import type { RawCell } from "../../core/values";
import type { Narrative, NarrativeKey } from "../../core/report";
import { NARRATIVE_FIELDS } from "../../core/report";
import type { Formulas } from "./opened-workbook";

export const STORAGE_KEY = "nianbao.workbook.v1";

/** The part of the Web Storage API the host needs (window.localStorage in the page). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface StoredWorkbook {
  readonly version: 1;
  readonly hasTemplate: boolean;
  readonly meta: ReportMeta;
  readonly values: Readonly<Record<CellId, RawCell>>;
  readonly confirmations: readonly Confirmation[];
  readonly narrative: Narrative;
  /** Formulas of input cells of an opened workbook, kept for saving it again (absent in older versions). */
  readonly formulas: Formulas;
  /**
   * Every formula the opened workbook held in an input cell ("=…", as the .xlsx reader gives it), kept or not:
   * the check names each figure that is a formula's result (提示), as it does for the workbook in the CLI.
   */
  readonly computed: Formulas;
}

/** The page's narrative at the start: every text field empty (its guidance is the placeholder), claims off. */
const START_NARRATIVE: Narrative = { texts: {}, numbers: {}, flags: { "claim.allWithinDeadline": false } };

const TEXT_GUIDANCE: ReadonlyMap<NarrativeKey, string> = new Map(NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, f.guidance]));

/**
 * The narrative as the page's fields hold it: a text that is exactly the format's guidance (stored by older
 * versions, which pre-filled the fields, or read from an untouched 正文 sheet) is an empty field.
 */
export function withoutGuidance(narrative: Narrative): Narrative {
  const texts: Partial<Record<NarrativeKey, string>> = {};
  for (const [key, text] of Object.entries(narrative.texts) as [NarrativeKey, string | undefined][]) {
    if (text !== undefined) texts[key] = text.trim() === TEXT_GUIDANCE.get(key) ? "" : text;
  }
  return { ...narrative, texts };
}

/**
 * The narrative as the checks, the report and the saved workbook see it: an empty field is the guidance still
 * in place, a part not written yet (the verdict stays 未完成; the report prints 【未填写】 where the format
 * requires the part), the same as an untouched 正文 sheet.
 */
export function withGuidance(narrative: Narrative): Narrative {
  const texts: Partial<Record<NarrativeKey, string>> = { ...narrative.texts };
  for (const [key, guidance] of TEXT_GUIDANCE) if ((texts[key] ?? "").trim() === "") texts[key] = guidance;
  return { ...narrative, texts };
}

function restoreNarrative(value: unknown): Narrative {
  if (typeof value !== "object" || value === null) return START_NARRATIVE;
  const candidate = value as Partial<Narrative>;
  const texts: Partial<Record<NarrativeKey, string>> = {};
  const numbers: Partial<Record<NarrativeKey, number | null>> = {};
  const flags: Partial<Record<NarrativeKey, boolean>> = { ...START_NARRATIVE.flags };
  for (const field of NARRATIVE_FIELDS) {
    const text = candidate.texts?.[field.key];
    const number = candidate.numbers?.[field.key];
    const flag = candidate.flags?.[field.key];
    if (typeof text === "string") texts[field.key] = text;
    if (typeof number === "number" || number === null) numbers[field.key] = number;
    if (typeof flag === "boolean") flags[field.key] = flag;
  }
  return withoutGuidance({ texts, numbers, flags });
}

function restoreFormulas(value: unknown): Formulas {
  if (typeof value !== "object" || value === null) return {};
  const formulas: Partial<Record<CellId, string>> = {};
  for (const [id, formula] of Object.entries(value)) if (isCellId(id) && typeof formula === "string" && formula !== "") formulas[id] = formula;
  return formulas;
}

function withoutFormulas(formulas: Formulas, ids: Iterable<CellId>): Formulas {
  let next: Partial<Record<CellId, string>> | null = null;
  for (const id of ids) {
    if (formulas[id] === undefined) continue;
    next ??= { ...formulas };
    delete next[id];
  }
  return next ?? formulas;
}

/**
 * What typing into a cell means, as in a spreadsheet: a plain decimal number becomes a number, an empty
 * cell is blank, anything else is kept as the text typed (and reported by the checks, never converted).
 */
export function rawFromTyped(text: string): RawCell {
  if (text === "") return null;
  if (/^-?(\d+(\.\d+)?|\.\d+)$/.test(text)) return Number(text);
  return text;
}

function isRaw(value: unknown): value is RawCell {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return true;
  return typeof value === "object" && typeof (value as { error?: unknown }).error === "string";
}

/** Reads what local storage holds, dropping anything that is not a well-formed entry. */
function restore(text: string | null): StoredWorkbook | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<StoredWorkbook>;
    if (parsed.version !== 1 || typeof parsed.values !== "object" || parsed.values === null) return null;
    const values: Record<CellId, RawCell> = {};
    for (const [id, value] of Object.entries(parsed.values)) if (isCellId(id) && isRaw(value)) values[id] = value;
    const meta = parsed.meta ?? EMPTY_META;
    return {
      version: 1,
      hasTemplate: parsed.hasTemplate === true,
      meta: {
        ...EMPTY_META,
        agencyName: typeof meta.agencyName === "string" ? meta.agencyName : null,
        year: typeof meta.year === "number" ? meta.year : null,
        level: typeof meta.level === "string" && isAgencyLevel(meta.level) ? meta.level : null,
        ...(typeof meta.shortName === "string" ? { shortName: meta.shortName } : {}),
      },
      values,
      narrative: restoreNarrative(parsed.narrative),
      formulas: restoreFormulas((parsed as { formulas?: unknown }).formulas),
      computed: restoreFormulas((parsed as { computed?: unknown }).computed),
      confirmations: Array.isArray(parsed.confirmations)
        ? (parsed.confirmations as unknown[]).filter(
            (c): c is Confirmation =>
              typeof c === "object" && c !== null && typeof (c as Confirmation).ruleId === "string" && typeof (c as Confirmation).note === "string",
          )
        : [],
    };
  } catch {
    return null;
  }
}

export class BrowserHost implements HostPort, InPageWorkbook {
  readonly kind = "browser" as const;
  /** The page draws the tables without column letters: cells are named by their row and column labels. */
  readonly cellNaming = "labels" as const;
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly selectListeners = new Set<(cells: readonly CellId[]) => void>();
  private readonly valueListeners = new Set<() => void>();
  private state: StoredWorkbook;
  private structureIssues: readonly Issue[] = [];
  /** Increases with every stored change (a snapshot key for the page's tables). */
  revision = 0;

  constructor(private readonly store: KeyValueStore | null) {
    this.state = restore(store?.getItem(STORAGE_KEY) ?? null) ?? {
      version: 1,
      hasTemplate: false,
      meta: EMPTY_META,
      values: {},
      confirmations: [],
      narrative: START_NARRATIVE,
      formulas: {},
      computed: {},
    };
  }

  private persist(): void {
    this.revision += 1;
    try {
      this.store?.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      this.emit({ kind: "error", message: "浏览器本地存储已满或被禁用，填写的内容未能保存。请及时另存为 .xlsx 文件。" });
    }
    for (const listener of this.valueListeners) listener();
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // --- HostPort --------------------------------------------------------------------------------------------

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applyTemplate(meta: ReportMeta): Promise<TemplateResult> {
    this.state = { ...this.state, hasTemplate: true, meta };
    this.persist();
    return Promise.resolve({ sheets: ["表二", "表三", "表四"] });
  }

  readSnapshot(): Promise<WorkbookSnapshot> {
    const cells = new Map<CellId, RawCell>(Object.entries(this.state.values));
    return Promise.resolve({
      // The page always shows the three tables: there is no template to generate first.
      hasTemplate: true,
      source: {
        kind: "workbook",
        meta: this.state.meta,
        cells,
        origins: sheetOrigins(cells.keys(), STANDARD_LOCATOR),
        structure: this.structureIssues,
        confirmations: this.state.confirmations,
        narrative: withGuidance(this.state.narrative),
        formulas: new Map(Object.entries(this.state.computed) as [CellId, string][]),
        unread: [],
      },
    });
  }

  select(cells: readonly CellId[]): Promise<void> {
    for (const listener of this.selectListeners) listener(cells);
    return Promise.resolve();
  }

  saveConfirmations(confirmations: readonly Confirmation[]): Promise<void> {
    this.state = { ...this.state, confirmations };
    this.persist();
    return Promise.resolve();
  }

  writeCells(cells: ReadonlyMap<CellId, RawCell>): Promise<void> {
    const values = { ...this.state.values };
    for (const [id, raw] of cells) {
      if (raw === null) delete values[id];
      else values[id] = raw;
    }
    this.state = {
      ...this.state,
      values,
      hasTemplate: true,
      formulas: withoutFormulas(this.state.formulas, cells.keys()),
      computed: withoutFormulas(this.state.computed, cells.keys()),
    };
    this.persist();
    this.emit({ kind: "structure" });
    return Promise.resolve();
  }

  readNarrative(): Promise<Narrative> {
    return Promise.resolve(withGuidance(this.state.narrative));
  }

  writeReportText(): Promise<string> {
    return Promise.reject(new HostError("浏览器页面中没有工作表可写入报告文本。"));
  }

  // --- the in-page workbook ----------------------------------------------------------------------------

  get narrative(): Narrative {
    return this.state.narrative;
  }

  /** The user edited a part of the report in the page's 正文 fields. */
  writeNarrative(narrative: Narrative): void {
    this.state = { ...this.state, narrative };
    this.persist();
    this.emit({ kind: "narrative" });
  }

  /** The content of a cell as the page shows it. */
  value(id: CellId): RawCell {
    return this.state.values[id] ?? null;
  }

  /** The formula an opened workbook had in the cell (kept when saving again), without "="; null for none. */
  formula(id: CellId): string | null {
    return this.state.formulas[id] ?? null;
  }

  /** The user typed into a cell of the in-page tables. */
  typeCell(id: CellId, text: string): void {
    const raw = rawFromTyped(text);
    const values = { ...this.state.values };
    if (raw === null) delete values[id];
    else values[id] = raw;
    // Typing over a formula replaces it, as in a spreadsheet.
    this.state = {
      ...this.state,
      values,
      hasTemplate: true,
      formulas: withoutFormulas(this.state.formulas, [id]),
      computed: withoutFormulas(this.state.computed, [id]),
    };
    this.persist();
    this.emit({ kind: "cells", changes: [{ id, raw }] });
  }

  /** The page wants to show the cells an issue names. */
  onSelect(listener: (cells: readonly CellId[]) => void): () => void {
    this.selectListeners.add(listener);
    return () => this.selectListeners.delete(listener);
  }

  /** Any stored value changed (for the tables view). */
  onValues(listener: () => void): () => void {
    this.valueListeners.add(listener);
    return () => this.valueListeners.delete(listener);
  }

  /** Opens an .xlsx workbook: its values, metadata and confirmations replace the page's. */
  /**
   * Opens an .xlsx workbook (its values, metadata and confirmations replace the page's), and says what it could not take: the cells not read (with the
   * reasons the reader gives), the sheets and formulas that saving again will not keep. The cells it read but
   * that hold no number (text, marks, formulas without a value) are the check's to report (R-INPUT).
   */
  async openXlsx(data: Uint8Array): Promise<OpenedWorkbook> {
    const [{ readWorkbook }, { readOpenedDetails }, { createTemplatePlan }, { RULE_PACK }] = await Promise.all([
      import(/* webpackChunkName: "xlsx" */ "../xlsx/read-workbook"),
      import(/* webpackChunkName: "xlsx" */ "./opened-workbook"),
      import(/* webpackChunkName: "xlsx" */ "../workbook/plan"),
      import("../../core/rules"),
    ]);
    const content = await readWorkbook(data).catch((error: unknown) => {
      throw new HostError(error instanceof Error ? error.message : "无法打开该文件。");
    });
    const savedSheets = createTemplatePlan(content.meta, RULE_PACK).sheets.map((sheet) => sheet.name);
    const details = await readOpenedDetails(data, content.placements, savedSheets).catch(() => ({ formulas: {}, formulasAsValues: [], otherSheets: [] }));
    const values: Record<CellId, RawCell> = {};
    for (const [id, raw] of content.cells) if (raw !== null) values[id] = raw;
    this.state = {
      version: 1,
      hasTemplate: true,
      meta: content.meta,
      values,
      confirmations: content.confirmations,
      narrative: content.narrative === null ? this.state.narrative : withoutGuidance(content.narrative),
      formulas: details.formulas,
      computed: Object.fromEntries(content.formulas ?? []),
    };
    this.structureIssues = content.structure;
    this.persist();
    this.emit({ kind: "structure" });
    return { unread: content.unread, otherSheets: details.otherSheets, formulasAsValues: details.formulasAsValues };
  }

  /**
   * The page's tables as a self-checking .xlsx workbook (the same as `nianbao template --values`), with the
   * formulas of an opened workbook kept as formulas (and their last values).
   */
  async saveXlsx(): Promise<Uint8Array> {
    const [{ createTemplatePlan }, { createWorkbook }, { writeFormulas }, { RULE_PACK }] = await Promise.all([
      import(/* webpackChunkName: "xlsx" */ "../workbook/plan"),
      import(/* webpackChunkName: "xlsx" */ "../xlsx/write-workbook"),
      import(/* webpackChunkName: "xlsx" */ "./opened-workbook"),
      import("../../core/rules"),
    ]);
    const plan = createTemplatePlan(this.state.meta, RULE_PACK, undefined, withGuidance(this.state.narrative));
    const workbook = await createWorkbook(plan, { values: this.state.values, confirmations: this.state.confirmations });
    writeFormulas(workbook, this.state.formulas, (id) => this.value(id));
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  /** Empties every cell (after the user confirmed it in the page). */
  clear(): void {
    this.state = { ...this.state, values: {}, confirmations: [], formulas: {}, computed: {} };
    this.structureIssues = [];
    this.persist();
    this.emit({ kind: "structure" });
  }

  filledCount(): number {
    return INPUT_CELLS.filter((c) => this.state.values[c.id] !== undefined).length;
  }
}
