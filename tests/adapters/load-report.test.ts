// Starting this year's 正文 from last year's published report: paragraphs rejoined after PDF line wrapping,
// 一 split at its parts without repeating their headings, what the report did not have left empty.

import { narrativeFromSections, rejoinParagraphs } from "../../src/adapters/import/load-report";
import { importReportText } from "../../src/core/import";
import { loadExample } from "../support/reports";

test("lines wrapped inside a sentence are joined; sentences, items and page breaks are kept apart", () => {
  expect(rejoinParagraphs("本局根据《条例》（以下简称条例）\n精神，推进公开制度化、标\n准化建设。\n\n1.第一项\n内容。\n2.第二项。")).toEqual([
    "本局根据《条例》（以下简称条例）精神，推进公开制度化、标准化建设。",
    "1.第一项内容。",
    "2.第二项。",
  ]);
});

test("example 000: 一 split at （一）…（五） without their headings, 五 and 六 as written, the rest empty", () => {
  const narrative = narrativeFromSections(importReportText(loadExample("000").text).sections);
  expect(narrative.texts["n1.active"]).toContain("依托区政府网站主动公开政府信息 58条。其中政策法规类 6条；通知公告类 10条");
  expect(narrative.texts["n1.active"]).not.toContain("（一）主动公开");
  expect(narrative.texts["n1.onRequest"]).toBe("2023年未收到群众提交的政府信息公开申请，上年度结转数量为0。");
  expect(narrative.texts["n1.oversight"]?.startsWith("建立健全政务公开管理制度")).toBe(true);
  expect(narrative.texts["n5.problems"]).toContain("1.2023年人员发生了调整，接手该项工作的人员没有参加过系统的培训，对工作没有完整思路");
  expect(narrative.texts["n6.other"]).toBe("本年度，本机关为收取信息公开处理费。");
  expect(narrative.texts.contact).toBe("");
  expect(narrative.texts["n5.measures"]).toBe("");
});
