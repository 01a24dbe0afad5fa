// The three statistical tables of the 2021 format (国办公开办函〔2021〕30号, attachment), spec §1.1–§1.3:
// every label verbatim, every merged span, and all 200 input cells with their stable IDs.
// Everything else — the .xlsx template, the Excel sheet, the HTML and .docx tables — is drawn from here.

import type { InputCell, LabelCell, TableLayout } from "./layout";
import { label } from "./layout";

// ---------------------------------------------------------------------------------------------------------
// 表二 二、主动公开政府信息情况 (spec §1.1): 4 columns × 14 rows.

const T2_CAPTIONS = {
  item1: "第二十条第（一）项",
  item5: "第二十条第（五）项",
  item6: "第二十条第（六）项",
  item8: "第二十条第（八）项",
} as const;

const T2_LABELS: readonly LabelCell[] = [
  label(1, 1, T2_CAPTIONS.item1, "caption", 1, 4),
  label(2, 1, "信息内容", "header"),
  label(2, 2, "本年制发件数", "header"),
  label(2, 3, "本年废止件数", "header"),
  label(2, 4, "现行有效件数", "header"),
  label(3, 1, "规章", "rowLabel"),
  label(4, 1, "行政规范性文件", "rowLabel"),
  label(5, 1, T2_CAPTIONS.item5, "caption", 1, 4),
  label(6, 1, "信息内容", "header"),
  label(6, 2, "本年处理决定数量", "header", 1, 3),
  label(7, 1, "行政许可", "rowLabel"),
  label(8, 1, T2_CAPTIONS.item6, "caption", 1, 4),
  label(9, 1, "信息内容", "header"),
  label(9, 2, "本年处理决定数量", "header", 1, 3),
  label(10, 1, "行政处罚", "rowLabel"),
  label(11, 1, "行政强制", "rowLabel"),
  label(12, 1, T2_CAPTIONS.item8, "caption", 1, 4),
  label(13, 1, "信息内容", "header"),
  label(13, 2, "本年收费金额（单位：万元）", "header", 1, 3),
  label(14, 1, "行政事业性收费", "rowLabel"),
];

function t2Input(id: string, row: number, col: number, labels: readonly string[], colSpan = 1): InputCell {
  return {
    id: `t2.${id}`,
    table: "t2",
    row,
    col,
    rowSpan: 1,
    colSpan,
    kind: id === "fee.amountWan" ? "money" : "count",
    labels,
    isTotal: false,
  };
}

const T2_INPUTS: readonly InputCell[] = [
  t2Input("regulation.issued", 3, 2, [T2_CAPTIONS.item1, "规章", "本年制发件数"]),
  t2Input("regulation.repealed", 3, 3, [T2_CAPTIONS.item1, "规章", "本年废止件数"]),
  t2Input("regulation.valid", 3, 4, [T2_CAPTIONS.item1, "规章", "现行有效件数"]),
  t2Input("normativeDoc.issued", 4, 2, [T2_CAPTIONS.item1, "行政规范性文件", "本年制发件数"]),
  t2Input("normativeDoc.repealed", 4, 3, [T2_CAPTIONS.item1, "行政规范性文件", "本年废止件数"]),
  t2Input("normativeDoc.valid", 4, 4, [T2_CAPTIONS.item1, "行政规范性文件", "现行有效件数"]),
  t2Input("license.decisions", 7, 2, [T2_CAPTIONS.item5, "行政许可", "本年处理决定数量"], 3),
  t2Input("penalty.decisions", 10, 2, [T2_CAPTIONS.item6, "行政处罚", "本年处理决定数量"], 3),
  t2Input("coercion.decisions", 11, 2, [T2_CAPTIONS.item6, "行政强制", "本年处理决定数量"], 3),
  t2Input("fee.amountWan", 14, 2, [T2_CAPTIONS.item8, "行政事业性收费", "本年收费金额（单位：万元）"], 3),
];

export const TABLE_2: TableLayout = {
  id: "t2",
  sheetName: "表二",
  title: "二、主动公开政府信息情况",
  rowCount: 14,
  colCount: 4,
  columnWidths: [26, 20, 20, 20],
  labels: T2_LABELS,
  inputs: T2_INPUTS,
};

// ---------------------------------------------------------------------------------------------------------
// 表三 三、收到和处理政府信息公开申请情况 (spec §1.2): 10 columns (A–J) × 28 rows, 25 data rows × 7 columns.

export const T3_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

