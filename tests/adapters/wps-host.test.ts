// The WPS host against an in-memory ET (tests/support/fake-et.ts): writing the template, reading the workbook
// back, following the user's edits within the call budgets of wps-host.ts, selecting the cells of an issue,
// storing confirmations — and the same check as the Office host and the .xlsx reader for the same workbook.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { OfficeHost } from "../../src/adapters/office/office-host";
import type { EtApplication } from "../../src/adapters/wps";
import type { EtWorksheet } from "../../src/adapters/wps/et-api";
import { isWorksheet } from "../../src/adapters/wps/et-api";
import { WpsHost, detectWps } from "../../src/adapters/wps";
import { rawFromEt, rowsOf } from "../../src/adapters/wps/wps-host";
import { CONFIRMATION_FIRST_ROW, createTemplatePlan } from "../../src/adapters/workbook/plan";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import { checkReport, locatorOf } from "../../src/core/check";
import type { CellId } from "../../src/core/format";
import { T3_COLUMNS, T3_ROWS } from "../../src/core/format";
import { RULE_PACK } from "../../src/core/rules";
import type { Confirmation, HostEvent } from "../../src/core/session";
import { HostError, ValidationSession } from "../../src/core/session";
import type { RawCell } from "../../src/core/values";
import { createFakeExcel } from "../support/fake-excel";
import type { FakeEt, FakeEtOptions, Scalar } from "../support/fake-et";
import { createFakeEt } from "../support/fake-et";
import type { Report } from "../support/reports";
import { consistentReport, metaOf } from "../support/reports";

const META = metaOf({ agencyName: "新乡市教育局", shortName: "市教育局", year: 2023, level: "市级部门" });
const TEMPLATE_SHEETS = ["基本信息", "表二", "表三", "表四", "正文", "校验", "单元格校验", "_nianbao"];
const NOW = (): Date => new Date("2024-03-01T08:00:00.000Z");
/** Reads of one block of input cells: its Value2 and its Formula (a formula's result is told from a typed value). */
const BLOCK_READ = 2;
/** Reads of a full re-read: the three tables (a block read each), the three metadata cells, the 简称 row, the confirmations and 正文. */
const FULL_READ = 3 * BLOCK_READ + 6;

function etAndHost(options: FakeEtOptions = {}): { et: FakeEt; host: WpsHost } {
  const et = createFakeEt(options);
  return { et, host: new WpsHost(et.application, { coalesceMs: 5 }) };
}

/** The pane open on a workbook that has the template, with every count reset. */
async function paneWithTemplate(options: FakeEtOptions = {}): Promise<{ et: FakeEt; host: WpsHost; session: ValidationSession }> {
  const { et, host } = etAndHost(options);
  const session = new ValidationSession(host, RULE_PACK, NOW);
  await session.start();
  await session.applyTemplate(META);
  et.resetCounts();
  return { et, host, session };
}

