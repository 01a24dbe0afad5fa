// The command-line entry: arguments, exit codes and output formats of `nianbao`.
// Exit codes: 0 — no 强制 rule fails; 1 — a 强制 rule fails; 2 — unusable input or wrong usage.

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UnusableWorkbookError } from "../adapters/xlsx/read-workbook";
import { createTemplatePlan } from "../adapters/workbook/plan";
import { writeWorkbook } from "../adapters/xlsx/write-workbook";
import type { CellId, ReportMeta } from "../core/format";
import { AGENCY_LEVELS, EMPTY_META, isCellId } from "../core/format";
import { RULE_PACK } from "../core/rules";
import type { RawCell } from "../core/values";
import { renderTextReport, verdictSentence } from "./text-report";
import { UsageError, parseLevel, parseYear } from "./arguments";
import { runImport } from "./import-command";
import { runAudit } from "./audit-command";
import { runAggregate } from "./aggregate-command";
import { UnreadableReportError } from "../adapters/import/extract-text";
import { loadReport } from "../adapters/import/load-report";
import type { CheckOptions, PreviousYear } from "../core/check";
import { ReportChecker, checkReport, previousYearOf } from "../core/check";
import { checkReportJson } from "./report-json";
import { packHtml } from "../adapters/export/html";
import { packText } from "../adapters/export/text";

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === "string" ? NIANBAO_VERSION : "0.0.0";

const HELP = `年报助手 nianbao ${VERSION} —— 政府信息公开工作年度报告统计表工具（国办公开办函〔2021〕30号格式）

用法：
  nianbao template [-o 年报.xlsx] [--agency 机关名称] [--year 2025] [--level 县级部门] [--values 数据.json] [--force]
      生成带校验公式的官方统计表模板（表二、表三、表四）。
  nianbao check 年报.xlsx [--json] [--tables] [--previous 上年.xlsx|上年报告.txt] [--agency 名称] [--year 年度] [--level 层级]
      检查统计表的勾稽关系、填写问题和“正文”，给出结论（未完成 / 有强制错误 / 强制通过、提示待核实 / 全部通过）。
      退出码：0 无强制错误；1 有强制校验不通过；2 文件无法使用。
  nianbao import 报告.txt|.html|.docx|.pdf [-o 年报.xlsx] [--json] [--level 层级] [--previous 上年报告]
      读取已发布的年度报告：统计表 200 个单元格、机关、年度和正文，并按规则校验。
      表二数字连写时，可用 --previous 提供上年度报告，按上年现行有效件数拆分。
  nianbao audit 文件或文件夹... [--json | --csv 结果.csv | --html 结果.html] [--previous-dir 上年报告/] [--jobs N] [--force]
      批量读取并审核多份报告（.xlsx、.txt、.html、.docx、.pdf），每份一行；同一机关上一年度的报告
      在同一批或 --previous-dir 中时，自动与之对照（上年结转、现行有效件数、正文雷同）。
      --csv 每个问题一行，--html 生成可在浏览器中打开的审核结果页面。
  nianbao aggregate 工作簿或文件夹... -o 汇总.xlsx [--units 单位名单.txt] [--agency 名称] [--year 年度]
      将各单位的统计表逐格相加，列出校验不通过和缺报的单位。
  nianbao render 年报.xlsx -o 报告.docx|报告.txt|报告.html [--previous 上年.xlsx] [--force]
      由统计表和“正文”生成年度报告全文（-o - 将文本或 HTML 输出到屏幕），并检查正文。

选项：
  -o, --output   输出文件（默认 年报.xlsx）
  --agency       机关名称
  --year         统计年度（四位数字）
  --level        机关层级：${AGENCY_LEVELS.join("、")}
  --values       JSON 文件，形如 {"t3.new.natural": 8, …}，或 check --json 的输出（取其 values）
  --force        输出文件已存在时覆盖
  --json         以 JSON 输出检查结果
  --tables       只检查统计表，不检查“正文”（默认两者都检查）
  --previous     上年度的年报（.xlsx 或已发布的报告文件）：核对上年结转、现行有效件数和正文雷同；
                 import 时用于拆分表二连写的数字
  --units        单位名单（每行一个机关名称），用于列出缺报单位
  -h, --help     显示本帮助
  -v, --version  显示版本
`;

