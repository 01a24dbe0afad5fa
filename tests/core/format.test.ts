// The three statistical tables of the 2021 format, checked against the domain spec (report-format.md §1.1–§1.3):
// the 200 input cells and their IDs, their addresses in the standard template, every label verbatim with its
// merge, the tiling of each grid, and the small metadata helpers. Expected data is copied from the spec.

import type { AgencyLevel, GridSpan, TableLayout } from "../../src/core/format";
import {
  INPUT_CELLS,
  TABLES,
  TABLE_2,
  TABLE_3,
  TABLE_4,
  UnknownCellError,
  columnLetters,
  feePlausibleMaxWan,
  getCell,
  getTable,
  hasRuleMakingPower,
  isAgencyLevel,
  isCellId,
  standardAddress,
} from "../../src/core/format";

// ---------------------------------------------------------------------------------------------------------
// Key lists, copied from the machine-readable block of spec §1.2.

const T3_ROW_KEYS = [
  "new",
  "carryOver",
  "result.granted",
  "result.partial",
  "result.withheld.stateSecret",
  "result.withheld.lawForbidden",
  "result.withheld.threeSecurity",
  "result.withheld.thirdParty",
  "result.withheld.internal",
  "result.withheld.process",
  "result.withheld.enforcement",
  "result.withheld.query",
  "result.unavailable.notHeld",
  "result.unavailable.needCreate",
  "result.unavailable.unclear",
  "result.notProcessed.complaint",
  "result.notProcessed.duplicate",
  "result.notProcessed.publication",
  "result.notProcessed.excessive",
  "result.notProcessed.confirm",
  "result.other.noCorrection",
  "result.other.noFee",
  "result.other.misc",
  "result.total",
  "carryForward",
];
const T3_COL_KEYS = ["natural", "commercial", "research", "publicInterest", "legalService", "otherOrg", "total"];
const T4_BLOCKS = ["review", "litDirect", "litAfterReview"];
const T4_COL_KEYS = ["upheld", "corrected", "other", "pending", "total"];

/** Spec §1.2: "Column letter map: D=natural, E=commercial, F=research, G=publicInterest, H=legalService, I=otherOrg, J=total." */
const T3_COLUMN_LETTER: Readonly<Record<string, string>> = {
  natural: "D",
  commercial: "E",
  research: "F",
  publicInterest: "G",
  legalService: "H",
  otherOrg: "I",
  total: "J",
};

/** Spec §1.3: review = A–E, litDirect = F–J, litAfterReview = K–O, columns in the order 维持/纠正/其他/尚未审结/总计. */
const T4_COLUMN_LETTERS: Readonly<Record<string, string>> = { review: "ABCDE", litDirect: "FGHIJ", litAfterReview: "KLMNO" };

const T2_IDS = [
  "t2.regulation.issued",
  "t2.regulation.repealed",
  "t2.regulation.valid",
  "t2.normativeDoc.issued",
  "t2.normativeDoc.repealed",
  "t2.normativeDoc.valid",
  "t2.license.decisions",
  "t2.penalty.decisions",
  "t2.coercion.decisions",
  "t2.fee.amountWan",
];

const T3_IDS = T3_ROW_KEYS.flatMap((row) => T3_COL_KEYS.map((col) => `t3.${row}.${col}`));
const T4_IDS = T4_BLOCKS.flatMap((block) => T4_COL_KEYS.map((col) => `t4.${block}.${col}`));

// Letters written out, so that ranges below do not depend on the code under test (tables are at most 15 wide).
const LETTERS = "ABCDEFGHIJKLMNO";

/** A span as the spec writes it: "B7" for one cell, "B7:D7" for a merge. */
function rangeOf(span: GridSpan): string {
  const start = `${LETTERS[span.col - 1]}${span.row}`;
  if (span.rowSpan === 1 && span.colSpan === 1) return start;
  return `${start}:${LETTERS[span.col + span.colSpan - 2]}${span.row + span.rowSpan - 1}`;
}

function labelsByRange(table: TableLayout): Record<string, string> {
  return Object.fromEntries(table.labels.map((l) => [rangeOf(l), l.text]));
}

/** The labels of a table are exactly `expected` (one label per range, none extra, none twice). */
function expectLabels(table: TableLayout, expected: Record<string, string>): void {
  expect(labelsByRange(table)).toEqual(expected);
  expect(table.labels).toHaveLength(Object.keys(expected).length);
}

