// Published reports whose tables lost their separators, read by the command line: how each cell was read in
// `import --json` and in the text output, 表二 split with last year's report given by --previous, and the
// audit's note that a table cut by its own identities cannot show a breach of them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { loadExample } from "../support/reports";
import { gluedShapes } from "../core/fixtures/report-layouts";

let dir: string;
const nianbao = cliIn(() => dir);
const EX003 = loadExample("003");

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-glued-"));
  writeFileSync(path.join(dir, "连写.txt"), gluedShapes(EX003.text));
  // Last year's report: the same agency, 193 规范性文件 in force (124 issued, 5 repealed this year: 312).
  writeFileSync(path.join(dir, "上年.json"), JSON.stringify({ "t2.regulation.valid": 0, "t2.normativeDoc.valid": 193 }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ImportJson {
  methods: Record<string, string>;
  values: Record<string, number | null>;
  unread: { cells: string[]; reason: string }[];
}

describe("glued tables on the command line", () => {
  test("import --json says how each cell was read; 表二's glued row stays unread without last year", async () => {
    const result = await nianbao("import", "连写.txt", "--json");
    const json = JSON.parse(result.stdout) as ImportJson;
    expect(json.methods["t3.new.natural"]).toBe("splitByIdentities");
    expect(json.methods["t3.carryOver.total"]).toBe("splitByLength");
    expect(json.methods["t2.fee.amountWan"]).toBe("separated");
    // Every read cell has its method, no unread cell has one.
    for (const [id, value] of Object.entries(json.values)) expect([id, id in json.methods]).toEqual([id, value !== null]);
    expect(json.values["t2.normativeDoc.valid"]).toBeNull();
    const text = await nianbao("import", "连写.txt");
    expect(text.stdout).toMatch(/由连写数字按表内勾稽关系拆分 \d+ 个单元格/);
    expect(text.stdout).toContain("提供上年度报告后，可按上年现行有效件数拆分");
  });

  test("--previous splits 表二 by last year's 现行有效件数 and says so", async () => {
    expect((await nianbao("template", "--values", "上年.json", "-o", "上年.xlsx", "--year", "2022")).code).toBe(0);
    const result = await nianbao("import", "连写.txt", "--json", "--previous", "上年.xlsx");
    const json = JSON.parse(result.stdout) as ImportJson;
    expect([json.values["t2.normativeDoc.issued"], json.values["t2.normativeDoc.repealed"], json.values["t2.normativeDoc.valid"]]).toEqual([124, 5, 312]);
    expect(json.methods["t2.normativeDoc.valid"]).toBe("splitByPreviousYear");
    const text = await nianbao("import", "连写.txt", "--previous", "上年.xlsx");
    expect(text.stdout).toContain("由连写数字按上年现行有效件数拆分 3 个单元格");
  });

  test("the audit counts the ways cells were read and says the identities cannot be judged from such cells", async () => {
    const result = await nianbao("audit", "连写.txt", "--json");
    const rows = (JSON.parse(result.stdout) as { reports: { methods: Record<string, number>; message: string; errors: number; verdict: string }[] }).reports;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ errors: 0, verdict: "incomplete" });
    expect(rows[0]?.methods.splitByIdentities).toBeGreaterThan(20);
    expect(rows[0]?.methods.splitByLength).toBeGreaterThan(20);
    expect(rows[0]?.message).toContain("无法据此判断统计表本身是否平衡");
    // The same rows as a reviewer reads them.
    expect((await nianbao("audit", "连写.txt")).stdout).toContain("无法据此判断统计表本身是否平衡");
  });

  test("the audit finds last year's report of the same agency in the set and splits 表二 by it", async () => {
    const folder = path.join(dir, "两年");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "2023.txt"), gluedShapes(EX003.text));
    expect((await nianbao("template", "--values", "上年.json", "-o", path.join("两年", "2022.xlsx"), "--agency", EX003.agency, "--year", "2022")).code).toBe(0);
    const result = await nianbao("audit", "两年", "--json");
    const rows = (JSON.parse(result.stdout) as { reports: { file: string; previousYearFile: string | null; methods: Record<string, number> }[] }).reports;
    const thisYear = rows.find((r) => r.file.endsWith("2023.txt"));
    expect(thisYear?.previousYearFile).toMatch(/2022\.xlsx$/);
    expect(thisYear?.methods.splitByPreviousYear).toBe(3);
  });
});
