// Argument handling shared by the commands: the usage error (exit code 2), one parser every command uses — it
// says in Chinese what is wrong with an option and suggests the nearest one —, parsers of common option values,
// and the files the arguments name: a report read (its problem said with the file's name) and an output written.

import type { ParseArgsConfig } from "node:util";
import { parseArgs } from "node:util";
import { lstatSync, realpathSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LoadedReport } from "../adapters/import/load-report";
import { loadReport } from "../adapters/import/load-report";
import { UnreadableReportError } from "../adapters/import/extract-text";
import type { ImportOptions } from "../core/import";
import type { AgencyLevel } from "../core/format";
import { levelAliasNote, levelProblemText, readAgencyLevel } from "../core/format";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const COMMANDS = ["template", "check", "render", "import", "audit", "aggregate"] as const;
export type CommandName = (typeof COMMANDS)[number];

export function isCommandName(text: string): text is CommandName {
  return (COMMANDS as readonly string[]).includes(text);
}

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** What parseArgs gives for these options under strict parsing; positionals are always a list. */
export type ParsedCommandArgs<O extends OptionsConfig> = {
  readonly values: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>["values"];
  readonly positionals: string[];
};

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions): 「yaer」 is one step from
 * 「year」. Bounded by the product of the lengths, both short words here.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j += 1) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

/**
 * The candidate the user most likely meant: the nearest by edit distance when it is near enough for the word's
 * length (one step for words of up to four letters, two beyond), else the only candidate the word begins
 * (「--prev」 for --previous). Case is ignored. Null when nothing is close.
 */
export function closestWord(typed: string, candidates: readonly string[]): string | null {
  const word = typed.toLowerCase();
  if (word.length === 0) return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = word.length <= 4 ? 1 : 2;
  if (best !== null && bestDistance <= allowed && bestDistance < word.length) return best;
  const prefixed = candidates.filter((c) => word.length >= 2 && c.toLowerCase().startsWith(word));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/** Example values for the messages about a missing value, by option (the output's by command). */
const VALUE_EXAMPLES: Readonly<Record<string, string>> = {
  agency: "某县教育局",
  "short-name": "本局",
  year: "2025",
  level: "县级部门",
  values: "数据.json",
  previous: "上年.xlsx",
  units: "单位名单.txt",
  csv: "结果.csv",
  html: "结果.html",
  jobs: "4",
  "file-timeout": "60",
  "previous-dir": "上年报告/",
};
const OUTPUT_EXAMPLES: Readonly<Record<CommandName, string>> = {
  template: "年报.xlsx",
  check: "年报.xlsx",
  render: "报告.docx",
  import: "年报.xlsx",
  audit: "结果.csv",
  aggregate: "汇总.xlsx",
};

/** Dashes an input method gives in Chinese mode (—— for --, － for -): an option typed with them is a positional. */
const WIDE_DASHED_OPTION = /^[\u2010-\u2015\uFF0D\u2212]{1,2}([A-Za-z][A-Za-z-]*)(?:[=＝].*)?$/;

class CommandParser<O extends OptionsConfig> {
  private readonly longNames: readonly string[];

  constructor(
    private readonly command: CommandName,
    private readonly options: O,
  ) {
    this.longNames = Object.keys(options);
  }

  /** The error for what is wrong with the arguments: 「参数有误：…。运行 nianbao check --help 查看用法。」 */
  private problem(text: string): UsageError {
    return new UsageError(`参数有误：${text}运行 nianbao ${this.command} --help 查看用法。`);
  }

  private optionList(): string {
    return this.longNames.map((name) => `--${name}`).join("、");
  }

  /** The option meant by a word typed after one dash or two (「yaer」, 「O」, 「prev」), as written on the command line. */
  private suggestion(word: string): string | null {
    if (word.length === 1) {
      const short = Object.entries(this.options).find(([, config]) => config.short?.toLowerCase() === word.toLowerCase());
      return short === undefined ? null : `-${short[1].short ?? ""}`;
    }
    const long = closestWord(word, this.longNames);
    return long === null ? null : `--${long}`;
  }

  private unknown(written: string, word: string): UsageError {
    const meant = this.suggestion(word);
    const advice = meant === null ? `${this.command} 命令的选项有：${this.optionList()}。` : `您是否要输入 ${meant}？`;
    return this.problem(`未知选项 ${written}。${advice}`);
  }

  private missingValue(written: string, name: string): UsageError {
    const example = name === "output" ? OUTPUT_EXAMPLES[this.command] : (VALUE_EXAMPLES[name] ?? "…");
    return this.problem(`选项 ${written} 缺少取值，应写作 ${written} ${example}。`);
  }

  /**
   * Parses without parseArgs's strict mode — whose errors are English — and answers every case it would refuse:
   * an unknown option, a missing value, a value given to a switch, an argument the command does not take.
   */
  parse(args: readonly string[], allowPositionals: boolean): ParsedCommandArgs<O> {
    const parsed = parseArgs({ args: [...args], options: this.options, strict: false, allowPositionals: true, tokens: true });
    for (const token of parsed.tokens) {
      if (token.kind === "option-terminator") break;
      if (token.kind === "positional") {
        const wide = WIDE_DASHED_OPTION.exec(token.value);
        if (wide !== null) {
          const meant = this.suggestion(wide[1] ?? "") ?? `--${wide[1] ?? ""}`;
          throw this.problem(`“${token.value}”中的横线是中文输入法下的全角字符，选项应在英文输入状态下输入，如 ${meant}。`);
        }
        if (!allowPositionals) {
          const advice = this.longNames.includes("output") ? `输出文件请用 -o 指定，如 -o ${token.value}。` : "";
          throw this.problem(`nianbao ${this.command} 不需要“${token.value}”这样的参数。${advice}`);
        }
        continue;
      }
      const config = this.options[token.name];
      if (config === undefined) {
        // 「-year」 is read as the short options y, e, a, r: it is answered as the one word that was typed.
        const arg = args[token.index] ?? token.rawName;
        const grouped = !arg.startsWith("--") && arg.length > 2;
        const written = grouped ? (arg.split("=")[0] ?? arg) : token.rawName;
        throw this.unknown(written, grouped ? written.slice(1) : token.name);
      }
      // 「-output」 is -o with the value 「utput」: a long option written with one dash.
      const arg = args[token.index] ?? token.rawName;
      const single = /^-([A-Za-z][A-Za-z-]+)(?:=.*)?$/.exec(arg)?.[1];
      if (single !== undefined && this.longNames.includes(single)) {
        throw this.problem(`选项 -${single} 应写作 --${single}（两个横线）。`);
      }
      if (config.type === "string") {
        // Without strict parsing, 「--year --json」 takes 「--json」 for the year: it is a missing value. A value
        // such as 「-1」 or 「-」 (render -o -: the screen) is a value.
        if (token.value === undefined || (!token.inlineValue && /^--?[A-Za-z]/.test(token.value))) {
          throw this.missingValue(token.rawName, token.name);
        }
      } else if (token.value !== undefined) {
        throw this.problem(`选项 ${token.rawName} 不需要取值，请去掉“=${token.value}”。`);
      }
    }
    // Every option is now known and of its type: the values are those strict parsing would give.
    return { values: parsed.values, positionals: parsed.positionals };
  }
}

/**
 * Parses a command's arguments. A mistyped option, a missing value, a value given to a switch or an argument
 * the command does not take is a UsageError in Chinese naming the option, with the nearest option suggested.
 */
export function parseCommandArgs<const O extends OptionsConfig>(
  command: CommandName,
  args: readonly string[],
  options: O,
  { positionals = true }: { readonly positionals?: boolean } = {},
): ParsedCommandArgs<O> {
  return new CommandParser(command, options).parse(args, positionals);
}

/** Whether the arguments ask for the command's help (before a 「--」, after which everything is a file name). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** The statistical year: four digits, full-width digits and a trailing 年 or 年度 accepted (「２０２５年」). */
export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const digits = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/年度?$/, "");
  if (!/^\d{4}$/.test(digits) || Number(digits) < 2000 || Number(digits) > 2100) {
    throw new UsageError(`--year 应为四位数的统计年度（如 2025），现为“${text}”。`);
  }
  return Number(digits);
}

