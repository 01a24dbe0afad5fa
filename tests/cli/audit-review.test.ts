// The reviewing office's audit of a folder, on reports made from example 003: a five-year series of one agency
// with a broken carry-over in one year and a stock break in another, a copied report, a signature dated inside
// the report year, one signed by another agency, text that contradicts the tables in each known way, and a
// report whose table cannot be read. Each shows up with its state, rule and message in the JSON, the CSV and
// the terminal table; the clean years produce nothing; --previous-dir finds last year's report elsewhere.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { loadExample, seededRandom } from "../support/reports";

let dir: string;
const nianbao = cliIn(() => dir);
const EX003 = loadExample("003").text;

/** Characters for each year's own wording: none of them makes a text rule fire. */
const POOL = "春夏秋冬山林田湖江河沙石云风花木竹松桥路街巷楼台亭阁书画琴棋茶酒诗词歌赋灯烛舟车鱼鸟虫草莓桃李杏梅兰菊荷";

/** A year's own wording: sentences of characters drawn at random (no two years share six in a row). */
function ownWords(seed: number, sentences: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: sentences }, () => `${Array.from({ length: 28 }, () => POOL.charAt(Math.floor(random() * POOL.length))).join("")}。`).join("");
}

interface YearSpec {
  readonly year: number;
  /** The agency in the title (and, unless given, in the signature). */
  readonly agency?: string;
  /** The seed of the year's wording of 一 and 五 (the same seed: copied text). */
  readonly words?: number;
  readonly received?: number;
  readonly carriedOver?: number;
  /** 表二 行政规范性文件: issued, repealed, in force. */
  readonly normative?: readonly [number, number, number];
  /** The signature block, after 六. */
  readonly signature?: string | null;
  readonly edit?: (text: string) => string;
}

/** Example 003 as the report of `year`: its own wording, its own 表二 and 表三 figures, a signature. */
function report(spec: YearSpec): string {
  const words = spec.words ?? spec.year;
  const agency = spec.agency ?? "新乡市教育局";
  const lines = EX003.replace(/2023/g, String(spec.year)).replace("新乡市教育局 ", `${agency} `).split("\n");
  const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
  const parts = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"];
  const one = parts.map((part, i) => `${part}：${ownWords(words * 10 + i, 2)}`);
  lines.splice(at("五、") + 1, at("六、") - at("五、") - 1, "", ownWords(words * 10 + 7, 3), "");
  lines.splice(at("一、总体情况") + 1, at("二、主动公开") - at("一、总体情况") - 1, "", ownWords(words * 10 + 9, 1), ...one.flatMap((p) => ["", p]), "");
  const [issued, repealed, valid] = spec.normative ?? [0, 0, 0];
  const received = spec.received ?? 8;
  const carriedOver = spec.carriedOver ?? 0;
  const replaceLine = (prefix: string, line: string): void => {
    lines[at(prefix)] = line;
  };
  // The fee in 万元 with two decimals (example 003 prints 70.319, a 提示 of its own).
  replaceLine("行政事业性收费", "行政事业性收费\t70.32");
  replaceLine("行政规范性文件", `行政规范性文件\t${issued}\t${repealed}\t${valid}`);
  replaceLine("一、本年新收", `一、本年新收政府信息公开申请数量\t\t${received}\t0\t0\t0\t0\t0\t${received}\t`);
  replaceLine("二、上年结转", `二、上年结转政府信息公开申请数量\t\t${carriedOver}\t0\t0\t0\t0\t0\t${carriedOver}\t`);
  let text = lines.join("\n").trimEnd();
  const signature = spec.signature === undefined ? `${agency}\n${spec.year + 1}年1月20日` : spec.signature;
  if (signature !== null) text += `\n\n${signature}`;
  return `${(spec.edit ?? ((t: string) => t))(text)}\n`;
}

interface Issue {
  rule: string;
  severity: string;
  name: string;
  message: string;
  cells: string[];
}

interface Row {
  file: string;
  verdict: string;
  year: number | null;
  unread: number;
  unreadReason: string;
  failedRules: string[];
  previousYearFile: string | null;
  issues: Issue[];
}

function folder(name: string, files: Record<string, string>): string {
  const at = path.join(dir, name);
  mkdirSync(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(at, file), text);
  return name;
}

