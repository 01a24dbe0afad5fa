// The browser app's host (src/adapters/browser/browser-host.ts) with a real workbook: the template of the
// repo's own writer, edited with ExcelJS as a user's spreadsheet program would (a formula, another sheet),
// opened in the page's workbook and saved again; and the 正文 fields, whose guidance is a placeholder.

import ExcelJS from "exceljs";
import type { KeyValueStore } from "../../../src/adapters/browser/browser-host";
import { BrowserHost, STORAGE_KEY } from "../../../src/adapters/browser/browser-host";
import { keepsMeaning } from "../../../src/adapters/browser/opened-workbook";
import { createTemplatePlan } from "../../../src/adapters/workbook/plan";
import { readWorkbook } from "../../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../../src/adapters/xlsx/write-workbook";
import { checkReport } from "../../../src/core/check";
import type { CellId } from "../../../src/core/format";
import { INPUT_CELLS, standardAddress } from "../../../src/core/format";
import { NARRATIVE_FIELDS, guidanceNarrative } from "../../../src/core/report";
import { RULE_PACK } from "../../../src/core/rules";
import { metaOf, zeroReport } from "../../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2024, level: "县级部门" });

/** The input cell at a sheet address of the template, e.g. at("表三!J4"). */
function at(address: string): CellId {
  const cell = INPUT_CELLS.find((c) => standardAddress(c.id) === address);
  if (!cell) throw new Error(`no input cell at ${address}`);
  return cell.id;
}

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { readonly items: Record<string, string> } {
  const items = { ...initial };
  return { items, getItem: (key) => items[key] ?? null, setItem: (key, value) => void (items[key] = value) };
}

/** The template with 表三 row 4 filled in, then edited: J4 a formula with its value, E5 one reading another sheet. */
async function editedWorkbook(): Promise<Uint8Array> {
  const values = { [at("表三!D4")]: 5, [at("表三!E4")]: 3 };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeWorkbook(createTemplatePlan(META, RULE_PACK), { values })) as unknown as ExcelJS.Buffer);
  const t3 = workbook.getWorksheet("表三")!;
  t3.getCell("J4").value = { formula: "SUM(D4:I4)", result: 8, date1904: false };
  t3.getCell("E5").value = { formula: "说明!B2", result: 2, date1904: false };
  const notes = workbook.addWorksheet("说明");
  notes.getCell("A1").value = "填报说明";
  notes.getCell("B2").value = 2;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("a workbook opened in the page and saved again", () => {
  test("keeps a formula as a formula with its value, and names the sheets saving does not keep", async () => {
    const host = new BrowserHost(memoryStore());
    const opened = await host.openXlsx(await editedWorkbook());
    expect(opened.otherSheets).toEqual(["说明"]);
    // E5 reads a sheet the saved workbook does not have: only its value can be kept.
    expect(opened.formulasAsValues).toEqual([at("表三!E5")]);
    expect(opened.unread).toEqual([]);
    expect(host.formula(at("表三!J4"))).toBe("SUM(D4:I4)");
    expect(host.value(at("表三!J4"))).toBe(8);

    const saved = await load(await host.saveXlsx());
    const t3 = saved.getWorksheet("表三")!;
    expect(t3.getCell("J4").value).toEqual({ formula: "SUM(D4:I4)", result: 8 });
    expect(t3.getCell("E5").value).toBe(2);
    expect(t3.getCell("D4").value).toBe(5);
    expect(saved.getWorksheet("说明")).toBeUndefined();
    // The saved workbook reads back with the same figures (the formula's cached value).
    const content = await readWorkbook(await host.saveXlsx());
    expect(content.cells.get(at("表三!J4"))).toBe(8);
    expect(content.meta).toMatchObject({ agencyName: "某县教育局", year: 2024 });
  });

  test("a formula typed over is replaced by the figure, and the formulas are kept across a reload", async () => {
    const store = memoryStore();
    const host = new BrowserHost(store);
    await host.openXlsx(await editedWorkbook());
    expect(new BrowserHost(store).formula(at("表三!J4"))).toBe("SUM(D4:I4)");
    host.typeCell(at("表三!J4"), "9");
    expect(host.formula(at("表三!J4"))).toBeNull();
    const t3 = (await load(await host.saveXlsx())).getWorksheet("表三")!;
    expect(t3.getCell("J4").value).toBe(9);
  });

  test("each figure that is a formula's result is named (提示), as the CLI's check of the same workbook names it, until typed over", async () => {
    const store = memoryStore();
    const host = new BrowserHost(store);
    const data = await editedWorkbook();
    await host.openXlsx(data);
    const formulaNotes = (result: ReturnType<typeof checkReport>): string[] => result.issues.filter((i) => i.rule === "S-FORMULA").map((i) => i.id).sort();
    const inPage = formulaNotes(checkReport((await host.readSnapshot()).source));
    // Both formulas: the one saving keeps and the one whose value alone is kept.
    expect(inPage).toEqual([`S-FORMULA.${at("表三!E5")}`, `S-FORMULA.${at("表三!J4")}`].sort());
    expect(inPage).toEqual(formulaNotes(checkReport(await readWorkbook(data))));
    // Across a reload of the page.
    expect(formulaNotes(checkReport((await new BrowserHost(store).readSnapshot()).source))).toEqual(inPage);
    host.typeCell(at("表三!J4"), "8");
    expect(formulaNotes(checkReport((await host.readSnapshot()).source))).toEqual([`S-FORMULA.${at("表三!E5")}`]);
    host.clear();
    expect(formulaNotes(checkReport((await host.readSnapshot()).source))).toEqual([]);
  });

  test("a formula saved without a value stays a formula (not its text)", async () => {
    const workbook = await load(await editedWorkbook());
    workbook.getWorksheet("表三")!.getCell("F4").value = { formula: "1+1", date1904: false };
    const host = new BrowserHost(memoryStore());
    await host.openXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(host.value(at("表三!F4"))).toBe("=1+1");
    const f4 = (await load(await host.saveXlsx())).getWorksheet("表三")!.getCell("F4");
    expect(f4.value).toEqual({ formula: "1+1" });
  });
});

