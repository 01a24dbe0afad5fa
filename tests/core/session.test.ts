// The pane's session (src/core/session) over the browser host (src/adapters/browser): what the pane shows is
// exactly what the one check says of the same report, as the user types, writes 正文, confirms a 提示 and
// compares with last year's report; the browser host keeps what the user typed across reloads.

import { BrowserHost, STORAGE_KEY } from "../../src/adapters/browser/browser-host";
import type { KeyValueStore } from "../../src/adapters/browser/browser-host";
import { checkReport, previousYearOf } from "../../src/core/check";
import { ValidationSession } from "../../src/core/session";
import { WRITTEN_NARRATIVE, loadExample, metaOf, sourceOf, zeroReport } from "../support/reports";

const META = metaOf({ agencyName: "某县教育局", year: 2023, level: "县级部门" });

function memoryStore(): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const WRITTEN = WRITTEN_NARRATIVE;

/** Types every value of a report into the page's tables, as a user would. */
function typeAll(host: BrowserHost, values: Record<string, unknown>): void {
  for (const [id, value] of Object.entries(values)) host.typeCell(id, String(value));
}

async function started(store = memoryStore()): Promise<{ host: BrowserHost; session: ValidationSession; store: ReturnType<typeof memoryStore> }> {
  const host = new BrowserHost(store);
  const session = new ValidationSession(host, undefined, () => new Date("2024-01-15T09:00:00Z"));
  await session.start();
  return { host, session, store };
}

