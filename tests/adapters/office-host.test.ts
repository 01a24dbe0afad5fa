// The Office host against an in-memory Excel (tests/support/fake-excel.ts): writing the template, reading
// the workbook back, following the user's edits within the sync budgets of office-host.ts, selecting the
// cells of an issue, storing confirmations, and telling the user when Excel does not answer.

import { OfficeHost } from "../../src/adapters/office/office-host";
import { CONFIRMATION_FIRST_ROW } from "../../src/adapters/workbook/plan";
import { locatorOf } from "../../src/core/check";
import { T3_COLUMNS, T3_ROWS } from "../../src/core/format";
import { RULE_PACK } from "../../src/core/rules";
import { HostError, ValidationSession } from "../../src/core/session";
import type { FakeApi, FakeExcel, Scalar } from "../support/fake-excel";
import { FakeOfficeError, createFakeExcel } from "../support/fake-excel";
import type { Report } from "../support/reports";
import { consistentReport, metaOf } from "../support/reports";

const META = metaOf({ agencyName: "新乡市教育局", shortName: "市教育局", year: 2023, level: "市级部门" });
const TEMPLATE_SHEETS = ["基本信息", "表二", "表三", "表四", "正文", "校验", "单元格校验", "_nianbao"];

function excelAndHost(options: { api?: FakeApi; syncDelayMs?: number; syncTimeoutMs?: number } = {}): { excel: FakeExcel; host: OfficeHost } {
  const excel = createFakeExcel({ api: options.api ?? "1.9", syncDelayMs: options.syncDelayMs ?? 0 });
  const host = new OfficeHost({
    run: excel.run,
    requirements: excel.requirements,
    coalesceMs: 5,
    ...(options.syncTimeoutMs === undefined ? {} : { syncTimeoutMs: options.syncTimeoutMs }),
  });
  return { excel, host };
}

/** The pane open on a workbook that has the template, with every count reset. */
async function paneWithTemplate(api: FakeApi = "1.9"): Promise<{ excel: FakeExcel; host: OfficeHost; session: ValidationSession }> {
  const { excel, host } = excelAndHost({ api });
  const session = new ValidationSession(host, RULE_PACK, () => new Date("2024-03-01T08:00:00.000Z"));
  await session.start();
  await session.applyTemplate(META);
  await excel.settle();
  excel.resetCounts();
  return { excel, host, session };
}

/** Lets Excel deliver the events of what the user just did, and the host and the pane act on them. */
async function afterUserAction(excel: FakeExcel, host: OfficeHost): Promise<void> {
  await excel.settle();
  await host.flushPending();
  await excel.settle();
}

function issueIds(session: ValidationSession): string[] {
  return session.getState().issues.map((i) => i.id);
}

/** The 25 × 7 block of 表三!D4:J28 from a report. */
function t3Block(report: Report): Scalar[][] {
  return T3_ROWS.map((row) => T3_COLUMNS.map((column) => report[`t3.${row.key}.${column.key}`] as number));
}

