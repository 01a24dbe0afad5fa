// The page of `nianbao audit --html`: one self-contained file a reviewer opens offline. The counts per state,
// a bar chart of the reports failing each rule, the summary of every report (sortable, filterable by state, rule
// and agency), then each report's detail: its issues, its three tables as published (国办公开办函〔2021〕30号
// 表二、表三、表四) with the failing cells outlined and the cells compared with them marked, and its text with the
// words each text check quotes highlighted. Every text from the data is escaped; nothing is loaded from elsewhere.
// For folders of thousands of reports the details are spooled to a temporary file as they are made and copied
// into the page at the end, so that no more than one report's detail is held in memory at a time.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { escapeHtml } from "../adapters/export/html";
import type { CellId, TextSection } from "../core/format";
import { TABLES, TEXT_SECTION_LABELS } from "../core/format";
import { ruleName } from "../core/locale";
import type { TableCellBlock } from "../core/report";
import { SEVERITY_LABEL } from "../core/rules";
import { DETAILS_START, PAGE_CSS, PAGE_END, PAGE_POLICY, SUMMARY_HEADER, chartHtml } from "./audit-html-page";
import type { AuditDetail, AuditIssue, AuditRow, AuditVerdict } from "./audit-rows";
import { AUDIT_VERDICT_LABELS } from "./audit-rows";

type TableBlock = AuditDetail["tables"][number];
type Paragraph = AuditDetail["paragraphs"][number];

export const PAGE_TITLE = "政府信息公开工作年度报告审核结果";

/** The order in which the states are counted, as in the command's own summary line. */
const VERDICT_ORDER: readonly AuditVerdict[] = ["pass", "warnings", "errors", "incomplete", "unreadable"];

const SECTION_ORDER = Object.keys(TEXT_SECTION_LABELS) as TextSection[];

function attribute(name: string, value: string | number): string {
  return ` ${name}="${escapeHtml(String(value))}"`;
}

function stateHtml(verdict: AuditVerdict): string {
  return `<span class="state v-${verdict}">${escapeHtml(AUDIT_VERDICT_LABELS[verdict])}</span>`;
}

function append<K>(map: Map<K, string[]>, key: K, message: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [message]);
  else if (!list.includes(message)) list.push(message);
}

// --- One report's detail ---------------------------------------------------------------------------------

interface CellMarks {
  /** The messages of the issues each failing cell is outlined for. */
  readonly failing: ReadonlyMap<CellId, readonly string[]>;
  /** Failing cells outlined for a 强制 issue (the others only for 提示). */
  readonly severe: ReadonlySet<CellId>;
  /** The messages of the issues each other cell is compared in. */
  readonly compared: ReadonlyMap<CellId, readonly string[]>;
  readonly unread: ReadonlySet<CellId>;
}

function cellMarks(issues: readonly AuditIssue[], unreadCells: readonly CellId[]): CellMarks {
  const failing = new Map<CellId, string[]>();
  const compared = new Map<CellId, string[]>();
  const severe = new Set<CellId>();
  for (const issue of issues) {
    for (const cell of issue.outlined) append(failing, cell, issue.message);
    if (issue.severity === "error") issue.outlined.forEach((cell) => severe.add(cell));
    for (const cell of issue.cells) if (!issue.outlined.includes(cell)) append(compared, cell, issue.message);
  }
  return { failing, severe, compared, unread: new Set(unreadCells) };
}

