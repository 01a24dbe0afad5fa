// nianbao aggregate <workbooks or folders>... -o 汇总.xlsx [--units 名单.txt]: sums the units' reports cell by
// cell into one template (a 县 office rolling up its departments), with a sheet of each unit's values, which
// units fail checks, and which units of the supplied list are missing. A total is written only where every
// unit gave a number: a cell some unit left blank or filled with text stays blank in the sum and is listed.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { LoadedReport } from "../adapters/import/load-report";
import { loadReport } from "../adapters/import/load-report";
import { standardAddress } from "../core/format";
import { createTemplatePlan } from "../adapters/workbook/plan";
import { createWorkbook } from "../adapters/xlsx/write-workbook";
import type { CellId } from "../core/format";
import { EMPTY_META, INPUT_CELLS, getCell } from "../core/format";
import { parseCell, valueAsJson } from "../core/values";
import { formatNumber } from "../core/locale";
import { RULE_PACK } from "../core/rules";
import type { RawCell } from "../core/values";
import { labelKey } from "../core/import/normalize";
import { UsageError, outputTaken, parseCommandArgs, parseLevel, parseYear, writeOutputFile } from "./arguments";
import type { FoundFile } from "./report-files";
import { findReportFiles } from "./report-files";
import type { Verdict } from "../core/check";
import { VERDICT_LABELS, checkReport } from "../core/check";

interface Unit {
  readonly file: string;
  readonly report: LoadedReport | null;
  readonly errors: number;
  /** The check's verdict on the unit's tables; null when the file could not be read. */
  readonly verdict: Verdict | null;
  readonly message: string;
}

export interface Aggregate {
  readonly units: readonly Unit[];
  readonly sums: ReadonlyMap<CellId, number | null>;
  /** Cells left blank in the sum, with the units that did not give a number. */
  readonly incomplete: ReadonlyMap<CellId, readonly string[]>;
  readonly missing: readonly string[];
  /** Agencies with more than one report in the set. */
  readonly duplicates: readonly Duplicate[];
  /** Units whose figures went into the sums. */
  readonly summed: number;
}

/** One agency reported more than once: counted once when the copies agree, else not at all. */
export interface Duplicate {
  readonly name: string;
  readonly files: readonly string[];
  readonly counted: boolean;
}

function unitName(unit: Unit): string {
  return unit.report?.source.meta.agencyName ?? path.basename(unit.file);
}

export async function aggregate(files: readonly FoundFile[], expectedUnits: readonly string[]): Promise<Aggregate> {
  const units: Unit[] = [];
  for (const { file, skipped } of files) {
    // A file not to be read (a workbook to save again as .xlsx, a pipe, a dangling link) is an unreadable unit,
    // listed with its reason: never left out of the count while the run says what it summed.
    if (skipped !== null) {
      units.push({ file, report: null, errors: 0, verdict: null, message: skipped });
      continue;
    }
    try {
      const report = await loadReport(file);
      // A roll-up sums the tables: the units' text is not checked here.
      const check = checkReport(report.source, { text: false });
      units.push({ file, report, errors: check.summary.errors, verdict: check.summary.verdict, message: check.issues.find((i) => i.severity === "error")?.text ?? "" });
    } catch (error) {
      units.push({ file, report: null, errors: 0, verdict: null, message: error instanceof Error ? error.message : String(error) });
    }
  }
  // The same agency twice: the same figures are counted once; different figures are not summed at all (which one
  // is right cannot be known), and both are listed.
  const byAgency = new Map<string, Unit[]>();
  for (const unit of units) {
    const agency = unit.report?.source.meta.agencyName ?? null;
    if (agency === null) continue;
    const key = labelKey(agency);
    byAgency.set(key, [...(byAgency.get(key) ?? []), unit]);
  }
  const left = new Set<Unit>();
  const duplicates: Duplicate[] = [];
  for (const group of byAgency.values()) {
    if (group.length < 2) continue;
    const same = group.every((u) => INPUT_CELLS.every((c) => u.report?.source.cells.get(c.id) === group[0]?.report?.source.cells.get(c.id)));
    group.slice(same ? 1 : 0).forEach((u) => left.add(u));
    duplicates.push({ name: unitName(group[0]!), files: group.map((u) => u.file), counted: same });
  }
  const readable = units.filter((u) => u.report !== null && !left.has(u));
  const sums = new Map<CellId, number | null>();
  const incomplete = new Map<CellId, string[]>();
  for (const cell of INPUT_CELLS) {
    let total = 0;
    const lacking: string[] = [];
    for (const unit of readable) {
      const raw = unit.report?.source.cells.get(cell.id);
      if (typeof raw === "number") total += raw;
      else lacking.push(unitName(unit));
    }
    if (lacking.length > 0) incomplete.set(cell.id, lacking);
    sums.set(cell.id, lacking.length > 0 || readable.length === 0 ? null : Number.parseFloat(total.toPrecision(15)));
  }
  const names = new Set(readable.map(unitName));
  const missing = expectedUnits.filter((name) => !names.has(name));
  return { units, sums, incomplete, missing, duplicates, summed: readable.length };
}