/** A consistent report with varied numbers (every 强制 identity holds). */
function sampleReport(): Report {
  return consistentReport({
    outcomes: Array.from({ length: 21 }, (_, r) => Array.from({ length: 6 }, (_, c) => (r * 7 + c * 3) % 11)),
    carryForward: [2, 0, 1, 0, 0, 3],
    carryOverShare: [0.2, 0, 0.5, 0, 0, 0.1],
    t4: [
      [1, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ],
    t2: [1, 0, 3, 5, 1, 40, 12, 30, 2],
    feeCents: 0,
  });
}

function t3Row(sheetRow: number): string {
  const row = T3_ROWS.find((r) => r.row === sheetRow);
  if (!row) throw new Error(`no 表三 row ${sheetRow}`);
  return row.key;
}

describe("writing the template", () => {
  test("takes at most two syncs and creates the sheets, the check sheets and our own sheet hidden", async () => {
    const { excel, host } = excelAndHost();

    const result = await host.applyTemplate(META);

    expect(excel.syncs).toBeLessThanOrEqual(2);
    expect(excel.runs).toBe(1);
    expect(result.sheets).toEqual(TEMPLATE_SHEETS);
    expect(excel.sheetNames()).toEqual(["Sheet1", ...TEMPLATE_SHEETS]);
    expect(TEMPLATE_SHEETS.map((name) => [name, excel.sheet(name).visibility])).toEqual([
      ["基本信息", "Visible"],
      ["表二", "Visible"],
      ["表三", "Visible"],
      ["表四", "Visible"],
      ["正文", "Visible"],
      ["校验", "Visible"],
      ["单元格校验", "Hidden"],
      ["_nianbao", "Hidden"],
    ]);
    expect(excel.activeSheet()).toBe("基本信息");
  });

  test("puts the official labels in place, merged and locked, and leaves the input cells empty and unlocked", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);

    expect(excel.cell("表三", "A6")).toMatchObject({ value: "三、本年度办理结果", locked: true });
    expect(excel.cell("表三", "C10").value).toBe("3.危及“三安全一稳定”");
    expect(excel.cell("表三", "B27").value).toBe("（七）总计");
    expect(excel.merges("表三")).toEqual(expect.arrayContaining(["A1:C3", "D1:J1", "A6:A27", "B8:B15", "B27:C27", "A28:C28"]));
    expect(excel.cell("表三", "D4")).toMatchObject({ value: "", type: "Empty", locked: false, numberFormat: "0" });
    expect(excel.cell("表三", "J28")).toMatchObject({ value: "", locked: false });
    // An input cell spanning three columns (表二 行政事业性收费) is merged and formatted for 万元.
    expect(excel.merges("表二")).toContain("B14:D14");
    expect(excel.cell("表二", "B14")).toMatchObject({ locked: false, numberFormat: "0.00##" });
    expect(excel.cell("表二", "A1").format).toMatchObject({ "font.bold": true, "borders.EdgeTop.style": "Continuous" });
  });

  test("gives the input cells data validation and conditional formatting, and writes the checks as formulas", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);

    const t3 = excel.sheet("表三");
    expect(t3.validations.find((v) => v.range === "D4")?.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(excel.sheet("表二").validations.find((v) => v.range === "B14")?.rule).toMatchObject({ decimal: { formula1: 0 } });
    expect(t3.conditionalFormats.filter((f) => f.range === "J4").map((f) => f.fill)).toContain("#FFC7CE");
    expect(t3.freeze).toEqual({ rows: 3, cols: 3 });
    expect(excel.cell("校验", "I3").formula).toMatch(/^=IF\(/);
    expect(excel.cell("表三", "A30").formula).toContain("本表校验");
    // The columns of rule IDs and field keys are hidden; what users read is not.
    expect([...excel.sheet("校验").hiddenColumns].sort()).toEqual([11, 12]);
    expect([...excel.sheet("正文").hiddenColumns]).toEqual([1]);
    expect(excel.sheet("表三").hiddenColumns.size).toBe(0);
  });

  test("writes the metadata to 基本信息!B3:B5 and names the tables and the metadata cells", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);

    expect(excel.block("基本信息", "B3:B5")).toEqual([["新乡市教育局"], [2023], ["市级部门"]]);
    expect(excel.cell("基本信息", "B4").type).toBe("Double");
    // 基本信息 also names the workbook's own verdict and counts (B8:B11).
    expect(excel.namedItems()).toEqual({
      nb_agency: "=基本信息!$B$3",
      nb_year: "=基本信息!$B$4",
      nb_level: "=基本信息!$B$5",
      nb_verdict: "=基本信息!$B$8",
      nb_errors: "=基本信息!$B$9",
      nb_warnings: "=基本信息!$B$10",
      nb_filled: "=基本信息!$B$11",
      nb_t2: "=表二!$A$1:$D$14",
      nb_t3: "=表三!$A$1:$J$28",
      nb_t4: "=表四!$A$1:$O$4",
    });
  });

  test("sets up printing on A4 where ExcelApi 1.9 allows it, and still writes the template on ExcelApi 1.8", async () => {
    const newer = excelAndHost({ api: "1.9" });
    await newer.host.applyTemplate(META);
    expect(Object.fromEntries(newer.excel.sheet("表三").pageLayout)).toMatchObject({
      paperSize: "A4",
      orientation: "Portrait",
      printArea: "A1:J28",
      printTitleRows: "$1:$3",
    });
    expect(newer.excel.sheet("表四").pageLayout.get("orientation")).toBe("Landscape");

    const older = excelAndHost({ api: "1.8" });
    await older.host.applyTemplate(META);
    expect(older.excel.sheetNames()).toEqual(["Sheet1", ...TEMPLATE_SHEETS]);
    expect(older.excel.sheet("表三").pageLayout.size).toBe(0);
    expect(older.excel.syncs).toBeLessThanOrEqual(2);
  });
});

