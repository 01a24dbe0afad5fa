// What `nianbao audit` writes besides the HTML page: the terminal table (Chinese aligned by display width, the
// counts per state at the end), the CSV with one row per issue, and the JSON — each from the same rows.

import type { AuditIssue, AuditRow, AuditVerdict } from "./audit-rows";
import { AUDIT_VERDICT_LABELS, readingCaveat } from "./audit-rows";
import { ruleName } from "../core/locale";
import { SEVERITY_LABEL } from "../core/rules";

const STATES: readonly AuditVerdict[] = ["pass", "warnings", "errors", "incomplete", "unreadable"];

/** How many reports are in each state. */
export function countVerdicts(rows: readonly AuditRow[]): Record<AuditVerdict, number> {
  const counts: Record<AuditVerdict, number> = { pass: 0, warnings: 0, errors: 0, incomplete: 0, unreadable: 0 };
  for (const row of rows) counts[row.verdict] += 1;
  return counts;
}

export function countsSentence(rows: readonly AuditRow[]): string {
  const counts = countVerdicts(rows);
  return `共 ${rows.length} 份：${STATES.map((v) => `${AUDIT_VERDICT_LABELS[v]} ${counts[v]} 份`).join("，")}。`;
}

// --- terminal -----------------------------------------------------------------------------------------------

/** East Asian wide and fullwidth ranges (UAX #11): two columns on a terminal. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if ((code >= 0x300 && code <= 0x36f) || code === 0x200b || code === 0xfe0f) return 0;
  for (const [from, to] of WIDE) if (code >= from && code <= to) return 2;
  return 1;
}

/** Columns a text takes on a terminal: a Chinese character two, a Latin one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** The text cut to `max` columns (ending in …), or as it is. */
function clipToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

function pad(text: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * A text from a file made safe for a terminal: control characters (ESC sequences that would recolour, move the
 * cursor or retitle the window, carriage returns, bells) shown as their visible symbols (␛, ␍) instead.
 */
export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x20) out += String.fromCharCode(0x2400 + code);
    else if (code === 0x7f) out += "\u2421";
    else if (code >= 0x80 && code <= 0x9f) out += "\ufffd";
    else out += ch;
  }
  return out;
}

/** The widest a column of the terminal table gets; longer texts are cut (the CSV and JSON have them whole). */
const MAX_COLUMN = 36;

/** The terminal's table: one line per report, its note and caveat indented under it, the counts at the end. */
export function auditTable(rows: readonly AuditRow[]): string {
  const header = ["文件", "机关", "年度", "结论", "已读", "强制", "提示", "未通过的规则"];
  const numeric = new Set([2, 4, 5, 6]);
  const body = rows.map((r) => [
    printable(r.file),
    r.agency === null ? (r.verdict === "unreadable" ? "" : "（机关未识别）") : printable(r.agency),
    r.year === null ? "" : String(r.year),
    AUDIT_VERDICT_LABELS[r.verdict],
    r.verdict === "unreadable" ? "" : `${r.cellsRead}/200`,
    r.verdict === "unreadable" ? "" : String(r.errors),
    r.verdict === "unreadable" ? "" : String(r.warnings),
    r.failedRules.map(ruleName).join("、"),
  ]);
  const last = header.length - 1;
  const widths = header.map((h, c) => Math.min(MAX_COLUMN, Math.max(displayWidth(h), ...body.map((cells) => displayWidth(cells[c] ?? "")))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === last ? cell : pad(clipToWidth(cell, widths[c] ?? MAX_COLUMN), widths[c] ?? 0, numeric.has(c))))
      .join("  ")
      .trimEnd();
  const out = [line(header)];
  rows.forEach((r, i) => {
    out.push(line(body[i] ?? []));
    const notes: string[] = [];
    if (r.verdict === "unreadable") notes.push(`无法读取：${r.message}`);
    else {
      if (r.unread > 0) notes.push(`未能读取 ${r.unread} 个单元格：${r.unreadReason}`);
      if (r.message !== "" && r.verdict !== "pass" && !r.unreadReason.includes(r.message)) notes.push(r.message);
      const caveat = readingCaveat(r.methods);
      if (caveat !== null && caveat !== r.message) notes.push(caveat);
      if (r.previousYearFile !== null) notes.push(`对照上年报告 ${r.previousYearFile}`);
    }
    for (const note of notes) out.push(`    ${printable(note)}`);
  });
  out.push(countsSentence(rows));
  return `${out.join("\n")}\n`;
}

// --- CSV ------------------------------------------------------------------------------------------------------

/**
 * One CSV field. A text starting with = + - @ (or a tab or carriage return) would be taken for a formula by
 * Excel, WPS and LibreOffice: it is written with a leading ' (OWASP, CSV injection). Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = ["文件", "机关", "年度", "结论", "规则编号", "规则名称", "级别", "位置", "说明", "已读单元格", "对照的上年报告"];

/** The CSV's start: a byte-order mark, so that Excel opens the UTF-8 file with its Chinese intact, and the header. */
export const CSV_START = `\uFEFF${CSV_HEADER.join(",")}\r\n`;

/** A report's lines of the CSV: one per issue; one without a rule when it has none (or could not be read). */
export function csvLines(row: AuditRow): string {
  const line = (issue: AuditIssue | null, message: string): string =>
    [
      row.file,
      row.agency,
      row.year,
      AUDIT_VERDICT_LABELS[row.verdict],
      issue?.rule ?? "",
      issue?.name ?? "",
      issue === null ? "" : SEVERITY_LABEL[issue.severity],
      issue?.addresses.join("、") ?? "",
      message,
      row.verdict === "unreadable" ? null : row.cellsRead,
      row.previousYearFile,
    ]
      .map(csvField)
      .join(",");
  const unread = row.verdict !== "unreadable" && row.unread > 0 ? `未能读取 ${row.unread} 个单元格：${row.unreadReason}` : null;
  if (row.issues.length === 0) return `${line(null, unread ?? row.message)}\r\n`;
  return [...row.issues.map((issue) => line(issue, issue.message)), ...(unread === null ? [] : [line(null, unread)])].map((l) => `${l}\r\n`).join("");
}

export function auditCsv(rows: readonly AuditRow[]): string {
  return CSV_START + rows.map(csvLines).join("");
}

// --- JSON -----------------------------------------------------------------------------------------------------

/** The JSON's summary: how many files, and how many in each state. */
export function jsonSummary(rows: readonly AuditRow[]): Record<string, number> {
  return { files: rows.length, ...countVerdicts(rows) };
}

/** The JSON written piece by piece (a report at a time), the same bytes as one JSON.stringify of the whole. */
export function* auditJsonPieces(rows: readonly AuditRow[]): Generator<string> {
  const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
  yield `{\n  "summary": ${indent(JSON.stringify(jsonSummary(rows), null, 2), "  ")},\n  "reports": [`;
  for (const [i, row] of rows.entries()) yield `${i === 0 ? "" : ","}\n    ${indent(JSON.stringify(row, null, 2), "    ")}`;
  yield rows.length === 0 ? "]\n}\n" : "\n  ]\n}\n";
}