export const T3_COLUMNS = [
  { key: "natural", label: "自然人" },
  { key: "commercial", label: "商业企业" },
  { key: "research", label: "科研机构" },
  { key: "publicInterest", label: "社会公益组织" },
  { key: "legalService", label: "法律服务机构" },
  { key: "otherOrg", label: "其他" },
  { key: "total", label: "总计" },
] as const;

export type T3ColumnKey = (typeof T3_COLUMNS)[number]["key"];

/** Outcome groups of 三、本年度办理结果; the group label is a merged cell in column B, items sit in column C. */
export const T3_RESULT_GROUPS = [
  { key: "granted", label: "（一）予以公开", items: [] },
  { key: "partial", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", items: [] },
  {
    key: "withheld",
    label: "（三）不予公开",
    items: [
      { key: "stateSecret", label: "1.属于国家秘密" },
      { key: "lawForbidden", label: "2.其他法律行政法规禁止公开" },
      { key: "threeSecurity", label: "3.危及“三安全一稳定”" },
      { key: "thirdParty", label: "4.保护第三方合法权益" },
      { key: "internal", label: "5.属于三类内部事务信息" },
      { key: "process", label: "6.属于四类过程性信息" },
      { key: "enforcement", label: "7.属于行政执法案卷" },
      { key: "query", label: "8.属于行政查询事项" },
    ],
  },
  {
    key: "unavailable",
    label: "（四）无法提供",
    items: [
      { key: "notHeld", label: "1.本机关不掌握相关政府信息" },
      { key: "needCreate", label: "2.没有现成信息需要另行制作" },
      { key: "unclear", label: "3.补正后申请内容仍不明确" },
    ],
  },
  {
    key: "notProcessed",
    label: "（五）不予处理",
    items: [
      { key: "complaint", label: "1.信访举报投诉类申请" },
      { key: "duplicate", label: "2.重复申请" },
      { key: "publication", label: "3.要求提供公开出版物" },
      { key: "excessive", label: "4.无正当理由大量反复申请" },
      { key: "confirm", label: "5.要求行政机关确认或重新出具已获取信息" },
    ],
  },
  {
    key: "other",
    label: "（六）其他处理",
    items: [
      { key: "noCorrection", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
      { key: "noFee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
      { key: "misc", label: "3.其他" },
    ],
  },
] as const;

export interface T3Row {
  /** Row key of spec §1.2, e.g. `new`, `result.withheld.stateSecret`. */
  readonly key: string;
  /** Row of the table grid (4–28). */
  readonly row: number;
  /** Label path of the row, outermost first. */
  readonly labels: readonly string[];
  /** True for the 21 outcome rows that （七）总计 sums. */
  readonly isOutcome: boolean;
}

function createT3Rows(): readonly T3Row[] {
  const rows: T3Row[] = [
    { key: "new", row: 0, labels: ["一、本年新收政府信息公开申请数量"], isOutcome: false },
    { key: "carryOver", row: 0, labels: ["二、上年结转政府信息公开申请数量"], isOutcome: false },
  ];
  for (const group of T3_RESULT_GROUPS) {
    if (group.items.length === 0) {
      rows.push({ key: `result.${group.key}`, row: 0, labels: ["三、本年度办理结果", group.label], isOutcome: true });
    }
    for (const item of group.items) {
      rows.push({
        key: `result.${group.key}.${item.key}`,
        row: 0,
        labels: ["三、本年度办理结果", group.label, item.label],
        isOutcome: true,
      });
    }
  }
  rows.push({ key: "result.total", row: 0, labels: ["三、本年度办理结果", "（七）总计"], isOutcome: false });
  rows.push({ key: "carryForward", row: 0, labels: ["四、结转下年度继续办理"], isOutcome: false });
  // Sheet row of each row key = 4 + its index (spec §1.2).
  return rows.map((r, index) => ({ ...r, row: 4 + index }));
}

export const T3_ROWS: readonly T3Row[] = createT3Rows();

function createT3Labels(): readonly LabelCell[] {
  const labels: LabelCell[] = [
    label(1, 1, T3_BALANCE_NOTE, "note", 3, 3),
    label(1, 4, "申请人情况", "header", 1, 7),
    label(2, 4, "自然人", "header", 2, 1),
    label(2, 5, "法人或其他组织", "header", 1, 5),
    label(2, 10, "总计", "header", 2, 1),
    label(3, 5, "商业企业", "header"),
    label(3, 6, "科研机构", "header"),
    label(3, 7, "社会公益组织", "header"),
    label(3, 8, "法律服务机构", "header"),
    label(3, 9, "其他", "header"),
    label(4, 1, "一、本年新收政府信息公开申请数量", "rowLabel", 1, 3),
    label(5, 1, "二、上年结转政府信息公开申请数量", "rowLabel", 1, 3),
    label(6, 1, "三、本年度办理结果", "rowLabel", 22, 1),
  ];
  let row = 6;
  for (const group of T3_RESULT_GROUPS) {
    if (group.items.length === 0) {
      labels.push(label(row, 2, group.label, "rowLabel", 1, 2));
      row += 1;
      continue;
    }
    labels.push(label(row, 2, group.label, "rowLabel", group.items.length, 1));
    for (const item of group.items) {
      labels.push(label(row, 3, item.label, "rowLabel"));
      row += 1;
    }
  }
  labels.push(label(27, 2, "（七）总计", "rowLabel", 1, 2));
  labels.push(label(28, 1, "四、结转下年度继续办理", "rowLabel", 1, 3));
  return labels;
}

function createT3Inputs(): readonly InputCell[] {
  const inputs: InputCell[] = [];
  for (const row of T3_ROWS) {
    T3_COLUMNS.forEach((column, index) => {
      const applicantPath = column.key === "natural" || column.key === "total" ? [column.label] : ["法人或其他组织", column.label];
      inputs.push({
        id: `t3.${row.key}.${column.key}`,
        table: "t3",
        row: row.row,
        col: 4 + index,
        rowSpan: 1,
        colSpan: 1,
        kind: "count",
        labels: [...row.labels, ...applicantPath],
        isTotal: column.key === "total" || row.key === "result.total",
      });
    });
  }
  return inputs;
}

export const TABLE_3: TableLayout = {
  id: "t3",
  sheetName: "表三",
  title: "三、收到和处理政府信息公开申请情况",
  rowCount: 28,
  colCount: 10,
  columnWidths: [7, 14, 34, 8, 8, 8, 8, 8, 8, 8],
  labels: createT3Labels(),
  inputs: createT3Inputs(),
};

// ---------------------------------------------------------------------------------------------------------
// 表四 四、政府信息公开行政复议、行政诉讼情况 (spec §1.3): 15 columns (A–O), 3 header rows, 1 data row.

export const T4_BLOCKS = [
  { key: "review", label: "行政复议", path: ["行政复议"] },
  { key: "litDirect", label: "未经复议直接起诉", path: ["行政诉讼", "未经复议直接起诉"] },
  { key: "litAfterReview", label: "复议后起诉", path: ["行政诉讼", "复议后起诉"] },
] as const;

export const T4_COLUMNS = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
] as const;

export type T4BlockKey = (typeof T4_BLOCKS)[number]["key"];

function createT4Labels(): readonly LabelCell[] {
  const labels: LabelCell[] = [
    label(1, 1, "行政复议", "header", 1, 5),
    label(1, 6, "行政诉讼", "header", 1, 10),
    label(2, 6, "未经复议直接起诉", "header", 1, 5),
    label(2, 11, "复议后起诉", "header", 1, 5),
  ];
  T4_COLUMNS.forEach((column, index) => {
    labels.push(label(2, 1 + index, column.label, "header", 2, 1));
    labels.push(label(3, 6 + index, column.label, "header"));
    labels.push(label(3, 11 + index, column.label, "header"));
  });
  return labels;
}

function createT4Inputs(): readonly InputCell[] {
  const inputs: InputCell[] = [];
  T4_BLOCKS.forEach((block, blockIndex) => {
    T4_COLUMNS.forEach((column, index) => {
      inputs.push({
        id: `t4.${block.key}.${column.key}`,
        table: "t4",
        row: 4,
        col: 1 + blockIndex * 5 + index,
        rowSpan: 1,
        colSpan: 1,
        kind: "count",
        labels: [...block.path, column.label],
        isTotal: column.key === "total",
      });
    });
  });
  return inputs;
}

export const TABLE_4: TableLayout = {
  id: "t4",
  sheetName: "表四",
  title: "四、政府信息公开行政复议、行政诉讼情况",
  rowCount: 4,
  colCount: 15,
  columnWidths: Array.from({ length: 15 }, () => 7.5),
  labels: createT4Labels(),
  inputs: createT4Inputs(),
};

export const TABLES: readonly TableLayout[] = [TABLE_2, TABLE_3, TABLE_4];
