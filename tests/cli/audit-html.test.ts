// The page of `nianbao audit --html` without a browser: every text from the data comes out as text (parsed
// back with htmlparser2, not searched for as a string), the page asks for nothing outside itself, and the
// streaming writer gives the same bytes as the page built in memory, keeps only the latest detail of a report
// and leaves no temporary folder behind.

import { auditRow } from "../support/audit-row";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { AuditHtmlWriter, AuditHtmlWriterError, PAGE_TITLE, auditHtml, reportDetailHtml } from "../../src/cli/audit-html";
import type { AuditDetail, AuditIssue, AuditRow } from "../../src/cli/audit-rows";
import { auditReport } from "../../src/cli/audit-rows";
import { loadExample } from "../support/reports";

/** An element of htmlparser2's document tree. */
type Element = ReturnType<typeof DomUtils.findAll>[number];

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'"`;


/** A text issue whose message, excerpt and paragraph all hold markup. */
const HOSTILE_WORDING: AuditIssue = {
  id: "T-WORDING.n6.0.7",
  rule: "T-WORDING",
  severity: "warning",
  cells: [],
  addresses: [],
  expected: "未收取",
  actual: "为收取",
  message: `“为收取”疑为“未收取”之误${HOSTILE}`,
  name: "正文措辞",
  outlined: [],
  section: "n6",
  excerpt: "…本机关为收取<b>费</b>…",
};

const HOSTILE_ROW = auditRow({
  file: `${HOSTILE}.txt`,
  agency: HOSTILE,
  verdict: "warnings",
  warnings: 1,
  failedRules: ["T-WORDING"],
  message: HOSTILE_WORDING.message,
  previousYearFile: `上年${HOSTILE}.txt`,
  issues: [HOSTILE_WORDING],
});
const HOSTILE_DETAIL: AuditDetail = { tables: [], unreadCells: [], paragraphs: [{ section: "n6", text: `本年度，本机关为收取<b>费</b>&"'。` }] };

