// A Markdown conversion whose label columns stand apart from their figures, read by the command line: the rows
// placed by the table's row order are named in `import --json` and in the text output, and the audit says that
// such rows were confirmed by their own totals, which they then cannot contradict.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliIn } from "../support/cli";
import { loadExample } from "../support/reports";
import { markdownLabelsApart } from "../core/fixtures/report-layouts";

let dir: string;
const nianbao = cliIn(() => dir);
const EX003 = loadExample("003");

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "nianbao-markdown-"));
  writeFileSync(path.join(dir, "转换.md.txt"), markdownLabelsApart(EX003.text, EX003.values));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("label columns apart from their figures on the command line", () => {
  test("import reads every cell and names the rows placed by the row order", async () => {
    const result = await nianbao("import", "转换.md.txt", "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { values: Record<string, number | null>; methods: Record<string, string> };
    expect(json.values).toEqual(EX003.values);
    expect(json.methods["t3.new.natural"]).toBe("placedByRowOrder");
    expect(json.methods["t2.regulation.issued"]).toBe("placedByRowOrder");
    // A table of one row has nothing to place: its figures are its own.
    expect(json.methods["t2.fee.amountWan"]).toBe("separated");
    const placed = Object.values(json.methods).filter((m) => m === "placedByRowOrder").length;
    expect(placed).toBeGreaterThanOrEqual(175);
    const text = await nianbao("import", "转换.md.txt");
    expect(text.stdout).toContain(`数字行与标签分开，按表内行序对应 ${placed} 个单元格`);
  });

  test("the audit row says the placed rows' totals cannot be judged from them", async () => {
    const result = await nianbao("audit", "转换.md.txt", "--json");
    const rows = (JSON.parse(result.stdout) as { reports: { methods: Record<string, number>; message: string; cellsRead: number }[] }).reports;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cellsRead).toBe(200);
    expect(rows[0]?.methods.placedByRowOrder).toBeGreaterThanOrEqual(175);
    expect(rows[0]?.message).toContain("按表内行序对应并以本行合计验证后读取");
    expect((await nianbao("audit", "转换.md.txt")).stdout).toContain("无法据此判断这些行的合计是否有误");
  });
});