describe("regenerating the template", () => {
  test("keeps every value entered, writes the new agency name and leaves the user's own sheets alone", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);
    excel.userEdit("表三", "D4", "/");
    excel.userEdit("表三", "E5", 12);
    excel.userEdit("表二", "B14", "0.5");
    excel.userEdit("表四", "A4", 3);
    excel.addForeignSheet("备注", { A1: "内部备注：数据来源为登记台账", B2: 42 });
    const shape = (sheet: string): [number, number, number] => [
      excel.merges(sheet).length,
      excel.sheet(sheet).conditionalFormats.length,
      excel.sheet(sheet).validations.length,
    ];
    const before = TEMPLATE_SHEETS.map(shape);

    await host.applyTemplate({ ...META, agencyName: "新乡市教育局（机构改革后）", year: null });

    expect(excel.cell("表三", "D4")).toMatchObject({ value: "/", type: "String" });
    expect(excel.cell("表三", "E5").value).toBe(12);
    expect(excel.cell("表二", "B14").value).toBe(0.5);
    expect(excel.cell("表四", "A4").value).toBe(3);
    expect(excel.cell("基本信息", "B3").value).toBe("新乡市教育局（机构改革后）");
    // A field left empty in the pane does not blank what the workbook holds.
    expect(excel.cell("基本信息", "B4").value).toBe(2023);
    expect(excel.block("备注", "A1:B2")).toEqual([
      ["内部备注：数据来源为登记台账", ""],
      ["", 42],
    ]);
    expect(excel.sheetNames()).toEqual(["Sheet1", ...TEMPLATE_SHEETS, "备注"]);
    // Merges, conditional formats and validations are replaced, not piled up.
    expect(TEMPLATE_SHEETS.map(shape)).toEqual(before);
    // Six names of the metadata and tables, four of the summary on 基本信息.
    expect(Object.keys(excel.namedItems())).toHaveLength(10);
  });

  test("refuses to write over a sheet named 表三 that it did not make, and writes nothing", async () => {
    const { excel, host } = excelAndHost();
    excel.addForeignSheet("表三", { A1: "我的统计", D4: 99 });

    const attempt = host.applyTemplate(META);

    await expect(attempt).rejects.toBeInstanceOf(HostError);
    await expect(attempt).rejects.toThrow(/已有名为“表三”的工作表.*不是年报助手生成的/);
    expect(excel.syncs).toBe(1);
    expect(excel.sheetNames()).toEqual(["Sheet1", "表三"]);
    expect(excel.block("表三", "A1:D4")[0]?.[0]).toBe("我的统计");
    expect(excel.cell("表三", "D4").value).toBe(99);
    expect(excel.namedItems()).toEqual({});
  });

  test("a sheet named _nianbao that it did not make is refused too: the marker decides, not the name", async () => {
    const { excel, host } = excelAndHost();
    excel.addForeignSheet("_nianbao", { A1: "我的隐藏数据", B1: "保密" });

    const attempt = host.applyTemplate(META);

    await expect(attempt).rejects.toThrow(/已有名为“_nianbao”的工作表.*不是年报助手生成的/);
    expect(excel.sheetNames()).toEqual(["Sheet1", "_nianbao"]);
    expect(excel.cell("_nianbao", "B1").value).toBe("保密");
  });

  test("after the user deleted 表三, regenerating brings it back and its values are read again", async () => {
    const { excel, session } = await paneWithTemplate();
    excel.userDeleteSheet("表三");
    expect(excel.namedItems().nb_t3).toMatch(/#REF!/);

    await session.applyTemplate(META);
    excel.fill("表三", "D4", [[4]]);
    await session.recheck();

    expect(excel.namedItems().nb_t3).toBe("=表三!$A$1:$J$28");
    expect(session.getState().hasTemplate).toBe(true);
    expect(issueIds(session)).not.toContain("S-TABLE.t3");
    expect(session.getState().summary.filled).toBe(1);
  });

  test("the pane shows the refusal", async () => {
    const { excel, host } = excelAndHost();
    excel.addForeignSheet("表三");
    const session = new ValidationSession(host);

    await expect(session.applyTemplate(META)).rejects.toThrow(HostError);

    expect(session.getState().hostError).toContain("表三");
    expect(session.getState().hasTemplate).toBe(false);
  });
});

