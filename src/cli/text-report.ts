// The readable Chinese report of `nianbao check`: the report's metadata, every issue with its message, and
// the verdict in the words used everywhere (未完成 / 有强制错误 / 强制通过、提示待核实 / 全部通过).

import type { CheckResult, CheckedIssue } from "../core/check";
import { VERDICT_LABELS } from "../core/check";
import { ruleName } from "../core/locale";

export function verdictSentence(result: CheckResult): string {
  const { summary } = result;
  const label = VERDICT_LABELS[summary.verdict];
  switch (summary.verdict) {
    case "errors":
      return `结论：${label}——有 ${summary.errors} 项强制校验不通过，请改正后再发布。`;
    case "incomplete": {
      const missing: string[] = [];
      // Cells that could not be read are not "not filled in": they are counted once, as unread.
      const blank = summary.cells - summary.filled - summary.unread;
      if (blank > 0) missing.push(`${blank} 个单元格未填写`);
      if (summary.unread > 0) missing.push(`${summary.unread} 个单元格未能读取`);
      if (summary.incomplete > 0) missing.push(`${summary.incomplete} 项校验因单元格未填写、不是数字或正文尚未撰写暂无法判断`);
      if (result.meta.agencyName === null || result.meta.year === null) missing.push("机关名称或报告年度未填写");
      return `结论：${label}——${missing.join("，")}，尚不能判定是否通过。`;
    }
    case "warnings":
      return `结论：${label}——有 ${summary.warnings} 项提示，请逐项核实。`;
    case "pass":
      return `结论：${label}。`;
  }
}

/** The report of `check`; `notes` say how an option was read (「已将“区级部门”按“县级部门”处理。」). */
export function renderTextReport(file: string, result: CheckResult, notes: readonly string[] = []): string {
  const lines: string[] = [];
  const { summary, meta } = result;
  lines.push(`检查：${file}`);
  lines.push(
    [
      `机关：${meta.agencyName ?? "（未填写）"}`,
      `年度：${meta.year === null ? "（未填写）" : String(meta.year)}`,
      `层级：${meta.level ?? "（未填写）"}`,
      `格式：${meta.formatVersion}年版（国办公开办函〔2021〕30号）`,
    ].join("　"),
  );
  lines.push(...notes);
  lines.push(`已填写 ${summary.filled} / ${summary.cells} 个单元格${summary.unread > 0 ? `，${summary.unread} 个未能读取` : ""}`);
  for (const entry of result.unread) lines.push(`  未能读取 ${entry.cells.length} 个单元格：${entry.reason}`);
  lines.push("");

  const section = (title: string, issues: readonly CheckedIssue[]): void => {
    if (issues.length === 0) return;
    lines.push(`${title} ${issues.length} 项`);
    issues.forEach((issue, index) => {
      lines.push(`  ${index + 1}. ${issue.text}`);
      lines.push(`     〔${ruleName(issue.rule)}〕${issue.confirmation ? `已确认：${issue.confirmation.note}` : ""}`);
    });
    lines.push("");
  };
  section("强制（必须改正）", result.issues.filter((i) => i.severity === "error"));
  section("提示（请核实）", result.issues.filter((i) => i.severity === "warning"));
  lines.push(verdictSentence(result));
  return lines.join("\n") + "\n";
}