function readValues(path: string): Record<CellId, RawCell> {
  let parsed: unknown;
  try {
    // A byte-order mark at the start (as Windows editors write UTF-8) is not part of the JSON.
    parsed = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch {
    throw new UsageError(`无法读取数据文件 ${path}：不是有效的 JSON。`);
  }
  const source = parsed !== null && typeof parsed === "object" && "values" in parsed ? (parsed).values : parsed;
  if (source === null || typeof source !== "object") throw new UsageError(`数据文件 ${path} 应为 {"单元格编号": 数值} 形式的对象。`);
  const values: Record<CellId, RawCell> = {};
  for (const [id, value] of Object.entries(source as Record<string, unknown>)) {
    if (!isCellId(id)) throw new UsageError(`数据文件 ${path} 中的“${id}”不是统计表单元格编号（如 t3.new.natural）。`);
    if (value !== null && typeof value !== "number" && typeof value !== "string") {
      throw new UsageError(`数据文件 ${path} 中 ${id} 的值应为数字、文字或 null。`);
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new UsageError(`数据文件 ${path} 中 ${id} 的值超出了数字的范围（${String(value)}），请改为实际数字。`);
    }
    values[id] = value;
  }
  return values;
}

async function runTemplate(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      output: { type: "string", short: "o", default: "年报.xlsx" },
      agency: { type: "string" },
      year: { type: "string" },
      level: { type: "string" },
      values: { type: "string" },
      force: { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
  const output = values.output;
  if (!output.toLowerCase().endsWith(".xlsx")) throw new UsageError(`输出文件应以 .xlsx 结尾，现为“${output}”。`);
  if (existsSync(output) && !values.force) {
    throw new UsageError(`${output} 已存在。为避免覆盖已填写的内容，请换一个文件名，或加 --force 覆盖。`);
  }
  const meta: ReportMeta = {
    ...EMPTY_META,
    agencyName: values.agency?.trim() || null,
    year: parseYear(values.year) ?? null,
    level: parseLevel(values.level) ?? null,
  };
  const cellValues = values.values === undefined ? undefined : readValues(values.values);
  const plan = createTemplatePlan(meta, RULE_PACK);
  const buffer = await writeWorkbook(plan, cellValues ? { values: cellValues } : {});
  writeFileSync(output, buffer);
  const checks = Object.keys(plan.checkRows).length;
  out(`已生成 ${output}：表二、表三、表四共 200 个填报单元格，${checks} 项校验公式。\n`);
  return 0;
}

/** A workbook given to check or render: an existing .xlsx file (the message names it and says what to do). */
function requireFile(file: string): void {
  if (!existsSync(file)) throw new UnusableWorkbookError(`找不到文件 ${file}。`);
  if (statSync(file).isDirectory()) throw new UnusableWorkbookError(`${file} 是文件夹，无法读取。请指定一个 .xlsx 工作簿；检查一个文件夹中的多份报告请用 nianbao audit。`);
  if (!/\.xlsx$/i.test(file)) {
    throw new UnusableWorkbookError(`${file} 不是 .xlsx 工作簿。已发布的报告（.txt、.html、.docx、.pdf）请用 nianbao import 读取并检查；.xls、.et 文件请先另存为 .xlsx。`);
  }
}

async function runRender(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      output: { type: "string", short: "o" },
      previous: { type: "string" },
      force: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError("请指定一个年报工作簿，如：nianbao render 年报.xlsx -o 报告.docx");
  const output = values.output;
  if (output === undefined) throw new UsageError("请用 -o 指定输出文件：报告.docx、报告.txt 或 报告.html（-o - 输出到屏幕）。");
  const format = output === "-" ? "txt" : /\.(docx|txt|html?)$/i.exec(output)?.[1]?.toLowerCase();
  if (format === undefined) throw new UsageError(`输出文件应以 .docx、.txt 或 .html 结尾，现为“${output}”。`);
  if (output !== "-" && existsSync(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  requireFile(positionals[0]);
  const report = await loadReport(positionals[0]);
  const checker = new ReportChecker();
  checker.load(report.source, { previous: await previousYear(values.previous) });
  const document = checker.document();
  const result = checker.result();
  if (format === "docx") {
    // The packer and the docx library are loaded only when a .docx is asked for.
    const { packDocx } = await import("../adapters/export/docx");
    writeFileSync(output, await packDocx(document));
  } else {
    const content = format === "txt" ? packText(document) : packHtml(document);
    if (output === "-") out(content);
    else writeFileSync(output, content, "utf8");
  }
  for (const issue of result.issues.filter((i) => i.confirmation === null)) err(`${issue.severity === "error" ? "强制" : "提示"}：${issue.text}\n`);
  if (output !== "-") out(`已生成 ${output}。${verdictSentence(result)}\n`);
  // 0 only for a report ready to publish: no 强制 error and nothing unfinished (提示 may remain).
  return result.summary.verdict === "pass" || result.summary.verdict === "warnings" ? 0 : 1;
}

/** Last year's report (a workbook or a published report file) for the cross-year checks. */
async function previousYear(file: string | undefined): Promise<PreviousYear | null> {
  if (file === undefined) return null;
  return previousYearOf((await loadReport(file)).source);
}

async function runCheck(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: "boolean", default: false },
      text: { type: "boolean", default: false },
      tables: { type: "boolean", default: false },
      previous: { type: "string" },
      agency: { type: "string" },
      year: { type: "string" },
      level: { type: "string" },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError("请指定一个要检查的 .xlsx 文件，如：nianbao check 年报.xlsx");
  const file = positionals[0];
  requireFile(file);
  const year = parseYear(values.year);
  const level = parseLevel(values.level);
  const options: CheckOptions = {
    meta: {
      ...(values.agency !== undefined ? { agencyName: values.agency } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(level !== undefined ? { level } : {}),
    },
    previous: await previousYear(values.previous),
    text: !values.tables,
  };
  const report = await loadReport(file);
  const result = checkReport(report.source, options);
  out(values.json ? checkReportJson(file, result) : renderTextReport(file, result));
  return result.summary.errors > 0 ? 1 : 0;
}

export async function runCli(argv: readonly string[], out: (text: string) => void, err: (text: string) => void, isTty = false): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        out(HELP);
        return command === undefined ? 2 : 0;
      case "-v":
      case "--version":
        out(`${VERSION}\n`);
        return 0;
      case "template":
        return await runTemplate(rest, out);
      case "check":
        return await runCheck(rest, out);
      case "render":
        return await runRender(rest, out, err);
      case "import":
        return await runImport(rest, out);
      case "audit":
        return await runAudit(rest, out, err, isTty);
      case "aggregate":
        return await runAggregate(rest, out);
      default:
        throw new UsageError(`未知命令“${command}”。可用命令：template、check、render、import、audit、aggregate。运行 nianbao --help 查看用法。`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnusableWorkbookError || error instanceof UnreadableReportError) {
      err(`nianbao：${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && "code" in error && String((error as { code: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
      err(`nianbao：参数有误（${error.message}）。运行 nianbao --help 查看用法。\n`);
      return 2;
    }
    throw error;
  }
}
