// The page of `nianbao audit --html` in Debian's Chromium, opened from disk as a reviewer opens it: five reports
// audited from the example texts (003 as published, 003 with a broken 表三 carry-over, 003 moved to the year
// before, 003 with a row left blank, example 000 with its 「为收取」, and a file that is not there). The page
// renders without a request or a console error (its policy would report a blocked script), filters and sorts
// its summary, draws one bar per failing rule, and outlines, marks and highlights where the issues are.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { PAGE_TITLE, auditHtml } from "../../src/cli/audit-html";
import type { AuditDetail, AuditRow } from "../../src/cli/audit-rows";
import { auditReport } from "../../src/cli/audit-rows";
import { TEXT_SECTION_LABELS } from "../../src/core/format";
import { ruleName } from "../../src/core/locale";
import { loadExample } from "../support/reports";
import { CHROMIUM_ARGS } from "./browser";

const EX003 = loadExample("003").text;

/** The reports in the order they are audited; null: a file that does not exist. */
const REPORTS: readonly (readonly [string, string | null])[] = [
  ["结转有误.txt", EX003.replace(/四、结转下年度继续办理\t\t0\t/, "四、结转下年度继续办理\t\t3\t")],
  ["北关区.txt", loadExample("000").text],
  ["上年.txt", EX003.replace(/2023/g, "2022").replace(/2024/g, "2023")],
  ["缺行.txt", EX003.replace(/四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0/, "四、结转下年度继续办理\t\t\t\t\t\t\t\t")],
  ["不存在.txt", null],
];
const BROKEN = 0;
const WORDING = 1;
const BLANK = 3;

let dir: string;
let pageUrl: string;
let rows: AuditRow[];
let details: (AuditDetail | null)[];
let browser: Browser;
let page: Page;
/** Requests for anything but the page itself, and console errors, while a test ran. */
let outside: string[];
let consoleErrors: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-audit-page-"));
  rows = [];
  details = [];
  for (const [name, text] of REPORTS) {
    if (text !== null) writeFileSync(path.join(dir, name), text);
    const { row, detail } = await auditReport(path.join(dir, name), null, true);
    rows.push(row);
    details.push(detail);
  }
  const file = path.join(dir, "审核结果.html");
  writeFileSync(file, auditHtml(rows, details));
  pageUrl = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  page = await browser.newPage();
  outside = [];
  consoleErrors = [];
  page.on("request", (request) => {
    if (request.url() !== pageUrl) outside.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(pageUrl);
});