function cellHtml(cell: TableCellBlock, marks: CellMarks): string {
  const spans = (cell.rowSpan > 1 ? attribute("rowspan", cell.rowSpan) : "") + (cell.colSpan > 1 ? attribute("colspan", cell.colSpan) : "");
  if (cell.header || cell.cell === undefined) return `<th${spans}${cell.align === "left" ? ' class="left"' : ""}>${escapeHtml(cell.text)}</th>`;
  const failing = marks.failing.get(cell.cell);
  const compared = failing === undefined ? marks.compared.get(cell.cell) : undefined;
  const unread = marks.unread.has(cell.cell);
  const mark = failing === undefined ? (compared === undefined ? null : "compared") : marks.severe.has(cell.cell) ? "failing" : "failing warning";
  const classes = [mark, unread ? "unread" : null].filter((c) => c !== null);
  const messages = failing ?? compared;
  const title = messages === undefined ? (unread ? "未读取到本单元格" : null) : messages.join("\n");
  const text = unread && cell.text === "" ? "未读" : cell.text;
  return (
    `<td${spans}${attribute("data-cell", cell.cell)}${classes.length > 0 ? attribute("class", classes.join(" ")) : ""}` +
    `${title === null ? "" : attribute("title", title)}>${escapeHtml(text)}</td>`
  );
}

function tableHtml(table: TableBlock, marks: CellMarks): string {
  const layout = TABLES.find((t) => t.id === table.table);
  const caption = layout === undefined ? "" : `<caption>${escapeHtml(`${layout.sheetName}\u3000${layout.title}`)}</caption>`;
  const rows = (from: number, to?: number): string =>
    table.rows
      .slice(from, to)
      .map((row) => `<tr>${row.cells.map((cell) => cellHtml(cell, marks)).join("")}</tr>`)
      .join("\n");
  const head = table.headerRows > 0 ? `<thead>\n${rows(0, table.headerRows)}\n</thead>` : "";
  return `<table class="sheet"${attribute("data-table", table.table)}>${caption}${head}<tbody>\n${rows(table.headerRows)}\n</tbody></table>\n`;
}

/** Words quoted by a text check, in one paragraph: [start, end) and the messages shown beside them. */
interface Highlight {
  readonly start: number;
  readonly end: number;
  readonly messages: string[];
}

/** The excerpt without the "…" that marks it as cut out of a longer text. */
function quotedWords(excerpt: string): string {
  return excerpt.replace(/^[…\s]+|[…\s]+$/g, "");
}

/** Where the words are: in a paragraph of the issue's part of the text, else in any paragraph. */
function locate(paragraphs: readonly Paragraph[], section: TextSection | null, words: string): { paragraph: number; start: number } | null {
  if (words === "") return null;
  const search = (inSection: boolean): { paragraph: number; start: number } | null => {
    for (const [i, p] of paragraphs.entries()) {
      if (inSection && p.section !== section) continue;
      const start = p.text.indexOf(words);
      if (start >= 0) return { paragraph: i, start };
    }
    return null;
  };
  return (section === null ? null : search(true)) ?? search(false);
}

function highlightedHtml(text: string, highlights: readonly Highlight[]): string {
  let html = "";
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    const remarks = h.messages.map((m) => `<span class="remark">〔${escapeHtml(m)}〕</span>`).join("");
    html += `${escapeHtml(text.slice(at, h.start))}<mark${attribute("title", h.messages.join("\n"))}>${escapeHtml(text.slice(h.start, h.end))}</mark>${remarks}`;
    at = h.end;
  }
  return html + escapeHtml(text.slice(at));
}

function notesHtml(messages: readonly string[] | undefined): string {
  return messages === undefined ? "" : `<ul class="notes">${messages.map((m) => `<li>${escapeHtml(m)}</li>`).join("")}</ul>\n`;
}

