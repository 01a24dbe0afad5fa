// The report document and its text checks: each check has a case that makes it fire and one that keeps it
// quiet; sentences built from the numbers read naturally in the zero and non-zero cases.

import type { CheckedIssue, PreviousYear } from "../../src/core/check";
import { checkReport, previousYearOf } from "../../src/core/check";
import type { ReportMeta } from "../../src/core/format";
import { getCell, isCellId } from "../../src/core/format";
import type { Narrative, ReportDocument } from "../../src/core/report";
import { createReportDocument, runsText } from "../../src/core/report";
import { repeatedShare } from "../../src/core/rules";
import { parseCell } from "../../src/core/values";
import type { Report } from "../support/reports";
import { loadExample, metaOf, sourceOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2023, level: "县级部门" });

/** A narrative with every required part written, nothing left to flag. */
function written(overrides: Partial<Narrative["texts"]> = {}, numbers: Narrative["numbers"] = { "n6.feeNotices": 0 }): Narrative {
  return {
    texts: {
      contact: "如对本报告有疑问，请与本局办公室联系，电话：0373-1234567。",
      "n1.infoMgmt": "严格落实公文公开属性源头认定和保密审查制度。",
      "n1.platform": "持续优化门户网站政务公开专栏。",
      "n1.oversight": "将政府信息公开工作纳入年度考核，组织业务培训2次。",
      "n5.problems": "一是信息更新不够及时；二是解读形式较为单一。",
      "n5.measures": "下一步将建立信息更新台账，丰富政策解读形式。",
      ...overrides,
    },
    numbers,
    flags: {},
  };
}

function documentOf(values: Report, narrative: Narrative, meta = META): ReportDocument {
  return createReportDocument(meta, (id) => parseCell(values[id] ?? null, getCell(id).kind).value, narrative, isCellId);
}

/** The issues of the report text (and of the comparison with last year's), as the one check gives them. */
function textIssues(values: Report, narrative: Narrative, meta: ReportMeta = META, previous: PreviousYear | null = null): CheckedIssue[] {
  return checkReport(sourceOf(values, meta, narrative), { previous }).issues.filter((i) => i.scope === "text" || i.scope === "crossYear");
}

function issuesOf(values: Report, narrative: Narrative, meta = META): string[] {
  return textIssues(values, narrative, meta).map((i) => i.rule);
}

function paragraphTexts(document: ReportDocument): string[] {
  return document.blocks.flatMap((b) => (b.kind === "paragraph" ? [runsText(b.runs)] : []));
}

