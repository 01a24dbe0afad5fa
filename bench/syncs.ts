// Sync budgets of the Office host, counted on the in-memory Excel (tests/support/fake-excel.ts):
// context.sync() calls per single-cell edit (a number; a formula on ExcelApi 1.13), per 7 × 25 paste into 表三, and to write the whole template.

import { OfficeHost } from "../src/adapters/office/office-host";
import { EMPTY_META } from "../src/core/format";
import { ValidationSession } from "../src/core/session";
import type { FakeApi, FakeExcel } from "../tests/support/fake-excel";
import { createFakeExcel } from "../tests/support/fake-excel";

async function paneOnTemplate(api: FakeApi): Promise<{ excel: FakeExcel; host: OfficeHost }> {
  const excel = createFakeExcel({ api });
  const host = new OfficeHost({ run: excel.run, requirements: excel.requirements, coalesceMs: 1 });
  const session = new ValidationSession(host);
  await session.start();
  await session.applyTemplate({ ...EMPTY_META, agencyName: "基准测试局", year: 2025, level: "县级部门" });
  await excel.settle();
  excel.resetCounts();
  return { excel, host };
}

async function settle(excel: FakeExcel, host: OfficeHost): Promise<void> {
  await excel.settle();
  await host.flushPending();
  await excel.settle();
}

export interface SyncFigures {
  readonly template: number;
  readonly cellEdit: number;
  readonly cellEditApi18: number;
  /** A formula typed into one cell on ExcelApi 1.13 (its formula event makes the cell be read). */
  readonly formulaEditApi113: number;
  /** A number typed on ExcelApi 1.13 (the formula event is registered; no formula changes). */
  readonly cellEditApi113: number;
  readonly paste: number;
}

export async function countSyncs(): Promise<SyncFigures> {
  const fresh = createFakeExcel({ api: "1.9" });
  await new OfficeHost({ run: fresh.run, requirements: fresh.requirements }).applyTemplate(EMPTY_META);
  const template = fresh.syncs;

  const edit = await paneOnTemplate("1.9");
  edit.excel.userEdit("表三", "D4", 5);
  await settle(edit.excel, edit.host);
  const cellEdit = edit.excel.syncs;

  const old = await paneOnTemplate("1.8");
  old.excel.userEdit("表三", "D4", 5);
  await settle(old.excel, old.host);
  const cellEditApi18 = old.excel.syncs;

  const formula = await paneOnTemplate("1.13");
  formula.excel.userEdit("表三", "E4", 5);
  await settle(formula.excel, formula.host);
  const cellEditApi113 = formula.excel.syncs;
  formula.excel.resetCounts();
  formula.excel.userFormula("表三", "D4", "=2+3", 5);
  await settle(formula.excel, formula.host);
  const formulaEditApi113 = formula.excel.syncs;

  const paste = await paneOnTemplate("1.9");
  paste.excel.userPaste("表三", "D4", Array.from({ length: 25 }, (_, r) => Array.from({ length: 7 }, (_, c) => (r + c) % 5)));
  await settle(paste.excel, paste.host);
  return { template, cellEdit, cellEditApi18, cellEditApi113, formulaEditApi113, paste: paste.excel.syncs };
}
