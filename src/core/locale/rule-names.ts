// Each rule family by its name in words, as users read it in lists, the 校验 sheet and the audit (the ID
// stays in the JSON and, where shown at all, as a small secondary code).

export const RULE_NAMES: Readonly<Record<string, string>> = {
  "R-T3-BAL": "表三各列勾稽关系",
  "R-T3-ROWSUM": "表三各行总计",
  "R-T3-RESULT": "表三办理结果总计",
  "R-T4-SUM": "表四各项总计",
  "R-INPUT": "单元格应为数字",
  "R-NONNEG": "数字不为负、件数为整数",
  "R-BLANK": "单元格均已填写",
  "R-T2-FEE-DEC": "收费金额的小数位数",
  "R-T2-FEE-MAG": "收费金额的数量级",
  "P-T2-REG-COUNTY": "无规章制定权的机关的规章件数",
  "P-T2-VALID": "现行有效件数",
  "X-T3-CARRY": "上年结转与上年报告一致",
  "X-T2-STOCK": "现行有效件数与上年报告衔接",
  "P-NARR": "正文数字与统计表一致",
  "P-NARR-NONE": "正文“未发生”与统计表一致",
  "X-TEXT-YEAR": "正文沿用上年年份",
  "T-PLACEHOLDER": "正文占位内容",
  "T-MISSING": "正文缺项",
  "T-WORDING": "正文措辞",
  "T-COPY": "正文与上年雷同",
  "P-T2-REPEAL": "废止件数不超过上年现行有效与本年制发之和",
  "P-T3-NOFEE": "收费通知与表三一致",
  "P-T3-EMPTY": "表三为零而正文称有申请",
  "T-SIGN-DATE": "落款日期",
  "T-OPEN-YEAR": "开篇所述年度",
  "T-SIGN-AGENCY": "落款机关",
  "T-REPEAT": "正文重复自动生成的内容",
  "X-PREV-YEAR": "上年报告的年度",
  "X-PREV-AGENCY": "上年报告的机关",
  "S-LAYOUT": "统计表格式",
  "S-TABLE": "统计表缺失",
  "S-META": "基本信息",
  "S-FORMULA": "以公式结果计的数字",
  "S-REPORTS": "一个文件中有多份报告",
};

export function ruleName(family: string): string {
  return RULE_NAMES[family] ?? family;
}