/** Lets the burst end, and the host and the pane act on it (a re-read resolves on later ticks). */
async function afterUserAction(host: WpsHost): Promise<void> {
  await host.flushPending();
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
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

/** "表三!D4" of a cell in the standard template. */
function addressOf(id: CellId): { sheet: string; address: string } {
  const [sheet = "", address = ""] = locatorOf({ origins: new Map() }).address(id).split("!");
  return { sheet, address };
}

/** A raw value as the user would have typed it. */
function typed(raw: RawCell): Scalar | null {
  return raw !== null && typeof raw === "object" ? raw.error : raw;
}

describe("writing the template", () => {
  test("creates the sheets in order, hides the check sheet and our own, and leaves 基本信息 active with every setting back on", async () => {
    const { et, host } = etAndHost();

    const result = await host.applyTemplate(META);

    expect(result.sheets).toEqual(TEMPLATE_SHEETS);
    expect(et.sheetNames()).toEqual(["Sheet1", ...TEMPLATE_SHEETS]);
    expect(TEMPLATE_SHEETS.map((name) => [name, et.sheet(name).visible])).toEqual([
      ["基本信息", "visible"],
      ["表二", "visible"],
      ["表三", "visible"],
      ["表四", "visible"],
      ["正文", "visible"],
      ["校验", "visible"],
      ["单元格校验", "hidden"],
      ["_nianbao", "hidden"],
    ]);
    expect(et.activeSheet()).toBe("基本信息");
    expect(et.settings()).toEqual({ enableEvents: true, screenUpdating: true, displayAlerts: true });
    expect(et.events).toEqual([]);
    expect(et.alerts).toEqual([]);
  });

  test("puts the official labels in place, merged and locked, and leaves the input cells empty and unlocked", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);

    expect(et.cell("表三", "A6")).toMatchObject({ value: "三、本年度办理结果", locked: true });
    expect(et.cell("表三", "C10").value).toBe("3.危及“三安全一稳定”");
    expect(et.cell("表三", "B27").value).toBe("（七）总计");
    expect(et.merges("表三")).toEqual(expect.arrayContaining(["A1:C3", "D1:J1", "A6:A27", "B8:B15", "B27:C27", "A28:C28"]));
    expect(et.cell("表三", "D4")).toMatchObject({ value: null, formula: null, locked: false, numberFormat: "0" });
    expect(et.cell("表三", "J28")).toMatchObject({ value: null, locked: false });
    // An input cell spanning three columns (表二 行政事业性收费) is merged and formatted for 万元.
    expect(et.merges("表二")).toContain("B14:D14");
    expect(et.cell("表二", "B14")).toMatchObject({ locked: false, numberFormat: "0.00##" });
    expect(et.cell("表二", "A1").format).toMatchObject({ "font.name": "宋体", "font.bold": true, "borders.lineStyle": 1, "verticalAlignment": -4108 });
    expect(et.cell("表三", "D4").format).toMatchObject({ "font.name": "仿宋", "horizontalAlignment": -4108 });
    expect(et.sheet("表三").columnWidths.get(1)).toBeGreaterThan(0);
    // The columns of rule IDs and field keys are hidden; what users read is not.
    expect([...et.sheet("校验").hiddenColumns].sort()).toEqual([11, 12]);
    expect([...et.sheet("正文").hiddenColumns]).toEqual([1]);
    expect(et.sheet("表三").hiddenColumns.size).toBe(0);
  });

  test("gives the input cells validation and conditional formatting, read against the right cell, and writes the checks as formulas", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);

    expect(et.cell("表三", "D4").validation).toMatchObject({ type: 1, operator: 7, formula1: "0", alertStyle: 1, showError: true, errorTitle: "件数应为整数" });
    expect(et.cell("表二", "B14").validation).toMatchObject({ type: 2, formula1: "0" });
    expect(et.cell("基本信息", "B5").validation).toMatchObject({ type: 3, formula1: "省级政府,省级部门,市级政府,市级部门,县级政府,县级部门,乡级政府", inCellDropdown: true });
    expect(et.cell("基本信息", "B4").validation).toMatchObject({ type: 1, operator: 1, formula1: "2021", formula2: "2100" });
    const t3 = et.sheet("表三");
    expect(t3.formatConditions.filter((f) => f.range === "J4").map((f) => f.fill)).toContain("#FFC7CE");
    // ET reads a rule's relative references against the active cell: it was the range's own top-left cell.
    for (const sheet of TEMPLATE_SHEETS) {
      for (const format of et.sheet(sheet).formatConditions) expect([sheet, format.range, format.anchor]).toEqual([sheet, format.range, format.range.split(":")[0]]);
    }
    expect(et.sheet("校验").formatConditions.some((f) => f.range === `I3:I${f.range.split(":I")[1] ?? ""}` && f.formula.startsWith("=I3="))).toBe(true);
    expect(t3.freeze).toEqual({ rows: 3, cols: 3 });
    expect(et.sheet("表二").freeze).toBeNull();
    expect(et.cell("校验", "I3").formula).toMatch(/^=IF\(/);
    expect(et.cell("表三", "A30").formula).toContain("本表校验");
    expect(t3.pageSetup).toMatchObject({ Orientation: 1, PaperSize: 9, PrintArea: "A1:J28", PrintTitleRows: "$1:$3", FitToPagesWide: 1, FitToPagesTall: false });
    expect(et.sheet("表四").pageSetup).toMatchObject({ Orientation: 2 });
  });

  test("writes the metadata to 基本信息!B3:B5 and names the tables and the metadata cells", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);

    expect(et.block("基本信息", "B3:B5")).toEqual([["新乡市教育局"], [2023], ["市级部门"]]);
    expect(et.names()).toEqual({
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

  test("formats cells by style and enters values by block: fewer writes than the plan has cells", async () => {
    const { et, host } = etAndHost();
    const cells = createTemplatePlan(META, RULE_PACK).sheets.reduce((sum, sheet) => sum + sheet.cells.length, 0);

    await host.applyTemplate(META);

    expect(et.counts.reads).toBe(0);
    // Cell by cell, formatting alone would take about ten writes per cell.
    expect(et.counts.writes).toBeLessThan(cells);
  });
});

