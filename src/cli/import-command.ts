// nianbao import 报告.txt|.html|.docx|.pdf [-o 年报.xlsx] [--json]: a published report read back into the
// template — all 200 cells by ID, the agency and year, the narrative sections — and checked like any workbook.

import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadReport } from "../adapters/import/load-report";
import { createTemplatePlan } from "../adapters/workbook/plan";
import { writeWorkbook } from "../adapters/xlsx/write-workbook";
import type { CellId } from "../core/format";
import { INPUT_CELLS } from "../core/format";
import { RULE_PACK } from "../core/rules";
import type { RawCell } from "../core/values";
import { UsageError, parseLevel } from "./arguments";
import { checkLoaded } from "./report-files";

export async function runImport(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      output: { type: "string", short: "o" },
      json: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      level: { type: "string" },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError("请指定一个年度报告文件，如：nianbao import 报告.txt -o 年报.xlsx");
  const output = values.output;
  if (output !== undefined && !output.toLowerCase().endsWith(".xlsx")) throw new UsageError(`输出文件应以 .xlsx 结尾，现为“${output}”。`);
  if (output !== undefined && existsSync(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  const level = parseLevel(values.level);
  const report = await loadReport(positionals[0]);
  const meta = { ...report.meta, ...(level ? { level } : {}) };
  const check = checkLoaded(report, [], meta);

  if (output !== undefined) {
    const cells: Record<CellId, RawCell> = {};
    for (const [id, raw] of report.raw) if (raw !== null) cells[id] = raw;
    const plan = createTemplatePlan(meta, RULE_PACK, undefined, report.narrative);
    writeFileSync(output, await writeWorkbook(plan, { values: cells }));
  }

  const read = INPUT_CELLS.filter((c) => report.raw.get(c.id) !== null && report.raw.get(c.id) !== undefined).length;
  if (values.json) {
    const valuesById = Object.fromEntries(INPUT_CELLS.map((c) => [c.id, report.raw.get(c.id) ?? null]));
    out(
      `${JSON.stringify(
        {
          agency: meta.agencyName,
          year: meta.year,
          format: report.imported?.format ?? "2021",
          values: valuesById,
          sections: report.imported?.sections ?? {},
          unread: report.unread,
          summary: check.summary,
          issues: check.issues,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const lines = [
      `读取：${report.file}（${meta.agencyName ?? "机关名称未识别"}，${meta.year === null ? "年度未识别" : `${meta.year}年度`}，${report.imported?.format === "2019" ? "2019年格式" : "2021年格式"}）`,
      `已读取 ${read} / ${INPUT_CELLS.length} 个单元格`,
    ];
    for (const entry of report.unread) lines.push(`  未读取 ${entry.cells.length} 个单元格：${entry.reason}`);
    const errors = check.issues.filter((i) => i.severity === "error");
    lines.push(`校验：强制 ${errors.length} 项，提示 ${check.issues.length - errors.length} 项`);
    for (const issue of check.issues.filter((i) => i.rule !== "R-BLANK")) lines.push(`  ${issue.severity === "error" ? "强制" : "提示"}：${issue.message}`);
    if (output !== undefined) lines.push(`已写入 ${output}（统计表、正文和校验公式）。`);
    out(`${lines.join("\n")}\n`);
  }
  return check.summary.errors > 0 ? 1 : 0;
}
