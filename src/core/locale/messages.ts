// zh-CN messages of the rule pack, looked up late by message key (house style: issues are values; the
// message is rendered from the issue's figures when it is shown). Register: that of official documents —
// state what is wrong, where, by how much, and what to do.

import type { CellId } from "../format";
import { getCell } from "../format";
import type { Issue, MessageKey } from "../rules/rule";
import type { InputProblemCode } from "../values";
import type { CellLocator } from "./addresses";
import { STANDARD_LOCATOR, describeCellAt, formatAddresses } from "./addresses";
import { decimalPlaces, formatNumber } from "./numbers";

function num(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? formatNumber(value) : value;
}

function differenceText(difference: number, what: string): string {
  if (difference > 0) return `${what}比各项之和多 ${formatNumber(difference)}`;
  return `${what}比各项之和少 ${formatNumber(-difference)}`;
}

const REASONS: Partial<Record<InputProblemCode, string>> = {
  surroundingSpaces: "前后带有空格",
  fullWidthDigits: "使用了全角数字或符号",
  thousandsSeparator: "带有千位分隔符",
  scientificText: "是科学计数法写法",
  chineseNumeral: "使用了汉字数字",
  numberAsText: "是以文本格式保存的数字",
};

function inputMessage(issue: Issue, locator: CellLocator): string {
  const id = issue.cells[0] ?? "";
  const cell = getCell(id);
  const where = describeCellAt(id, locator);
  const raw = num(issue.actual);
  const codes = String(issue.params.problems ?? "").split(",") as InputProblemCode[];
  if (codes.includes("onlySpaces")) {
    return `${where}看似空白，实际只有空格，会被当作已填写的文字。请清除该单元格后填写数字，没有发生的请填写 0。`;
  }
  if (codes.includes("notApplicableMark")) {
    return `${where}填写了“${raw}”。统计表各项均应填写数字，不使用“/”“—”“无”等符号；没有发生的请填写 0。`;
  }
  if (codes.includes("formulaError")) {
    return `${where}的公式返回错误值 ${raw}，通常是所引用的单元格已被删除或移动。请改为直接填写数字，或修正公式。`;
  }
  if (codes.includes("booleanValue")) {
    return `${where}填写的是逻辑值 ${raw}，不是数字。请改为填写数字；没有发生的请填写 0。`;
  }
  if (issue.expected === null) {
    if (cell.isTotal) {
      return `${where}是总计单元格，现为文字“${raw}”，无法参与勾稽校验。请填写总计数字。`;
    }
    return `${where}填写了文字“${raw}”，无法计入统计。请改为数字；没有发生的请填写 0。`;
  }
  const reasons = codes.map((code) => REASONS[code]).filter((r): r is string => r !== undefined);
  const unit = String(issue.params.unit ?? "");
  if (codes.includes("unitInCell")) reasons.push(`带有单位“${unit}”（单位已在表头注明，单元格只填数字）`);
  const suggestion = num(issue.expected);
  let advice = `请改为 ${suggestion}`;
  if (cell.kind === "money" && unit === "元") advice = `本格单位为万元，按元换算应填 ${suggestion}，请核实后改正`;
  else if (cell.kind === "money" && codes.includes("scientificText")) advice += "，并核实金额单位是否为万元";
  const extra: string[] = [];
  if (codes.includes("negative")) extra.push("该数为负数，件数和金额不能为负，请核实");
  if (codes.includes("decimalInCount")) extra.push("该数不是整数，件数只能是整数，请核实");
  const tail = extra.length > 0 ? `；${extra.join("；")}` : "";
  return `${where}填写的“${raw}”${reasons.join("、")}，会被当作文字而不计入合计。${advice}${tail}。`;
}

type MessageRenderer = (issue: Issue, locator: CellLocator) => string;

const at = (locator: CellLocator, id: CellId | undefined): string => (id === undefined ? "" : locator.address(id));