describe("regenerating the template", () => {
  test("keeps every value entered, writes the new agency name and leaves the user's own sheets alone", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);
    const report = sampleReport();
    et.userPaste("表三", "D4", t3Block(report));
    et.userType("表三", "D4", "/");
    et.userType("表二", "B14", "0.5");
    et.userType("表四", "A4", 3);
    et.userType("正文", "C3", "本机关认真贯彻落实条例。");
    et.addForeignSheet("备注", { A1: "内部备注：数据来源为登记台账", B2: 42 });
    const before = await host.readSnapshot();
    const shape = (sheet: string): [number, number, number] => [et.merges(sheet).length, et.sheet(sheet).formatConditions.length, et.sheet(sheet).validations];
    const shapes = TEMPLATE_SHEETS.map(shape);

    await host.applyTemplate({ ...META, agencyName: "新乡市教育局（机构改革后）", year: null });
    const after = await host.readSnapshot();

    expect([...after.source.cells]).toEqual([...before.source.cells]);
    expect(after.source.cells.size).toBe(200);
    expect(et.cell("表三", "D4").value).toBe("/");
    expect(et.cell("表二", "B14").value).toBe(0.5);
    expect(et.cell("正文", "C3").value).toBe("本机关认真贯彻落实条例。");
    expect(et.cell("基本信息", "B3").value).toBe("新乡市教育局（机构改革后）");
    // A field left empty in the pane does not blank what the workbook holds.
    expect(et.cell("基本信息", "B4").value).toBe(2023);
    expect(et.block("备注", "A1:B2")).toEqual([
      ["内部备注：数据来源为登记台账", ""],
      ["", 42],
    ]);
    expect(et.sheetNames()).toEqual(["Sheet1", ...TEMPLATE_SHEETS, "备注"]);
    // Merges, conditional formats and validations are replaced, not piled up.
    expect(TEMPLATE_SHEETS.map(shape)).toEqual(shapes);
    expect(Object.keys(et.names())).toHaveLength(10);
  });

  test("refuses to write over a sheet named 表三 that it did not make, in Chinese, and writes nothing", async () => {
    const { et, host } = etAndHost();
    et.addForeignSheet("表三", { A1: "我的统计", D4: 99 });

    const attempt = host.applyTemplate(META);

    await expect(attempt).rejects.toBeInstanceOf(HostError);
    await expect(attempt).rejects.toThrow(/已有名为“表三”的工作表.*不是年报助手生成的/);
    expect(et.counts.writes).toBe(0);
    expect(et.sheetNames()).toEqual(["Sheet1", "表三"]);
    expect(et.cell("表三", "A1").value).toBe("我的统计");
    expect(et.cell("表三", "D4").value).toBe(99);
    expect(et.names()).toEqual({});
  });

  test("a sheet named _nianbao that it did not make is refused too: the marker decides, not the name", async () => {
    const { et, host } = etAndHost();
    et.addForeignSheet("_nianbao", { A1: "我的隐藏数据", B1: "保密" });

    await expect(host.applyTemplate(META)).rejects.toThrow(/已有名为“_nianbao”的工作表.*不是年报助手生成的/);

    expect(et.counts.writes).toBe(0);
    expect(et.sheetNames()).toEqual(["Sheet1", "_nianbao"]);
    expect(et.cell("_nianbao", "B1").value).toBe("保密");
  });

  test("the pane shows the refusal", async () => {
    const { et, host } = etAndHost();
    et.addForeignSheet("表三");
    const session = new ValidationSession(host);

    await expect(session.applyTemplate(META)).rejects.toThrow(HostError);

    expect(session.getState().hostError).toContain("表三");
    expect(session.getState().hasTemplate).toBe(false);
  });

  test("after the user deleted 表三, regenerating brings it back and its values are read again", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.userDeleteSheet("表三");
    expect(et.names().nb_t3).toMatch(/#REF!/);

    await session.applyTemplate(META);
    et.userType("表三", "D4", 4);
    await afterUserAction(host);

    expect(et.names().nb_t3).toBe("=表三!$A$1:$J$28");
    expect(session.getState().hasTemplate).toBe(true);
    expect(issueIds(session)).not.toContain("S-TABLE.t3");
    expect(session.getState().summary.filled).toBe(1);
  });

  test("lifts the template's own protection (no password) to write, and puts it back", async () => {
    const { et, session } = await paneWithTemplate();
    for (const sheet of TEMPLATE_SHEETS) et.userProtect(sheet);

    await session.applyTemplate({ ...META, agencyName: "新乡市教育局（机构改革后）" });
    await session.confirm("R-BLANK.t2", "本机关本年度未制发规章");

    expect(et.cell("基本信息", "B3").value).toBe("新乡市教育局（机构改革后）");
    expect(et.cell("_nianbao", `A${CONFIRMATION_FIRST_ROW}`).value).toBe("R-BLANK.t2");
    expect(TEMPLATE_SHEETS.filter((sheet) => !et.sheet(sheet).protected)).toEqual([]);
    expect(et.settings().enableEvents).toBe(true);
  });

  test("a sheet protected with a password stops the write before anything is changed, with a Chinese message", async () => {
    const { et, session } = await paneWithTemplate();
    et.userProtect("表三", "1234");
    const labels = et.block("表三", "A1:J28");

    await expect(session.applyTemplate({ ...META, agencyName: "别的名称" })).rejects.toThrow(/工作表“表三”设置了保护密码.*撤消该工作表的保护/);

    expect(session.getState().hostError).toMatch(/保护密码/);
    expect(et.cell("基本信息", "B3").value).toBe("新乡市教育局");
    expect(et.block("表三", "A1:J28")).toEqual(labels);
    expect(et.settings()).toEqual({ enableEvents: true, screenUpdating: true, displayAlerts: true });
  });
});

