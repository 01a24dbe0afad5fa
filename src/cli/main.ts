// The command-line entry: arguments, exit codes and output formats of `nianbao`.
// Exit codes: 0 — no 强制 rule fails; 1 — a 强制 rule fails; 2 — unusable input or wrong usage, always with a
// Chinese message naming the file or option; 3 (run.ts) — a defect of ours.

import { existsSync, readFileSync, statSync } from "node:fs";
import { UnusableWorkbookError } from "../adapters/xlsx/read-workbook";
import { createTemplatePlan } from "../adapters/workbook/plan";
import { writeWorkbook } from "../adapters/xlsx/write-workbook";
import type { CellId, ReportMeta } from "../core/format";
import { AGENCY_LEVELS, EMPTY_META, LEVEL_ALIAS_EXAMPLES, isCellId } from "../core/format";
import { RULE_PACK } from "../core/rules";
import { describeCellAt } from "../core/locale";
import type { RawCell } from "../core/values";
import { unwritableNotice } from "../core/values";
import { renderTextReport, verdictSentence } from "./text-report";
import type { CommandName } from "./arguments";
import {
  COMMANDS,
  UsageError,
  asksForHelp,
  closestWord,
  isCommandName,
  loadNamedReport,
  outputTaken,
  parseCommandArgs,
  parseLevel,
  parseYear,
  refuseInputAsOutput,
  writeOutputFile,
} from "./arguments";
import { displayWidth } from "./audit-outputs";
import { runImport } from "./import-command";
import { runAudit } from "./audit-command";
import { runAggregate } from "./aggregate-command";
import { UnreadableReportError, formatOf } from "../adapters/import/extract-text";
import { unsupportedFileMessage } from "../adapters/import/load-report";
import type { CheckOptions, PreviousYear } from "../core/check";
import { ReportChecker, checkReport, previousYearOf } from "../core/check";
import { checkReportJson } from "./report-json";
import { packHtml } from "../adapters/export/html";
import { packText } from "../adapters/export/text";

declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === "string" ? NIANBAO_VERSION : "0.0.0";

const LEVEL_HELP = `机关层级：${AGENCY_LEVELS.join("、")}；\n也可写${LEVEL_ALIAS_EXAMPLES.join("、")}等常用说法`;

const HELP = `年报助手 nianbao ${VERSION} —— 政府信息公开工作年度报告统计表工具（国办公开办函〔2021〕30号格式）

用法：
  nianbao template [-o 年报.xlsx] [--agency 机关名称] [--short-name 本局] [--year 2025] [--level 县级部门] [--values 数据.json] [--force]
      生成带校验公式的官方统计表模板（表二、表三、表四）。
  nianbao check 年报.xlsx [--json] [--tables] [--previous 上年.xlsx|上年报告.txt] [--agency 名称] [--year 年度] [--level 层级]
      检查统计表的勾稽关系、填写问题和“正文”，给出结论（未完成 / 有强制错误 / 强制通过、提示待核实 / 全部通过）。
      退出码：0 无强制错误；1 有强制校验不通过；2 文件无法使用。
  nianbao import 报告.txt|.html|.docx|.pdf [-o 年报.xlsx] [--json] [--level 层级] [--previous 上年报告]
      读取已发布的年度报告：统计表 200 个单元格、机关、年度和正文，并按规则校验。
      表二数字连写时，可用 --previous 提供上年度报告，按上年现行有效件数拆分。
  nianbao audit 文件或文件夹... [--json | --csv 结果.csv | --html 结果.html] [--previous-dir 上年报告/] [--jobs N] [--file-timeout 秒] [--force]
      批量读取并审核多份报告（.xlsx、.txt、.html、.docx、.pdf），每份一行；同一机关上一年度的报告
      在同一批或 --previous-dir 中时，自动与之对照（上年结转、现行有效件数、正文雷同）。
      --csv 每个问题一行，--html 生成可在浏览器中打开的审核结果页面。
  nianbao aggregate 工作簿或文件夹... -o 汇总.xlsx [--units 单位名单.txt] [--agency 名称] [--year 年度] [--level 层级]
      将各单位的统计表逐格相加，列出校验不通过和缺报的单位。
  nianbao render 年报.xlsx -o 报告.docx|报告.txt|报告.html [--previous 上年.xlsx] [--force]
      由统计表和“正文”生成年度报告全文（-o - 将文本或 HTML 输出到屏幕），并检查正文。
      退出码：0 可以发布；1 仍有强制错误或尚未完成（文件照常生成，作为草稿）；2 文件无法使用。

运行 nianbao <命令> --help（如 nianbao render --help）查看该命令的全部选项和退出码。

常用选项：
  -o, --output   输出文件（默认 年报.xlsx）
  --agency       机关名称
  --short-name   机关简称（如“本局”），用于报告中自动生成的句子；不指定的，写作“本机关”
  --year         统计年度（四位数字）
  --level        ${LEVEL_HELP.replace("\n", "\n                 ")}
  --values       JSON 文件，形如 {"t3.new.natural": 8, …}，或 check --json 的输出（取其 values）
  --force        输出文件已存在时覆盖
  --json         以 JSON 输出检查结果
  --tables       只检查统计表，不检查“正文”（默认两者都检查）
  --previous     上年度的年报（.xlsx 或已发布的报告文件）：核对上年结转、现行有效件数和正文雷同；
                 import 时用于拆分表二连写的数字
  --units        单位名单（每行一个机关名称），用于列出缺报单位
  -h, --help     显示本帮助
  -v, --version  显示版本

退出码：0 没有强制校验不通过；1 有强制校验不通过（各命令的具体含义见其 --help）；
        2 参数有误或文件无法使用；3 程序内部错误，请报告此问题。
`;