describe("reading the workbook", () => {
  test("returns the values by cell ID, the metadata and hasTemplate in two syncs", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);
    excel.fill("表三", "D4", [["/", 5, "#N/A"]]);
    excel.fill("表二", "B3", [[2]]);
    excel.fill("表四", "O4", [[true]]);
    excel.resetCounts();

    const snapshot = await host.readSnapshot();

    expect(excel.syncs).toBe(2);
    expect(snapshot.hasTemplate).toBe(true);
    expect(snapshot.source.meta).toEqual(META);
    expect(snapshot.source.structure).toEqual([]);
    expect(snapshot.source.cells.get("t3.new.natural")).toBe("/");
    expect(snapshot.source.cells.get("t3.new.commercial")).toBe(5);
    expect(snapshot.source.cells.get("t3.new.research")).toEqual({ error: "#N/A" });
    expect(snapshot.source.cells.get("t3.new.publicInterest")).toBeNull();
    expect(snapshot.source.cells.get("t2.regulation.issued")).toBe(2);
    expect(snapshot.source.cells.get("t4.litAfterReview.total")).toBe(true);
    expect(snapshot.source.cells.size).toBe(200);
    expect(locatorOf(snapshot.source).address("t3.carryForward.total")).toBe("表三!J28");
    expect(snapshot.source.confirmations).toEqual([]);
  });

  test("a workbook without the template has no tables and no structure issues", async () => {
    const { excel, host } = excelAndHost();
    excel.fill("Sheet1", "A1", [["别的表格"]]);

    const snapshot = await host.readSnapshot();

    expect(snapshot.hasTemplate).toBe(false);
    expect(snapshot.source.cells.size).toBe(0);
    expect(snapshot.source.structure).toEqual([]);
  });

  test("reports a label the user changed and leaves the cells it governs unread", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);
    excel.fill("表三", "D4", [[7]]);
    excel.fill("表三", "A4", [["一、本年收到的申请"]]);

    const snapshot = await host.readSnapshot();

    const layout = snapshot.source.structure.filter((i) => i.rule === "S-LAYOUT");
    expect(layout.map((i) => i.id)).toEqual(["S-LAYOUT.t3.A4"]);
    expect(layout[0]).toMatchObject({ expected: "一、本年新收政府信息公开申请数量", actual: "一、本年收到的申请" });
    expect(snapshot.source.cells.has("t3.new.natural")).toBe(false);
    expect(snapshot.source.cells.has("t3.carryOver.natural")).toBe(true);
  });

  test("registers one change handler per watched sheet, however often it reads", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);

    await host.readSnapshot();
    await host.readSnapshot();

    expect(["基本信息", "表二", "表三", "表四"].map((s) => excel.sheet(s).handlers)).toEqual([1, 1, 1, 1]);
    expect(["校验", "单元格校验", "_nianbao", "Sheet1"].map((s) => excel.sheet(s).handlers)).toEqual([0, 0, 0, 0]);
  });
});

