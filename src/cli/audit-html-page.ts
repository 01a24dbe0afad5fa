// The fixed parts of the audit's HTML page (src/cli/audit-html.ts): its stylesheet, its script, the content
// security policy that admits exactly these two, the fixed markup (the summary's header, what closes the summary
// and the page) and the inline SVG chart of the rules failed. The page is opened from disk by reviewers, often
// offline and on machines that forbid outside requests: nothing here loads anything (no fonts, images, scripts
// or styles from elsewhere), and the policy makes the browser refuse any load, and any inline script the data
// might smuggle in.

import { createHash } from "node:crypto";
import { escapeHtml } from "../adapters/export/html";
import { ruleName } from "../core/locale";

export const PAGE_CSS = `
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:2em;color:#222;line-height:1.5}
[hidden]{display:none!important}
h1{font-size:22px;margin:0 0 .5em}h2{font-size:18px;margin:1.5em 0 .5em}h3{font-size:16px;margin:.3em 0}h4{font-size:15px;margin:1em 0 .3em}h5{font-size:14px;margin:.8em 0 .2em}
.counts{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.5em 1em}
.counts li{border-radius:3px;padding:2px 10px}.counts button{font:inherit;border:0;padding:0;cursor:pointer;background:none}
.v-errors{background:#ffe5e8}.v-warnings{background:#fff6d6}.v-incomplete{background:#eef3fb}.v-unreadable{background:#eee;color:#555}.v-pass{background:#e6f4ea}
.chart{display:block;margin:.5em 0}.chart text{font-size:13px;fill:#222}.chart .bar rect{fill:#c0392b}.chart .bar{cursor:pointer}.chart .bar:hover rect,.chart .bar:focus rect{fill:#8e2a20}
.filters{display:flex;flex-wrap:wrap;gap:.6em 1.5em;align-items:center;margin:.8em 0}
.filters select,.filters input{font:inherit;padding:2px 4px}
.summary{border-collapse:collapse;width:100%}
.summary th,.summary td{border:1px solid #999;padding:4px 6px;font-size:13px;vertical-align:top;text-align:left}
.summary th{background:#eee;white-space:nowrap}
.summary th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer}
.summary th[aria-sort=ascending] button::after{content:" ▲"}.summary th[aria-sort=descending] button::after{content:" ▼"}
.summary td.number{text-align:right;white-space:nowrap}
.report{border-top:2px solid #999;margin-top:2em;padding-top:.5em;content-visibility:auto;contain-intrinsic-size:auto 1500px}
.report .meta{margin:.2em 0;color:#444}.report .meta span{margin-right:1.5em}
.state{padding:0 6px;border-radius:3px}
.issues{padding-left:1.5em}.issues li{margin:.2em 0}
.severity{display:inline-block;font-size:12px;padding:0 4px;border-radius:3px;margin-right:.4em;color:#fff;background:#c0392b}
.issues .warning .severity{background:#b7791f}
.rule-name{font-weight:bold;margin-right:.4em}
code{font-size:11px;color:#666;margin-left:.3em}
.sheet{border-collapse:collapse;margin:.8em 0 1.2em;font-size:12px}
.sheet caption{font-weight:bold;text-align:left;padding:2px 0 6px}
.sheet th,.sheet td{border:1px solid #666;padding:2px 5px}
.sheet th{font-weight:normal;background:#f6f6f6}.sheet th.left{text-align:left}
.sheet td{text-align:center;min-width:2.5em}
.sheet td.failing{outline:3px solid #d0021b;outline-offset:-3px;background:#ffe5e8;font-weight:bold;cursor:help}
.sheet td.failing.warning{outline-color:#e0a100;background:#fff6d6}
.sheet td.compared{outline:2px dashed #d08a00;outline-offset:-2px;cursor:help}
.sheet td.unread{color:#888;background:#e8e8e8}
.text p{text-indent:2em;margin:.3em 0}
mark{background:#ffe08a}
.remark{color:#b00;font-size:12px;margin-left:.3em;text-indent:0}
.notes{color:#b00;font-size:13px}
@media print{.filters,.counts button,.back{display:none}.report{break-before:page;content-visibility:visible}}
`;

/**
 * Sorting (a column header; 年度, 已读单元格, 强制, 提示 by number; blanks last either way; ties keep their
 * order) and filtering (by state, by rule, by agency; a report's detail is hidden with its row). Plain ES2017
 * over the summary table's attributes, so that no data is ever embedded in the script.
 */