/** The text by part, each text check's words highlighted where they are found, its message beside them. */
function textHtml(paragraphs: readonly Paragraph[], issues: readonly AuditIssue[]): string {
  const highlights: Highlight[][] = paragraphs.map(() => []);
  const notes = new Map<TextSection | null, string[]>();
  for (const issue of issues) {
    if (issue.section === null && issue.excerpt === null) continue; // an issue of the tables
    const words = issue.excerpt === null ? "" : quotedWords(issue.excerpt);
    const found = locate(paragraphs, issue.section, words);
    const list = found === null ? undefined : highlights[found.paragraph];
    if (found === null || list === undefined) {
      append(notes, issue.section, issue.message);
      continue;
    }
    const end = found.start + words.length;
    const overlapping = list.find((h) => h.start < end && found.start < h.end);
    if (overlapping === undefined) list.push({ start: found.start, end, messages: [issue.message] });
    else if (!overlapping.messages.includes(issue.message)) overlapping.messages.push(issue.message);
  }
  let html = notesHtml(notes.get(null));
  for (const section of SECTION_ORDER) {
    const indices = paragraphs.flatMap((p, i) => (p.section === section ? [i] : []));
    if (indices.length === 0 && !notes.has(section)) continue;
    html += `<h5>${escapeHtml(TEXT_SECTION_LABELS[section])}</h5>\n${notesHtml(notes.get(section))}`;
    for (const i of indices) html += `<p>${highlightedHtml(paragraphs[i]?.text ?? "", highlights[i] ?? [])}</p>\n`;
  }
  return paragraphs.length === 0 ? `<p>未读取到正文。</p>\n${html}` : html;
}

function issuesHtml(issues: readonly AuditIssue[]): string {
  if (issues.length === 0) return "<p>未发现问题。</p>\n";
  const items = issues.map(
    (i) =>
      `<li class="${i.severity}"><span class="severity">${SEVERITY_LABEL[i.severity]}</span><span class="rule-name">${escapeHtml(i.name)}</span>` +
      `${escapeHtml(i.message)}<code>${escapeHtml(i.rule)}</code></li>`,
  );
  return `<ol class="issues">\n${items.join("\n")}\n</ol>\n`;
}

/**
 * The detail of one report (`report-${index}`): what it is and its state, its issues, its tables with the
 * failing cells outlined and the compared ones marked, its text with the quoted words highlighted. A report
 * that could not be read, or whose detail was not kept, shows what the row says.
 */
export function reportDetailHtml(index: number, row: AuditRow, detail: AuditDetail | null): string {
  const meta = [
    `机关：${escapeHtml(row.agency ?? "未识别")}`,
    `年度：${row.year ?? "未识别"}`,
    `结论：${stateHtml(row.verdict)}`,
    ...(row.verdict === "unreadable" ? [] : [`已读单元格：${row.cellsRead} / 200`]),
    ...(row.previousYearFile === null ? [] : [`对照的上年报告：${escapeHtml(row.previousYearFile)}`]),
  ];
  let html =
    `<section class="report" id="report-${index}" data-index="${index}">\n<h3>${escapeHtml(row.file)}</h3>\n` +
    `<p class="meta">${meta.map((m) => `<span>${m}</span>`).join("")}</p>\n<p class="back"><a href="#row-${index}">返回汇总表</a></p>\n`;
  if (row.verdict === "unreadable") return `${html}<p class="message">${escapeHtml(row.message)}</p>\n</section>\n`;
  if (row.unread > 0) html += `<p class="unread-reason">未读取 ${row.unread} 个单元格${row.unreadReason === "" ? "" : `：${escapeHtml(row.unreadReason)}`}</p>\n`;
  html += `<h4>问题（${row.issues.length}）</h4>\n${issuesHtml(row.issues)}`;
  if (detail !== null) {
    const marks = cellMarks(row.issues, detail.unreadCells);
    html += `<h4>统计表</h4>\n${detail.tables.map((t) => tableHtml(t, marks)).join("")}`;
    html += `<h4>正文</h4>\n<div class="text">\n${textHtml(detail.paragraphs, row.issues)}</div>\n`;
  }
  return `${html}</section>\n`;
}

// --- The page around the details -------------------------------------------------------------------------