function inputsByRange(table: TableLayout): Record<string, string> {
  return Object.fromEntries(table.inputs.map((c) => [c.id, rangeOf(c)]));
}

const ids = (table: TableLayout): string[] => table.inputs.map((c) => c.id);

// ---------------------------------------------------------------------------------------------------------

describe("the 200 input cells (spec §1: t2 = 10, t3 = 25 × 7 = 175, t4 = 15)", () => {
  test("there are exactly 200 input cells: 10 in 表二, 175 in 表三, 15 in 表四", () => {
    expect(INPUT_CELLS).toHaveLength(200);
    expect(TABLE_2.inputs).toHaveLength(10);
    expect(TABLE_3.inputs).toHaveLength(175);
    expect(TABLE_4.inputs).toHaveLength(15);
    expect(TABLES.map((t) => t.id)).toEqual(["t2", "t3", "t4"]);
  });

  test("every cell ID is unique", () => {
    const all = INPUT_CELLS.map((c) => c.id);
    expect(new Set(all).size).toBe(200);
  });

  test("表二 has exactly the ten IDs of spec §1.1", () => {
    expect([...ids(TABLE_2)].sort()).toEqual([...T2_IDS].sort());
  });

  test("表三 IDs are exactly the 25 row keys × 7 column keys of spec §1.2", () => {
    expect(T3_ROW_KEYS).toHaveLength(25);
    expect(T3_COL_KEYS).toHaveLength(7);
    expect([...ids(TABLE_3)].sort()).toEqual([...T3_IDS].sort());
  });

  test("表四 IDs are exactly 3 blocks × 5 columns of spec §1.3", () => {
    expect([...ids(TABLE_4)].sort()).toEqual([...T4_IDS].sort());
  });

  test("every cell says which table it belongs to, matching its ID prefix", () => {
    for (const table of TABLES) {
      for (const cell of table.inputs) {
        expect(cell.table).toBe(table.id);
        expect(cell.id.startsWith(`${table.id}.`)).toBe(true);
      }
    }
  });

  test.each([
    // 8-column third-party variant (法人或其他组织 小计) and 28/29-row subtotal variants are not emitted (spec §1.2, E9).
    "t3.new.subtotal",
    "t3.new.legalPerson",
    "t3.result.withheld.total",
    "t3.result.unavailable.natural",
    "t3.result.other.natural",
    "t3.result.otherLegacy.natural",
    "t2.fee.amount",
    "t4.review",
    "",
  ])("%j is not a cell of the 2021 format", (id) => {
    expect(isCellId(id)).toBe(false);
    expect(() => getCell(id)).toThrow(UnknownCellError);
  });

  test("getCell finds a cell by ID and getTable finds its table", () => {
    expect(getCell("t3.carryForward.total")).toMatchObject({ table: "t3", row: 28, col: 10 });
    expect(isCellId("t3.carryForward.total")).toBe(true);
    expect(getTable("t4").sheetName).toBe("表四");
  });
});

describe("tables, sheets and grid sizes", () => {
  test.each([
    // id, sheet, section heading (spec §1 report skeleton), columns, rows
    ["t2", "表二", "二、主动公开政府信息情况", 4, 14],
    ["t3", "表三", "三、收到和处理政府信息公开申请情况", 10, 28],
    ["t4", "表四", "四、政府信息公开行政复议、行政诉讼情况", 15, 4],
  ] as const)("%s is %s under “%s”, %i columns × %i rows", (id, sheetName, title, colCount, rowCount) => {
    const table = getTable(id);
    expect(table).toMatchObject({ id, sheetName, title, colCount, rowCount });
    expect(table.columnWidths).toHaveLength(colCount);
  });
});