describe("following the user's edits", () => {
  test("on ExcelApi 1.9 a typed cell is validated from the event alone, with no sync", async () => {
    const { excel, host, session } = await paneWithTemplate("1.9");
    excel.fill("表三", "D4", [[3, 2, 0, 0, 0, 0]]);
    await session.recheck();
    excel.resetCounts();

    excel.userEdit("表三", "J4", 6);
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(0);
    expect(issueIds(session)).toContain("R-T3-ROWSUM.new");
    const issue = session.getState().issues.find((i) => i.id === "R-T3-ROWSUM.new");
    expect(issue).toMatchObject({ expected: 5, actual: 6 });

    excel.userEdit("表三", "J4", 5);
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(0);
    expect(issueIds(session)).not.toContain("R-T3-ROWSUM.new");
    expect(excel.events.map((e) => e.event.details?.valueAfter)).toEqual([6, 5]);
  });

  test("on ExcelApi 1.8 the same edit costs exactly one sync", async () => {
    const { excel, host, session } = await paneWithTemplate("1.8");
    excel.fill("表三", "D4", [[3, 2, 0, 0, 0, 0]]);
    await session.recheck();
    excel.resetCounts();

    excel.userEdit("表三", "J4", 6);
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(1);
    expect(issueIds(session)).toContain("R-T3-ROWSUM.new");
    expect(excel.events[0]?.event.details).toBeUndefined();

    excel.userEdit("表三", "J4", 5);
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(2);
    expect(issueIds(session)).not.toContain("R-T3-ROWSUM.new");
  });

  test("deleting a value makes the cell blank again", async () => {
    const { excel, host, session } = await paneWithTemplate();
    excel.userEdit("表三", "D4", "十二");
    await afterUserAction(excel, host);
    expect(issueIds(session)).toContain("R-INPUT.t3.new.natural");
    const filled = session.getState().summary.filled;

    excel.userEdit("表三", "D4", null);
    await afterUserAction(excel, host);

    expect(issueIds(session)).not.toContain("R-INPUT.t3.new.natural");
    expect(session.getState().summary.filled).toBe(filled - 1);
  });

  test("pasting the 7 × 25 block of 表三 costs one sync and updates all 175 cells", async () => {
    const { excel, host, session } = await paneWithTemplate();
    expect(session.getState().summary.filled).toBe(0);

    excel.userPaste("表三", "D4", t3Block(sampleReport()));
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(1);
    expect(excel.events.map((e) => e.event.address)).toEqual(["D4:J28"]);
    expect(session.getState().summary.filled).toBe(175);
    expect(issueIds(session).filter((id) => id.startsWith("R-T3-"))).toEqual([]);
    expect(issueIds(session)).not.toContain("R-BLANK.t3");
  });

  test("a wrong total in a pasted block is found in its own row", async () => {
    const { excel, host, session } = await paneWithTemplate();
    const block = t3Block(sampleReport());
    // Sheet row 10 is 表三's "3.危及“三安全一稳定”"; its 总计 is column J, the block's last column.
    block[10 - 4]![6] = (block[10 - 4]![6] as number) + 1;

    excel.userPaste("表三", "D4", block);
    await afterUserAction(excel, host);

    const rowSums = issueIds(session).filter((id) => id.startsWith("R-T3-ROWSUM"));
    expect(rowSums).toEqual([`R-T3-ROWSUM.${t3Row(10)}`]);
    expect(t3Row(10)).toBe("result.withheld.threeSecurity");
  });

  test("typing outside the tables costs nothing and changes nothing", async () => {
    const { excel, host, session } = await paneWithTemplate();
    const before = session.getState();

    excel.userEdit("表三", "L4", "备忘");
    excel.userPaste("表三", "L5", [["a", "b"]]);
    await afterUserAction(excel, host);

    expect(excel.events).toHaveLength(2);
    expect(excel.syncs).toBe(0);
    expect(session.getState().issues).toEqual(before.issues);
  });

  test("changing a label re-reads the workbook (two syncs) and shows the layout error", async () => {
    const { excel, host, session } = await paneWithTemplate();

    excel.userEdit("表三", "A6", "三、办理结果");
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(2);
    expect(issueIds(session)).toContain("S-LAYOUT.t3.A6");
  });

  test("changing the metadata on 基本信息 re-reads it", async () => {
    const { excel, host, session } = await paneWithTemplate();

    excel.userEdit("基本信息", "B5", "县级政府");
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(2);
    expect(session.getState().meta.level).toBe("县级政府");
  });

  test("inserting rows above 表三 re-reads everything and maps the cells through the moved defined name", async () => {
    const { excel, host, session } = await paneWithTemplate();
    excel.userEdit("表三", "D4", 7);
    excel.userEdit("表三", "J4", 9);
    await afterUserAction(excel, host);
    excel.resetCounts();

    excel.userInsertRows("表三", 1, 2);
    await afterUserAction(excel, host);

    expect(excel.syncs).toBe(2);
    expect(excel.namedItems()["nb_t3"]).toBe("=表三!$A$3:$J$30");
    expect(excel.cell("表三", "D6").value).toBe(7);
    const state = session.getState();
    expect(state.hasTemplate).toBe(true);
    expect(state.issues.filter((i) => i.rule.startsWith("S-"))).toEqual([]);
    expect(state.summary.filled).toBe(2);
    expect(state.issues.find((i) => i.id === "R-INPUT.t3.new.natural")).toBeUndefined();

    // Typing into the moved table is still validated from the event, at the new address.
    excel.resetCounts();
    excel.userEdit("表三", "J6", 7);
    excel.userEdit("表三", "E6", "/");
    await afterUserAction(excel, host);
    expect(excel.syncs).toBe(0);
    expect(issueIds(session)).toContain("R-INPUT.t3.new.commercial");
    const input = session.getState().issues.find((i) => i.id === "R-INPUT.t3.new.commercial");
    expect(input?.addresses).toEqual(["表三!E6"]);

    await host.select(["t3.new.total"]);
    expect(excel.selection()).toEqual({ sheet: "表三", address: "J6" });
  });

  test("the add-in's own writes never reach its own change handlers", async () => {
    const { excel, host, session } = await paneWithTemplate();
    expect(excel.sheet("表三").handlers).toBe(1);
    const phases: string[] = [];
    session.subscribe(() => phases.push(session.getState().phase));

    await host.applyTemplate({ ...META, agencyName: "新乡市教育局（机构改革后）" });
    await host.saveConfirmations([{ ruleId: "R-BLANK.t2", note: "无", at: "2024-03-01T08:00:00.000Z" }]);
    await afterUserAction(excel, host);

    expect(excel.events).toEqual([]);
    expect(excel.syncs).toBe(4);
    expect(phases).toEqual([]);
    expect(excel.handlerErrors).toEqual([]);
  });
});