/** The agency level as given, and the sentence saying how it was read when it was another word for it. */
export interface LevelArgument {
  readonly level: AgencyLevel;
  /** 「已将“区级部门”按“县级部门”处理。」, null when one of the levels was typed. */
  readonly note: string | null;
}

export function parseLevel(text: string | undefined): LevelArgument | undefined {
  if (text === undefined) return undefined;
  const reading = readAgencyLevel(text);
  if (reading.kind !== "level") throw new UsageError(`--level“${text}”无法识别。${levelProblemText(reading)}`);
  return { level: reading.level, note: reading.alias ? levelAliasNote(text, reading.level) : null };
}

/** Why an output cannot be written, by the system's error code: each is the user's to fix, not a defect. */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: "所在的文件夹不存在",
  ENOTDIR: "所在的文件夹不存在",
  EISDIR: "这是一个文件夹",
  EACCES: "没有写入权限",
  EPERM: "没有写入权限",
  EBUSY: "文件正被其他程序打开，请先关闭",
  EROFS: "所在的磁盘只能读取",
  ENOSPC: "磁盘空间不足",
};

/** Writes an output file; a missing folder, a file open in another program or no permission is exit code 2. */
/** Whether anything — a file, a folder, a link even if it leads nowhere — is at the path. */
export function outputTaken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses an output that is one of the files read: a command never writes over its input, even with --force
 * (the link or another name of the same file included).
 */
export function refuseInputAsOutput(output: string, inputs: readonly (string | undefined)[]): void {
  const same = (a: string, b: string): boolean => {
    try {
      return realpathSync(a) === realpathSync(b);
    } catch {
      return path.resolve(a) === path.resolve(b);
    }
  };
  for (const input of inputs) {
    if (input !== undefined && same(output, input)) throw new UsageError(`${output} 是要读取的文件，不能作为输出文件（原文件不会被改动）。请换一个文件名。`);
  }
}

export function writeOutputFile(file: string, data: string | Uint8Array): void {
  try {
    // A link at the output path is replaced by the file, never followed to wherever it points.
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true) unlinkSync(file);
    if (typeof data === "string") writeFileSync(file, data, "utf8");
    else writeFileSync(file, data);
  } catch (error) {
    throw writeFailure(file, error);
  }
}

/** A failed write as the user's situation (a UsageError saying what to do), or the error itself when it is ours. */
export function writeFailure(file: string, error: unknown): unknown {
  const code = error !== null && typeof error === "object" && "code" in error ? String(error.code) : "";
  const reason = WRITE_FAILURES[code];
  return reason === undefined ? error : new UsageError(`无法写入 ${file}：${reason}。`);
}

/** A report file named on the command line; a message that does not name the file is given its name. */
export async function loadNamedReport(file: string, options: ImportOptions = {}): Promise<LoadedReport> {
  try {
    return await loadReport(file, options);
  } catch (error) {
    if (error instanceof UnreadableReportError && !error.message.includes(file)) throw new UnreadableReportError(`无法读取 ${file}：${error.message}`);
    throw error;
  }
}