afterEach(async () => {
  await page.close();
  expect(outside).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

/** The summary's rows as shown: the index of the report of each visible row, top to bottom. */
function visibleRows(): Promise<number[]> {
  return page.$$eval("#summary tbody tr", (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => Number(tr.getAttribute("data-index"))));
}

/** The text of one column of the summary, top to bottom. */
function column(index: number): Promise<string[]> {
  return page.$$eval("#summary tbody tr", (trs, i) => trs.map((tr) => (tr as HTMLTableRowElement).cells[i]?.textContent ?? ""), index);
}

async function sortBy(header: string): Promise<void> {
  await page.locator("#summary thead th", { hasText: header }).locator("button").click();
}

describe("the audit's HTML page in Chromium", () => {
  test("renders with its title and one summary row per report", async () => {
    expect(await page.title()).toBe(PAGE_TITLE);
    expect(await page.locator("#summary tbody tr").count()).toBe(REPORTS.length);
    expect(await page.locator("section.report").count()).toBe(REPORTS.length);
    await expect(page.locator("#shown").textContent()).resolves.toBe(`显示 ${REPORTS.length} / ${REPORTS.length} 份`);
  });

  test("filtering by state hides the rows of the other states and their details", async () => {
    await page.selectOption("#filter-verdict", "errors");
    const shown = await visibleRows();
    expect(shown).toEqual(rows.flatMap((r, i) => (r.verdict === "errors" ? [i] : [])));
    expect(shown).toContain(BROKEN);
    for (const [i] of rows.entries()) expect(await page.locator(`#report-${i}`).isVisible()).toBe(shown.includes(i));
    await expect(page.locator("#shown").textContent()).resolves.toBe(`显示 ${shown.length} / ${REPORTS.length} 份`);
  });

  test("filtering by rule and by agency", async () => {
    await page.selectOption("#filter-rule", "T-WORDING");
    expect(await visibleRows()).toEqual([WORDING]);
    await page.selectOption("#filter-rule", "");
    await page.fill("#filter-agency", "北关");
    expect(await visibleRows()).toEqual([WORDING]);
    await page.fill("#filter-agency", "");
    expect(await visibleRows()).toEqual([0, 1, 2, 3, 4]);
  });

  test("sorting by 年度 and by 已读单元格 reorders the rows by number, blanks last, ties in their order", async () => {
    await sortBy("年度");
    expect(await column(2)).toEqual(["2022", "2023", "2023", "2023", ""]);
    expect(await visibleRows()).toEqual([2, 0, 1, 3, 4]);
    await sortBy("年度");
    expect(await column(2)).toEqual(["2023", "2023", "2023", "2022", ""]);
    await sortBy("已读单元格");
    expect(await column(4)).toEqual(["193 / 200", "200 / 200", "200 / 200", "200 / 200", ""]);
    expect(await visibleRows()).toEqual([BLANK, 0, 1, 2, 4]);
    await sortBy("已读单元格");
    expect(await column(4)).toEqual(["200 / 200", "200 / 200", "200 / 200", "193 / 200", ""]);
    await expect(page.locator("#summary thead th", { hasText: "已读单元格" }).getAttribute("aria-sort")).resolves.toBe("descending");
  });

  test("the chart has one bar per failing rule, named in words; a bar filters by its rule", async () => {
    const failing = [...new Set(rows.flatMap((r) => r.failedRules))];
    const bars = await page.$$eval("svg.chart .bar", (gs) => gs.map((g) => [g.getAttribute("data-rule"), g.querySelector("text")?.textContent, g.querySelectorAll("rect").length]));
    expect(bars.map(([rule]) => rule).sort()).toEqual([...failing].sort());
    for (const [rule, label, rects] of bars) expect([label, rects]).toEqual([ruleName(String(rule)), 1]);
    await page.locator('svg.chart .bar[data-rule="R-T3-BAL"]').click();
    expect(await visibleRows()).toEqual([BROKEN]);
  });

  test("in the broken report's detail the failing cell is outlined and the cells compared with it are marked", async () => {
    const balance = rows[BROKEN]!.issues.find((i) => i.rule === "R-T3-BAL")!;
    const outlined = new Set(rows[BROKEN]!.issues.flatMap((i) => i.outlined));
    expect(balance.outlined.length).toBeGreaterThan(0);
    for (const cell of balance.outlined) {
      const td = page.locator(`#report-${BROKEN} td[data-cell="${cell}"]`);
      expect(await td.getAttribute("class")).toMatch(/\bfailing\b/);
      expect(await td.getAttribute("title")).toContain(balance.message);
      const style = await td.evaluate((e) => getComputedStyle(e).outlineStyle);
      expect(style).not.toBe("none");
    }
    const compared = balance.cells.filter((c) => !outlined.has(c));
    expect(compared.length).toBeGreaterThan(0);
    for (const cell of compared) {
      const td = page.locator(`#report-${BROKEN} td[data-cell="${cell}"]`);
      expect(await td.getAttribute("class")).toMatch(/\bcompared\b/);
      expect(await td.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe("dashed");
    }
  });

  test("cells that could not be read show 未读, greyed", async () => {
    const unread = details[BLANK]!.unreadCells;
    expect(unread.length).toBeGreaterThan(0);
    for (const cell of unread) {
      const td = page.locator(`#report-${BLANK} td[data-cell="${cell}"]`);
      expect(await td.textContent()).toBe("未读");
      expect(await td.getAttribute("class")).toMatch(/\bunread\b/);
    }
    const grey = await page.locator(`#report-${BLANK} td.unread`).first().evaluate((e) => getComputedStyle(e).color);
    expect(grey).toBe("rgb(136, 136, 136)");
  });

  test("the words the wording check quotes are highlighted in their part of the text, its message beside them", async () => {
    const wording = rows[WORDING]!.issues.find((i) => i.rule === "T-WORDING")!;
    const words = wording.excerpt!.replace(/^…|…$/g, "");
    const mark = page.locator(`#report-${WORDING} .text mark`);
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toBe(words);
    expect(await mark.getAttribute("title")).toBe(wording.message);
    expect(await mark.evaluate((e) => e.nextElementSibling?.textContent)).toContain(wording.message);
    // In the paragraph of 六, under its heading.
    expect(await mark.evaluate((e) => e.closest("p")?.previousElementSibling?.textContent)).toBe(TEXT_SECTION_LABELS.n6);
  });
});