export const MESSAGES: Readonly<Record<MessageKey, MessageRenderer>> = {
  rowTotal: (issue, locator) => {
    const [total, ...parts] = issue.cells;
    const difference = Number(issue.params.difference ?? 0);
    return (
      `表三“${issue.subject}”行：总计 ${at(locator, total)} 填写 ${num(issue.actual)}，自然人与法人或其他组织各列之和` +
      `（${formatAddresses(parts, locator)}）为 ${num(issue.expected)}，${differenceText(difference, "总计")}。` +
      `请逐列核对，或将总计改为 ${num(issue.expected)}。`
    );
  },
  resultTotal: (issue, locator) => {
    const difference = Number(issue.params.difference ?? 0);
    return (
      `表三“${issue.subject}”列：（七）总计 ${at(locator, issue.cells[0])} 填写 ${num(issue.actual)}，` +
      `（一）至（六）各项办理结果之和为 ${num(issue.expected)}，${differenceText(difference, "（七）总计")}。` +
      `请逐项核对办理结果，或将（七）总计改为 ${num(issue.expected)}。`
    );
  },
  blockTotal: (issue, locator) => {
    const difference = Number(issue.params.difference ?? 0);
    return (
      `表四“${issue.subject}”：总计 ${at(locator, issue.cells[0])} 填写 ${num(issue.actual)}，结果维持、结果纠正、其他结果、` +
      `尚未审结之和为 ${num(issue.expected)}，${differenceText(difference, "总计")}。请核对各项，或将总计改为 ${num(issue.expected)}。`
    );
  },
  balance: (issue, locator) => {
    const p = issue.params;
    const l0 = Number(p.left0 ?? 0);
    const l1 = Number(p.left1 ?? 0);
    const r0 = Number(p.right0 ?? 0);
    const r1 = Number(p.right1 ?? 0);
    const difference = Math.abs(Number(p.difference ?? 0));
    const carryForward = l0 + l1 - r0;
    const hint = carryForward >= 0 ? `如办理结果无误，结转下年度继续办理应为 ${formatNumber(carryForward)}。` : "";
    return (
      `表三“${issue.subject}”列不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）：` +
      `本年新收 ${formatNumber(l0)} + 上年结转 ${formatNumber(l1)} = ${num(issue.expected)}，` +
      `办理结果（七）总计 ${formatNumber(r0)} + 结转下年度继续办理 ${formatNumber(r1)} = ${num(issue.actual)}，相差 ${formatNumber(difference)}。` +
      `请核对 ${formatAddresses(issue.cells, locator)}。${hint}`
    );
  },
  numericInput: inputMessage,
  nonNegative: (issue, locator) => {
    const where = describeCellAt(issue.cells[0] ?? "", locator);
    if (issue.params.problem === "negative") {
      return `${where}为负数 ${num(issue.actual)}。件数和金额不能为负数，请核实后改正。`;
    }
    return `${where}为小数 ${num(issue.actual)}。此格填写件数，只能是整数，请核实后改正。`;
  },
  blank: (issue, locator) =>
    `${issue.subject}尚有 ${issue.cells.length} 个单元格未填写（${formatAddresses(issue.cells, locator, 8)}）。` +
    `空白表示尚未填写，不等于 0；没有发生的事项请填写 0。`,
  regulationWithoutPower: (issue, locator) =>
    `本机关层级为“${num(issue.params.level)}”，没有规章制定权，但表二“规章”行填有 ${num(issue.actual)} 件` +
    `（${formatAddresses(issue.cells, locator)}）。规章只能由国务院部门、省级人民政府和设区的市级人民政府制定，` +
    `本机关没有规章的请填写 0；确有情况的，请在确认时说明。`,
  validWhenIssued: (issue, locator) =>
    `表二“${issue.subject}”本年制发 ${num(issue.params.issued)} 件，但现行有效件数 ${at(locator, issue.cells[1])} 为 0。` +
    `除非本年制发的均已在年内废止，请核实现行有效件数。`,
  feeDecimals: (issue, locator) => {
    const actual = Number(issue.actual ?? 0);
    return (
      `表二行政事业性收费 ${at(locator, issue.cells[0])} 为 ${num(actual)} 万元，有 ${decimalPlaces(actual)} 位小数。` +
      `万元金额一般保留两位小数（如 ${num(issue.expected)}）；如确需更高精度，请在确认时说明。`
    );
  },
  feeMagnitude: (issue, locator) => {
    const actual = Number(issue.actual ?? 0);
    const level = num(issue.params.level);
    const who = level ? `“${level}”机关` : "一般机关";
    return (
      `表二行政事业性收费 ${at(locator, issue.cells[0])} 为 ${num(actual)} 万元（合 ${formatNumber(actual / 10_000)} 亿元），` +
      `对${who}明显偏大，可能误按“元”填写。本格单位为万元，如原数以元计，应填 ${num(issue.expected)}。` +
      `请核实；数值无误的，请在确认时说明。`
    );
  },
  layoutLabel: (issue) => {
    const affected = issue.cells.length > 0 ? `该处的 ${issue.cells.length} 个数字无法按官方格式识别，未予读取。` : "";
    return (
      `${num(issue.params.address)}的表格标签应为“${num(issue.expected)}”，现为“${num(issue.actual)}”。` +
      `表格标签被改动，或行、列被移动。${affected}请恢复官方表格的原有标签和行列顺序（可重新生成模板后把数字填回）。`
    );
  },
  tableMissing: (issue) =>
    `工作簿中没有找到${issue.subject}（${num(issue.params.title)}）。请使用官方格式的统计表，或用 nianbao template 重新生成模板后填写。`,
  metaInvalid: (issue) => `基本信息中${issue.subject}“${num(issue.actual)}”无法识别。${num(issue.params.advice)}`,
  narrativeNumber: (issue, locator) =>
    `正文“${num(issue.params.section)}”写有${num(issue.params.quantity)} ${num(issue.actual)} 件（“${num(issue.params.excerpt)}”），` +
    `统计表（${formatAddresses(issue.cells, locator)}）为 ${num(issue.expected)} 件。请使正文与统计表一致；可在正文中写 {${issue.cells[0] ?? ""}} 由表格自动取数。`,
  narrativeNone: (issue, locator) =>
    `正文“${num(issue.params.section)}”称没有${num(issue.params.quantity)}（“${num(issue.params.excerpt)}”），` +
    `但统计表（${formatAddresses(issue.cells, locator)}）为 ${num(issue.expected)} 件。请核对正文或统计表。`,
  previousYear: (issue) =>
    `正文“${num(issue.params.section)}”把 ${num(issue.params.previous)} 作为本年度（“${num(issue.params.excerpt)}”），` +
    `本报告为 ${num(issue.params.current)} 年度报告。可能沿用了上年报告的文字，请核实并改为本年度情况。`,
  placeholder: (issue) => `正文“${num(issue.params.section)}”中还有占位内容“${num(issue.params.placeholder)}”。请填写实际内容后再发布。`,
  missingContent: (issue) => `正文缺少“${num(issue.params.section)}”的${num(issue.params.what)}。年度报告格式要求报告此项，请在“正文”中补充。`,
  wording: (issue) =>
    `正文“${num(issue.params.section)}”中的“${num(issue.params.found)}”（“${num(issue.params.excerpt)}”）疑为“${num(issue.params.meant)}”之误，` +
    `两者意思相反，请核实。`,
  crossCarry: (issue, locator) =>
    `表三“${issue.subject}”列：本年“二、上年结转”（${at(locator, issue.cells[0])}）为 ${num(issue.actual)}，` +
    `但${num(issue.params.lastYear)}报告“四、结转下年度继续办理”为 ${num(issue.expected)}。两者一般应相等；` +
    `如因机构改革、职责划转或上年数据有误而不同，请核实后在确认时说明。`,
  crossStock: (issue, locator) =>
    `表二“${issue.subject}”现行有效件数（${at(locator, issue.cells[0])}）为 ${num(issue.actual)}，按${num(issue.params.lastYear)}现行有效 ` +
    `${num(issue.params.before)} 件加本年制发 ${num(issue.params.issued)} 件、减本年废止 ${num(issue.params.repealed)} 件，应为 ` +
    `${num(issue.expected)} 件。如有修订计入制发、集中清理或统计口径变化，请在确认时说明。`,
  copied: (issue) =>
    `正文“${num(issue.params.title)}”有 ${num(issue.params.share)}% 的内容与上年度报告相同。年度报告不得内容雷同，请据本年度实际情况改写。`,
};

export interface RenderedIssue extends Issue {
  readonly addresses: readonly string[];
  readonly text: string;
}

export function renderIssue(issue: Issue, locator: CellLocator = STANDARD_LOCATOR): RenderedIssue {
  return {
    ...issue,
    addresses: issue.cells.map((id) => locator.address(id)),
    text: MESSAGES[issue.message](issue, locator),
  };
}