describe("reading the workbook", () => {
  test("returns the values by cell ID, the metadata and hasTemplate, reading each table as one block", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);
    et.setCells("表三", "D4", [["/", 5, "#N/A"]]);
    et.setCells("表二", "B3", [[2]]);
    et.setCells("表四", "O4", [[true]]);
    et.resetCounts();

    const snapshot = await host.readSnapshot();

    expect(et.counts.reads).toBe(FULL_READ);
    expect(et.counts.writes).toBe(0);
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

  test("error values handed over as COM error codes are read as errors", async () => {
    const { et, host } = etAndHost({ errorValues: "code" });
    await host.applyTemplate(META);
    et.setCells("表三", "D4", [["#DIV/0!", 3]]);

    const snapshot = await host.readSnapshot();

    expect(snapshot.source.cells.get("t3.new.natural")).toEqual({ error: "#DIV/0!" });
    expect(snapshot.source.cells.get("t3.new.commercial")).toBe(3);
  });

  test("a workbook without the template has no tables and no structure issues", async () => {
    const { et, host } = etAndHost();
    et.setCells("Sheet1", "A1", [["别的表格"]]);

    const snapshot = await host.readSnapshot();

    expect(snapshot.hasTemplate).toBe(false);
    expect(snapshot.source.cells.size).toBe(0);
    expect(snapshot.source.structure).toEqual([]);
  });

  test("reports a label the user changed and leaves the cells it governs unread", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);
    et.setCells("表三", "D4", [[7]]);
    et.setCells("表三", "A4", [["一、本年收到的申请"]]);

    const snapshot = await host.readSnapshot();

    const layout = snapshot.source.structure.filter((i) => i.rule === "S-LAYOUT");
    expect(layout.map((i) => i.id)).toEqual(["S-LAYOUT.t3.A4"]);
    expect(layout[0]).toMatchObject({ expected: "一、本年新收政府信息公开申请数量", actual: "一、本年收到的申请" });
    expect(snapshot.source.cells.has("t3.new.natural")).toBe(false);
    expect(snapshot.source.cells.has("t3.carryOver.natural")).toBe(true);
  });

  test("tells the user when no workbook is open", async () => {
    const { host } = etAndHost({ withoutWorkbook: true });

    await expect(host.readSnapshot()).rejects.toThrow(/没有打开的工作簿/);
  });

  test("gives the same check as the Office host and the .xlsx reader for the same values", async () => {
    const report: Report = { ...sampleReport(), "t3.new.natural": "/", "t3.new.commercial": "十二", "t2.regulation.issued": { error: "#N/A" }, "t4.review.corrected": null };
    report["t3.result.withheld.threeSecurity.total"] = (report["t3.result.withheld.threeSecurity.total"] as number) + 1;
    const confirmations: Confirmation[] = [{ ruleId: "R-BLANK.t4", note: "本年度无复议诉讼", at: "2024-03-01T08:00:00.000Z" }];

    const { et, host } = etAndHost();
    await host.applyTemplate(META);
    const excel = createFakeExcel();
    const office = new OfficeHost({ run: excel.run, requirements: excel.requirements });
    await office.applyTemplate(META);
    for (const [id, raw] of Object.entries(report)) {
      const at = addressOf(id);
      et.setCells(at.sheet, at.address, [[typed(raw)]]);
      excel.fill(at.sheet, at.address, [[typed(raw)]]);
    }
    await host.saveConfirmations(confirmations);
    await office.saveConfirmations(confirmations);
    const xlsx = await readWorkbook(await writeWorkbook(createTemplatePlan(META, RULE_PACK), { values: report, confirmations }));

    const fromWps = checkReport((await host.readSnapshot()).source);
    const fromOffice = checkReport((await office.readSnapshot()).source);
    const fromXlsx = checkReport(xlsx);

    expect(fromWps.summary).toEqual(fromOffice.summary);
    expect(fromWps.issues).toEqual(fromOffice.issues);
    expect(fromWps.summary).toEqual(fromXlsx.summary);
    expect(fromWps.issues).toEqual(fromXlsx.issues);
    expect(fromWps.summary.confirmed).toBe(1);
    expect(fromWps.issues.map((i) => i.id)).toEqual(expect.arrayContaining(["R-INPUT.t3.new.natural", "R-INPUT.t2.regulation.issued", `R-T3-ROWSUM.${t3Row(10)}`]));
  });
});

