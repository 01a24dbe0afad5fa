// nianbao import 报告.txt|.html|.docx|.pdf [-o 年报.xlsx] [--json]: a published report read back into the
// template — all 200 cells by ID, the agency and year, the narrative sections — and checked like any workbook.

import { lastYearValidFrom } from "../adapters/import/load-report";
import { createTemplatePlan } from "../adapters/workbook/plan";
import { writeWorkbook } from "../adapters/xlsx/write-workbook";
import type { CheckResult, ReadMethod } from "../core/check";
import { checkReport } from "../core/check";
import { leftOutSentence } from "../core/import";
import type { CellId } from "../core/format";
import { RULE_PACK } from "../core/rules";
import type { RawCell } from "../core/values";
import { unwritableNotice } from "../core/values";
import { UsageError, loadNamedReport, outputTaken, parseCommandArgs, parseLevel, refuseInputAsOutput, writeOutputFile } from "./arguments";
import { checkJson } from "./report-json";
import { verdictSentence } from "./text-report";

/** Exit code: 1 while a 强制 check fails. */
function exitCodeOf(result: CheckResult): number {
  return result.summary.errors > 0 ? 1 : 0;
}

const METHOD_WORDS: readonly [ReadMethod, string][] = [
  ["splitByLength", "由连写数字按位数拆分"],
  ["splitByIdentities", "由连写数字按表内勾稽关系拆分"],
  ["splitByPreviousYear", "由连写数字按上年现行有效件数拆分"],
  ["placedByRowOrder", "数字行与标签分开，按表内行序对应"],
];

/** "由连写数字按位数拆分 7 个单元格" per way of reading other than a figure of its own. */
function methodCounts(methods: Readonly<Partial<Record<CellId, ReadMethod>>>): string[] {
  const all = Object.values(methods);
  return METHOD_WORDS.flatMap(([method, words]) => {
    const count = all.filter((m) => m === method).length;
    return count > 0 ? [`${words} ${count} 个单元格`] : [];
  });
}

export async function runImport(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs("import", args, {
    output: { type: "string", short: "o" },
    json: { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    level: { type: "string" },
    previous: { type: "string" },
  });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError("请指定一个年度报告文件，如：nianbao import 报告.txt -o 年报.xlsx");
  const output = values.output;
  if (output !== undefined && !output.toLowerCase().endsWith(".xlsx")) throw new UsageError(`输出文件应以 .xlsx 结尾，现为“${output}”。`);
  if (output !== undefined) refuseInputAsOutput(output, [positionals[0], values.previous]);
  if (output !== undefined && outputTaken(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  const level = parseLevel(values.level);
  const lastYear = values.previous === undefined ? null : lastYearValidFrom(await loadNamedReport(values.previous));
  const report = await loadNamedReport(positionals[0], { lastYear });
  const result = checkReport(report.source, level ? { meta: { level: level.level } } : {});
  const { meta } = result;

  if (output !== undefined) {
    const cells: Record<CellId, RawCell> = {};
    for (const [id, raw] of report.source.cells) if (raw !== null) cells[id] = raw;
    const plan = createTemplatePlan(meta, RULE_PACK, undefined, report.source.narrative ?? undefined);
    let replaced = 0;
    writeOutputFile(output, await writeWorkbook(plan, { values: cells, onReplaced: (count) => (replaced = count) }));
    const notice = unwritableNotice(replaced);
    if (notice !== null) err(`nianbao：${notice}\n`);
  }

  const format = report.imported?.format ?? "2021";
  if (values.json) {
    // The JSON on stdout stays one object: how the level was read goes to stderr.
    if (level?.note) err(`nianbao：${level.note}\n`);
    const methods = report.imported?.methods ?? {};
    const json = { agency: meta.agencyName, year: meta.year, format, methods, sections: report.imported?.sections ?? {}, leftOut: report.imported?.leftOut ?? [], ...checkJson(result) };
    out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const { summary } = result;
    const lines = [
      `读取：${report.file}（${meta.agencyName ?? "机关名称未识别"}，${meta.year === null ? "年度未识别" : `${meta.year}年度`}，${format === "2019" ? "2019年格式" : "2021年格式"}）`,
      ...(level?.note ? [level.note] : []),
      `已读取 ${summary.filled} / ${summary.cells} 个单元格`,
    ];
    const split = methodCounts(report.imported?.methods ?? {});
    if (split.length > 0) lines.push(`  其中${split.join("，")}`);
    for (const entry of result.unread) lines.push(`  未能读取 ${entry.cells.length} 个单元格：${entry.reason}`);
    // What -o leaves out of the 正文 sheet it writes (--json lists it always).
    if (output !== undefined) for (const entry of report.imported?.leftOut ?? []) lines.push(`  ${leftOutSentence(entry)}`);
    lines.push(`校验：强制 ${summary.errors} 项，提示 ${summary.warnings} 项`);
    // Blank cells of a published text are listed above with their reasons; the check's list of them is not repeated.
    for (const issue of result.issues.filter((i) => i.message !== "blank")) lines.push(`  ${issue.severity === "error" ? "强制" : "提示"}：${issue.text}`);
    lines.push(verdictSentence(result));
    if (output !== undefined) lines.push(`已写入 ${output}（统计表、正文和校验公式）。`);
    out(`${lines.join("\n")}\n`);
  }
  return exitCodeOf(result);
}
