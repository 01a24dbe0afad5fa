// Last year's published report taken into this year's workbook: the 正文 parts it maps to (its opening left out
// and listed, not put under 一（一）), the fill that asks before replacing what the user wrote, the paragraphs
// that restate the generated sentences (T-REPEAT), and the report given as last year's being of the year before
// and of this agency (X-PREV-YEAR, X-PREV-AGENCY).

import type { CheckedIssue } from "../../src/core/check";
import { checkReport, previousYearOf } from "../../src/core/check";
import type { ReportMeta } from "../../src/core/format";
import { planFill, readNarrative, sourceFromText } from "../../src/core/import";
import type { Narrative } from "../../src/core/report";
import { guidanceNarrative } from "../../src/core/report";
import type { Report } from "../support/reports";
import { WRITTEN_NARRATIVE, loadExample, metaOf, sourceOf, zeroReport } from "../support/reports";

const THIS_YEAR = metaOf({ agencyName: "新乡市教育局", year: 2024, level: "市级部门" });

function issuesOf(values: Report, narrative: Narrative, meta: ReportMeta = THIS_YEAR): CheckedIssue[] {
  return checkReport(sourceOf(values, meta, narrative)).issues.filter((i) => i.rule === "T-REPEAT");
}

/** The 正文 a user starts from (the template's guidance everywhere) with the parts given. */
function narrativeWith(texts: Narrative["texts"], numbers: Narrative["numbers"] = { "n6.feeNotices": 0 }): Narrative {
  const start = guidanceNarrative();
  return { ...start, texts: { ...start.texts, ...texts }, numbers };
}

describe("the 正文 parts of a published report", () => {
  test("example 003: the opening before （一） is left out and listed, not put under 一（一）主动公开", () => {
    const { source, imported } = sourceFromText(loadExample("003").text);
    expect(source.narrative?.texts["n1.active"]?.startsWith("一是通过网站、微信公众号、微博等方式公开信息")).toBe(true);
    expect(source.narrative?.texts["n1.active"]).not.toContain("根据《中华人民共和国政府信息公开条例》");
    expect(imported.leftOut).toEqual([
      {
        reason: "opening",
        text: "新乡市教育局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和新乡市政府信息公开工作相关制度，特编制 2023 年政府信息公开工作年度报告。本报告中各项数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。",
      },
    ]);
  });

  test("example 000: the lead paragraph of 总体情况 is left out too; 一（一） starts with its own text", () => {
    const { source, imported } = sourceFromText(loadExample("000").text);
    expect(source.narrative?.texts["n1.active"]?.startsWith("依托区政府网站主动公开政府信息 58条。")).toBe(true);
    expect((imported.leftOut ?? []).map((l) => l.text)).toEqual([expect.stringMatching(/^2023年以来，区教育局根据《中华人民共和国政府信息公开条例》/)]);
  });

  test("a sentence on whom to ask goes to 开篇：咨询方式, the rest of the opening is listed", () => {
    const read = readNarrative(
      { 一: "本报告由某县教育局编制。如对本报告有疑问，请与某县教育局办公室联系，电话：0373-1234567。\n（一）主动公开：公开信息12条。" },
      "某县教育局2023年政府信息公开工作年度报告",
    );
    expect(read.narrative.texts.contact).toBe("如对本报告有疑问，请与某县教育局办公室联系，电话：0373-1234567。");
    expect(read.narrative.texts["n1.active"]).toBe("公开信息12条。");
    expect(read.leftOut).toEqual([{ reason: "opening", text: "本报告由某县教育局编制。" }]);
  });

  test("an opening printed before 一、 is listed; the title and other lines before it are not", () => {
    const read = readNarrative(
      { 一: "（一）主动公开：公开信息12条。" },
      "首页 > 政务公开\n某县教育局2023年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求，现将本局2023年度政府信息公开工作年度报告如下。",
    );
    expect(read.leftOut).toEqual([{ reason: "opening", text: "根据《中华人民共和国政府信息公开条例》要求，现将本局2023年度政府信息公开工作年度报告如下。" }]);
  });

  test("一 without （一）…（五）: only a formulaic first paragraph is left out, the rest is 一（一）", () => {
    const formulaic = readNarrative({ 一: "根据《中华人民共和国政府信息公开条例》，特编制本报告。\n全年公开信息12条。" });
    expect(formulaic.narrative.texts["n1.active"]).toBe("全年公开信息12条。");
    expect(formulaic.leftOut).toHaveLength(1);
    const plain = readNarrative({ 一: "全年公开信息12条。\n门户网站运行平稳。" });
    expect(plain.narrative.texts["n1.active"]).toBe("全年公开信息12条。\n门户网站运行平稳。");
    expect(plain.leftOut).toEqual([]);
  });
});