describe("following the user's edits", () => {
  test("typing a value raises an issue and fixing it clears it, at one read each and nothing read or written in the handler", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.setCells("表三", "D4", [[3, 2, 0, 0, 0, 0]]);
    await session.recheck();
    et.resetCounts();

    et.userType("表三", "J4", 6);
    expect(et.counts).toMatchObject({ reads: 0, writes: 0 });
    await afterUserAction(host);

    expect(et.counts).toMatchObject({ reads: BLOCK_READ, writes: 0 });
    expect(et.inListeners).toEqual({ reads: 0, writes: 0 });
    const rowSum = session.getState().issues.find((i) => i.id === "R-T3-ROWSUM.new");
    expect(rowSum).toMatchObject({ expected: 5, actual: 6 });
    expect(rowSum?.addresses).toContain("表三!J4");

    et.resetCounts();
    et.userType("表三", "J4", 5);
    await afterUserAction(host);

    expect(et.counts).toMatchObject({ reads: BLOCK_READ, writes: 0 });
    expect(issueIds(session)).not.toContain("R-T3-ROWSUM.new");
    expect(et.events.map((e) => [e.event, e.sheet, e.address])).toEqual([
      ["SheetChange", "表三", "$J$4"],
      ["SheetChange", "表三", "$J$4"],
    ]);
  });

  test("deleting a value makes the cell blank again", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.userType("表三", "D4", "十二");
    await afterUserAction(host);
    expect(issueIds(session)).toContain("R-INPUT.t3.new.natural");
    const filled = session.getState().summary.filled;

    et.userType("表三", "D4", null);
    await afterUserAction(host);

    expect(issueIds(session)).not.toContain("R-INPUT.t3.new.natural");
    expect(session.getState().summary.filled).toBe(filled - 1);
  });

  test("pasting the 7 × 25 block of 表三 costs one block read and updates all 175 cells", async () => {
    const { et, host, session } = await paneWithTemplate();
    expect(session.getState().summary.filled).toBe(0);

    et.userPaste("表三", "D4", t3Block(sampleReport()));
    await afterUserAction(host);

    expect(et.counts).toMatchObject({ reads: BLOCK_READ, writes: 0 });
    expect(et.events.map((e) => e.address)).toEqual(["$D$4:$J$28"]);
    expect(session.getState().summary.filled).toBe(175);
    expect(issueIds(session).filter((id) => id.startsWith("R-T3-"))).toEqual([]);
    expect(issueIds(session)).not.toContain("R-BLANK.t3");
  });

  test("a paste that WPS reports cell by cell is still read as one block", async () => {
    const { et, host, session } = await paneWithTemplate({ pasteEvents: "perCell" });

    et.userPaste("表三", "D4", t3Block(sampleReport()));
    await afterUserAction(host);

    expect(et.events).toHaveLength(175);
    expect(et.counts.reads).toBe(BLOCK_READ);
    expect(session.getState().summary.filled).toBe(175);
  });

  test("a wrong total in a pasted block is found in its own row", async () => {
    const { et, host, session } = await paneWithTemplate();
    const block = t3Block(sampleReport());
    // Sheet row 10 is 表三's "3.危及“三安全一稳定”"; its 总计 is column J, the block's last column.
    block[10 - 4]![6] = (block[10 - 4]![6] as number) + 1;

    et.userPaste("表三", "D4", block);
    await afterUserAction(host);

    expect(issueIds(session).filter((id) => id.startsWith("R-T3-ROWSUM"))).toEqual([`R-T3-ROWSUM.${t3Row(10)}`]);
  });

  test("a fill down a column is read as the block it covers", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.userType("表三", "E4", 0);
    await afterUserAction(host);
    et.resetCounts();

    et.userFill("表三", "E4", "E4:E28");
    await afterUserAction(host);

    expect(et.events.at(-1)).toMatchObject({ event: "SheetChange", address: "$E$4:$E$28" });
    expect(et.counts.reads).toBe(BLOCK_READ);
    expect(session.getState().summary.filled).toBe(25);
  });

  test("a burst of typing is handled together, in one read", async () => {
    const { et, host, session } = await paneWithTemplate();

    ["D4", "E4", "F4", "G4", "H4", "I4"].forEach((address, i) => et.userType("表三", address, i));
    et.userType("表三", "J4", 99);
    et.userType("表三", "D5", "/");
    await afterUserAction(host);

    expect(et.events).toHaveLength(8);
    expect(et.counts.reads).toBe(BLOCK_READ);
    expect(session.getState().issues.find((i) => i.id === "R-T3-ROWSUM.new")).toMatchObject({ expected: 15, actual: 99 });
    expect(issueIds(session)).toContain("R-INPUT.t3.carryOver.natural");
  });

  test("typing outside the tables costs nothing and changes nothing", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.addForeignSheet("备注");
    const before = session.getState();

    et.userType("表三", "L4", "备忘");
    et.userPaste("表三", "L5", [["a", "b"]]);
    et.userType("备注", "D4", 3);
    et.userType("校验", "A1", "改动");
    await afterUserAction(host);

    expect(et.events).toHaveLength(4);
    expect(et.counts.reads).toBe(0);
    expect(session.getState().issues).toEqual(before.issues);
  });

  test("changing a label re-reads the workbook and shows the layout error", async () => {
    const { et, host, session } = await paneWithTemplate();

    et.userType("表三", "A6", "三、办理结果");
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
    expect(issueIds(session)).toContain("S-LAYOUT.t3.A6");
  });

  test("changing the metadata on 基本信息 re-reads it", async () => {
    const { et, host, session } = await paneWithTemplate();

    et.userType("基本信息", "B5", "县级政府");
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
    expect(session.getState().meta.level).toBe("县级政府");
  });

  test("editing 正文 re-reads the text only", async () => {
    const { et, host, session } = await paneWithTemplate();
    const guidance = issueIds(session).filter((id) => id.startsWith("T-GUIDANCE"));

    et.userType("正文", "C3", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。");
    await afterUserAction(host);

    expect(et.counts.reads).toBe(1);
    expect(issueIds(session).filter((id) => id.startsWith("T-GUIDANCE")).length).toBeLessThanOrEqual(guidance.length);
  });

  test("inserting rows above 表三 re-reads everything and maps the cells through the moved defined name", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.userType("表三", "D4", 7);
    et.userType("表三", "J4", 9);
    await afterUserAction(host);
    et.resetCounts();

    et.userInsertRows("表三", 1, 2);
    await afterUserAction(host);

    expect(et.events.at(-1)).toMatchObject({ event: "SheetChange", address: "$1:$2" });
    expect(et.counts.reads).toBe(FULL_READ);
    expect(et.names().nb_t3).toBe("=表三!$A$3:$J$30");
    expect(et.cell("表三", "D6").value).toBe(7);
    const state = session.getState();
    expect(state.hasTemplate).toBe(true);
    expect(state.issues.filter((i) => i.rule.startsWith("S-"))).toEqual([]);
    expect(state.summary.filled).toBe(2);

    // Typing into the moved table is still validated, at the new address.
    et.resetCounts();
    et.userType("表三", "J6", 7);
    et.userType("表三", "E6", "/");
    await afterUserAction(host);
    expect(et.counts.reads).toBe(BLOCK_READ);
    expect(session.getState().issues.find((i) => i.id === "R-INPUT.t3.new.commercial")?.addresses).toEqual(["表三!E6"]);

    await host.select(["t3.new.total"]);
    expect(et.selection()).toEqual({ sheet: "表三", address: "J6" });
  });

  test("deleting a row inside 表三 re-reads everything and reports the labels that moved", async () => {
    const { et, host, session } = await paneWithTemplate();

    et.userDeleteRows("表三", 9, 1);
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
    expect(et.names().nb_t3).toBe("=表三!$A$1:$J$27");
    expect(issueIds(session).some((id) => id.startsWith("S-LAYOUT.t3."))).toBe(true);
  });

  test("inserting or deleting columns re-reads everything and follows 表四 where it went", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.userType("表四", "A4", 2);
    await afterUserAction(host);
    et.resetCounts();

    et.userInsertColumns("表四", "A", 1);
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
    expect(et.names().nb_t4).toBe("=表四!$B$1:$P$4");
    expect(issueIds(session).filter((id) => id.startsWith("S-"))).toEqual([]);
    expect(session.getState().summary.filled).toBe(1);
    et.userType("表四", "C4", "/");
    await afterUserAction(host);
    expect(session.getState().issues.filter((i) => i.rule === "R-INPUT").map((i) => i.addresses)).toEqual([["表四!C4"]]);

    et.resetCounts();
    et.userDeleteColumns("表四", "A", 1);
    await afterUserAction(host);
    expect(et.counts.reads).toBe(FULL_READ);
    expect(et.names().nb_t4).toBe("=表四!$A$1:$O$4");
  });

  test("activating one of our sheets re-reads everything, catching a change whose event was missed; other sheets cost nothing", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.setCells("表二", "B3", [["三件"]]);

    et.userActivate("表二");
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
    expect(issueIds(session)).toContain("R-INPUT.t2.regulation.issued");

    et.resetCounts();
    et.userActivate("Sheet1");
    et.userActivate("校验");
    await afterUserAction(host);
    expect(et.counts.reads).toBe(0);
  });

  test("bringing the workbook forward again re-reads it", async () => {
    const { et, host } = await paneWithTemplate();

    et.userActivateWorkbook();
    await afterUserAction(host);

    expect(et.counts.reads).toBe(FULL_READ);
  });

  test("never writes in answer to an event, and the add-in's own writes never reach its handlers", async () => {
    const { et, host, session } = await paneWithTemplate();
    const phases: string[] = [];
    session.subscribe(() => phases.push(session.getState().phase));

    await host.applyTemplate({ ...META, agencyName: "新乡市教育局（机构改革后）" });
    await host.saveConfirmations([{ ruleId: "R-BLANK.t2", note: "无", at: "2024-03-01T08:00:00.000Z" }]);
    await host.writeCells(new Map([["t3.new.natural", 1]]));
    await host.select(["t3.new.total"]);
    await afterUserAction(host);

    expect(et.events).toEqual([]);
    expect(phases).toEqual([]);
    expect(et.listenerErrors).toEqual([]);

    et.userPaste("表三", "D4", t3Block(sampleReport()));
    et.userInsertRows("表三", 1, 1);
    et.userActivate("表二");
    await afterUserAction(host);
    expect(et.inListeners).toEqual({ reads: 0, writes: 0 });
  });

  test("events WPS delivers during the add-in's own writes, EnableEvents notwithstanding, are ignored", async () => {
    const { et, host, session } = await paneWithTemplate({ ignoreEnableEvents: true });
    const phases: string[] = [];
    session.subscribe(() => phases.push(session.getState().phase));

    await host.applyTemplate(META);
    await host.writeCells(new Map([["t3.new.natural", 1]]));
    et.resetCounts();
    await afterUserAction(host);

    expect(et.events.length).toBeGreaterThan(0);
    expect(et.counts.reads).toBe(0);
    expect(phases).toEqual([]);
  });

  test("a write that fails part-way switches events, screen updating and alerts back on, and the pane still follows edits", async () => {
    const { et, host, session } = await paneWithTemplate();
    et.failWritesTo("表三", "Automation 错误");

    await expect(session.applyTemplate(META)).rejects.toThrow("Automation 错误");
    expect(session.getState().hostError).toMatch(/^操作未完成/);
    expect(et.settings()).toEqual({ enableEvents: true, screenUpdating: true, displayAlerts: true });

    et.userType("表三", "D4", "/");
    await afterUserAction(host);

    expect(issueIds(session)).toContain("R-INPUT.t3.new.natural");
  });

  test("a host error while reading a block is shown, not thrown into WPS", async () => {
    const { et, host } = await paneWithTemplate();
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    et.userDeleteSheet("表二");

    et.userType("表三", "D4", 1);
    await afterUserAction(host);
    expect(events.map((e) => e.kind)).toEqual(["cells"]);
    expect(et.listenerErrors).toEqual([]);
  });

  test("stops listening when the pane stops", async () => {
    const { et, session } = await paneWithTemplate();
    expect(["SheetChange", "SheetActivate", "WorkbookActivate"].map((e) => et.listenerCount(e as "SheetChange"))).toEqual([1, 1, 1]);

    session.stop();

    expect(["SheetChange", "SheetActivate", "WorkbookActivate"].map((e) => et.listenerCount(e as "SheetChange"))).toEqual([0, 0, 0]);
  });
});