describe("filling the tables from an import", () => {
  test("writes the values in one sync with events off, then the pane re-reads them", async () => {
    const { excel, session } = await paneWithTemplate();
    await session.writeCells(new Map<string, number | null>([["t3.new.natural", 8], ["t3.new.total", 8], ["t2.fee.amountWan", 70.319]]));
    await excel.settle();
    expect(excel.cell("表三", "D4").value).toBe(8);
    expect(excel.cell("表二", "B14").value).toBe(70.319);
    expect(excel.syncs).toBe(3); // one write, then the two syncs of a full read
    expect(excel.events).toHaveLength(0);
    expect(session.getState().summary.filled).toBe(3);
  });
});

describe("selecting the cells of an issue", () => {
  async function paneWithIssues(api: FakeApi): Promise<{ excel: FakeExcel; session: ValidationSession }> {
    const { excel, session } = await paneWithTemplate(api);
    excel.fill("表三", "D4", [[5, 0, 0, 0, 0, 0, 6]]);
    excel.fill("表三", "D5", [[0]]);
    excel.fill("表三", "D27", [[0], [0]]);
    excel.fill("表三", "E5", [["/"]]);
    await session.recheck();
    excel.resetCounts();
    return { excel, session };
  }

  function issue(session: ValidationSession, id: string): Parameters<ValidationSession["select"]>[0] {
    const found = session.getState().issues.find((i) => i.id === id);
    if (!found) throw new Error(`no issue ${id} among ${issueIds(session).join(", ")}`);
    return found;
  }

  test("a row total selects the row's block, in one sync", async () => {
    const { excel, session } = await paneWithIssues("1.9");

    await session.select(issue(session, "R-T3-ROWSUM.new"));

    expect(excel.selection()).toEqual({ sheet: "表三", address: "D4:J4" });
    expect(excel.activeSheet()).toBe("表三");
    expect(excel.syncs).toBe(1);
  });

  test("a single cell is selected alone", async () => {
    const { excel, session } = await paneWithIssues("1.9");

    await session.select(issue(session, "R-INPUT.t3.carryOver.commercial"));

    expect(excel.selection()).toEqual({ sheet: "表三", address: "E5" });
    expect(excel.syncs).toBe(1);
  });

  test("scattered cells are selected one by one on ExcelApi 1.9, as the block spanning them on 1.8", async () => {
    const newer = await paneWithIssues("1.9");
    await newer.session.select(issue(newer.session, "R-T3-BAL.natural"));
    expect(newer.excel.selection()).toEqual({ sheet: "表三", address: "D4,D5,D27,D28" });
    expect(newer.excel.syncs).toBe(1);

    const older = await paneWithIssues("1.8");
    await older.session.select(issue(older.session, "R-T3-BAL.natural"));
    expect(older.excel.selection()).toEqual({ sheet: "表三", address: "D4:D28" });
    expect(older.excel.syncs).toBe(1);
  });
});