/** Each failing rule family and how many reports fail it, most first (ties in the order first met). */
function ruleCounts(rows: readonly AuditRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const family of row.failedRules) counts.set(family, (counts.get(family) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function numberCell(value: number | null, text: string): string {
  return `<td class="number"${value === null ? "" : attribute("data-value", value)}>${escapeHtml(text)}</td>`;
}

function summaryRowHtml(index: number, row: AuditRow): string {
  const text = (value: string): string => `<td>${escapeHtml(value)}</td>`;
  const cells = [
    `<td><a href="#report-${index}">${escapeHtml(row.file)}</a></td>`,
    text(row.agency ?? ""),
    numberCell(row.year, row.year === null ? "" : String(row.year)),
    `<td>${stateHtml(row.verdict)}</td>`,
    row.verdict === "unreadable" ? numberCell(null, "") : numberCell(row.cellsRead, `${row.cellsRead} / 200`),
    numberCell(row.errors, String(row.errors)),
    numberCell(row.warnings, String(row.warnings)),
    text(row.failedRules.map(ruleName).join("、")),
    text(row.message),
    text(row.previousYearFile ?? ""),
  ];
  const data = `${attribute("data-verdict", row.verdict)}${attribute("data-rules", row.failedRules.join(" "))}${attribute("data-agency", row.agency ?? "")}`;
  return `<tr id="row-${index}" data-index="${index}"${data}>${cells.join("")}</tr>\n`;
}

/** Everything before the summary's rows: head, counts, chart, filters, the summary's header. */
function pageStart(rows: readonly AuditRow[]): string {
  const counts = new Map<AuditVerdict, number>();
  for (const row of rows) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  const states = VERDICT_ORDER.filter((v) => (counts.get(v) ?? 0) > 0);
  const rules = ruleCounts(rows);
  const agencies = [...new Set(rows.flatMap((r) => (r.agency === null ? [] : [r.agency])))].sort(new Intl.Collator("zh-CN").compare);
  const countItems = VERDICT_ORDER.map((v) => {
    const n = counts.get(v) ?? 0;
    const label = `${escapeHtml(AUDIT_VERDICT_LABELS[v])} ${n} 份`;
    return `<li class="v-${v}">${n > 0 ? `<button type="button" data-filter-verdict="${v}">${label}</button>` : label}</li>`;
  });
  const option = (value: string, label: string): string => `<option${attribute("value", value)}>${escapeHtml(label)}</option>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title>
<style>${PAGE_CSS}</style></head><body>
<h1>${PAGE_TITLE}</h1>
<p class="total">共 ${rows.length} 份报告。</p>
<ul class="counts">${countItems.join("")}</ul>
<section class="overview"><h2>各规则未通过的报告数</h2>
${chartHtml(rules)}</section>
<section><h2>审核汇总表</h2>
<div class="filters">
<label>按结论筛选 <select id="filter-verdict">${option("", "全部结论")}${states.map((v) => option(v, `${AUDIT_VERDICT_LABELS[v]}（${counts.get(v) ?? 0} 份）`)).join("")}</select></label>
<label>按规则筛选 <select id="filter-rule">${option("", "全部规则")}${rules.map(([family, n]) => option(family, `${ruleName(family)}（${n} 份）`)).join("")}</select></label>
<label>按机关筛选 <input id="filter-agency" type="search" list="agency-list" placeholder="输入机关名称"></label>
<datalist id="agency-list">${agencies.map((a) => `<option${attribute("value", a)}></option>`).join("")}</datalist>
<output id="shown">显示 ${rows.length} / ${rows.length} 份</output>
</div>
<table id="summary" class="summary"><thead>${SUMMARY_HEADER}</thead>
<tbody>
`;
}

/** The page in order, each report's detail written by `writeDetail` (from memory or from the spool). */
function writePage(rows: readonly AuditRow[], write: (text: string) => void, writeDetail: (index: number, row: AuditRow) => void): void {
  write(pageStart(rows));
  rows.forEach((row, i) => write(summaryRowHtml(i, row)));
  write(DETAILS_START);
  rows.forEach((row, i) => writeDetail(i, row));
  write(PAGE_END);
}

/** The whole page in memory, for small sets (the writer gives the same bytes). */
export function auditHtml(rows: readonly AuditRow[], details: readonly (AuditDetail | null)[]): string {
  const parts: string[] = [];
  writePage(rows, (text) => parts.push(text), (index, row) => parts.push(reportDetailHtml(index, row, details[index] ?? null)));
  return parts.join("");
}

// --- Writing the page of a large set ---------------------------------------------------------------------

/** Bytes read or written at a time. */
const CHUNK_BYTES = 1 << 16;

/** The writer used after `finish` or `discard`, or its spool file cut short: a programming or system error. */
export class AuditHtmlWriterError extends Error {
  override readonly name = "AuditHtmlWriterError";
}

function writeBytes(fd: number, bytes: Buffer, position: number | null): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position === null ? null : position + done);
}