describe("standardAddress: where each cell sits in the standard template", () => {
  test.each([
    ["t3.new.natural", "表三!D4"],
    ["t3.carryOver.total", "表三!J5"],
    ["t3.result.withheld.stateSecret.total", "表三!J8"],
    ["t3.result.other.noFee.legalService", "表三!H25"],
    ["t3.result.total.total", "表三!J27"],
    ["t3.carryForward.otherOrg", "表三!I28"],
    ["t3.carryForward.total", "表三!J28"],
    ["t2.regulation.issued", "表二!B3"],
    ["t2.normativeDoc.valid", "表二!D4"],
    ["t2.license.decisions", "表二!B7"],
    ["t2.penalty.decisions", "表二!B10"],
    ["t2.coercion.decisions", "表二!B11"],
    ["t2.fee.amountWan", "表二!B14"],
    ["t4.review.upheld", "表四!A4"],
    ["t4.review.total", "表四!E4"],
    ["t4.litDirect.upheld", "表四!F4"],
    ["t4.litDirect.total", "表四!J4"],
    ["t4.litAfterReview.pending", "表四!N4"],
    ["t4.litAfterReview.total", "表四!O4"],
  ])("%s → %s", (id, address) => {
    expect(standardAddress(id)).toBe(address);
  });

  test.each(T3_ROW_KEYS.map((key, index) => [key, 4 + index] as const))("表三 row key %s sits on sheet row %i (4 + index)", (rowKey, row) => {
    const addresses = T3_COL_KEYS.map((col) => standardAddress(`t3.${rowKey}.${col}`));
    expect(addresses).toEqual(T3_COL_KEYS.map((col) => `表三!${T3_COLUMN_LETTER[col]}${row}`));
  });

  test("表四: every block × column sits on row 4 in its own column, A to O", () => {
    const actual = T4_IDS.map((id) => standardAddress(id));
    const expected = T4_BLOCKS.flatMap((block) => [...(T4_COLUMN_LETTERS[block] ?? "")].map((letter) => `表四!${letter}4`));
    expect(actual).toEqual(expected);
    expect(new Set(actual).size).toBe(15);
  });

  test("an unknown ID has no address", () => {
    expect(() => standardAddress("t3.new.subtotal")).toThrow(UnknownCellError);
  });
});

describe("表二 二、主动公开政府信息情况 (spec §1.1)", () => {
  test("every label verbatim with its merge", () => {
    expectLabels(TABLE_2, {
      "A1:D1": "第二十条第（一）项",
      A2: "信息内容",
      B2: "本年制发件数",
      C2: "本年废止件数",
      D2: "现行有效件数",
      A3: "规章",
      A4: "行政规范性文件",
      "A5:D5": "第二十条第（五）项",
      A6: "信息内容",
      "B6:D6": "本年处理决定数量",
      A7: "行政许可",
      "A8:D8": "第二十条第（六）项",
      A9: "信息内容",
      "B9:D9": "本年处理决定数量",
      A10: "行政处罚",
      A11: "行政强制",
      "A12:D12": "第二十条第（八）项",
      A13: "信息内容",
      "B13:D13": "本年收费金额（单位：万元）",
      A14: "行政事业性收费",
    });
  });

  test("input cells and their spans: the 数量 columns of (五)(六)(八) span B:D", () => {
    expect(inputsByRange(TABLE_2)).toEqual({
      "t2.regulation.issued": "B3",
      "t2.regulation.repealed": "C3",
      "t2.regulation.valid": "D3",
      "t2.normativeDoc.issued": "B4",
      "t2.normativeDoc.repealed": "C4",
      "t2.normativeDoc.valid": "D4",
      "t2.license.decisions": "B7:D7",
      "t2.penalty.decisions": "B10:D10",
      "t2.coercion.decisions": "B11:D11",
      "t2.fee.amountWan": "B14:D14",
    });
  });

  test.each([
    ["t2.regulation.issued", ["第二十条第（一）项", "规章", "本年制发件数"]],
    ["t2.regulation.repealed", ["第二十条第（一）项", "规章", "本年废止件数"]],
    ["t2.regulation.valid", ["第二十条第（一）项", "规章", "现行有效件数"]],
    ["t2.normativeDoc.issued", ["第二十条第（一）项", "行政规范性文件", "本年制发件数"]],
    ["t2.normativeDoc.repealed", ["第二十条第（一）项", "行政规范性文件", "本年废止件数"]],
    ["t2.normativeDoc.valid", ["第二十条第（一）项", "行政规范性文件", "现行有效件数"]],
    ["t2.license.decisions", ["第二十条第（五）项", "行政许可", "本年处理决定数量"]],
    ["t2.penalty.decisions", ["第二十条第（六）项", "行政处罚", "本年处理决定数量"]],
    ["t2.coercion.decisions", ["第二十条第（六）项", "行政强制", "本年处理决定数量"]],
    ["t2.fee.amountWan", ["第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）"]],
  ])("%s has the label path of spec §1.1", (id, labels) => {
    expect(getCell(id).labels).toEqual(labels);
  });
});