/** One command's help: what it does, every option it takes, and what its exit codes mean. */
interface CommandHelp {
  readonly synopsis: string;
  readonly summary: string;
  /** The option as written (「-o, --output 文件」) and what it does; a description may run over several lines. */
  readonly options: readonly (readonly [string, string])[];
  readonly exitCodes: readonly (readonly [0 | 1 | 2, string])[];
}

const UNUSABLE_WORKBOOK = "文件无法使用（找不到、不是 .xlsx、已损坏、旧版 .xls、不是年报工作簿）或参数有误";

const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = {
  template: {
    synopsis: "nianbao template [-o 年报.xlsx] [--agency 机关名称] [--short-name 本局] [--year 2025] [--level 县级部门] [--values 数据.json] [--force]",
    summary:
      "生成带校验公式的官方统计表模板：基本信息、表二、表三、表四、正文和校验表，可在 Excel、WPS 或 LibreOffice 中填写，\n校验结果随填写即时显示。",
    options: [
      ["-o, --output 文件", "输出的工作簿（.xlsx），默认 年报.xlsx"],
      ["--agency 名称", "机关名称"],
      ["--short-name 简称", "机关简称，如“本局”“市教育局”：报告中由统计表自动生成的句子以此称呼本机关，\n与正文中的称呼一致（开篇一句仍用机关全称）；不指定的，写作“本机关”"],
      ["--year 年度", "统计年度（四位数字，如 2025）"],
      ["--level 层级", LEVEL_HELP],
      ["--values 文件", "预先填入的数据：JSON 文件，形如 {\"t3.new.natural\": 8, …}，\n或 check --json 的输出（取其 values）"],
      ["--force", "输出文件已存在时覆盖（默认不覆盖，以免覆盖已填写的内容）"],
    ],
    exitCodes: [
      [0, "已生成模板"],
      [2, "参数有误、输出文件已存在（未加 --force）或数据文件无法读取，未生成文件"],
    ],
  },
  check: {
    synopsis: "nianbao check 年报.xlsx [--json] [--tables] [--previous 上年.xlsx|上年报告.txt] [--agency 名称] [--year 年度] [--level 层级]",
    summary:
      "读取年报工作簿，检查统计表的勾稽关系、填写问题和“正文”，列出每个问题，并给出结论：\n未完成 / 有强制错误 / 强制通过、提示待核实 / 全部通过。--agency、--year、--level 代替工作簿“基本信息”中填写的内容。\n已发布的报告（.txt、.html、.docx、.pdf）请用 nianbao import 检查。",
    options: [
      ["--json", "以 JSON 输出检查结果"],
      ["--tables", "只检查统计表，不检查“正文”"],
      ["--text", "检查统计表和“正文”（默认即如此，可省略）"],
      ["--previous 文件", "上年度的年报（.xlsx 或已发布的报告文件）：核对上年结转、现行有效件数和正文雷同"],
      ["--agency 名称", "机关名称"],
      ["--year 年度", "统计年度（四位数字，如 2025）"],
      ["--level 层级", LEVEL_HELP],
    ],
    exitCodes: [
      [0, "没有强制校验不通过（可能仍有提示待核实，或报告尚未完成，见“结论”）"],
      [1, "有强制校验不通过"],
      [2, UNUSABLE_WORKBOOK],
    ],
  },
  render: {
    synopsis: "nianbao render 年报.xlsx -o 报告.docx|报告.txt|报告.html [--previous 上年.xlsx] [--force]",
    summary:
      "由统计表和“正文”生成年度报告全文（.docx 按公文格式排版；.txt 便于粘贴到网站；.html 供网站编辑器使用），\n在屏幕上列出尚未解决的问题和结论。",
    options: [
      ["-o, --output 文件", "报告.docx、报告.txt 或 报告.html（必填）；-o - 将文本输出到屏幕"],
      ["--previous 文件", "上年度的年报（.xlsx 或已发布的报告文件）：核对上年结转、现行有效件数和正文雷同"],
      ["--force", "输出文件已存在时覆盖"],
    ],
    exitCodes: [
      [0, "报告可以发布：全部通过，或只有提示待核实"],
      [1, "仍有强制错误，或报告尚未完成（单元格未填写、正文未撰写等）。报告照常生成，作为草稿：\n未撰写的部分显示“【未填写】”，请改正后重新生成再发布"],
      [2, `${UNUSABLE_WORKBOOK}，未生成报告`],
    ],
  },
  import: {
    synopsis: "nianbao import 报告.txt|.html|.docx|.pdf [-o 年报.xlsx] [--json] [--level 层级] [--previous 上年报告] [--force]",
    summary:
      "读取已发布的年度报告（网页复制的文字、网页、.docx 或 PDF）：统计表 200 个单元格、机关、年度和正文，\n并按规则校验。不能确定的单元格不猜测，列为“未能读取”并说明原因。",
    options: [
      ["-o, --output 文件", "同时写入年报工作簿（.xlsx），正文取自报告原文，便于编写下一年度的报告"],
      ["--json", "以 JSON 输出读取和检查结果"],
      ["--level 层级", LEVEL_HELP],
      ["--previous 文件", "上年度的报告：核对上年结转、现行有效件数和正文雷同；\n表二数字连写时，按上年现行有效件数拆分"],
      ["--force", "输出文件已存在时覆盖"],
    ],
    exitCodes: [
      [0, "没有强制校验不通过（可能仍有提示，或有单元格未能读取，见“结论”）"],
      [1, "有强制校验不通过（指定 -o 时工作簿照常写出）"],
      [2, "文件无法读取（找不到、类型不支持、已损坏）或参数有误"],
    ],
  },
  audit: {
    synopsis: "nianbao audit 文件或文件夹... [--json | --csv 结果.csv | --html 结果.html] [--previous-dir 上年报告/] [--jobs N] [--file-timeout 秒] [--force]",
    summary:
      "批量读取并审核多份报告（.xlsx、.txt、.html、.docx、.pdf；文件夹逐层查找），每份一行，结论为：全部通过、\n强制通过、提示待核实、有强制错误、未完成、无法读取。同一机关上一年度的报告在同一批或 --previous-dir 中时，\n自动与之对照（上年结转、现行有效件数、正文雷同）。",
    options: [
      ["--json", "以 JSON 输出审核结果"],
      ["--csv 文件", "写入 CSV 文件，每个问题一行（可用 Excel 打开）"],
      ["--html 文件", "生成可在浏览器中打开的审核结果页面"],
      ["--previous-dir 文件夹", "上年度报告所在的文件夹（只用于对照，不审核）；可指定多次"],
      ["--jobs N", "同时审核的份数（默认按处理器核数）"],
      ["--file-timeout 秒", "一份报告读取超过这么多秒仍未完成时停止读取，列为无法读取（默认 60）"],
      ["--force", "输出文件已存在时覆盖"],
    ],
    exitCodes: [
      [0, "每份报告都已完整读取，且没有强制校验不通过"],
      [1, "有报告有强制错误、未完成（单元格未填写或未能读取）或无法读取"],
      [2, "参数有误、输出文件已存在，或没有找到可审核的报告"],
    ],
  },
  aggregate: {
    synopsis: "nianbao aggregate 工作簿或文件夹... -o 汇总.xlsx [--units 单位名单.txt] [--agency 名称] [--year 年度] [--level 层级] [--force]",
    summary:
      "将各单位的统计表逐格相加，写入一份汇总工作簿（含校验公式），并列出各单位的数据、校验不通过的单位、\n未汇总的单元格（有单位未填写数字）和缺报的单位。",
    options: [
      ["-o, --output 文件", "汇总工作簿（.xlsx，必填）"],
      ["--units 文件", "单位名单（每行一个机关名称），用于列出缺报单位"],
      ["--agency 名称", "汇总工作簿中的机关名称（默认“汇总”）"],
      ["--year 年度", "统计年度（默认取各单位报告中的年度）"],
      ["--level 层级", LEVEL_HELP],
      ["--force", "输出文件已存在时覆盖"],
    ],
    exitCodes: [
      [0, "各单位均已读取、没有强制校验不通过，名单中的单位均已报送"],
      [1, "有单位校验不通过、文件无法读取或名单中的单位缺报（汇总工作簿照常写出）"],
      [2, "参数有误、输出文件已存在，或没有找到可汇总的工作簿"],
    ],
  },
};