/**
 * Writes the page of a set of any size with memory constant per report: each report's detail is appended to a
 * spool file in a temporary folder as it comes (in any order; a later fragment for the same report replaces the
 * earlier one, as when the report is checked again against last year's), and `finish` copies them into the page
 * in the reports' order, a chunk at a time. `finish` and `discard` remove the temporary folder.
 */
export class AuditHtmlWriter {
  readonly #output: string;
  readonly #directory: string;
  #spool: number | null;
  #size = 0;
  readonly #fragments = new Map<number, { readonly offset: number; readonly length: number }>();

  constructor(output: string) {
    this.#output = output;
    this.#directory = mkdtempSync(path.join(tmpdir(), "nianbao-audit-"));
    try {
      this.#spool = openSync(path.join(this.#directory, "details.html"), "w+");
    } catch (error) {
      rmSync(this.#directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Keeps the detail of report `index` (the HTML of `reportDetailHtml`), replacing one kept before. */
  add(index: number, fragment: string): void {
    const bytes = Buffer.from(fragment, "utf8");
    writeBytes(this.#open(), bytes, this.#size);
    this.#fragments.set(index, { offset: this.#size, length: bytes.length });
    this.#size += bytes.length;
  }

  /** Writes the page of `rows` to the output, each row's detail as kept (or what the row says), and cleans up. */
  finish(rows: readonly AuditRow[]): void {
    const spool = this.#open();
    try {
      const out = openSync(this.#output, "w");
      try {
        const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        let pending: string[] = [];
        let pendingLength = 0;
        const flush = (): void => {
          if (pendingLength === 0) return;
          writeBytes(out, Buffer.from(pending.join(""), "utf8"), null);
          pending = [];
          pendingLength = 0;
        };
        const write = (text: string): void => {
          pending.push(text);
          pendingLength += text.length;
          if (pendingLength >= CHUNK_BYTES) flush();
        };
        writePage(rows, write, (index, row) => {
          const place = this.#fragments.get(index);
          if (place === undefined) {
            write(reportDetailHtml(index, row, null));
            return;
          }
          flush();
          for (let copied = 0; copied < place.length; ) {
            const read = readSync(spool, chunk, 0, Math.min(CHUNK_BYTES, place.length - copied), place.offset + copied);
            if (read === 0) throw new AuditHtmlWriterError(`临时文件不完整，第 ${index + 1} 份报告的详情无法写入。`);
            writeBytes(out, chunk.subarray(0, read), null);
            copied += read;
          }
        });
        flush();
      } finally {
        closeSync(out);
      }
    } finally {
      this.discard();
    }
  }

  /** Removes the temporary folder without writing the page (after an error); harmless when done already. */
  discard(): void {
    if (this.#spool !== null) closeSync(this.#spool);
    this.#spool = null;
    rmSync(this.#directory, { recursive: true, force: true });
  }

  #open(): number {
    if (this.#spool === null) throw new AuditHtmlWriterError("审核结果页面已写出或已放弃，不能再写入。");
    return this.#spool;
  }
}