describe("confirmations", () => {
  test("are stored on _nianbao, seen by the next pane that opens the workbook, and can be withdrawn", async () => {
    const { excel, session } = await paneWithTemplate();
    expect(issueIds(session)).toContain("R-BLANK.t2");

    await session.confirm("R-BLANK.t2", "  本机关本年度未制发规章  ");

    expect(excel.syncs).toBe(2);
    const row = CONFIRMATION_FIRST_ROW;
    expect(excel.block("_nianbao", `A${row}:C${row + 1}`)).toEqual([
      ["R-BLANK.t2", "本机关本年度未制发规章", "2024-03-01T08:00:00.000Z"],
      ["", "", ""],
    ]);
    expect(excel.cell("_nianbao", `C${row}`)).toMatchObject({ type: "String", numberFormat: "@" });
    expect(session.getState().summary.confirmed).toBe(1);

    const reopened = new ValidationSession(new OfficeHost({ run: excel.run, requirements: excel.requirements }));
    await reopened.start();
    const confirmed = reopened.getState().issues.find((i) => i.id === "R-BLANK.t2");
    expect(confirmed?.confirmation).toEqual({ ruleId: "R-BLANK.t2", note: "本机关本年度未制发规章", at: "2024-03-01T08:00:00.000Z" });
    expect(reopened.getState().summary.confirmed).toBe(1);

    await session.unconfirm("R-BLANK.t2");

    expect(excel.cell("_nianbao", `A${row}`).value).toBe("");
    await reopened.recheck();
    expect(reopened.getState().summary.confirmed).toBe(0);
  });

  test("a second confirmation is added below the first; confirming again replaces the note", async () => {
    const { excel, session } = await paneWithTemplate();

    await session.confirm("R-BLANK.t2", "说明一");
    await session.confirm("R-BLANK.t4", "说明二");
    await session.confirm("R-BLANK.t2", "说明三");

    const row = CONFIRMATION_FIRST_ROW;
    expect(excel.block("_nianbao", `A${row}:B${row + 2}`)).toEqual([
      ["R-BLANK.t4", "说明二"],
      ["R-BLANK.t2", "说明三"],
      ["", ""],
    ]);
  });

  test("cannot be stored before the template exists", async () => {
    const { excel, host } = excelAndHost();

    await expect(host.saveConfirmations([{ ruleId: "R-BLANK.t2", note: "说明", at: "" }])).rejects.toThrow(/请先在“模板”页生成统计表/);
    expect(excel.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("when Excel fails or does not answer", () => {
  test("a sync slower than the timeout surfaces a HostError the pane shows", async () => {
    const { excel, host } = excelAndHost({ syncDelayMs: 200, syncTimeoutMs: 50 });
    const session = new ValidationSession(host);

    await expect(host.readSnapshot()).rejects.toBeInstanceOf(HostError);
    await session.recheck();

    expect(session.getState().hostError).toContain("没有响应");
    expect(session.getState().phase).toBe("ready");
    await excel.settle();
  });

  test("a write Excel rejects part-way does not leave events switched off", async () => {
    const { excel, host, session } = await paneWithTemplate();
    excel.userProtect("表三");

    await expect(session.applyTemplate(META)).rejects.toMatchObject({ code: "AccessDenied" });
    expect(session.getState().hostError).toMatch(/^操作未完成/);

    excel.userEdit("表三", "D4", "/");
    await afterUserAction(excel, host);

    expect(issueIds(session)).toContain("R-INPUT.t3.new.natural");
  });
});

describe("the fake Excel itself", () => {
  function errorOf(read: () => unknown): unknown {
    try {
      read();
    } catch (error) {
      return error;
    }
    return null;
  }

  test("reading a property that was not loaded, or before the sync that loads it, throws PropertyNotLoaded", async () => {
    const excel = createFakeExcel();
    excel.fill("Sheet1", "A1", [[1, "x"]]);

    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(errorOf(() => range.values)).toMatchObject({ name: "RichApi.Error", code: "PropertyNotLoaded" });
      range.load("values");
      expect(() => range.values).toThrow(/is not available/);
      await context.sync();
      expect(range.values).toEqual([[1, "x"]]);
      expect(() => range.valueTypes).toThrow(FakeOfficeError);
    });
  });

  test("getItem of a missing sheet fails the sync; getItemOrNullObject answers isNullObject after it", async () => {
    const excel = createFakeExcel();

    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("表三").getRange("A1").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });

    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("表三");
      const present = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      expect(() => missing.isNullObject).toThrow(FakeOfficeError);
      await context.sync();
      expect([missing.isNullObject, present.isNullObject]).toEqual([true, false]);
    });
  });

  test("queued writes apply at sync, in order, and reach change handlers unless events are switched off", async () => {
    const excel = createFakeExcel({ api: "1.9" });
    const received: Excel.WorksheetChangedEventArgs[] = [];

    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.onChanged.add((event) => Promise.resolve(received.push(event)));
      sheet.getRange("A1").values = [[1]];
      expect(excel.cell("Sheet1", "A1").value).toBe("");
      await context.sync();
      expect(excel.cell("Sheet1", "A1").value).toBe(1);

      sheet.getRange("A2").values = [["=A1+1"]];
      context.runtime.enableEvents = false;
      sheet.getRange("B1:C2").values = [
        [1, 2],
        [3, 4],
      ];
      context.runtime.enableEvents = true;
      await context.sync();
    });
    await excel.settle();

    expect(received.map((e) => [e.address, e.changeType, e.worksheetId === excel.sheet("Sheet1").id])).toEqual([
      ["A1", "RangeEdited", true],
      ["A2", "RangeEdited", true],
    ]);
    expect(received[0]?.details).toMatchObject({ valueBefore: "", valueAfter: 1, valueTypeBefore: "Empty", valueTypeAfter: "Double" });
    expect(excel.cell("Sheet1", "A2")).toMatchObject({ formula: "=A1+1", value: "" });
    expect(excel.block("Sheet1", "B1:C2")).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test("the user's edits carry details only on ExcelApi 1.9 and only for one cell", async () => {
    for (const api of ["1.8", "1.9"] as const) {
      const excel = createFakeExcel({ api });
      await excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").onChanged.add(() => Promise.resolve());
        await context.sync();
      });
      excel.userEdit("Sheet1", "B2", "12");
      excel.userPaste("Sheet1", "C3", [[1, 2]]);
      await excel.settle();
      expect(excel.events.map((e) => [e.event.address, e.event.details?.valueAfter])).toEqual([
        ["B2", api === "1.9" ? 12 : undefined],
        ["C3:D3", undefined],
      ]);
    }
  });

  test("page layout and multi-area selection need ExcelApi 1.9", async () => {
    const excel = createFakeExcel({ api: "1.8" });
    expect(excel.requirements("ExcelApi", "1.8")).toBe(true);
    expect(excel.requirements("ExcelApi", "1.9")).toBe(false);

    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").pageLayout.paperSize = "A4";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRanges("A1,C3").select();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("a batch that leaves work queued is synced when it ends, like Excel.run", async () => {
    const excel = createFakeExcel();

    await excel.run((context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["x"]];
      return Promise.resolve();
    });

    expect(excel.syncs).toBe(1);
    expect(excel.block("Sheet1", "A1:B1")).toEqual([["x", "x"]]);
  });
});

