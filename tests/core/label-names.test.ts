// Cells named the way the browser page shows them — by the table, the row label and the column label — since the
// page draws the tables without column letters. Sheet addresses stay for Excel and WPS.

import { LABEL_LOCATOR, STANDARD_LOCATOR, cellLabelName, describeCellAt, formatAddresses } from "../../src/core/locale/addresses";

test("a cell of 表三 is named by its row and column labels", () => {
  expect(cellLabelName("t3.new.total")).toBe("表三“一、本年新收政府信息公开申请数量”行“总计”列");
  expect(cellLabelName("t3.new.natural")).toBe("表三“一、本年新收政府信息公开申请数量”行“自然人”列");
});

test("表四, with a single data row, is named by its column headers", () => {
  const name = cellLabelName("t4.review.upheld");
  expect(name.startsWith("表四“")).toBe(true);
  expect(name.endsWith("”栏")).toBe(true);
  expect(name).toContain("行政复议");
  expect(name).toContain("结果维持");
});

test("cells of one row are named together; a contiguous run by its first and last column", () => {
  const row = ["t3.new.natural", "t3.new.commercial", "t3.new.research", "t3.new.publicInterest", "t3.new.legalService", "t3.new.otherOrg", "t3.new.total"];
  const text = formatAddresses(row, LABEL_LOCATOR);
  expect(text).toMatch(/^表三“一、本年新收政府信息公开申请数量”行“自然人”至“[^”]*”各列$/);
  expect(text).not.toMatch(/[A-Z]\d/);
});

test("cells of different rows are listed apart, the table named once, and a long list is cut with a count", () => {
  const text = formatAddresses(["t3.new.total", "t3.carryOver.total"], LABEL_LOCATOR);
  expect(text.match(/表三/g)).toHaveLength(1);
  expect(text).toContain("一、本年新收政府信息公开申请数量");
  expect(text).toContain("二、上年结转政府信息公开申请数量");
  const many = formatAddresses(["t3.new.total", "t3.carryOver.total", "t3.result.total.total"], LABEL_LOCATOR, 2);
  expect(many).toContain("等 3 个单元格");
});

test("the standard locator keeps sheet addresses, and describing a cell by labels does not say them twice", () => {
  expect(formatAddresses(["t3.new.total"], STANDARD_LOCATOR)).toBe("表三!J4");
  expect(describeCellAt("t3.new.total", STANDARD_LOCATOR)).toMatch(/^表三!J4（/);
  expect(describeCellAt("t3.new.total", LABEL_LOCATOR)).toBe(cellLabelName("t3.new.total"));
});