describe("表三 三、收到和处理政府信息公开申请情况 (spec §1.2)", () => {
  test("every label verbatim with its merge", () => {
    expectLabels(TABLE_3, {
      // Header, rows 1–3.
      "A1:C3": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      "D1:J1": "申请人情况",
      "D2:D3": "自然人",
      "E2:I2": "法人或其他组织",
      "J2:J3": "总计",
      E3: "商业企业",
      F3: "科研机构",
      G3: "社会公益组织",
      H3: "法律服务机构",
      I3: "其他",
      // Body, rows 4–28.
      "A4:C4": "一、本年新收政府信息公开申请数量",
      "A5:C5": "二、上年结转政府信息公开申请数量",
      "A6:A27": "三、本年度办理结果",
      "B6:C6": "（一）予以公开",
      "B7:C7": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "B8:B15": "（三）不予公开",
      C8: "1.属于国家秘密",
      C9: "2.其他法律行政法规禁止公开",
      C10: "3.危及“三安全一稳定”",
      C11: "4.保护第三方合法权益",
      C12: "5.属于三类内部事务信息",
      C13: "6.属于四类过程性信息",
      C14: "7.属于行政执法案卷",
      C15: "8.属于行政查询事项",
      "B16:B18": "（四）无法提供",
      C16: "1.本机关不掌握相关政府信息",
      C17: "2.没有现成信息需要另行制作",
      C18: "3.补正后申请内容仍不明确",
      "B19:B23": "（五）不予处理",
      C19: "1.信访举报投诉类申请",
      C20: "2.重复申请",
      C21: "3.要求提供公开出版物",
      C22: "4.无正当理由大量反复申请",
      C23: "5.要求行政机关确认或重新出具已获取信息",
      "B24:B26": "（六）其他处理",
      C24: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      C25: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
      C26: "3.其他",
      "B27:C27": "（七）总计",
      "A28:C28": "四、结转下年度继续办理",
    });
  });

  test("三、本年度办理结果 is one merged cell over 22 rows (the 2021 split of （六）)", () => {
    const result = TABLE_3.labels.find((l) => l.text === "三、本年度办理结果");
    expect(result).toMatchObject({ row: 6, col: 1, rowSpan: 22, colSpan: 1 });
  });

  test("the 勾稽 note covers A1:C3 (three columns, three rows)", () => {
    const note = TABLE_3.labels.find((l) => l.text.startsWith("（本列数据的勾稽关系为"));
    expect(note).toMatchObject({ row: 1, col: 1, rowSpan: 3, colSpan: 3 });
  });

  test("label text hazards: curly quotes around 三安全一稳定, “、” inside the two long （六） labels", () => {
    const texts = TABLE_3.labels.map((l) => l.text);
    expect(texts).toContain("3.危及\u201c三安全一稳定\u201d");
    expect(texts.some((t) => t.includes('"三安全一稳定"'))).toBe(false);
    expect(texts).toContain("1.申请人无正当理由逾期不补正\u3001行政机关不再处理其政府信息公开申请");
    expect(texts).toContain("2.申请人逾期未按收费通知要求缴纳费用\u3001行政机关不再处理其政府信息公开申请");
    expect(texts.some((t) => t.includes("逾期不补正，") || t.includes("缴纳费用，"))).toBe(false);
  });

  test("there is no 法人或其他组织 小计 column and no subtotal row (spec §1.2)", () => {
    expect(TABLE_3.labels.some((l) => l.text.includes("小计"))).toBe(false);
    const inputColumns = new Set(TABLE_3.inputs.map((c) => c.col));
    expect([...inputColumns].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const inputRows = new Set(TABLE_3.inputs.map((c) => c.row));
    expect([...inputRows].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => 4 + i));
  });

  test.each([
    ["t3.new.natural", ["一、本年新收政府信息公开申请数量", "自然人"]],
    ["t3.carryOver.total", ["二、上年结转政府信息公开申请数量", "总计"]],
    [
      "t3.result.withheld.threeSecurity.commercial",
      ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", "法人或其他组织", "商业企业"],
    ],
    ["t3.result.partial.otherOrg", ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "法人或其他组织", "其他"]],
    ["t3.result.total.total", ["三、本年度办理结果", "（七）总计", "总计"]],
    ["t3.carryForward.research", ["四、结转下年度继续办理", "法人或其他组织", "科研机构"]],
  ])("%s is named by its row and column labels", (id, labels) => {
    expect(getCell(id).labels).toEqual(labels);
  });
});

