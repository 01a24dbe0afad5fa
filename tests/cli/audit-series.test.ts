// A series of one agency's reports in one folder: each year is checked against the year before when the set
// holds it (matched on the agency's normalised name and the year), and the row names that report — a clean
// series gives nothing, a broken carry-over and a copied text show up.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { loadExample } from "../support/reports";

let dir: string;
const nianbao = cliIn(() => dir);
const EX003 = loadExample("003");

interface Row {
  file: string;
  year: number | null;
  failedRules: string[];
  previousYearFile: string | null;
}

/** Last year's report of the same agency: the year moved back, its own wording for 一 and 五 unless copied. */
function yearBefore(options: { copied: boolean; carryForward?: string; agency?: string }): string {
  let text = EX003.text.replace(/2023/g, "2022").replace(/2024/g, "2023");
  if (options.agency !== undefined) text = text.replace("新乡市教育局 2022 年政府", `${options.agency} 2022 年政府`);
  if (!options.copied) {
    const lines = text.split("\n");
    const one = lines.findIndex((l) => l.startsWith("一、总体情况"));
    const two = lines.findIndex((l) => l.startsWith("二、主动公开"));
    const five = lines.findIndex((l) => l.startsWith("五、"));
    const six = lines.findIndex((l) => l.startsWith("六、"));
    const own = (what: string): string[] => ["", `本年度围绕${what}开展工作，按期更新栏目，答复申请人咨询，完善内部审核流程。`, ""];
    lines.splice(five + 1, six - five - 1, ...own("整改问题"));
    lines.splice(one + 1, two - one - 1, ...own("公开制度建设"));
    text = lines.join("\n");
  }
  if (options.carryForward !== undefined) text = text.replace(/四、结转下年度继续办理\t\t0\t/, `四、结转下年度继续办理\t\t${options.carryForward}\t`);
  return text;
}

async function auditRows(folder: string): Promise<Row[]> {
  const result = await nianbao("audit", folder, "--json");
  return (JSON.parse(result.stdout) as { reports: Row[] }).reports;
}

function series(name: string, files: Record<string, string>): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(folder, file), text);
  return name;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-series-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("audit of a series of one agency's reports", () => {
  test("a clean series: each year is compared with the year before, and nothing is flagged for it", async () => {
    // The agency written with a space in last year's title is the same agency.
    const rows = await auditRows(series("clean", { "2022.txt": yearBefore({ copied: false, agency: "新乡市 教育局" }), "2023.txt": EX003.text }));
    const byYear = new Map(rows.map((r) => [r.year, r]));
    expect(byYear.get(2023)?.previousYearFile).toBe(path.join("clean", "2022.txt"));
    expect(byYear.get(2022)?.previousYearFile).toBeNull();
    for (const family of ["X-T3-CARRY", "X-T2-STOCK", "T-COPY", "X-TEXT-YEAR"]) expect(byYear.get(2023)?.failedRules).not.toContain(family);
  });

  test("last year's 结转下年度 differing from this year's 上年结转 is flagged against that report", async () => {
    const rows = await auditRows(series("carry", { "2022.txt": yearBefore({ copied: false, carryForward: "3" }), "2023.txt": EX003.text }));
    const row = rows.find((r) => r.year === 2023);
    expect(row?.failedRules).toContain("X-T3-CARRY");
    expect(row?.previousYearFile).toBe(path.join("carry", "2022.txt"));
    const text = await nianbao("audit", "carry");
    expect(text.stdout).toContain(`对照上年报告 ${path.join("carry", "2022.txt")}`);
  });

  test("this year's text copied from last year's report is flagged", async () => {
    const rows = await auditRows(series("copied", { "2022.txt": yearBefore({ copied: true }), "2023.txt": EX003.text }));
    expect(rows.find((r) => r.year === 2023)?.failedRules).toContain("T-COPY");
  });

  test("two reports of the year before: no comparison is guessed", async () => {
    const before = yearBefore({ copied: false, carryForward: "3" });
    const rows = await auditRows(series("twice", { "2022a.txt": before, "2022b.txt": before, "2023.txt": EX003.text }));
    const row = rows.find((r) => r.year === 2023);
    expect(row?.previousYearFile).toBeNull();
    expect(row?.failedRules).not.toContain("X-T3-CARRY");
  });
});