describe("filling the workbook from a report read", () => {
  const read = sourceFromText(loadExample("003").text).source;

  test("an empty workbook takes the figures, the agency, the year and the 正文 parts without a question", () => {
    const plan = planFill({ meta: metaOf(), cells: new Map(), narrative: guidanceNarrative() }, read);
    expect(plan.conflicts).toEqual([]);
    const fill = plan.fill(false);
    expect(fill.cells.size).toBe(200);
    expect(fill.meta).toEqual(metaOf({ agencyName: "新乡市教育局", year: 2023 }));
    expect(fill.wrote).toEqual({ agency: true, year: true });
    expect(fill.parts).toEqual(["n1.active", "n1.onRequest", "n1.infoMgmt", "n1.platform", "n1.oversight", "n5.problems", "n6.other"]);
    // The parts the report does not have stay unwritten (empty, not their guidance); the switch is kept.
    expect(fill.narrative?.texts["n5.measures"]).toBe("");
    expect(fill.narrative?.texts.contact).toBe("");
    expect(fill.narrative?.flags).toEqual({ "claim.allWithinDeadline": false });
  });

  test("another year, another agency, a cell of another value and a part of the user's own text are asked about", () => {
    const now = {
      meta: metaOf({ agencyName: "某县教育局", year: 2024, level: "县级部门" }),
      cells: new Map([["t3.new.natural", 5]]),
      narrative: narrativeWith({ "n1.infoMgmt": "本局严格落实保密审查。" }),
    };
    const plan = planFill(now, read);
    expect(plan.conflicts).toEqual([
      { kind: "cell", id: "t3.new.natural", now: 5, imported: 8 },
      { kind: "agency", now: "某县教育局", imported: "新乡市教育局" },
      { kind: "year", now: 2024, imported: 2023 },
      { kind: "text", key: "n1.infoMgmt", now: "本局严格落实保密审查。", imported: expect.stringMatching(/^加强市教育局官网和新媒体的管理力度/) as unknown },
    ]);
    const keep = plan.fill(false);
    expect(keep.meta).toBeNull();
    expect(keep.cells.has("t3.new.natural")).toBe(false);
    expect(keep.cells.size).toBe(199);
    expect(keep.narrative?.texts["n1.infoMgmt"]).toBe("本局严格落实保密审查。");
    expect(keep.kept).toBe(4);
    const replace = plan.fill(true);
    expect(replace.meta).toEqual({ ...now.meta, agencyName: "新乡市教育局", year: 2023 });
    expect(replace.cells.get("t3.new.natural")).toBe(8);
    expect(replace.narrative?.texts["n1.infoMgmt"]).toMatch(/^加强市教育局官网/);
    expect(replace.kept).toBe(0);
  });

  test("the same agency by its short name, the same year and an equal text are not asked about and not rewritten", () => {
    const now = {
      meta: metaOf({ agencyName: "新乡市教育局", year: 2023 }),
      cells: new Map(),
      narrative: narrativeWith({ "n6.other": read.narrative?.texts["n6.other"] ?? "" }),
    };
    const fromShortName = { ...read, meta: { ...read.meta, agencyName: "市教育局" } };
    const plan = planFill(now, fromShortName);
    expect(plan.conflicts).toEqual([]);
    const fill = plan.fill(false);
    expect(fill.meta).toBeNull();
    expect(fill.parts).not.toContain("n6.other");
  });

  test("guidance left in a part, or only text in 【】, is not the user's text", () => {
    const plan = planFill({ meta: metaOf(), cells: new Map(), narrative: narrativeWith({ "n1.platform": "【待补充】" }) }, read);
    expect(plan.conflicts).toEqual([]);
    expect(plan.fill(false).parts).toContain("n1.platform");
  });
});