describe("表四 四、政府信息公开行政复议、行政诉讼情况 (spec §1.3)", () => {
  test("every label verbatim with its merge", () => {
    expectLabels(TABLE_4, {
      "A1:E1": "行政复议",
      "F1:O1": "行政诉讼",
      "A2:A3": "结果维持",
      "B2:B3": "结果纠正",
      "C2:C3": "其他结果",
      "D2:D3": "尚未审结",
      "E2:E3": "总计",
      "F2:J2": "未经复议直接起诉",
      "K2:O2": "复议后起诉",
      F3: "结果维持",
      G3: "结果纠正",
      H3: "其他结果",
      I3: "尚未审结",
      J3: "总计",
      K3: "结果维持",
      L3: "结果纠正",
      M3: "其他结果",
      N3: "尚未审结",
      O3: "总计",
    });
  });

  test("the 15 inputs fill row 4, one column each", () => {
    expect(TABLE_4.inputs.every((c) => c.row === 4 && c.rowSpan === 1 && c.colSpan === 1)).toBe(true);
  });

  test.each([
    ["t4.review.upheld", ["行政复议", "结果维持"]],
    ["t4.litDirect.total", ["行政诉讼", "未经复议直接起诉", "总计"]],
    ["t4.litAfterReview.pending", ["行政诉讼", "复议后起诉", "尚未审结"]],
  ])("%s is named by its block and column labels", (id, labels) => {
    expect(getCell(id).labels).toEqual(labels);
  });
});

describe("each grid is fully tiled", () => {
  // Working from the spec: every row of 表二 is either a full-width caption (A:D), four headers, a row label plus
  // three inputs (rows 3–4), or a row label plus one B:D span (header or input). 表三's header is A1:C3 + D1:J1 +
  // D2:D3 + E2:I2 + J2:J3 + E3..I3, and every body row has its labels in A–C and inputs in D–J. 表四's header covers
  // A1:O3 and row 4 holds the 15 inputs. So the spec leaves no position empty in any of the three tables.
  test.each(TABLES.map((t) => [t.sheetName, t] as const))("%s: every position is covered by exactly one label or input", (_, table) => {
    const cover: number[][] = Array.from({ length: table.rowCount }, () => Array.from({ length: table.colCount }, () => 0));
    const spans: GridSpan[] = [...table.labels, ...table.inputs];
    for (const span of spans) {
      expect(span.rowSpan).toBeGreaterThanOrEqual(1);
      expect(span.colSpan).toBeGreaterThanOrEqual(1);
      expect(span.row).toBeGreaterThanOrEqual(1);
      expect(span.col).toBeGreaterThanOrEqual(1);
      expect(span.row + span.rowSpan - 1).toBeLessThanOrEqual(table.rowCount);
      expect(span.col + span.colSpan - 1).toBeLessThanOrEqual(table.colCount);
      for (let r = span.row; r < span.row + span.rowSpan; r += 1) {
        for (let c = span.col; c < span.col + span.colSpan; c += 1) {
          const line = cover[r - 1];
          if (line) line[c - 1] = (line[c - 1] ?? 0) + 1;
        }
      }
    }
    const wrong: string[] = [];
    cover.forEach((line, r) => line.forEach((n, c) => n !== 1 && wrong.push(`${LETTERS[c]}${r + 1}×${n}`)));
    expect(wrong).toEqual([]);
  });
});