let dir: string;
let rows: AuditRow[];
let details: (AuditDetail | null)[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-audit-html-"));
  const ex003 = loadExample("003").text;
  const files: Record<string, string | null> = {
    "003.txt": ex003,
    "003-结转有误.txt": ex003.replace(/四、结转下年度继续办理\t\t0\t/, "四、结转下年度继续办理\t\t3\t"),
    "000.txt": loadExample("000").text,
    "不存在.txt": null,
  };
  const results = [];
  for (const [name, text] of Object.entries(files)) {
    if (text !== null) writeFileSync(path.join(dir, name), text);
    results.push(await auditReport(path.join(dir, name), null, true));
  }
  rows = [...results.map((r) => r.row), HOSTILE_ROW];
  details = [...results.map((r) => r.detail), HOSTILE_DETAIL];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function elements(html: string, test: (element: Element) => boolean): Element[] {
  return DomUtils.findAll(test, parseDocument(html).children);
}

describe("the audit's HTML page", () => {
  test("every text from the data is escaped: names, messages, excerpts come back as text, no markup of theirs", () => {
    const html = auditHtml(rows, details);
    const hostile = rows.length - 1;
    const link = elements(html, (e) => e.name === "a" && e.attribs.href === `#report-${hostile}`);
    expect(link.map((e) => DomUtils.textContent(e))).toEqual([`${HOSTILE}.txt`]);
    const summary = elements(html, (e) => e.name === "tr" && e.attribs.id === `row-${hostile}`)[0]!;
    expect(summary.attribs["data-agency"]).toBe(HOSTILE);
    const texts = summary.children.map((c) => DomUtils.textContent(c));
    expect(texts).toEqual([`${HOSTILE}.txt`, HOSTILE, "2023", "强制通过、提示待核实", "200 / 200", "0", "1", "正文措辞", HOSTILE_WORDING.message, `上年${HOSTILE}.txt`]);
    const detail = elements(html, (e) => e.attribs.id === `report-${hostile}`);
    const mark = DomUtils.findAll((e) => e.name === "mark", detail);
    expect(mark.map((e) => [DomUtils.textContent(e), e.attribs.title])).toEqual([["本机关为收取<b>费</b>", HOSTILE_WORDING.message]]);
    // The page's own script is the only one; nothing the data holds became an element or a handler.
    expect(elements(html, (e) => e.name === "script")).toHaveLength(1);
    expect(elements(html, (e) => ["img", "b"].includes(e.name) || Object.keys(e.attribs).some((a) => a.startsWith("on")))).toEqual([]);
  });

  test("nothing is loaded from elsewhere: no src, only links within the page, a policy that forbids loading", () => {
    const html = auditHtml(rows, details);
    const all = elements(html, () => true);
    expect(all.filter((e) => "src" in e.attribs || ["link", "iframe", "object", "embed", "base"].includes(e.name))).toEqual([]);
    expect(all.flatMap((e) => (e.attribs.href === undefined ? [] : [e.attribs.href])).filter((href) => !href.startsWith("#"))).toEqual([]);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    const policy = elements(html, (e) => e.name === "meta" && e.attribs["http-equiv"] === "Content-Security-Policy")[0]?.attribs.content;
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    const head = elements(html, (e) => e.name === "head");
    expect(DomUtils.textContent(DomUtils.findAll((e) => e.name === "title", head))).toBe(PAGE_TITLE);
  });

  test("a report that could not be read shows what its row says, nothing more", () => {
    const unreadable = rows.findIndex((r) => r.verdict === "unreadable");
    const html = reportDetailHtml(unreadable, rows[unreadable]!, null);
    expect(DomUtils.textContent(elements(html, (e) => e.attribs.class === "message"))).toBe(rows[unreadable]!.message);
    expect(elements(html, (e) => ["table", "ol", "mark"].includes(e.name))).toEqual([]);
  });
});

describe("the streaming writer", () => {
  let spool: string;
  // The writer's temporary folder goes under os.tmpdir(): here a folder of this test's own, to look into (jest
  // keeps process.env to the test file, so TMPDIR would not reach Node's os module).
  beforeEach(() => {
    spool = mkdtempSync(path.join(dir, "tmp-"));
    jest.spyOn(os, "tmpdir").mockReturnValue(spool);
  });
  afterEach(() => jest.restoreAllMocks());

  test("writes the same page as auditHtml, the details in the reports' order whatever order they came in", () => {
    const output = path.join(dir, "same.html");
    const writer = new AuditHtmlWriter(output);
    for (const i of [...rows.keys()].reverse()) writer.add(i, reportDetailHtml(i, rows[i]!, details[i] ?? null));
    writer.finish(rows);
    expect(readFileSync(output, "utf8")).toBe(auditHtml(rows, details));
  });

  test("a later detail of the same report replaces the earlier one", () => {
    const output = path.join(dir, "replaced.html");
    const writer = new AuditHtmlWriter(output);
    const first = auditRow({ message: "单独审核的结果" });
    const again = auditRow({ message: "对照上年报告后的结果", previousYearFile: "某县教育局2022年报.txt" });
    writer.add(0, reportDetailHtml(0, first, null));
    writer.add(1, reportDetailHtml(1, auditRow({ file: "另一份.txt" }), null));
    writer.add(0, reportDetailHtml(0, again, null));
    writer.finish([again, auditRow({ file: "另一份.txt" })]);
    const html = readFileSync(output, "utf8");
    expect(elements(html, (e) => e.attribs.id === "report-0")).toHaveLength(1);
    expect(html).toContain("对照的上年报告：某县教育局2022年报.txt");
    expect(html).not.toContain("单独审核的结果");
    expect(html).toBe(auditHtml([again, auditRow({ file: "另一份.txt" })], [null, null]));
  });

  test("a detail longer than the copying chunk comes through whole, characters split across chunks intact", () => {
    const output = path.join(dir, "long.html");
    const writer = new AuditHtmlWriter(output);
    const fragment = `<section class="report" id="report-0">${"政府信息公开".repeat(40_000)}</section>\n`;
    writer.add(0, fragment);
    writer.finish([auditRow({})]);
    expect(readFileSync(output, "utf8")).toContain(fragment);
  });

  test("the temporary folder is removed by finish, by discard, and when the page cannot be written", () => {
    const writer = new AuditHtmlWriter(path.join(dir, "cleaned.html"));
    writer.add(0, reportDetailHtml(0, rows[0]!, details[0] ?? null));
    expect(readdirSync(spool)).toHaveLength(1);
    writer.finish(rows.slice(0, 1));
    expect(readdirSync(spool)).toEqual([]);
    expect(() => writer.add(1, "")).toThrow(AuditHtmlWriterError);

    const discarded = new AuditHtmlWriter(path.join(dir, "discarded.html"));
    discarded.add(0, "<section></section>");
    discarded.discard();
    discarded.discard();
    expect(readdirSync(spool)).toEqual([]);
    expect(existsSync(path.join(dir, "discarded.html"))).toBe(false);

    const failing = new AuditHtmlWriter(path.join(dir, "没有这个文件夹", "page.html"));
    expect(() => failing.finish(rows)).toThrow();
    expect(readdirSync(spool)).toEqual([]);
  });
});
