// 简称: the sentences generated from the tables name the agency as the user's own text does (本局, 市教育局);
// without one they say 本机关. The title and the opening sentence keep the full name.

import type { ReportMeta } from "../../../src/core/format";
import { t3Id, t4Id } from "../../../src/core/format";
import type { Block, Narrative, ReportDocument } from "../../../src/core/report";
import { renderReport, runsText } from "../../../src/core/report";
import type { Report } from "../../support/reports";
import { metaOf, zeroReport } from "../../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2025, level: "县级部门" });

/** Zeros, except one granted application, one 行政许可 decision and one 行政复议 (upheld). */
function someActivity(): Report {
  return {
    ...zeroReport(),
    [t3Id("new", "natural")]: 1,
    [t3Id("new", "total")]: 1,
    [t3Id("result.granted", "natural")]: 1,
    [t3Id("result.granted", "total")]: 1,
    [t3Id("result.total", "natural")]: 1,
    [t3Id("result.total", "total")]: 1,
    "t2.license.decisions": 1,
    [t4Id("review", "upheld")]: 1,
    [t4Id("review", "total")]: 1,
  };
}

const NO_FEES: Narrative = { texts: {}, numbers: { "n6.feeNotices": 0 }, flags: {} };
const FEES: Narrative = { texts: {}, numbers: { "n6.feeNotices": 2, "n6.feeNoticesAmountYuan": 200, "n6.feeCollectedYuan": 100 }, flags: {} };

function generated(document: ReportDocument): string[] {
  return document.blocks
    .filter((b): b is Extract<Block, { kind: "paragraph" }> => b.kind === "paragraph" && b.source === "generated")
    .map((b) => runsText(b.runs));
}

function render(meta: ReportMeta, values: Report, narrative: Narrative): string[] {
  return generated(renderReport(meta, values, narrative));
}

describe("the agency in the generated sentences", () => {
  test("without a 简称 they say 本机关; the opening names the agency in full", () => {
    const [opening, active, onRequest, fee] = render(META, zeroReport(), NO_FEES);
    expect(opening).toMatch(/^本报告由某县教育局根据《中华人民共和国政府信息公开条例》/);
    expect(active).toMatch(/^2025年，本机关未制发、未废止行政规范性文件/);
    expect(onRequest).toMatch(/^2025年，本机关未收到政府信息公开申请/);
    expect(fee).toBe("2025年，本机关未发出政府信息公开信息处理费收费通知，未收取信息处理费。");
  });

  test("with 简称 本局 every generated sentence after the opening says 本局, never 本机关", () => {
    const meta = { ...META, shortName: "本局" };
    for (const [values, narrative] of [
      [zeroReport(), NO_FEES],
      [someActivity(), FEES],
    ] as const) {
      const [opening, ...rest] = render(meta, values, narrative);
      expect(opening).toMatch(/^本报告由某县教育局根据/);
      expect(rest).toHaveLength(3);
      for (const sentence of rest) {
        expect(sentence).toMatch(/^2025年，本局|^全年因政府信息公开工作/);
        expect(sentence).not.toContain("本机关");
      }
    }
    const [, active, onRequest, fee] = render(meta, someActivity(), FEES);
    expect(active).toContain("2025年，本局未制发、未废止行政规范性文件；作出行政许可决定1件");
    expect(onRequest).toContain("2025年，本局新收政府信息公开申请1件");
    expect(fee).toBe("2025年，本局按照《政府信息公开信息处理费管理办法》发出收费通知2件、金额200元，实际收取信息处理费100元。");
  });

  test("a 简称 such as 县教育局 reads as written; one of blanks counts as none", () => {
    expect(render({ ...META, shortName: "县教育局" }, zeroReport(), NO_FEES)[2]).toMatch(/^2025年，县教育局未收到政府信息公开申请/);
    expect(render({ ...META, shortName: "  " }, zeroReport(), NO_FEES)[2]).toMatch(/^2025年，本机关未收到政府信息公开申请/);
  });

  test("the title keeps the full name whatever the 简称", () => {
    expect(renderReport({ ...META, shortName: "本局" }, zeroReport(), NO_FEES).title).toBe("某县教育局2025年政府信息公开工作年度报告");
  });
});
