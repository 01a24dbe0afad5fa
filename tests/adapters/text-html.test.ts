// The plain-text and HTML packers (src/adapters/export) on the two shared examples: the text keeps the tables'
// grid (one line a row, colCount − 1 tabs), indents paragraphs with two U+3000, keeps the six sections in order
// and every figure in place; the HTML escapes all text. Golden files hold the full text of both examples.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packHtml } from "../../src/adapters/export/html";
import { packText } from "../../src/adapters/export/text";
import type { AgencyLevel, CellId } from "../../src/core/format";
import { SECTION_TITLES, TABLES, getCell, isCellId } from "../../src/core/format";
import { formatNumber } from "../../src/core/locale";
import type { Narrative, NarrativeKey, ReportDocument } from "../../src/core/report";
import { NARRATIVE_FIELDS, createReportDocument, runsText } from "../../src/core/report";
import { parseCell } from "../../src/core/values";
import { loadExample, metaOf } from "../support/reports";

const GOLDEN_DIR = path.join(__dirname, "golden");
const INDENT = "\u3000\u3000";

/** A short, realistic set of user texts for a 教育局; {t3.new.total} is bound to the table. */
const FIXED_TEXTS: Readonly<Partial<Record<NarrativeKey, string>>> = {
  contact: "如对本报告有疑问，请与本机关办公室联系，联系电话：0373-3021234。",
  "n1.active": "本机关依托门户网站政务公开专栏和政务新媒体主动公开政府信息，重点做好招生入学、财政预决算、教育督导等领域信息公开。",
  "n1.onRequest": "本年度收到的{t3.new.total}件申请主要涉及招生入学、学籍管理和教师资格认定等事项。",
  "n1.infoMgmt": "严格落实公文公开属性源头认定和保密审查制度，信息发布实行“三审三校”。",
  "n1.platform": "持续优化门户网站政务公开专栏，调整完善栏目设置，做到信息及时更新。",
  "n1.oversight": "将政府信息公开工作纳入机关年度目标考核，全年组织业务培训2次。",
  "n5.rectification": "针对上年度报告所列栏目更新不及时的问题，已建立信息发布台账，按月检查更新情况。",
  "n5.problems": "一是部分栏目信息更新不够及时；二是政策解读形式较为单一。",
  "n5.measures": "下一步，本机关将加强栏目日常维护，综合运用图文、视频等形式开展政策解读。",
  "n6.other": "无其他需要报告的事项。",
};

const FIXED_NARRATIVE: Narrative = { texts: FIXED_TEXTS, numbers: { "n6.feeNotices": 0 }, flags: {} };

const EXAMPLES = [
  { prefix: "000", level: "县级部门" },
  { prefix: "003", level: "市级部门" },
] as const satisfies readonly { prefix: "000" | "003"; level: AgencyLevel }[];

type Prefix = (typeof EXAMPLES)[number]["prefix"];

function buildDocument(prefix: Prefix, narrative: Narrative = FIXED_NARRATIVE, agencyName?: string): ReportDocument {
  const example = loadExample(prefix);
  const level = EXAMPLES.find((e) => e.prefix === prefix)!.level;
  const meta = metaOf({ agencyName: agencyName ?? example.agency, year: example.year, level });
  const valueOf = (id: CellId) => parseCell(example.values[id] ?? null, getCell(id).kind).value;
  return createReportDocument(meta, valueOf, narrative, isCellId);
}

/** Compares with the golden file, or (UPDATE_GOLDEN=1) writes it: regenerate deliberately, then read it. */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual, "utf8");
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, "utf8");
  } catch {
    throw new Error(`Golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it.`);
  }
  expect(actual).toBe(expected);
}

/** The text's blank-line-separated chunks: the title, then one per block. */
function chunks(text: string): string[] {
  return text.replace(/\n$/, "").split("\n\n");
}

/** The lines of a table in the text: the chunk right after its section heading. */
function tableLines(text: string, title: string): string[] {
  const parts = chunks(text);
  const at = parts.indexOf(title);
  expect(at).toBeGreaterThan(0);
  return (parts[at + 1] ?? "").split("\n");
}

test("the fixed narrative has a text for every text field", () => {
  const textKeys = NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => f.key);
  expect(textKeys.length).toBeGreaterThan(0);
  for (const key of textKeys) expect(FIXED_TEXTS[key]?.trim()).toBeTruthy();
});