/** A command's help as printed: options aligned by display width, continuation lines under their description. */
export function commandHelpText(command: CommandName): string {
  const help = COMMAND_HELP[command];
  const options = [...help.options, ["-h, --help", "显示本帮助"] as const];
  const width = Math.max(...options.map(([flag]) => displayWidth(flag))) + 2;
  const indent = " ".repeat(2 + width);
  const lines = [`用法：${help.synopsis}`, "", ...help.summary.split("\n"), "", "选项："];
  for (const [flag, text] of options) {
    const [first = "", ...rest] = text.split("\n");
    lines.push(`  ${flag}${" ".repeat(width - displayWidth(flag))}${first}`, ...rest.map((line) => `${indent}${line}`));
  }
  lines.push("", "退出码：");
  for (const [code, text] of help.exitCodes) {
    const [first = "", ...rest] = text.split("\n");
    lines.push(`  ${code}  ${first}`, ...rest.map((line) => `     ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Chinese words for the commands, to suggest the command meant (「nianbao 检查」). */
const COMMAND_WORDS: Readonly<Record<string, CommandName>> = {
  模板: "template",
  生成模板: "template",
  检查: "check",
  校验: "check",
  核对: "check",
  生成报告: "render",
  报告: "render",
  导出: "render",
  导入: "import",
  读取: "import",
  审核: "audit",
  批量审核: "audit",
  汇总: "aggregate",
};

function unknownCommand(command: string): UsageError {
  const list = `可用命令：${COMMANDS.join("、")}。运行 nianbao --help 查看用法。`;
  if (command.startsWith("-")) return new UsageError(`nianbao 后应先写命令，再写选项，如 nianbao check 年报.xlsx --json。${list}`);
  if (/\.[A-Za-z0-9]{2,5}$/.test(command) || /[\\/]/.test(command)) {
    return new UsageError(`“${command}”前缺少命令：检查工作簿请用 nianbao check ${command}，读取已发布的报告请用 nianbao import ${command}。${list}`);
  }
  const meant = COMMAND_WORDS[command] ?? closestWord(command, COMMANDS);
  return new UsageError(`未知命令“${command}”。${meant === null ? "" : `您是否要输入 nianbao ${meant}？`}${list}`);
}

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
    // The key is quoted as the file spells it, and the cell named as the workbook shows it.
    if (value !== null && typeof value !== "number" && typeof value !== "string") {
      throw new UsageError(`数据文件 ${path} 中的“${id}”对应${describeCellAt(id)}，其值应为数字、文字或 null。`);
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new UsageError(`数据文件 ${path} 中的“${id}”对应${describeCellAt(id)}，其数字过大，超出了可以保存的范围。请改为实际件数或金额。`);
    }
    values[id] = value;
  }
  return values;
}

async function runTemplate(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values } = parseCommandArgs(
    "template",
    args,
    {
      output: { type: "string", short: "o", default: "年报.xlsx" },
      agency: { type: "string" },
      "short-name": { type: "string" },
      year: { type: "string" },
      level: { type: "string" },
      values: { type: "string" },
      force: { type: "boolean", default: false },
    },
    { positionals: false },
  );
  const output = values.output;
  if (!output.toLowerCase().endsWith(".xlsx")) throw new UsageError(`输出文件应以 .xlsx 结尾，现为“${output}”。`);
  if (values.values !== undefined) refuseInputAsOutput(output, [values.values]);
  if (outputTaken(output) && !values.force) {
    throw new UsageError(`${output} 已存在。为避免覆盖已填写的内容，请换一个文件名，或加 --force 覆盖。`);
  }
  const level = parseLevel(values.level);
  const shortName = values["short-name"]?.trim() ?? "";
  const meta: ReportMeta = {
    ...EMPTY_META,
    agencyName: values.agency?.trim() || null,
    year: parseYear(values.year) ?? null,
    level: level?.level ?? null,
    ...(shortName === "" ? {} : { shortName }),
  };
  const cellValues = values.values === undefined ? undefined : readValues(values.values);
  const plan = createTemplatePlan(meta, RULE_PACK);
  let replaced = 0;
  const buffer = await writeWorkbook(plan, { ...(cellValues ? { values: cellValues } : {}), onReplaced: (count) => (replaced = count) });
  writeOutputFile(output, buffer);
  const notice = unwritableNotice(replaced);
  if (notice !== null) err(`nianbao：${notice}\n`);
  const checks = Object.keys(plan.checkRows).length;
  if (level?.note) out(`${level.note}\n`);
  out(`已生成 ${output}：表二、表三、表四共 200 个填报单元格，${checks} 项校验公式。\n`);
  return 0;
}

/** A workbook given to check or render: an existing .xlsx file (the message names it and says what to do). */
function requireFile(file: string): void {
  if (!existsSync(file)) throw new UnusableWorkbookError(`找不到文件 ${file}。`);
  if (statSync(file).isDirectory()) throw new UnusableWorkbookError(`${file} 是文件夹，无法读取。请指定一个 .xlsx 工作簿；检查一个文件夹中的多份报告请用 nianbao audit。`);
  if (/\.xlsx$/i.test(file)) return;
  if (formatOf(file) !== null) {
    throw new UnusableWorkbookError(`${file} 不是 .xlsx 工作簿。已发布的报告（.txt、.html、.docx、.pdf）请用 nianbao import 读取并检查。`);
  }
  throw new UnusableWorkbookError(unsupportedFileMessage(file));
}

async function runRender(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs("render", args, {
    output: { type: "string", short: "o" },
    previous: { type: "string" },
    force: { type: "boolean", default: false },
  });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError("请指定一个年报工作簿，如：nianbao render 年报.xlsx -o 报告.docx");
  const output = values.output;
  if (output === undefined) throw new UsageError("请用 -o 指定输出文件：报告.docx、报告.txt 或 报告.html（-o - 输出到屏幕）。");
  const format = output === "-" ? "txt" : /\.(docx|txt|html?)$/i.exec(output)?.[1]?.toLowerCase();
  if (format === undefined) throw new UsageError(`输出文件应以 .docx、.txt 或 .html 结尾，现为“${output}”。`);
  if (output !== "-") refuseInputAsOutput(output, [positionals[0], values.previous]);
  if (output !== "-" && outputTaken(output) && !values.force) throw new UsageError(`${output} 已存在。请换一个文件名，或加 --force 覆盖。`);
  requireFile(positionals[0]);
  const report = await loadNamedReport(positionals[0]);
  const checker = new ReportChecker();
  checker.load(report.source, { previous: await previousYear(values.previous) });
  const document = checker.document();
  const result = checker.result();
  if (format === "docx") {
    // The packer and the docx library are loaded only when a .docx is asked for.
    const { packDocx } = await import("../adapters/export/docx");
    let replaced = 0;
    writeOutputFile(output, await packDocx(document, (count) => (replaced = count)));
    const notice = unwritableNotice(replaced);
    if (notice !== null) err(`nianbao：${notice}\n`);
  } else {
    const content = format === "txt" ? packText(document) : packHtml(document);
    if (output === "-") out(content);
    else writeOutputFile(output, content);
  }
  for (const issue of result.issues.filter((i) => i.confirmation === null)) err(`${issue.severity === "error" ? "强制" : "提示"}：${issue.text}\n`);
  if (output !== "-") out(`已生成 ${output}。${verdictSentence(result)}\n`);
  // 0 only for a report ready to publish: no 强制 error and nothing unfinished (提示 may remain).
  return result.summary.verdict === "pass" || result.summary.verdict === "warnings" ? 0 : 1;
}

/** Last year's report (a workbook or a published report file) for the cross-year checks. */
async function previousYear(file: string | undefined): Promise<PreviousYear | null> {
  if (file === undefined) return null;
  return previousYearOf((await loadNamedReport(file)).source);
}

async function runCheck(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs("check", args, {
    json: { type: "boolean", default: false },
    tables: { type: "boolean", default: false },
    text: { type: "boolean", default: false },
    previous: { type: "string" },
    agency: { type: "string" },
    year: { type: "string" },
    level: { type: "string" },
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
      ...(level !== undefined ? { level: level.level } : {}),
    },
    previous: await previousYear(values.previous),
    text: !values.tables,
  };
  const report = await loadNamedReport(file);
  const result = checkReport(report.source, options);
  const notes = level?.note ? [level.note] : [];
  if (values.json) {
    // The JSON on stdout stays one object: how the level was read goes to stderr.
    for (const note of notes) err(`nianbao：${note}\n`);
    out(checkReportJson(file, result));
  } else out(renderTextReport(file, result, notes));
  return result.summary.errors > 0 ? 1 : 0;
}

/** Runs a command, or prints its help when asked (「nianbao render --help」). */
async function runCommand(command: CommandName, args: string[], out: (text: string) => void, err: (text: string) => void, isTty: boolean): Promise<number> {
  if (asksForHelp(args)) {
    out(commandHelpText(command));
    return 0;
  }
  switch (command) {
    case "template":
      return await runTemplate(args, out, err);
    case "check":
      return await runCheck(args, out, err);
    case "render":
      return await runRender(args, out, err);
    case "import":
      return await runImport(args, out, err);
    case "audit":
      return await runAudit(args, out, err, isTty);
    case "aggregate":
      return await runAggregate(args, out);
  }
}

export async function runCli(argv: readonly string[], out: (text: string) => void, err: (text: string) => void, isTty = false): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
        out(HELP);
        return command === undefined ? 2 : 0;
      case "help": {
        // 「nianbao help render」 is 「nianbao render --help」.
        const topic = rest[0];
        if (topic === undefined) {
          out(HELP);
          return 0;
        }
        if (!isCommandName(topic)) throw unknownCommand(topic);
        out(commandHelpText(topic));
        return 0;
      }
      case "-v":
      case "--version":
        out(`${VERSION}\n`);
        return 0;
      default:
        if (!isCommandName(command)) throw unknownCommand(command);
        return await runCommand(command, rest, out, err, isTty);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnusableWorkbookError || error instanceof UnreadableReportError) {
      err(`nianbao：${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
