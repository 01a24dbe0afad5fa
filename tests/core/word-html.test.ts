// A report saved by Word as a web page inside a government site's page (tests/core/fixtures/word-html.ts):
// the importer reads every figure the example's own text gives, the agency and year, and none of the
// site's scripts, styles or navigation reaches a section.

import { importReportText } from "../../src/core/import";
import { readHtmlPage } from "../../src/core/import/html";
import { loadExample } from "../support/reports";
import { SITE_TEXTS, wordHtmlPage } from "./fixtures/word-html";

const EXAMPLES = [loadExample("000"), loadExample("003")] as const;

describe.each(EXAMPLES.map((example) => [example.name.slice(0, 3), example] as const))("example %s as a site's Word page", (_name, example) => {
  const page = wordHtmlPage(example.text, example.values);

  test("the page is Word's HTML in a site page of a published page's size", () => {
    const bytes = Buffer.byteLength(page, "utf8");
    expect(bytes).toBeGreaterThanOrEqual(100_000);
    expect(bytes).toBeLessThanOrEqual(350_000);
    expect(page).toContain(`xmlns:o="urn:schemas-microsoft-com:office:office"`);
    expect(page).toContain("<table class=MsoNormalTable border=1");
    expect(page).toContain("<o:p></o:p>");
    expect(readHtmlPage(page).title).toMatch(/_某某市人民政府$/);
  });

  test("every figure read equals the example's, as many as its own text gives", () => {
    const result = importReportText(page);
    const read = Object.entries(result.values).filter(([, value]) => value !== null);
    for (const [id, value] of read) expect([id, value]).toEqual([id, example.values[id]]);
    const fromText = Object.values(importReportText(example.text).values).filter((value) => value !== null).length;
    expect(read.length).toBe(fromText);
    expect(result.agency).toBe(example.agency);
    expect(result.year).toBe(example.year);
  });

  test("no script, style or navigation text in the sections", () => {
    const { sections } = importReportText(page);
    expect(Object.keys(sections)).toEqual(["一", "二", "三", "四", "五", "六"]);
    const leaks = [...SITE_TEXTS.nav, SITE_TEXTS.breadcrumb, "打印本页", "关闭窗口", SITE_TEXTS.related, SITE_TEXTS.footer, SITE_TEXTS.script, SITE_TEXTS.style, "mso-", "function", "var ", "{", "ICP备", "主办："];
    // Words of the site that the report itself also uses ("政务公开") prove nothing.
    const own = leaks.filter((leak) => !example.text.includes(leak));
    expect(own.length).toBeGreaterThan(15);
    for (const [numeral, body] of Object.entries(sections)) {
      for (const leak of own) expect([numeral, leak, body?.includes(leak)]).toEqual([numeral, leak, false]);
    }
  });
});