describe.each(EXAMPLES.map((e) => e.prefix))("example %s", (prefix) => {
  const example = loadExample(prefix);
  const document = buildDocument(prefix);
  const text = packText(document);

  test("the text equals its golden file", () => {
    expectGolden(`${prefix}.txt`, text);
  });

  test("the text is clean: one title line first, no trailing white space, a single final newline", () => {
    expect(text.split("\n")[0]).toBe(document.title);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
    for (const line of text.split("\n")) expect(line).not.toMatch(/[ \u3000]+$/);
    expect(text).not.toContain("\n\n\n");
    expect(text).not.toContain("\r");
  });

  test("every table row has colCount − 1 tabs, and only table rows have tabs", () => {
    let tableRows = 0;
    for (const table of TABLES) {
      const lines = tableLines(text, table.title);
      expect(lines).toHaveLength(table.rowCount);
      for (const line of lines) expect(line.split("\t")).toHaveLength(table.colCount);
      tableRows += lines.length;
    }
    const linesWithTabs = text.split("\n").filter((line) => line.includes("\t"));
    expect(linesWithTabs).toHaveLength(tableRows);
  });

  test("each table keeps the grid: labels and figures at their positions, merged positions empty", () => {
    for (const table of TABLES) {
      const grid = tableLines(text, table.title).map((line) => line.split("\t"));
      const expected: string[][] = Array.from({ length: table.rowCount }, () => Array.from({ length: table.colCount }, () => ""));
      for (const label of table.labels) expected[label.row - 1]![label.col - 1] = label.text;
      for (const input of table.inputs) {
        const value = example.values[input.id];
        expect(typeof value).toBe("number");
        expected[input.row - 1]![input.col - 1] = formatNumber(value as number);
      }
      expect(grid).toEqual(expected);
    }
  });

  test("every number of the tables appears in the table lines", () => {
    const tableText = TABLES.map((t) => tableLines(text, t.title).join("\n")).join("\n");
    const fields = new Set(tableText.split(/[\t\n]/));
    for (const [id, value] of Object.entries(example.values)) {
      if (!isCellId(id)) continue;
      expect([id, fields.has(formatNumber(value as number))]).toEqual([id, true]);
    }
  });

  test("paragraphs are indented with two U+3000; title and headings are not", () => {
    const parts = chunks(text);
    const blocks = document.blocks.filter((b) => b.kind !== "title");
    expect(parts).toHaveLength(blocks.length + 1);
    expect(parts[0]).toBe(document.title);
    let paragraphs = 0;
    blocks.forEach((block, i) => {
      const part = parts[i + 1]!;
      if (block.kind === "paragraph") {
        paragraphs += 1;
        expect(part).toBe(INDENT + runsText(block.runs));
        expect(part.charAt(2)).not.toMatch(/\s/);
      } else if (block.kind === "heading") {
        expect(part).toBe(block.text);
      }
    });
    expect(paragraphs).toBeGreaterThanOrEqual(12);
    expect(text).toContain(`\n\n${INDENT}本年度收到的${formatNumber(example.values["t3.new.total"] as number)}件申请主要涉及`);
  });

  test("the six level-1 headings appear in order, each on its own line", () => {
    const lines = text.split("\n");
    const positions = Object.values(SECTION_TITLES).map((title) => lines.indexOf(title));
    expect(positions).toHaveLength(6);
    for (const at of positions) expect(at).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test("the HTML has the title, the headings at their levels and real tables", () => {
    const html = packHtml(document);
    expect(html).not.toMatch(/<(html|body|head|caption)\b/);
    expect(html.split("\n")[0]).toBe(`<h1>${document.title}</h1>`);
    expect(html.match(/<h2>/g)).toHaveLength(6);
    const h2 = [...html.matchAll(/<h2>(.*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(Object.values(SECTION_TITLES));
    expect(html.match(/<table /g)).toHaveLength(3);
    expect(html.match(/<td [^>]*data-cell="/g)).toHaveLength(TABLES.reduce((n, t) => n + t.inputs.length, 0));
    expect(html.match(/<th /g)).toHaveLength(TABLES.reduce((n, t) => n + t.labels.length, 0));
    expect(html).not.toMatch(/(rowspan|colspan)="1"/);
    expect(html).toContain('<td data-cell="t3.new.total" style="border:1px solid #000;');
    expect(html).toContain('<th rowspan="22" style="border:1px solid #000;');
    // 表三 and 表四 have three header rows in <thead>; 表二 has none.
    const theads = [...html.matchAll(/<thead>([\s\S]*?)<\/thead>/g)].map((m) => (m[1] ?? "").match(/<tr>/g)?.length);
    expect(theads).toEqual([3, 3]);
    expect(packHtml(document)).toBe(html);
  });
});

test("all text in the HTML is escaped: narrative, title and table figures", () => {
  const hostile = `请勿执行<script>alert("x")</script> & 'y'`;
  const narrative: Narrative = { ...FIXED_NARRATIVE, texts: { ...FIXED_TEXTS, "n6.other": hostile } };
  const html = packHtml(buildDocument("003", narrative, `A&B<局>"'`));
  expect(html).toContain("<p style=\"text-indent:2em\">请勿执行&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>");
  expect(html).toContain("<h1>A&amp;B&lt;局&gt;&quot;&#39;2023年政府信息公开工作年度报告</h1>");
  expect(html).not.toContain("<script");
  expect(html).not.toContain("A&B");
  // Only markup brackets and quotes remain: every < starts a tag we write.
  for (const match of html.matchAll(/<\/?([a-z0-9]+)/g)) expect(["h1", "h2", "h3", "p", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td"]).toContain(match[1]);
});

test("a figure typed as text is escaped in the table too", () => {
  const example = loadExample("003");
  const meta = metaOf({ agencyName: example.agency, year: example.year });
  const valueOf = (id: CellId) => (id === "t3.new.natural" ? parseCell("<8>", "count").value : parseCell(example.values[id] ?? null, getCell(id).kind).value);
  const html = packHtml(createReportDocument(meta, valueOf, FIXED_NARRATIVE, isCellId));
  expect(html).toContain('data-cell="t3.new.natural" style="border:1px solid #000;padding:2px 4px;vertical-align:middle;text-align:center">&lt;8&gt;</td>');
});