async function audit(...args: string[]): Promise<{ summary: Record<string, number>; byFile: Map<string, Row> }> {
  const result = await nianbao("audit", ...args, "--json");
  const json = JSON.parse(result.stdout) as { summary: Record<string, number>; reports: Row[] };
  return { summary: json.summary, byFile: new Map(json.reports.map((r) => [path.basename(r.file), r])) };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-review-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Five years of one agency: 2022 takes in one application that 2021 never carried forward; 2024 has 4 more
// 行政规范性文件 in force than 2023's stock and its own issues and repeals explain (2025 goes on from 2024).
const SERIES: readonly YearSpec[] = [
  { year: 2021, normative: [2, 0, 10] },
  { year: 2022, normative: [2, 0, 12], received: 7, carriedOver: 1 },
  { year: 2023, normative: [2, 0, 14] },
  { year: 2024, normative: [2, 0, 20] },
  { year: 2025, normative: [2, 0, 22] },
];

describe("a five-year series of one agency", () => {
  test("each year is compared with the year before; the broken carry-over and the stock break show in their years only", async () => {
    const name = folder("五年", Object.fromEntries(SERIES.map((spec) => [`${spec.year}.txt`, report(spec)])));
    const { byFile } = await audit(name);
    for (const year of [2022, 2023, 2024, 2025]) expect(byFile.get(`${year}.txt`)?.previousYearFile).toBe(path.join(name, `${year - 1}.txt`));
    expect(byFile.get("2021.txt")?.previousYearFile).toBeNull();
    const rules = (year: number): string[] => byFile.get(`${year}.txt`)?.failedRules ?? [];
    expect(rules(2022)).toEqual(["X-T3-CARRY"]);
    expect(rules(2024)).toEqual(["X-T2-STOCK"]);
    for (const year of [2021, 2023, 2025]) expect(rules(year)).toEqual([]);
    for (const year of [2021, 2023, 2025]) expect(byFile.get(`${year}.txt`)?.verdict).toBe("pass");
    const carry = byFile.get("2022.txt")?.issues.filter((i) => i.rule === "X-T3-CARRY") ?? [];
    expect(carry.map((i) => i.cells[0])).toEqual(["t3.carryOver.natural", "t3.carryOver.total"]);
    expect(carry[0]?.message).toContain("2021年报告“四、结转下年度继续办理”为 0");
    const stock = byFile.get("2024.txt")?.issues.find((i) => i.rule === "X-T2-STOCK");
    expect(stock).toMatchObject({ severity: "warning", name: "现行有效件数与上年报告衔接" });
    expect(stock?.message).toContain("应为 16 件");
  });

  test("--previous-dir: last year's reports held in another folder are compared with, not audited", async () => {
    const previous = folder("上年", { "2022.txt": report(SERIES[1]!) });
    const name = folder("今年", { "2023.txt": report({ year: 2023, normative: [2, 0, 30] }) });
    const { summary, byFile } = await audit(name, "--previous-dir", previous);
    expect(summary.files).toBe(1);
    expect(byFile.get("2023.txt")?.previousYearFile).toBe(path.join(previous, "2022.txt"));
    expect(byFile.get("2023.txt")?.failedRules).toEqual(["X-T2-STOCK"]);
    const missing = await nianbao("audit", name, "--previous-dir", "不存在");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("不是文件夹");
  });
});

describe("the defects a reviewer looks for, each with its state, rule and message", () => {
  const DEFECTS: Record<string, string> = {
    "抄袭.txt": report({ year: 2023, words: 2022, normative: [2, 0, 14] }),
    "上年.txt": report({ year: 2022, normative: [2, 0, 12] }),
    "年内落款.txt": report({ year: 2023, agency: "新乡市卫生健康委员会", signature: "新乡市卫生健康委员会\n2023年12月26日" }),
    "他机关落款.txt": report({ year: 2023, agency: "新乡市民政局", signature: "新乡市财政局\n2024年1月18日" }),
    "数字不符.txt": report({
      year: 2023,
      agency: "新乡市水利局",
      edit: (t) => t.replace(/（二）依申请公开：[^\n]*/, "（二）依申请公开：全年共收到政府信息公开申请9件，均按期答复。"),
    }),
    "称未收到.txt": report({
      year: 2023,
      agency: "新乡市交通运输局",
      edit: (t) => t.replace(/（二）依申请公开：[^\n]*/, "（二）依申请公开：本年度未收到政府信息公开申请。"),
    }),
    "表三为零.txt": report({
      year: 2023,
      agency: "新乡市林业局",
      received: 0,
      // 予以公开 3, 无法提供 5 and their total 8 set to zeros: a 表三 of zeros, the text still saying 8.
      edit: (t) => t.replace(/\t([358])\t0\t0\t0\t0\t0\t\1/g, "\t0\t0\t0\t0\t0\t0\t0").replace(/（二）依申请公开：[^\n]*/, "（二）依申请公开：全年共收到政府信息公开申请8件。"),
    }),
    "收费通知.txt": report({
      year: 2023,
      agency: "新乡市文化广电和旅游局",
      received: 10,
      // 2 more applications, dropped after a 收费通知 went unpaid; 六 still says no fee was charged.
      edit: (t) =>
        t
          .replace(/(2\.申请人逾期未按收费通知要求缴纳费用[^\t]*)\t\t0\t0\t0\t0\t0\t0\t0/, "$1\t\t2\t0\t0\t0\t0\t0\t2")
          .replace(/\(七\) 总计\t8\t0\t0\t0\t0\t0\t8/, "(七) 总计\t10\t0\t0\t0\t0\t0\t10"),
    }),
    "表三缺失.txt": report({
      year: 2023,
      agency: "新乡市商务局",
      edit: (t) => {
        const lines = t.split("\n");
        const from = lines.findIndex((l) => l.startsWith("(本列数据的勾稽关系"));
        const to = lines.findIndex((l) => l.startsWith("四、结转下年度继续办理"));
        lines.splice(from, to - from + 1, "（统计表见附件图片）");
        return lines.join("\n");
      },
    }),
  };

  let byFile: Map<string, Row>;
  beforeAll(async () => {
    byFile = (await audit(folder("审核", DEFECTS))).byFile;
  });

  const issueOf = (file: string, rule: string): Issue | undefined => byFile.get(file)?.issues.find((i) => i.rule === rule);

  test("a report copied from last year's: T-COPY against that report", () => {
    expect(byFile.get("抄袭.txt")).toMatchObject({ verdict: "warnings", previousYearFile: path.join("审核", "上年.txt") });
    expect(issueOf("抄袭.txt", "T-COPY")?.message).toContain("与上年度报告相同");
  });

  test("a signature dated inside the report year; one signed by another agency", () => {
    expect(byFile.get("年内落款.txt")?.failedRules).toEqual(["T-SIGN-DATE"]);
    expect(issueOf("年内落款.txt", "T-SIGN-DATE")).toMatchObject({ severity: "warning", name: "落款日期" });
    expect(issueOf("年内落款.txt", "T-SIGN-DATE")?.message).toContain("2023年12月26日");
    expect(byFile.get("他机关落款.txt")?.failedRules).toEqual(["T-SIGN-AGENCY"]);
    expect(issueOf("他机关落款.txt", "T-SIGN-AGENCY")?.message).toContain("“新乡市财政局”，与报告标题中的“新乡市民政局”不一致");
  });

  test("text against the tables: a different number, 「未收到」 beside applications, applications beside a 表三 of zeros, notices counted but not reported", () => {
    expect(byFile.get("数字不符.txt")?.failedRules).toEqual(["P-NARR"]);
    expect(issueOf("数字不符.txt", "P-NARR")?.message).toContain("9 件");
    expect(byFile.get("称未收到.txt")?.failedRules).toEqual(["P-NARR-NONE"]);
    expect(byFile.get("表三为零.txt")?.failedRules).toEqual(["P-T3-EMPTY"]);
    expect(issueOf("表三为零.txt", "P-T3-EMPTY")?.message).toContain("表三各项均为 0");
    expect(byFile.get("收费通知.txt")?.failedRules).toEqual(["P-T3-NOFEE"]);
    expect(issueOf("收费通知.txt", "P-T3-NOFEE")?.message).toContain("未报告发出收费通知的情况");
  });

  test("a table that cannot be read: never passed; the row says how many cells and why", () => {
    const row = byFile.get("表三缺失.txt");
    expect(row?.verdict).toBe("incomplete");
    expect(row?.unread).toBe(175);
    // Unread, not "left blank": no R-BLANK telling a published report to type 0 into 175 cells.
    expect(row?.failedRules).not.toContain("R-BLANK");
    expect(row?.unreadReason).toContain("表三");
  });

  test("the CSV has one row per issue with the rule in words, and the terminal table the counts per state", async () => {
    const result = await nianbao("audit", "审核", "--csv", "审核.csv");
    expect(result.code).toBe(1);
    const lines = readFileSync(path.join(dir, "审核.csv"), "utf8").split("\r\n");
    expect(lines[0]).toBe("\uFEFF文件,机关,年度,结论,规则编号,规则名称,级别,位置,说明,已读单元格,对照的上年报告");
    const signed = lines.filter((l) => l.startsWith(path.join("审核", "他机关落款.txt")));
    expect(signed).toHaveLength(1);
    expect(signed[0]).toContain(",T-SIGN-AGENCY,落款机关,提示,");
    // A report without issues still has its line; the unreadable table's says how many cells were not read.
    expect(lines.filter((l) => l.startsWith(path.join("审核", "上年.txt")))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith(path.join("审核", "表三缺失.txt")))).toContain("未能读取 175 个单元格");
    expect(result.stdout).toContain("未能读取 175 个单元格");
    expect(result.stdout.trimEnd().split("\n").at(-2)).toMatch(/^共 9 份：全部通过 1 份，强制通过、提示待核实 7 份，有强制错误 0 份，未完成 1 份，无法读取 0 份。$/);
  });
});