describe("filling the tables from an import", () => {
  test("writes the values with events off, then the pane re-reads them", async () => {
    const { et, session } = await paneWithTemplate();

    await session.writeCells(new Map<string, RawCell>([["t3.new.natural", 8], ["t3.new.total", 8], ["t2.fee.amountWan", 70.319], ["t3.carryOver.natural", { error: "#N/A" }]]));

    expect(et.cell("表三", "D4").value).toBe(8);
    expect(et.cell("表二", "B14").value).toBe(70.319);
    expect(et.cell("表三", "D5").value).toEqual({ error: "#N/A" });
    expect(et.events).toHaveLength(0);
    expect(et.counts.reads).toBe(FULL_READ);
    expect(session.getState().summary.filled).toBe(4);
  });
});

describe("selecting the cells of an issue", () => {
  async function paneWithIssues(): Promise<{ et: FakeEt; session: ValidationSession }> {
    const { et, session } = await paneWithTemplate();
    et.setCells("表三", "D4", [[5, 0, 0, 0, 0, 0, 6]]);
    et.setCells("表三", "D5", [[0]]);
    et.setCells("表三", "D27", [[0], [0]]);
    et.setCells("表三", "E5", [["/"]]);
    await session.recheck();
    et.userActivate("基本信息");
    et.resetCounts();
    return { et, session };
  }

  function issue(session: ValidationSession, id: string): Parameters<ValidationSession["select"]>[0] {
    const found = session.getState().issues.find((i) => i.id === id);
    if (!found) throw new Error(`no issue ${id} among ${issueIds(session).join(", ")}`);
    return found;
  }

  test("a row total selects the row's block and brings its sheet forward, without re-reading", async () => {
    const { et, session } = await paneWithIssues();

    await session.select(issue(session, "R-T3-ROWSUM.new"));

    expect(et.selection()).toEqual({ sheet: "表三", address: "D4:J4" });
    expect(et.activeSheet()).toBe("表三");
    expect(et.counts.reads).toBe(0);
    expect(et.events).toEqual([]);
    expect(et.settings().enableEvents).toBe(true);
  });

  test("a single cell is selected alone", async () => {
    const { et, session } = await paneWithIssues();

    await session.select(issue(session, "R-INPUT.t3.carryOver.commercial"));

    expect(et.selection()).toEqual({ sheet: "表三", address: "E5" });
  });

  test("scattered cells are selected one by one", async () => {
    const { et, session } = await paneWithIssues();

    await session.select(issue(session, "R-T3-BAL.natural"));

    expect(et.selection()).toEqual({ sheet: "表三", address: "D4,D5,D27,D28" });
  });
});