describe("T-REPEAT: the user's text restating the generated sentences", () => {
  test("example 000's 依申请公开 beside the generated 「本机关未收到政府信息公开申请」 is marked, quoting it", () => {
    const narrative = sourceFromText(loadExample("000").text).source.narrative!;
    const issues = issuesOf(zeroReport(), { ...narrative, numbers: { "n6.feeNotices": 0 } });
    expect(issues.map((i) => [i.params, i.severity])).toEqual([
      [{ section: "n1.onRequest", topic: "applications", excerpt: "2023年未收到群众提交的政府信息公开申请，上年度结转数量为0。" }, "warning"],
      [{ section: "n6", topic: "processingFee", excerpt: "…度，本机关为收取信息公开处理费。" }, "warning"],
    ]);
    expect(issues[0]?.text).toBe(
      "正文“一（二）依申请公开”中“2023年未收到群众提交的政府信息公开申请，上年度结转数量为0。”一段，所述政府信息公开申请的收到、结转、办结情况，" +
        "已由表三自动生成，报告中将重复出现。如系沿用上年报告的文字，请删去或改写；确需保留的，请在确认时说明。",
    );
  });

  test("example 003's 正文: the 表二 figure in 一（一） and both statements of 一（二） are marked; the other parts are not", () => {
    const narrative = sourceFromText(loadExample("003").text).source.narrative!;
    const issues = issuesOf(loadExample("003").values, { ...narrative, numbers: {} });
    expect(issues.map((i) => i.params as { section: string; topic: string }).map((p) => [p.section, p.topic])).toEqual([
      ["n1.active", "activeFigures"],
      ["n1.onRequest", "applications"],
    ]);
    expect(issues[0]?.text).toContain("“…开目录信息更新量96条。制发规范性文件0件。发布解读信息5条，回应…”一段");
  });

  test("an opening pasted into a part is marked wherever it is; the 信息处理费 only beside the generated sentence", () => {
    const opening = "根据《中华人民共和国政府信息公开条例》要求，现将本局2023年度政府信息公开工作年度报告如下。";
    expect(issuesOf(zeroReport(), narrativeWith({ "n1.infoMgmt": opening })).map((i) => i.params)).toEqual([
      { section: "n1.infoMgmt", topic: "opening", excerpt: expect.stringContaining("现将本局2023年度政府信息公开工作年度报告如下") as unknown },
    ]);
    const fee = { ...WRITTEN_NARRATIVE.texts, "n6.other": "本机关未收取信息处理费。" };
    expect(issuesOf(zeroReport(), { ...WRITTEN_NARRATIVE, texts: fee })).toHaveLength(1);
    // No 收费通知 figures given: no fee sentence is generated, the user's is the report's only one.
    expect(issuesOf(zeroReport(), { ...WRITTEN_NARRATIVE, texts: fee, numbers: {} })).toEqual([]);
  });

  test("text of the user's own, and figures bound from the tables, are not marked", () => {
    expect(issuesOf(zeroReport(), WRITTEN_NARRATIVE)).toEqual([]);
    expect(issuesOf(zeroReport(), narrativeWith({ "n1.onRequest": "申请主要涉及招生入学政策，均已按规定答复。" }))).toEqual([]);
    expect(issuesOf(zeroReport(), narrativeWith({ "n1.onRequest": "全年共收到政府信息公开申请{t3.new.total}件。" }))).toEqual([]);
  });

  test("a published report read back is not checked for it: it has no generated sentences of its own", () => {
    const { source } = sourceFromText(loadExample("000").text);
    expect(checkReport(source).issues.filter((i) => i.rule === "T-REPEAT")).toEqual([]);
  });
});

describe("X-PREV-YEAR, X-PREV-AGENCY: the report given as last year's", () => {
  const lastYear = previousYearOf(sourceFromText(loadExample("003").text).source);

  function comparedWith(meta: ReportMeta): CheckedIssue[] {
    return checkReport(sourceOf(zeroReport(), meta), { previous: lastYear, text: false }).issues.filter((i) => i.rule.startsWith("X-PREV"));
  }

  test("a report of the same year is named, with the year it should be", () => {
    const issues = comparedWith(metaOf({ agencyName: "新乡市教育局", year: 2023 }));
    expect(issues.map((i) => [i.rule, i.severity, i.scope, i.expected, i.actual])).toEqual([["X-PREV-YEAR", "warning", "crossYear", 2022, 2023]]);
    expect(issues[0]?.text).toBe(
      "用作上年报告核对的是 2023年 的报告，与本报告同一年度。上年结转、现行有效件数和正文雷同应与 2022年 的报告核对，请核实所选的报告或本报告的年度。",
    );
  });

  test("a report two years back is named too; last year's is quiet", () => {
    expect(comparedWith(metaOf({ agencyName: "新乡市教育局", year: 2025 })).map((i) => i.text)).toEqual([
      "用作上年报告核对的是 2023年 的报告，本报告为 2025年 年度报告，上一年度应为 2024年。请核实所选的报告或本报告的年度。",
    ]);
    expect(comparedWith(metaOf({ agencyName: "新乡市教育局", year: 2024 }))).toEqual([]);
  });

  test("another agency is named; the same agency by its short or full name, or its government's office, is not", () => {
    expect(comparedWith(metaOf({ agencyName: "北关区教育局", year: 2024 })).map((i) => [i.rule, i.params])).toEqual([
      ["X-PREV-AGENCY", { compared: "新乡市教育局", current: "北关区教育局" }],
    ]);
    expect(comparedWith(metaOf({ agencyName: "河南省新乡市教育局", year: 2024 }))).toEqual([]);
    expect(comparedWith(metaOf({ agencyName: "市教育局", year: 2024 }))).toEqual([]);
    const government = { ...lastYear, agencyName: "某县人民政府" };
    const byOffice = checkReport(sourceOf(zeroReport(), metaOf({ agencyName: "某县人民政府办公室", year: 2024 })), { previous: government, text: false });
    expect(byOffice.issues.filter((i) => i.rule === "X-PREV-AGENCY")).toEqual([]);
  });

  test("unknown year or agency on either side: nothing to say", () => {
    expect(comparedWith(metaOf())).toEqual([]);
    const unnamed = { ...lastYear, year: null, agencyName: null };
    expect(checkReport(sourceOf(zeroReport(), THIS_YEAR), { previous: unnamed, text: false }).issues.filter((i) => i.rule.startsWith("X-PREV"))).toEqual([]);
  });
});