describe("cell kinds and totals", () => {
  test("only 表二 本年收费金额（单位：万元） is a money cell; all others are counts", () => {
    const money = INPUT_CELLS.filter((c) => c.kind === "money").map((c) => c.id);
    expect(money).toEqual(["t2.fee.amountWan"]);
    expect(INPUT_CELLS.filter((c) => c.kind === "count")).toHaveLength(199);
  });

  test("isTotal marks exactly the 总计 column and （七）总计 row of 表三 and the three 表四 totals", () => {
    const t3TotalColumn = T3_ROW_KEYS.map((row) => `t3.${row}.total`);
    const t3TotalRow = T3_COL_KEYS.map((col) => `t3.result.total.${col}`);
    const expected = new Set([...t3TotalColumn, ...t3TotalRow, "t4.review.total", "t4.litDirect.total", "t4.litAfterReview.total"]);
    expect(expected.size).toBe(25 + 7 - 1 + 3);
    const actual = INPUT_CELLS.filter((c) => c.isTotal).map((c) => c.id);
    expect([...actual].sort()).toEqual([...expected].sort());
  });

  test("no cell of 表二 is a total", () => {
    expect(TABLE_2.inputs.some((c) => c.isTotal)).toBe(false);
  });
});

describe("columnLetters", () => {
  test.each([
    [1, "A"],
    [4, "D"],
    [10, "J"],
    [15, "O"],
    [26, "Z"],
    [27, "AA"],
    [28, "AB"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
  ])("column %i is %s", (col, letters) => {
    expect(columnLetters(col)).toBe(letters);
  });
});

describe("agency levels", () => {
  const LEVELS: readonly AgencyLevel[] = ["省级政府", "省级部门", "市级政府", "市级部门", "县级政府", "县级部门", "乡级政府"];

  test.each(LEVELS)("%s is an agency level", (level) => {
    expect(isAgencyLevel(level)).toBe(true);
  });

  test.each(["", "县级", "县级部门 ", "区级部门", "乡级部门", "国务院部门", "省级政府办公厅"])("%j is not an agency level", (text) => {
    expect(isAgencyLevel(text)).toBe(false);
  });

  // Spec §1.1: 规章 are made only by bodies with rule-making power (国务院部门, 省级人民政府, 设区的市/自治州人民政府);
  // a county-level bureau should report 0 in the 规章 row.
  test.each([
    ["省级政府", true],
    ["市级政府", true],
    ["省级部门", false],
    ["市级部门", false],
    ["县级政府", false],
    ["县级部门", false],
    ["乡级政府", false],
  ] as const)("%s has rule-making power: %s", (level, expected) => {
    expect(hasRuleMakingPower(level)).toBe(expected);
  });
});

describe("feePlausibleMaxWan: the magnitude hint for 本年收费金额（单位：万元） (spec §4 E6)", () => {
  test.each([
    // The spec's own example: 1,000,000 万元 for a 县级部门 → "did you enter 元?"
    ["县级部门", 1_000_000],
    // Example 000 (北关区教育局, a district bureau) entered 1.0074845E7 under 万元.
    ["县级部门", 10_074_845],
    ["县级政府", 10_074_845],
    ["乡级政府", 1_000_000],
  ] as const)("for a %s, %s 万元 is beyond the plausible maximum", (level, amountWan) => {
    expect(amountWan).toBeGreaterThan(feePlausibleMaxWan(level));
  });

  test.each([
    // §1 general cell rules: a 2024 city report shows a five-digit value with one decimal in this cell.
    ["市级部门", 99_999.9],
    ["市级政府", 99_999.9],
    ["省级政府", 99_999.9],
    ["省级部门", 99_999.9],
    ["县级部门", 70.319],
  ] as const)("for a %s, %s 万元 is plausible", (level, amountWan) => {
    expect(amountWan).toBeLessThanOrEqual(feePlausibleMaxWan(level));
  });

  test("the bound does not grow as the level goes down (省 ≥ 市 ≥ 县 ≥ 乡)", () => {
    const bounds = (["省级政府", "市级政府", "县级政府", "乡级政府"] as const).map(feePlausibleMaxWan);
    expect(bounds).toEqual([...bounds].sort((a, b) => b - a));
    expect(feePlausibleMaxWan("省级政府")).toBeGreaterThan(feePlausibleMaxWan("乡级政府"));
  });

  test("an unknown level gets a generous bound, at least that of a county", () => {
    expect(feePlausibleMaxWan(null)).toBeGreaterThanOrEqual(feePlausibleMaxWan("县级部门"));
    expect(Number.isFinite(feePlausibleMaxWan(null))).toBe(true);
  });
});
