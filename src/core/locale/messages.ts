// zh-CN messages of the rule pack, looked up late by message key (house style: issues are values; the
// message is rendered from the issue's figures when it is shown). Register: that of official documents —
// state what is wrong, where, by how much, and what to do.

import type { CellId } from "../format";
import { AGENCY_LEVELS, SECTION_TITLES, TEXT_SECTION_LABELS, getCell, getTable } from "../format";
import type { CopiedPart, Issue, MessageKey, MissingContent, RepeatedTopic, TextQuantity } from "../rules/rule";
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

function inputMessage(issue: IssueOf<"numericInput">, locator: CellLocator): string {
  const id = issue.cells[0] ?? "";
  const cell = getCell(id);
  const where = describeCellAt(id, locator);
  const raw = num(issue.actual);
  const codes = issue.params.problems;
  if (codes.includes("onlySpaces")) {
    return `${where}看似空白，实际只有空格，会被当作已填写的文字。请清除该单元格后填写数字，没有发生的请填写 0。`;
  }
  if (codes.includes("notApplicableMark")) {
    return `${where}填写了“${raw}”。统计表各项均应填写数字，不使用“/”“—”“无”等符号；没有发生的请填写 0。`;
  }
  if (codes.includes("formulaError")) {
    return `${where}的公式返回错误值 ${raw}，通常是所引用的单元格已被删除或移动。请改为直接填写数字，或修正公式。`;
  }
  if (codes.includes("formulaWithoutValue")) {
    return `${where}是公式“${raw}”，文件中没有保存其计算结果，无法读取数值。请直接填写数字；或在 Excel、WPS 中打开并保存后再检查。`;
  }
  if (codes.includes("dateValue")) {
    const what = cell.kind === "money" ? "金额（万元）" : "件数";
    return `${where}是日期（${raw}），应填写${what}。请检查单元格格式是否被设为日期，改为“常规”或“数值”后重新填写数字；没有发生的请填写 0。`;
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
  const unit = issue.params.unit ?? "";
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

type IssueOf<K extends MessageKey> = Extract<Issue, { message: K }>;
type MessageRenderer<K extends MessageKey> = (issue: IssueOf<K>, locator: CellLocator) => string;

const at = (locator: CellLocator, id: CellId | undefined): string => (id === undefined ? "" : locator.address(id));

/**
 * The address of a cell the sentence has already named by its labels ("表二“规章”…现行有效件数"), set off by
 * spaces; nothing where cells are named by labels (the page), which would only say the same labels again.
 */
const addressAfterName = (locator: CellLocator, id: CellId | undefined): string =>
  locator.naming === "labels" || id === undefined ? "" : ` ${locator.address(id)} `;

/** Longest stretch of the user's own text echoed in a message. */
const ECHO_LIMIT = 60;

function echo(text: string | number | null): string {
  const value = num(text);
  return value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value;
}

const QUANTITY_NAMES: Readonly<Record<TextQuantity, string>> = {
  new: "本年新收政府信息公开申请",
  carryOver: "上年结转的申请",
  concluded: "办结的申请",
  granted: "予以公开",
  partial: "部分公开",
  withheld: "不予公开",
  unavailable: "无法提供",
  notProcessed: "不予处理",
  carryForward: "结转下年度继续办理的申请",
  license: "行政许可决定",
  penalty: "行政处罚决定",
  coercion: "行政强制决定",
  normativeIssued: "制发的行政规范性文件",
  normativeRepealed: "废止的行政规范性文件",
  normativeValid: "现行有效的行政规范性文件",
  regulationValid: "现行有效的规章",
  review: "被申请行政复议",
  litigation: "被提起行政诉讼",
};

const NONE_NAMES: Readonly<Partial<Record<TextQuantity, string>>> = {
  new: "本年新收政府信息公开申请",
  review: "行政复议",
  litigation: "行政诉讼",
};

const MISSING_WHAT: Readonly<Record<MissingContent, string>> = {
  content: "内容",
  feeStatement: "信息处理费收取情况（发出收费通知件数、金额和实际收取金额，没有的也要说明）",
  governmentOversight: "工作考核、社会评议和责任追究结果情况",
  governmentOther: "落实上级年度政务公开工作要点、建议提案办理结果公开、工作创新等情况",
};

/** What the generated text already says of each topic a user's paragraph may restate (T-REPEAT). */
const REPEATED_TOPICS: Readonly<Record<RepeatedTopic, string>> = {
  opening: "所述编制依据或统计期限，本报告开篇已按本年度自动写明",
  activeFigures: "所述规范性文件、行政许可、行政处罚、行政强制或行政事业性收费情况，已由表二自动生成",
  applications: "所述政府信息公开申请的收到、结转、办结情况，已由表三自动生成",
  reviewLitigation: "所述行政复议、行政诉讼情况，已由表四自动生成",
  processingFee: "所述信息处理费情况，已按“六”中填写的收费通知件数和金额自动生成",
};

const COPIED_TITLES: Readonly<Record<CopiedPart, string>> = { one: SECTION_TITLES.一, five: SECTION_TITLES.五 };

function lastYearText(year: number | null): string {
  return year === null ? "上年" : `${year}年`;
}

export const MESSAGES: { readonly [K in MessageKey]: MessageRenderer<K> } = {
  rowTotal: (issue, locator) => {
    const [total, ...parts] = issue.cells;
    const difference = issue.params.difference;
    return (
      `表三“${issue.subject}”行：总计${addressAfterName(locator, total)}填写 ${num(issue.actual)}，自然人与法人或其他组织各列之和` +
      `（${formatAddresses(parts, locator)}）为 ${num(issue.expected)}，${differenceText(difference, "总计")}。` +
      `请逐列核对，或将总计改为 ${num(issue.expected)}。`
    );
  },
  resultTotal: (issue, locator) => {
    const difference = issue.params.difference;
    return (
      `表三“${issue.subject}”列：（七）总计${addressAfterName(locator, issue.cells[0])}填写 ${num(issue.actual)}，` +
      `（一）至（六）各项办理结果之和为 ${num(issue.expected)}，${differenceText(difference, "（七）总计")}。` +
      `请逐项核对办理结果，或将（七）总计改为 ${num(issue.expected)}。`
    );
  },
  blockTotal: (issue, locator) => {
    const difference = issue.params.difference;
    return (
      `表四“${issue.subject}”：总计${addressAfterName(locator, issue.cells[0])}填写 ${num(issue.actual)}，结果维持、结果纠正、其他结果、` +
      `尚未审结之和为 ${num(issue.expected)}，${differenceText(difference, "总计")}。请核对各项，或将总计改为 ${num(issue.expected)}。`
    );
  },
  balance: (issue, locator) => {
    const p = issue.params;
    const [l0, l1, r0, r1] = [p.received, p.carriedOver, p.concluded, p.carriedForward];
    const difference = Math.abs(p.difference);
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
  formulaResult: (issue, locator) =>
    `${describeCellAt(issue.cells[0] ?? "", locator)}是公式“${echo(issue.params.formula)}”，按其计算结果 ${num(issue.actual)} 计。` +
    "请核实该数字；统计表宜直接填写数字。",
  nonNegative: (issue, locator) => {
    const where = describeCellAt(issue.cells[0] ?? "", locator);
    if (issue.params.problem === "negative") {
      return `${where}为负数 ${num(issue.actual)}。件数和金额不能为负数，请核实后改正。`;
    }
    return `${where}为小数 ${num(issue.actual)}。此格填写件数，只能是整数，请核实后改正。`;
  },
  blank: (issue, locator) =>
    `${issue.subject}尚有 ${issue.params.blanks} 个单元格未填写（${formatAddresses(issue.cells, locator, 8)}）。` +
    `空白表示尚未填写，不等于 0；没有发生的事项请填写 0。`,
  regulationWithoutPower: (issue, locator) =>
    `本机关层级为“${issue.params.level}”，没有规章制定权，但表二“规章”行填有 ${num(issue.actual)} 件` +
    `（${formatAddresses(issue.cells, locator)}）。规章只能由国务院部门、省级人民政府和设区的市级人民政府制定，` +
    `本机关没有规章的请填写 0；确有情况的，请在确认时说明。`,
  validWhenIssued: (issue, locator) =>
    `表二“${issue.subject}”本年制发 ${num(issue.params.issued)} 件，但现行有效件数${addressAfterName(locator, issue.cells[1])}为 0。` +
    `除非本年制发的均已在年内废止，请核实现行有效件数。`,
  feeDecimals: (issue, locator) => {
    const actual = Number(issue.actual ?? 0);
    return (
      `表二行政事业性收费${addressAfterName(locator, issue.cells[0])}为 ${num(actual)} 万元，有 ${decimalPlaces(actual)} 位小数。` +
      `万元金额一般保留两位小数（如 ${num(issue.expected)}）；如确需更高精度，请在确认时说明。`
    );
  },
  feeMagnitude: (issue, locator) => {
    const actual = Number(issue.actual ?? 0);
    const level = issue.params.level ?? "";
    const who = level ? `“${level}”机关` : "一般机关";
    return (
      `表二行政事业性收费${addressAfterName(locator, issue.cells[0])}为 ${num(actual)} 万元（合 ${formatNumber(actual / 10_000)} 亿元），` +
      `对${who}明显偏大，可能误按“元”填写。本格单位为万元，如原数以元计，应填 ${num(issue.expected)}。` +
      `请核实；数值无误的，请在确认时说明。`
    );
  },
  layoutLabel: (issue) => {
    const affected = issue.cells.length > 0 ? `该处的 ${issue.cells.length} 个单元格无法按官方格式识别，未能读取。` : "";
    return (
      `${issue.params.address}的表格标签应为“${num(issue.expected)}”，现为“${num(issue.actual)}”。` +
      `表格标签被改动，或行、列被移动。${affected}请恢复官方表格的原有标签和行列顺序（可重新生成模板后把数字填回）。`
    );
  },
  tableMissing: (issue) =>
    `工作簿中没有找到${issue.subject}（${getTable(issue.params.table).title}），其单元格未能读取。请使用官方格式的统计表，或重新生成模板后填写。`,
  severalReports: (issue) =>
    `文本中有 ${issue.params.count} 份报告（${issue.params.titles.map((t) => `“${echo(t)}”`).join("、")}），可能是多份报告粘贴在一起。` +
    (issue.params.sameTitle ? "" : "各份报告的机关或年度不同，未确定机关和年度；") +
    (issue.params.differing.length > 0 ? `各份报告的${issue.params.differing.join("、")}不同，未读取；` : "各份报告的统计表相同；") +
    `请每份报告单独导入。`,
  metaInvalid: (issue) =>
    issue.params.field === "year"
      ? `基本信息中报告年度“${echo(issue.actual)}”无法识别。请在${issue.params.address}填写四位数的统计年度，如 2025。`
      : `基本信息中机关层级“${echo(issue.actual)}”无法识别。请从以下选项中选择：${AGENCY_LEVELS.join("、")}。`,
  narrativeNumber: (issue, locator) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”写有${QUANTITY_NAMES[issue.params.quantity]} ${num(issue.actual)} 件（“${echo(issue.params.excerpt)}”），` +
    `统计表（${formatAddresses(issue.cells, locator)}）为 ${num(issue.expected)} 件。请使正文与统计表一致（统计表的数字已由自动生成的句子写入报告，正文中可不再重复）。`,
  narrativeNone: (issue, locator) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”称没有${NONE_NAMES[issue.params.quantity] ?? QUANTITY_NAMES[issue.params.quantity]}（“${echo(issue.params.excerpt)}”），` +
    `但统计表（${formatAddresses(issue.cells, locator)}）为 ${num(issue.expected)} 件。请核对正文或统计表。`,
  previousYear: (issue) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”把 ${issue.params.previous}年 作为本年度（“${echo(issue.params.excerpt)}”），` +
    `本报告为 ${issue.params.current}年 年度报告。可能沿用了上年报告的文字，请核实并改为本年度情况。`,
  placeholder: (issue) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”中还有占位内容“${echo(issue.params.placeholder)}”` +
    `${issue.params.count > 1 ? `等 ${issue.params.count} 处` : ""}。请填写实际内容后再发布。`,
  missingContent: (issue) =>
    `正文缺少“${TEXT_SECTION_LABELS[issue.params.section]}”的${MISSING_WHAT[issue.params.what]}。年度报告格式要求报告此项，请在“正文”中补充。`,
  wording: (issue) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”中的“${issue.params.found}”（“${echo(issue.params.excerpt)}”）疑为“${issue.params.meant}”之误，` +
    `两者意思相反，请核实。`,
  crossCarry: (issue, locator) =>
    `表三“${issue.subject}”列：本年“二、上年结转”（${at(locator, issue.cells[0])}）为 ${num(issue.actual)}，` +
    `但${lastYearText(issue.params.lastYear)}报告“四、结转下年度继续办理”为 ${num(issue.expected)}。两者一般应相等；` +
    `如因机构改革、职责划转或上年数据有误而不同，请核实后在确认时说明。`,
  crossStock: (issue, locator) =>
    `表二“${issue.subject}”现行有效件数（${at(locator, issue.cells[0])}）为 ${num(issue.actual)}，按${lastYearText(issue.params.lastYear)}现行有效 ` +
    `${num(issue.params.before)} 件加本年制发 ${num(issue.params.issued)} 件、减本年废止 ${num(issue.params.repealed)} 件，应为 ` +
    `${num(issue.expected)} 件。如有修订计入制发、集中清理或统计口径变化，请在确认时说明。`,
  repealBeyondStock: (issue, locator) =>
    `表二“${issue.subject}”本年废止 ${num(issue.actual)} 件（${at(locator, issue.cells[0])}），多于${lastYearText(issue.params.lastYear)}现行有效 ` +
    `${num(issue.params.before)} 件与本年制发 ${num(issue.params.issued)} 件之和 ${num(issue.expected)} 件。废止的不能多于已有的，请核实废止件数或上年报告。`,
  feeNotices: (issue, locator) =>
    `表三“申请人逾期未按收费通知要求缴纳费用、行政机关不再处理”为 ${num(issue.expected)} 件（${at(locator, issue.cells[0])}），` +
    `即本年曾发出收费通知，但“六、其他需要报告的事项”` +
    (issue.params.excerpt === null ? "未报告发出收费通知的情况" : `只报告 ${num(issue.actual)} 件（“${echo(issue.params.excerpt)}”）`) +
    `。请核对表三或补充报告收费通知的件数和金额。`,
  emptyTable: (issue) =>
    `表三各项均为 0，但正文“${TEXT_SECTION_LABELS[issue.params.section]}”称有 ${num(issue.actual)} 件（“${echo(issue.params.excerpt)}”）。` +
    `可能表三未按实际填写，或正文有误，请核对。`,
  signedDate: (issue) =>
    issue.params.problem === "inYear"
      ? `落款日期为 ${issue.params.date}，在报告年度之内（“${echo(issue.params.excerpt)}”）。年度报告应在年度结束后编制发布，` +
        `可能沿用了上年报告的落款或日期有误，请核实。`
      : `落款日期为 ${issue.params.date}，晚于法定期限 ${issue.params.deadline}（“${echo(issue.params.excerpt)}”）。` +
        `《中华人民共和国政府信息公开条例》第四十九条规定，${issue.params.government ? "本级人民政府的年度报告应在每年3月31日前公布" : "政府部门应在每年1月31日前公布上一年度的年度报告"}，请核实。`,
  openingYear: (issue) =>
    `开篇所述年度为 ${issue.params.stated}年（“${echo(issue.params.excerpt)}”），本报告为 ${issue.params.year}年 年度报告。` +
    `可能沿用了上年报告的文字，请核实。`,
  signedAgency: (issue) =>
    `落款机关为“${echo(issue.params.signed)}”，与报告标题中的“${echo(issue.params.agency)}”不一致。` +
    `可能沿用了其他单位的报告，请核实落款。`,
  comparedYear: (issue) =>
    issue.params.compared === issue.params.current
      ? `用作上年报告核对的是 ${issue.params.compared}年 的报告，与本报告同一年度。上年结转、现行有效件数和正文雷同应与 ` +
        `${issue.params.current - 1}年 的报告核对，请核实所选的报告或本报告的年度。`
      : `用作上年报告核对的是 ${issue.params.compared}年 的报告，本报告为 ${issue.params.current}年 年度报告，上一年度应为 ` +
        `${issue.params.current - 1}年。请核实所选的报告或本报告的年度。`,
  comparedAgency: (issue) =>
    `用作上年报告核对的是“${echo(issue.params.compared)}”的报告，与本报告的“${echo(issue.params.current)}”不是同一机关，` +
    `上年结转和现行有效件数无从衔接。请核实所选的报告；如因机构改革更名，请在确认时说明。`,
  repeatsGenerated: (issue) =>
    `正文“${TEXT_SECTION_LABELS[issue.params.section]}”中“${echo(issue.params.excerpt)}”一段，${REPEATED_TOPICS[issue.params.topic]}，` +
    `报告中将重复出现。如系沿用上年报告的文字，请删去或改写；确需保留的，请在确认时说明。`,
  copied: (issue) =>
    `正文“${COPIED_TITLES[issue.params.part]}”有 ${issue.params.share}% 的内容与上年度报告相同。年度报告不得内容雷同，请据本年度实际情况改写。`,
};

export type RenderedIssue = Issue & {
  readonly addresses: readonly string[];
  readonly text: string;
};

/** The message of an issue in zh-CN, its cells named by the locator. */
export function issueMessage(issue: Issue, locator: CellLocator = STANDARD_LOCATOR): string {
  const render = MESSAGES[issue.message] as MessageRenderer<MessageKey>;
  return render(issue, locator);
}

export function renderIssue(issue: Issue, locator: CellLocator = STANDARD_LOCATOR): RenderedIssue {
  return { ...issue, addresses: issue.cells.map((id) => locator.address(id)), text: issueMessage(issue, locator) };
}