/** A unit's cell as the 单位明细 sheet shows it: as typed, in the public JSON form. */
function rawText(raw: RawCell | undefined, id: CellId): string | number | null {
  return valueAsJson(parseCell(raw ?? null, getCell(id).kind).value);
}

/** The units' names in the --units list, one a line. */
function readUnits(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`无法读取单位名单 ${file}（文件不存在、是文件夹或没有读取权限）。`);
  }
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export async function runAggregate(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs("aggregate", args, {
    output: { type: "string", short: "o" },
    units: { type: "string" },
    agency: { type: "string" },
    year: { type: "string" },
    level: { type: "string" },
    force: { type: "boolean", default: false },
  });
  const output = values.output;
  if (output === undefined || !output.toLowerCase().endsWith(".xlsx")) throw new UsageError("请用 -o 指定汇总工作簿（.xlsx），如：nianbao aggregate 各单位/ -o 汇总.xlsx");
  if (outputTaken(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  if (positionals.length === 0) throw new UsageError("请指定各单位的年报工作簿或其所在文件夹。");
  const files = findReportFiles(positionals);
  if (files.length === 0) throw new UsageError("没有找到可汇总的工作簿。");
  const year = parseYear(values.year);
  const level = parseLevel(values.level);
  const expected = values.units === undefined ? [] : readUnits(values.units);
  const result = await aggregate(files, expected);
  const readable = result.units.filter((u) => u.report !== null);
  if (result.summed === 0) {
    // Nothing to sum: no workbook is written, and the run says so rather than reporting sums of nothing.
    const why = readable.length === 0 ? "所有文件均无法读取" : "各份报告均为重复报送且数字不同";
    out(`未汇总：${why}，没有可汇总的单位，未生成 ${output}。\n`);
    for (const unit of result.units.filter((u) => u.report === null)) out(`无法读取 ${unit.file}：${unit.message}\n`);
    return 1;
  }
  const years = [...new Set(readable.map((u) => u.report?.source.meta.year).filter((y): y is number => typeof y === "number"))];
  const meta = {
    ...EMPTY_META,
    agencyName: values.agency ?? "汇总",
    year: year ?? (years.length === 1 ? (years[0] ?? null) : null),
    level: level?.level ?? null,
  };
  const sums: Record<CellId, RawCell> = {};
  for (const [id, value] of result.sums) if (value !== null) sums[id] = value;
  const workbook = await createWorkbook(createTemplatePlan(meta, RULE_PACK), { values: sums });

  const detail = workbook.addWorksheet("单位明细");
  detail.addRow(["单位", "文件", "年度", "校验", ...INPUT_CELLS.map((c) => `${standardAddress(c.id)} ${c.labels.slice(-2).join("·")}`)]);
  const excluded = new Set(result.duplicates.flatMap((d) => (d.counted ? d.files.slice(1) : d.files)));
  for (const unit of result.units) {
    const status = excluded.has(unit.file)
      ? "重复报送，未计入汇总"
      : unit.verdict === null ? `无法读取：${unit.message}` : unit.errors > 0 ? `强制 ${unit.errors} 项不通过` : VERDICT_LABELS[unit.verdict];
    detail.addRow([unitName(unit), unit.file, unit.report?.source.meta.year ?? null, status, ...INPUT_CELLS.map((c) => rawText(unit.report?.source.cells.get(c.id), c.id))]);
  }
  detail.getRow(1).font = { bold: true };
  detail.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  detail.getColumn(1).width = 24;
  detail.getColumn(2).width = 30;
  detail.getColumn(4).width = 20;
  const notes = workbook.addWorksheet("汇总说明");
  notes.addRow(["未汇总的单元格（有单位未填写数字）", "未填写的单位"]);
  for (const [id, units] of result.incomplete) notes.addRow([standardAddress(id), units.join("、")]);
  notes.addRow([]);
  notes.addRow(["校验不通过的单位"]);
  for (const unit of result.units.filter((u) => u.report !== null && u.errors > 0)) notes.addRow([unitName(unit), unit.message]);
  if (result.duplicates.length > 0) {
    notes.addRow([]);
    notes.addRow(["重复报送的单位", "文件"]);
    for (const d of result.duplicates) notes.addRow([`${d.name}（${d.counted ? "数字相同，只计一次" : "数字不同，均未计入"}）`, d.files.join("、")]);
  }
  if (expected.length > 0) {
    notes.addRow([]);
    notes.addRow(["缺报单位（名单中有、未收到报告）"]);
    for (const name of result.missing) notes.addRow([name]);
  }
  notes.getColumn(1).width = 40;
  notes.getColumn(2).width = 80;
  writeOutputFile(output, new Uint8Array(await workbook.xlsx.writeBuffer()));

  const failing = result.units.filter((u) => u.report !== null && u.errors > 0);
  const unreadable = result.units.filter((u) => u.report === null);
  const lines = [
    ...(level?.note ? [level.note] : []),
    `已汇总 ${result.summed} 个单位（共 ${result.units.length} 个文件），写入 ${output}。`,
    `汇总了 ${INPUT_CELLS.length - result.incomplete.size} 个单元格${result.incomplete.size > 0 ? `；${result.incomplete.size} 个单元格因有单位未填写数字未汇总，见“汇总说明”` : ""}。`,
  ];
  if (failing.length > 0) lines.push(`校验不通过的单位 ${failing.length} 个：${failing.map(unitName).join("、")}`);
  if (unreadable.length > 0) lines.push(`无法读取的文件 ${unreadable.length} 个：${unreadable.map((u) => u.file).join("、")}`);
  for (const duplicate of result.duplicates) {
    lines.push(
      duplicate.counted
        ? `“${duplicate.name}”重复报送 ${duplicate.files.length} 份（${duplicate.files.join("、")}），数字相同，只计一次。`
        : `“${duplicate.name}”重复报送 ${duplicate.files.length} 份（${duplicate.files.join("、")}），数字不同，均未计入汇总，请确认后只保留一份。`,
    );
  }
  if (expected.length > 0) lines.push(result.missing.length > 0 ? `缺报单位 ${result.missing.length} 个：${result.missing.join("、")}` : "名单中的单位均已报送。");
  const total = result.sums.get("t3.new.total");
  if (total !== undefined && total !== null) lines.push(`本年新收政府信息公开申请合计 ${formatNumber(total)} 件。`);
  out(`${lines.join("\n")}\n`);
  return failing.length > 0 || unreadable.length > 0 || result.missing.length > 0 || result.duplicates.length > 0 ? 1 : 0;
}