describe("confirmations", () => {
  test("are stored on _nianbao as text, seen by the next pane that opens the workbook, and can be withdrawn", async () => {
    const { et, session } = await paneWithTemplate();
    expect(issueIds(session)).toContain("R-BLANK.t2");

    await session.confirm("R-BLANK.t2", "  本机关本年度未制发规章  ");

    const row = CONFIRMATION_FIRST_ROW;
    expect(et.block("_nianbao", `A${row}:C${row + 1}`)).toEqual([
      ["R-BLANK.t2", "本机关本年度未制发规章", "2024-03-01T08:00:00.000Z"],
      ["", "", ""],
    ]);
    expect(et.cell("_nianbao", `C${row}`)).toMatchObject({ value: "2024-03-01T08:00:00.000Z", numberFormat: "@" });
    expect(session.getState().summary.confirmed).toBe(1);

    const reopened = new ValidationSession(new WpsHost(et.application));
    await reopened.start();
    expect(reopened.getState().issues.find((i) => i.id === "R-BLANK.t2")?.confirmation).toEqual({
      ruleId: "R-BLANK.t2",
      note: "本机关本年度未制发规章",
      at: "2024-03-01T08:00:00.000Z",
    });
    expect(reopened.getState().summary.confirmed).toBe(1);

    await session.unconfirm("R-BLANK.t2");

    expect(et.cell("_nianbao", `A${row}`).value).toBeNull();
    await reopened.recheck();
    expect(reopened.getState().summary.confirmed).toBe(0);
    reopened.stop();
  });

  test("a second confirmation is added below the first; confirming again replaces the note", async () => {
    const { et, session } = await paneWithTemplate();

    await session.confirm("R-BLANK.t2", "说明一");
    await session.confirm("R-BLANK.t4", "说明二");
    await session.confirm("R-BLANK.t2", "说明三");

    const row = CONFIRMATION_FIRST_ROW;
    expect(et.block("_nianbao", `A${row}:B${row + 2}`)).toEqual([
      ["R-BLANK.t4", "说明二"],
      ["R-BLANK.t2", "说明三"],
      ["", ""],
    ]);
  });

  test("cannot be stored before the template exists", async () => {
    const { et, host } = etAndHost();

    await expect(host.saveConfirmations([{ ruleId: "R-BLANK.t2", note: "说明", at: "" }])).rejects.toThrow(/请先在“模板”页生成统计表/);
    expect(et.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("the report text as a last resort", () => {
  test("is written one paragraph per row into 报告文本, as text, and replaced the next time", async () => {
    const { et, host } = await paneWithTemplate();

    expect(await host.writeReportText(["一、总体情况", "=不是公式", "12"])).toBe("报告文本");
    await host.writeReportText(["二、主动公开政府信息情况"]);

    expect(et.block("报告文本", "A1:A3")).toEqual([["二、主动公开政府信息情况"], [""], [""]]);
    expect(et.activeSheet()).toBe("报告文本");
    expect(et.sheetNames().filter((s) => s === "报告文本")).toHaveLength(1);
    expect(et.events).toEqual([]);
  });
});

describe("recognising WPS", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, "Application");
    Reflect.deleteProperty(globalThis, "wps");
  });

  test("finds the ET Application WPS puts on the page's globals", () => {
    expect(detectWps(globalThis)).toBeNull();
    const { application } = createFakeEt();
    Object.assign(globalThis, { Application: application, wps: application });

    expect(detectWps(globalThis)).toBe(application);
  });

  test("finds the ET Application on `Application` or on `wps`", () => {
    const { application } = createFakeEt();

    expect(detectWps({ Application: application })).toBe(application);
    expect(detectWps({ wps: application })).toBe(application);
    expect(detectWps({ Application: {}, wps: application })).toBe(application);
    expect(detectWps(createFakeEt({ withoutWorkbook: true }).application)).toBeNull();
    expect(detectWps({ Application: createFakeEt({ withoutWorkbook: true }).application })).not.toBeNull();
  });

  test("passes over odd globals without throwing", () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error("not ready");
        },
        has: () => {
          throw new Error("not ready");
        },
      },
    );
    const withThrowingGetter = Object.defineProperty({}, "Application", {
      get: () => {
        throw new Error("not ready");
      },
    });
    for (const scope of [undefined, null, 42, "Application", {}, { Application: 1 }, { Application: { ActiveWorkbook: {} } }, { Application: { ActiveWorkbook: {}, ApiEvent: {} } }, { wps: { ApiEvent: { AddApiEventListener: () => undefined, RemoveApiEventListener: () => undefined } } }, { Application: throwing }, throwing, withThrowingGetter, { Office: {}, Excel: {} }]) {
      expect(detectWps(scope)).toBeNull();
    }
  });

  test("the typings' Application is an EtApplication", () => {
    // A compile-time check: the real ET object (et-jsapi-declare) has every member the host uses.
    const fromTypings = (app: WPSMergedRoot): EtApplication => app;
    expect(typeof fromTypings).toBe("function");
  });
});

