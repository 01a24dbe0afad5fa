// The accessible names of the browser page's 200 inputs (src/ui/tables-view.tsx): each says what the page
// shows — the table, the row and column labels, in the words of the page's messages — and no two are alike,
// so that a screen reader never reads a sheet address the page does not show, nor the same name twice.

import { TABLES } from "../../src/core/format";
import { cellLabelName } from "../../src/core/locale";
import { cellLabel } from "../../src/ui/tables-view";

const INPUTS = TABLES.flatMap((table) => table.inputs.map((cell) => ({ table, cell, name: cellLabel(cell) })));

test("every input of 表二, 表三 and 表四 has a name of its own", () => {
  expect(TABLES.map((t) => t.sheetName)).toEqual(["表二", "表三", "表四"]);
  expect(INPUTS).toHaveLength(200);
  const byName = new Map<string, string[]>();
  for (const { cell, name } of INPUTS) byName.set(name, [...(byName.get(name) ?? []), cell.id]);
  expect([...byName.values()].filter((ids) => ids.length > 1)).toEqual([]);
});

test("no name holds a sheet address, a cell ID or Latin letters", () => {
  expect(INPUTS.filter(({ name }) => /[A-Z]+\d+/.test(name)).map(({ name }) => name)).toEqual([]);
  expect(INPUTS.filter(({ name }) => /[A-Za-z]/.test(name)).map(({ name }) => name)).toEqual([]);
});

test("a name starts with its table and is the cell's name in the page's messages", () => {
  for (const { table, cell, name } of INPUTS) {
    expect(name.startsWith(`${table.sheetName}“`)).toBe(true);
    expect(name).toBe(cellLabelName(cell.id));
  }
  const named = (id: string): string | undefined => INPUTS.find(({ cell }) => cell.id === id)?.name;
  expect(named("t3.new.total")).toBe("表三“一、本年新收政府信息公开申请数量”行“总计”列");
  expect(named("t2.fee.amountWan")).toBe("表二“行政事业性收费”行“本年收费金额（单位：万元）”列");
  expect(named("t4.litDirect.upheld")).toBe("表四“未经复议直接起诉 · 结果维持”栏");
});