describe("the session over the browser host", () => {
  test("an empty page is unfinished; typing fills it; the pane's figures are the check's", async () => {
    const { host, session } = await started();
    expect(session.getState().summary).toMatchObject({ verdict: "incomplete", filled: 0 });
    await session.applyTemplate(META);
    host.writeNarrative(WRITTEN);
    typeAll(host, zeroReport());
    await new Promise((resolve) => setTimeout(resolve, 0)); // the narrative is read back asynchronously
    const state = session.getState();
    const expected = checkReport(sourceOf(zeroReport(), META, WRITTEN));
    expect(state.summary).toEqual(expected.summary);
    expect(state.summary.verdict).toBe("pass");
    expect(state.issues).toEqual([]);
  });

  test("a mark typed into a cell raises its issue at once and marks the cell; fixing it clears both", async () => {
    const { host, session } = await started();
    await session.applyTemplate(META);
    host.writeNarrative(WRITTEN);
    typeAll(host, zeroReport());
    await new Promise((resolve) => setTimeout(resolve, 0));
    host.typeCell("t4.review.upheld", "/");
    let state = session.getState();
    expect(state.issues.map((i) => [i.id, i.group])).toEqual([["R-INPUT.t4.review.upheld", "t4"]]);
    expect(state.marks.get("t4.review.upheld")).toBe("error");
    expect(state.summary).toMatchObject({ verdict: "errors", errors: 1 });
    host.typeCell("t4.review.upheld", "0");
    state = session.getState();
    expect(state.issues).toEqual([]);
    expect(state.marks.size).toBe(0);
  });

  test("the text is checked live: a placeholder written in 正文 is a 强制 issue of the 正文 group", async () => {
    const { host, session } = await started();
    await session.applyTemplate(META);
    typeAll(host, zeroReport());
    host.writeNarrative({ ...WRITTEN, texts: { ...WRITTEN.texts, "n1.platform": "门户网站发布信息XX条。" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const state = session.getState();
    expect(state.issues.map((i) => [i.rule, i.group, i.severity])).toEqual([["T-PLACEHOLDER", "text", "error"]]);
    expect(state.summary.verdict).toBe("errors");
    expect(state.summary.tables.verdict).toBe("pass");
  });

  test("a confirmed 提示 is not counted, is stored, and survives a reload of the page", async () => {
    const store = memoryStore();
    const { host, session } = await started(store);
    await session.applyTemplate(META);
    host.writeNarrative(WRITTEN);
    typeAll(host, loadExample("003").values);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the narrative is read back asynchronously
    expect(session.getState().summary).toMatchObject({ verdict: "warnings", warnings: 1 });
    await expect(session.confirm("R-T2-FEE-DEC", "  ")).rejects.toThrow("请填写确认说明");
    await session.confirm("R-T2-FEE-DEC", "按财政决算数填报，保留三位小数");
    expect(session.getState().summary).toMatchObject({ verdict: "pass", warnings: 0, confirmed: 1 });
    expect(store.data.get(STORAGE_KEY)).toContain("按财政决算数填报");

    const reloaded = await started(store);
    expect(reloaded.session.getState().summary).toMatchObject({ verdict: "pass", confirmed: 1, filled: 200 });
    expect(reloaded.session.getState().issues[0]?.confirmation?.note).toBe("按财政决算数填报，保留三位小数");
    await reloaded.session.unconfirm("R-T2-FEE-DEC");
    expect(reloaded.session.getState().summary).toMatchObject({ verdict: "warnings", confirmed: 0 });
  });

  test("comparing with last year's report adds the cross-year checks until the user stops", async () => {
    const { host, session } = await started();
    await session.applyTemplate(META);
    host.writeNarrative(WRITTEN);
    typeAll(host, { ...zeroReport(), "t2.normativeDoc.issued": 2, "t2.normativeDoc.valid": 5 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lastYear = previousYearOf(sourceOf({ ...zeroReport(), "t2.normativeDoc.valid": 1 }, metaOf({ agencyName: "某县教育局", year: 2022 })));
    const found = await session.compareWithPrevious(lastYear);
    expect(found.map((i) => [i.id, i.expected, i.actual])).toEqual([["X-T2-STOCK.normativeDoc", 3, 5]]);
    expect(session.getState()).toMatchObject({ comparing: true, summary: { verdict: "warnings", warnings: 1 } });
    session.stopComparing();
    expect(session.getState()).toMatchObject({ comparing: false, summary: { verdict: "pass", warnings: 0 } });
  });
});

describe("the browser host", () => {
  test("keeps what the user typed, as typed, across a reload; clear empties it", async () => {
    const store = memoryStore();
    const host = new BrowserHost(store);
    host.typeCell("t3.new.natural", "8");
    host.typeCell("t3.new.commercial", "５件");
    host.typeCell("t3.new.total", "");
    const again = new BrowserHost(store);
    expect(again.value("t3.new.natural")).toBe(8);
    expect(again.value("t3.new.commercial")).toBe("５件");
    expect(again.value("t3.new.total")).toBeNull();
    expect(again.filledCount()).toBe(2);
    const snapshot = await again.readSnapshot();
    expect(snapshot.source.cells.get("t3.new.commercial")).toBe("５件");
    expect(snapshot.source.origins.get("t3.new.natural")).toEqual({ kind: "sheet", address: "表三!D4" });
    again.clear();
    expect(new BrowserHost(store).filledCount()).toBe(0);
  });

  test("a damaged stored state is ignored, not fatal", () => {
    const store = memoryStore();
    store.setItem(STORAGE_KEY, "{not json");
    expect(new BrowserHost(store).filledCount()).toBe(0);
  });

  test("an .xlsx saved from the page opens again with the same values, 正文 and confirmations", async () => {
    const host = new BrowserHost(memoryStore());
    await host.applyTemplate(META);
    host.writeNarrative(WRITTEN);
    typeAll(host, loadExample("003").values);
    await host.saveConfirmations([{ ruleId: "R-T2-FEE-DEC", note: "决算数", at: "2024-01-15T09:00:00.000Z" }]);
    const data = await host.saveXlsx();
    const other = new BrowserHost(memoryStore());
    await other.openXlsx(data);
    const { source } = await other.readSnapshot();
    expect(checkReport(source).values).toEqual(checkReport(sourceOf(loadExample("003").values, META)).values);
    expect(source.meta).toMatchObject({ agencyName: "某县教育局", year: 2023, level: "县级部门" });
    expect(source.narrative?.texts["n1.platform"]).toBe(WRITTEN.texts["n1.platform"]);
    expect(source.confirmations.map((c) => c.note)).toEqual(["决算数"]);
  });
});
