// The readable Chinese report of `nianbao check`.

import type { CheckReport } from "../adapters/xlsx/check-workbook";

export function renderTextReport(report: CheckReport): string {
  const lines: string[] = [];
  const { summary } = report;
  lines.push(`检查：${report.file}`);
  const meta = [
    `机关：${report.agency ?? "（未填写）"}`,
    `年度：${report.year === null ? "（未填写）" : String(report.year)}`,
    `层级：${report.level ?? "（未填写）"}`,
    `格式：${report.format}年版（国办公开办函〔2021〕30号）`,
  ];
  lines.push(meta.join("　"));
  lines.push(`已填写 ${summary.filled} / ${summary.cells} 个单元格`);
  lines.push("");

  const errors = report.issues.filter((i) => i.severity === "error");
  const warnings = report.issues.filter((i) => i.severity === "warning");
  const section = (title: string, issues: typeof errors): void => {
    if (issues.length === 0) return;
    lines.push(`${title} ${issues.length} 项`);
    issues.forEach((issue, index) => {
      lines.push(`  ${index + 1}. ${issue.message}`);
      lines.push(`     〔${issue.rule}〕${issue.confirmation ? `已确认：${issue.confirmation.note}` : ""}`);
    });
    lines.push("");
  };
  section("强制（必须改正）", errors);
  section("提示（请核实）", warnings);

  if (summary.errors === 0) {
    lines.push(warnings.length === 0 ? "结论：校验全部通过。" : `结论：强制校验全部通过；有 ${warnings.length} 项提示，请逐项核实。`);
  } else {
    lines.push(`结论：有 ${summary.errors} 项强制校验不通过，请改正后再发布。`);
  }
  if (summary.incomplete > 0) lines.push(`另有 ${summary.incomplete} 项校验因相关单元格未填写或不是数字，暂无法判断。`);
  return lines.join("\n") + "\n";
}