export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var table = document.getElementById("summary");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var verdict = document.getElementById("filter-verdict");
  var rule = document.getElementById("filter-rule");
  var agency = document.getElementById("filter-agency");
  var shown = document.getElementById("shown");
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  function apply() {
    var v = verdict.value, r = rule.value, a = agency.value.trim().toLowerCase(), count = 0;
    rows.forEach(function (row) {
      var visible = (v === "" || row.getAttribute("data-verdict") === v) &&
        (r === "" || (" " + row.getAttribute("data-rules") + " ").indexOf(" " + r + " ") >= 0) &&
        (a === "" || row.getAttribute("data-agency").toLowerCase().indexOf(a) >= 0);
      row.hidden = !visible;
      var detail = document.getElementById("report-" + row.getAttribute("data-index"));
      if (detail) detail.hidden = !visible;
      if (visible) count += 1;
    });
    shown.textContent = "显示 " + count + " / " + rows.length + " 份";
  }
  verdict.addEventListener("change", apply);
  rule.addEventListener("change", apply);
  agency.addEventListener("input", apply);
  function choose(select, value) {
    select.value = value;
    apply();
    table.scrollIntoView();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-verdict]"), function (el) {
    el.addEventListener("click", function () { choose(verdict, el.getAttribute("data-filter-verdict")); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-rule]"), function (el) {
    el.addEventListener("click", function () { choose(rule, el.getAttribute("data-filter-rule")); });
    el.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(rule, el.getAttribute("data-filter-rule")); }
    });
  });
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var keyed = rows.map(function (row, position) {
        var cell = row.cells[column];
        var key = numeric ? (cell.hasAttribute("data-value") ? Number(cell.getAttribute("data-value")) : null) : cell.textContent;
        return { row: row, position: position, key: key === "" ? null : key };
      });
      keyed.sort(function (x, y) {
        if (x.key === null || y.key === null) return x.key === y.key ? x.position - y.position : (x.key === null ? 1 : -1);
        var order = numeric ? x.key - y.key : collator.compare(x.key, y.key);
        return (ascending ? order : -order) || x.position - y.position;
      });
      rows = keyed.map(function (k) { return k.row; });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
    });
  });
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Nothing may load; only this stylesheet and this script may run (by their hashes, not 'unsafe-inline'). */
export const PAGE_POLICY = `default-src 'none'; style-src ${sha256(PAGE_CSS)}; script-src ${sha256(PAGE_SCRIPT)}; base-uri 'none'; form-action 'none'`;

/** The summary's columns; the script sorts those of type number by their cells' data-value. */
const COLUMNS: readonly (readonly [string, "text" | "number"])[] = [
  ["文件", "text"],
  ["机关", "text"],
  ["年度", "number"],
  ["结论", "text"],
  ["已读单元格", "number"],
  ["强制", "number"],
  ["提示", "number"],
  ["未通过的规则", "text"],
  ["说明", "text"],
  ["对照的上年报告", "text"],
];

export const SUMMARY_HEADER = `<tr>${COLUMNS.map(([name, type]) => `<th scope="col" data-type="${type}" aria-sort="none"><button type="button">${name}</button></th>`).join("")}</tr>`;

/** Between the summary's last row and the first report's detail. */
export const DETAILS_START = `</tbody></table>
</section>
<section class="details"><h2>各报告审核详情</h2>
`;

export const PAGE_END = `</section>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;

const BAR_ROW = 26;
const BAR_HEIGHT = 18;
const BAR_MAX = 360;
/** Width of one character of a label at 13px, with room for the widest (CJK) characters. */
const LABEL_CHAR = 14;

/** The bar chart of how many reports fail each rule family; a bar is a button that filters the summary by it. */
export function chartHtml(counts: readonly (readonly [string, number])[]): string {
  if (counts.length === 0) return "<p>各报告均无未通过的规则。</p>\n";
  const labelWidth = 12 + LABEL_CHAR * Math.max(...counts.map(([family]) => ruleName(family).length));
  const most = Math.max(...counts.map(([, n]) => n));
  const width = labelWidth + BAR_MAX + 80;
  const height = BAR_ROW * counts.length + 4;
  const bars = counts.map(([family, n], i) => {
    const name = ruleName(family);
    const bar = Math.max(2, Math.round((n / most) * BAR_MAX));
    const y = 4 + i * BAR_ROW;
    return (
      `<g class="bar" data-rule="${escapeHtml(family)}" data-filter-rule="${escapeHtml(family)}" tabindex="0" role="button">` +
      `<title>${escapeHtml(`${name}（${family}）：${n} 份。点击按此规则筛选。`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(name)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${bar}" height="${BAR_HEIGHT}"></rect>` +
      `<text x="${labelWidth + bar + 6}" y="${y + 14}">${n} 份</text></g>`
    );
  });
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="各规则未通过的报告数">\n${bars.join("\n")}\n</svg>\n`;
}