describe("writing 正文 from an import", () => {
  test("writes the parts the import holds into their rows, in three syncs (the sheet, its keys, the write) with events off, and leaves the others", async () => {
    const { excel, host } = excelAndHost();
    await host.applyTemplate(META);
    const before = await host.readNarrative();
    const syncs = excel.syncs;
    await host.writeNarrative({ texts: { "n1.active": "本年度通过门户网站主动公开政府信息120条。", "n5.problems": "" }, numbers: {}, flags: { "claim.allWithinDeadline": true } });
    expect(excel.syncs - syncs).toBe(3);
    const after = await host.readNarrative();
    expect(after.texts["n1.active"]).toBe("本年度通过门户网站主动公开政府信息120条。");
    // An empty part is written as its guidance (as the template leaves it), not as a blank that reads as done.
    expect(after.texts["n5.problems"]).toBe(before.texts["n5.problems"]);
    expect(after.texts["n1.platform"]).toBe(before.texts["n1.platform"]);
    expect(after.flags["claim.allWithinDeadline"]).toBe(true);
  });

  test("without a 正文 sheet it says to generate the tables first", async () => {
    const { host } = excelAndHost();
    await expect(host.writeNarrative({ texts: { "n1.active": "x" }, numbers: {}, flags: {} })).rejects.toThrow(HostError);
  });
});