describe("values from ET", () => {
  test("empty cells, numbers, text, booleans and both forms of error values", () => {
    expect([undefined, null, "", 0, 12.5, "/", " 十二 ", true, "#N/A", "#div/0!", -2146826246, -2146826281].map(rawFromEt)).toEqual([
      null,
      null,
      null,
      0,
      12.5,
      "/",
      " 十二 ",
      true,
      { error: "#N/A" },
      { error: "#DIV/0!" },
      { error: "#N/A" },
      { error: "#DIV/0!" },
    ]);
  });

  test("a block handed over as a scalar, rows, or flat", () => {
    expect(rowsOf(5, 1, 1)).toEqual([[5]]);
    expect(rowsOf([[1, 2]], 1, 2)).toEqual([[1, 2]]);
    expect(rowsOf([1, 2], 1, 2)).toEqual([[1, 2]]);
    expect(rowsOf([1, 2], 2, 1)).toEqual([[1], [2]]);
    expect(rowsOf([1, 2, 3, 4], 2, 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("the WPS sources", () => {
  test("use no built-in that WPS's older web view lacks", () => {
    const folder = path.resolve(__dirname, "../../src/adapters/wps");
    const forbidden = /crypto\.randomUUID|\.at\(|Object\.hasOwn|structuredClone|\.findLast(Index)?\(|\.replaceAll\(|Object\.fromEntries|\.flatMap\(|\.flat\(/;
    const offending = readdirSync(folder)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => readFileSync(path.join(folder, file), "utf8").split("\n").map((line, i) => [`${file}:${i + 1}`, line] as const))
      .filter(([, line]) => !line.trimStart().startsWith("//") && forbidden.test(line))
      .map(([where]) => where);
    expect(offending).toEqual([]);
  });
});

describe("the fake ET itself", () => {
  function worksheet(et: FakeEt, name: string): EtWorksheet {
    const item = et.application.ActiveWorkbook?.Worksheets.Item(name);
    if (item === undefined || !isWorksheet(item)) throw new Error(`no worksheet ${name}`);
    return item;
  }

  test("counts calls, reads and writes, and nothing for what the user does", () => {
    const et = createFakeEt();
    const sheet = worksheet(et, "Sheet1");
    et.resetCounts();

    sheet.Range("A1:B2").Value2 = [
      [1, "x"],
      ["12", "#N/A"],
    ];
    const read = sheet.Range("A1:B2").Value2;
    et.userType("Sheet1", "C3", 5);

    expect(read).toEqual([
      [1, "x"],
      [12, "#N/A"],
    ]);
    expect(et.counts).toEqual({ calls: 4, reads: 1, writes: 1 });
  });

  test("models the traps the host must avoid", () => {
    const et = createFakeEt();
    et.addForeignSheet("其他");
    const sheet = worksheet(et, "其他");

    sheet.Range("A1").Validation.Add(1, 1, 7, "0");
    expect(() => sheet.Range("A1:A2").Validation.Add(1, 1, 7, "0")).toThrow(/already have validation/);
    expect(() => sheet.Range("A1").Select()).toThrow(/not the active sheet/);
    expect(() => sheet.Range(Array.from({ length: 80 }, (_, i) => `A${i + 1}`).join(","))).toThrow(/255/);
    sheet.Range("C1:D2").Merge();
    expect(() => (sheet.Range("B1:C1").Formula = [["x", "y"]])).toThrow(/合并单元格的一部分/);
    sheet.Range("C1").Value2 = "左上角";
    expect(et.cell("其他", "C1").value).toBe("左上角");
    sheet.Visible = 0;
    expect(() => sheet.Activate()).toThrow(/隐藏/);
    et.userProtect("Sheet1", "pw");
    const first = worksheet(et, "Sheet1");
    expect(() => (first.Range("A1").Value2 = 1)).toThrow(/受保护/);
    expect(() => first.Unprotect("")).toThrow(/密码不正确/);
    expect(() => first.Unprotect()).toThrow(/ask the user/);
  });

  test("holds events back while EnableEvents is false and calls listeners synchronously otherwise", () => {
    const et = createFakeEt();
    const seen: string[] = [];
    et.application.ApiEvent.AddApiEventListener("SheetChange", (sheet, target) => seen.push(`${sheet.Name}!${(target as { Address(r: boolean, c: boolean): string }).Address(false, false)}`));
    const sheet = worksheet(et, "Sheet1");

    et.application.EnableEvents = false;
    sheet.Range("A1").Value2 = 1;
    et.application.EnableEvents = true;
    sheet.Range("B2").Value2 = 2;
    et.userPaste("Sheet1", "C3", [[1, 2]]);

    expect(seen).toEqual(["Sheet1!B2", "Sheet1!C3:D3"]);
  });
});

describe("writing 正文 from an import", () => {
  test("writes the parts the import holds into their rows with events off, and leaves the others", async () => {
    const { et, host } = etAndHost();
    await host.applyTemplate(META);
    const before = await host.readNarrative();
    await host.writeNarrative({ texts: { "n1.active": "本年度通过门户网站主动公开政府信息120条。", "n5.problems": "" }, numbers: {}, flags: { "claim.allWithinDeadline": true } });
    expect(et.events).toEqual([]);
    const after = await host.readNarrative();
    expect(after.texts["n1.active"]).toBe("本年度通过门户网站主动公开政府信息120条。");
    expect(after.texts["n5.problems"]).toBe(before.texts["n5.problems"]);
    expect(after.texts["n1.platform"]).toBe(before.texts["n1.platform"]);
    expect(after.flags["claim.allWithinDeadline"]).toBe(true);
  });

  test("without a 正文 sheet it says to generate the tables first", async () => {
    const { host } = etAndHost();
    await expect(host.writeNarrative({ texts: { "n1.active": "x" }, numbers: {}, flags: {} })).rejects.toThrow(HostError);
  });
});