describe("which formulas mean the same in the saved workbook", () => {
  const grids = new Map([
    ["表三", { rows: 28, cols: 10 }],
    ["表二", { rows: 12, cols: 4 }],
  ]);
  test.each([
    ["SUM(D4:I4)", true],
    ["$D$4+E4*2", true],
    ["表二!B3+D4", true],
    ["'表二'!B3", true],
    ['IF(D4>0,"说明!A1",0)', true],
    ["说明!B2", false],
    ["K4", false],
    ["SUM(D:D)", false],
    ["合计", false],
    ["#REF!+1", false],
    ["[1]表三!D4", false],
  ])("%s → %s", (formula, kept) => {
    expect(keepsMeaning(formula, "表三", grids)).toBe(kept);
  });
});

describe("the 正文 fields", () => {
  test("start empty (the guidance is the placeholder), and an empty part is not written: the verdict stays 未完成", async () => {
    const host = new BrowserHost(memoryStore());
    expect(host.narrative.texts).toEqual({});
    await host.writeCells(new Map(Object.entries(zeroReport()) as [CellId, number][]));
    host.writeNarrative({ ...host.narrative, numbers: { "n6.feeNotices": 0 } });
    const { source } = await host.readSnapshot();
    const result = checkReport({ ...source, meta: META });
    expect(result.summary.verdict).toBe("incomplete");
    // Unwritten, not wrong: no issue calls the empty parts errors, and the report prints 【未填写】 for them.
    expect(result.issues.filter((i) => i.rule === "T-MISSING")).toEqual([]);
    expect((await host.readNarrative()).texts["n1.infoMgmt"]).toBe(NARRATIVE_FIELDS.find((f) => f.key === "n1.infoMgmt")!.guidance);
  });

  test("every part written: the text no longer keeps the verdict at 未完成", async () => {
    const host = new BrowserHost(memoryStore());
    await host.writeCells(new Map(Object.entries(zeroReport()) as [CellId, number][]));
    const texts = Object.fromEntries(
      NARRATIVE_FIELDS.filter((f) => f.kind === "text").map((f) => [f.key, `本年度${f.label.replace(/[（）、一二三四五六]/g, "")}工作按要求开展，相关情况已在门户网站公开。`]),
    );
    host.writeNarrative({ texts, numbers: { "n6.feeNotices": 0 }, flags: {} });
    const { source } = await host.readSnapshot();
    const result = checkReport({ ...source, meta: META });
    expect(result.summary.verdict).not.toBe("incomplete");
  });

  test("stored by an older version with the guidance as text, the fields load empty; what the user wrote stays", () => {
    const old = guidanceNarrative();
    const stored = {
      version: 1,
      hasTemplate: true,
      meta: META,
      values: {},
      confirmations: [],
      narrative: { ...old, texts: { ...old.texts, "n5.problems": "一是公开内容不够全面。" } },
    };
    const host = new BrowserHost(memoryStore({ [STORAGE_KEY]: JSON.stringify(stored) }));
    expect(host.narrative.texts["n1.infoMgmt"]).toBe("");
    expect(host.narrative.texts.contact).toBe("");
    expect(host.narrative.texts["n5.problems"]).toBe("一是公开内容不够全面。");
  });

  test("saved as .xlsx, an empty field is the template's guidance in 正文 (an untouched sheet reads back the same)", async () => {
    const host = new BrowserHost(memoryStore());
    host.writeNarrative({ ...host.narrative, texts: { "n5.problems": "一是公开内容不够全面。" } });
    const content = await readWorkbook(await host.saveXlsx());
    const guidance = NARRATIVE_FIELDS.find((f) => f.key === "n1.infoMgmt")!.guidance;
    expect(content.narrative?.texts["n1.infoMgmt"]).toBe(guidance);
    expect(content.narrative?.texts["n5.problems"]).toBe("一是公开内容不够全面。");
    // Opened again in the page, the guidance is an empty field once more.
    const again = new BrowserHost(memoryStore());
    await again.openXlsx(await host.saveXlsx());
    expect(again.narrative.texts["n1.infoMgmt"]).toBe("");
    expect(again.narrative.texts["n5.problems"]).toBe("一是公开内容不够全面。");
  });
});