describe("the report document", () => {
  test("has the title, the six sections in order and the three tables", () => {
    const document = documentOf(zeroReport(), written());
    expect(document.title).toBe("某县教育局2023年政府信息公开工作年度报告");
    const headings = document.blocks.flatMap((b) => (b.kind === "heading" && b.level === 1 ? [b.text] : []));
    expect(headings).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect(document.blocks.filter((b) => b.kind === "table").map((b) => (b.kind === "table" ? b.table : ""))).toEqual(["t2", "t3", "t4"]);
    expect(paragraphTexts(document)[0]).toContain("统计期限为2023年1月1日至12月31日");
  });

  test("the zero case reads naturally", () => {
    const texts = paragraphTexts(documentOf(zeroReport(), written()));
    expect(texts).toContain("2023年，本机关未制发、未废止行政规范性文件；未作出行政许可、行政处罚和行政强制决定；未收取行政事业性收费。");
    expect(texts).toContain("2023年，本机关未收到政府信息公开申请，无上年结转的申请。全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。");
    expect(texts).toContain("2023年，本机关未发出政府信息公开信息处理费收费通知，未收取信息处理费。");
  });

  test("example 003 states exactly the figures of its tables", () => {
    const example = loadExample("003");
    const texts = paragraphTexts(documentOf(example.values, written()));
    expect(texts).toContain("2023年，本机关未制发、未废止行政规范性文件；未作出行政许可、行政处罚和行政强制决定；收取行政事业性收费70.319万元。");
    expect(texts).toContain(
      "2023年，本机关新收政府信息公开申请8件，无上年结转的申请；办结8件，其中予以公开3件、无法提供5件；无结转下年度继续办理的申请。" +
        "全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    );
  });

  test("non-zero 复议/诉讼 and fees are itemised, zero items left out", () => {
    const values = { ...zeroReport(), "t4.review.upheld": 1, "t4.review.pending": 1, "t4.review.total": 2, "t4.litDirect.corrected": 1, "t4.litDirect.total": 1 };
    const texts = paragraphTexts(documentOf(values, written({}, { "n6.feeNotices": 2, "n6.feeNoticesAmountYuan": 300, "n6.feeCollectedYuan": 200 })));
    expect(texts.join("")).toContain("全年因政府信息公开工作被申请行政复议2件（结果维持1件、尚未审结1件），被提起行政诉讼1件（未经复议直接起诉1件）。");
    expect(texts).toContain("2023年，本机关按照《政府信息公开信息处理费管理办法》发出收费通知2件、金额300元，实际收取信息处理费200元。");
  });

  test("a claim the tables cannot support appears only when the user switches it on", () => {
    const values = { ...zeroReport(), "t3.new.natural": 2, "t3.new.total": 2, "t3.result.granted.natural": 2, "t3.result.granted.total": 2, "t3.result.total.natural": 2, "t3.result.total.total": 2 };
    expect(paragraphTexts(documentOf(values, written())).join("")).not.toContain("法定期限");
    const on: Narrative = { ...written(), flags: { "claim.allWithinDeadline": true } };
    expect(paragraphTexts(documentOf(values, on)).join("")).toContain("办结的申请均在法定期限内答复。");
  });

  test("bound numbers in the user's text always render from the cells", () => {
    const values = { ...zeroReport(), "t3.new.natural": 8, "t3.new.total": 8 };
    const document = documentOf(values, written({ "n1.onRequest": "收到的{t3.new.total}件申请主要涉及招生入学。" }));
    expect(paragraphTexts(document)).toContain("收到的8件申请主要涉及招生入学。");
  });

  test("an empty required part shows 【未填写】 instead of a bare heading", () => {
    const texts = paragraphTexts(documentOf(zeroReport(), written({ "n1.platform": "" })));
    expect(texts).toContain("【未填写】");
  });
});

describe("text checks", () => {
  test("a fully written report of consistent tables is quiet", () => {
    expect(issuesOf(zeroReport(), written())).toEqual([]);
    expect(issuesOf(loadExample("003").values, written())).toEqual([]);
  });

  test("P-NARR: a number in the text that disagrees with the table fires; the right number is quiet", () => {
    const values = loadExample("003").values;
    // The count restates the generated sentence besides (T-REPEAT): right or wrong, it prints twice.
    const wrong = textIssues(values, written({ "n1.onRequest": "全年共收到政府信息公开申请 9 件，均按规定办理。" }));
    expect(wrong).toEqual([
      expect.objectContaining({ rule: "P-NARR", severity: "warning", cells: ["t3.new.total"], expected: 8, actual: 9 }),
      expect.objectContaining({ rule: "T-REPEAT" }),
    ]);
    expect(issuesOf(values, written({ "n1.onRequest": "全年共收到政府信息公开申请 8 件，均按规定办理。" }))).toEqual(["T-REPEAT"]);
    expect(issuesOf(values, written({ "n1.active": "作出行政许可决定3件。" }))).toEqual(["P-NARR", "T-REPEAT"]);
  });

  test("P-NARR-NONE: 'no applications' while the table has some fires", () => {
    const values = loadExample("003").values;
    expect(issuesOf(values, written({ "n1.onRequest": "2023年未收到群众提交的政府信息公开申请。" }))).toEqual(["P-NARR-NONE", "T-REPEAT"]);
    expect(issuesOf(zeroReport(), written({ "n1.onRequest": "2023年未收到群众提交的政府信息公开申请。" }))).toEqual(["T-REPEAT"]);
  });

  test("X-TEXT-YEAR: last year's year used as this year fires (example 于洪区 2023)", () => {
    expect(issuesOf(zeroReport(), written({ "n1.infoMgmt": "2022年，本局严格落实保密审查制度。" }))).toEqual(["X-TEXT-YEAR"]);
    expect(issuesOf(zeroReport(), written({ "n1.infoMgmt": "本局在2022年制度基础上进一步完善保密审查。" }))).toEqual([]);
  });

  test("T-PLACEHOLDER: XX, ××, 待补充, 【】 and unknown {…} fire as 强制", () => {
    for (const text of ["请与XX科联系。", "电话：××××。", "待补充", "【填写平台情况】", "共{t9.none}件。"]) {
      const issues = textIssues(zeroReport(), written({ "n1.platform": text }));
      expect(issues.map((i) => [i.rule, i.severity])).toEqual([["T-PLACEHOLDER", "error"]]);
    }
  });

  test("T-MISSING: an empty part of 一, an empty 五, no 信息处理费 statement in 六", () => {
    expect(issuesOf(zeroReport(), written({ "n1.oversight": "" }))).toEqual(["T-MISSING"]);
    expect(issuesOf(zeroReport(), written({ "n5.problems": "", "n5.measures": "" }))).toEqual(["T-MISSING"]);
    expect(issuesOf(zeroReport(), written({}, {}))).toEqual(["T-MISSING"]);
    expect(issuesOf(zeroReport(), written({ "n6.other": "本机关未收取信息处理费。" }, {}))).toEqual([]);
  });

  test("T-MISSING for 各级人民政府: 考核/评议/追究 in 监督保障 and 工作要点 in 六", () => {
    const government = metaOf({ agencyName: "某县人民政府", year: 2023, level: "县级政府" });
    expect(issuesOf(zeroReport(), written({ "n1.oversight": "组织培训2次。" }), government)).toEqual(["T-MISSING", "T-MISSING"]);
    expect(
      issuesOf(zeroReport(), written({ "n1.oversight": "开展年度考核和社会评议，未发生责任追究。", "n6.other": "认真落实上级政务公开工作要点。" }), government),
    ).toEqual([]);
  });

  test("T-WORDING: 为收取 for 未收取 (example 000) fires; 作为收取 is quiet", () => {
    const flipped = textIssues(zeroReport(), written({ "n6.other": "本年度，本机关为收取信息公开处理费。" }));
    // Beside the generated 信息处理费 sentence, the sentence also repeats it (T-REPEAT).
    expect(flipped).toEqual([
      expect.objectContaining({ rule: "T-WORDING", params: expect.objectContaining({ found: "为收取", meant: "未收取" }) as unknown }),
      expect.objectContaining({ rule: "T-REPEAT" }),
    ]);
    expect(issuesOf(zeroReport(), written({ "n6.other": "该笔款项作为收取依据。" }))).toEqual([]);
  });

  test("T-COPY: 五 mostly copied from last year's report warns past 50 %", () => {
    const lastYear = previousYearOf(
      sourceOf(zeroReport(), metaOf({ ...META, year: 2022 }), written({ "n5.problems": "一是信息更新不够及时，部分栏目长期未更新；二是政策解读形式单一，图解和视频解读偏少。" })),
    );
    const newOne = {
      "n1.infoMgmt": "本年度新建信息发布审核台账，逐条登记审核意见。",
      "n1.platform": "上线政务公开专栏移动端，新增办事指南检索。",
      "n1.oversight": "开展季度抽查并通报结果，全年组织集中培训两场。",
    };
    const copiedFive = written({ ...newOne, "n5.problems": "一是信息更新不够及时，部分栏目长期未更新；二是政策解读形式单一，图解和视频解读偏少。" });
    expect(textIssues(zeroReport(), copiedFive, META, lastYear).map((i) => i.id)).toEqual(["T-COPY.five"]);
    const copiedBoth = written({ "n5.problems": "一是信息更新不够及时，部分栏目长期未更新；二是政策解读形式单一，图解和视频解读偏少。" });
    expect(textIssues(zeroReport(), copiedBoth, META, lastYear).map((i) => i.id)).toEqual(["T-COPY.one", "T-COPY.five"]);
    const fresh = written({ ...newOne, "n5.problems": "一是基层政务公开标准化仍需加强；二是依申请公开答复文书需进一步规范。", "n5.measures": "将组织专题培训并修订答复文书模板。" });
    expect(textIssues(zeroReport(), fresh, META, lastYear)).toEqual([]);
  });

  test("repeatedShare measures the part of this text found in last year's", () => {
    expect(repeatedShare("完全相同的一段文字内容", "完全相同的一段文字内容")).toBe(1);
    expect(repeatedShare("完全不同的新的文字内容", "毫无关系的另一段表述")).toBe(0);
  });
});
