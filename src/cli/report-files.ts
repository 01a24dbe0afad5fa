// The report files named on the command line, folders searched recursively — walked safely: links followed
// once (a loop or a second way to the same folder or file is not walked again), pipes, devices and sockets not
// opened (reading a pipe waits for ever), folders that cannot be read and files of formats that must be saved
// again first (.xls, .doc, .et, .wps, .ods) listed with the reason instead of stopping the run or vanishing.

import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import type { Stats } from "node:fs";
import path from "node:path";
import { formatOf } from "../adapters/import/extract-text";
import { unsupportedFileMessage } from "../adapters/import/load-report";

/** A path found and what to do with it: read it, or list it with why it was not read. */
export interface FoundFile {
  readonly file: string;
  /** Why the file is not read (in the user's words), or null when it is to be read. */
  readonly skipped: string | null;
}

/** Formats of the same documents that must be saved again first: listed (with what to do), never left out. */
const SAVE_AGAIN: ReadonlySet<string> = new Set(["xls", "et", "ett", "ods", "xlsm", "xlsb", "doc", "wps", "odt", "rtf"]);

function saveAgain(file: string): string | undefined {
  return SAVE_AGAIN.has(extensionOf(file)) ? unsupportedFileMessage(file) : undefined;
}

function extensionOf(name: string): string {
  return (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? "").toLowerCase();
}

function kindOf(stats: Stats): string | null {
  if (stats.isFIFO()) return "管道";
  if (stats.isSocket()) return "套接字";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "设备文件";
  return null;
}

function stat(file: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch {
    return null;
  }
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Every path found, in a stable order (names sorted within a folder). */
export function findReportFiles(paths: readonly string[]): FoundFile[] {
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  const visit = (p: string, named: boolean): void => {
    const own = stat(p, false);
    if (own === null) {
      // Not there at all: a path the user named is a row saying so; the reader gives the message.
      found.push({ file: p, skipped: null });
      return;
    }
    const target = own.isSymbolicLink() ? stat(p, true) : own;
    if (target === null) {
      found.push({ file: p, skipped: "链接指向的文件不存在，未读取" });
      return;
    }
    const where = real(p);
    if (seen.has(where)) return; // a loop, or a second way to the same folder or file
    seen.add(where);
    if (target.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(p).sort();
      } catch {
        found.push({ file: p, skipped: "文件夹无法打开（没有读取权限），其中的报告未审核" });
        return;
      }
      // What is in the folder itself first, then the links: a report reached both ways is listed by its own path.
      const isLink = (entry: string): boolean => stat(path.join(p, entry), false)?.isSymbolicLink() === true;
      const ordered = [...entries.filter((e) => !isLink(e)), ...entries.filter(isLink)];
      for (const entry of ordered) {
        if (entry.startsWith(".") || entry.startsWith("~$")) continue;
        const child = path.join(p, entry);
        const saveAs = saveAgain(child);
        if (saveAs !== undefined) {
          found.push({ file: child, skipped: saveAs });
          continue;
        }
        const childStats = stat(child, false);
        const isFolder = childStats !== null && (childStats.isDirectory() || (childStats.isSymbolicLink() && stat(child, true)?.isDirectory() === true));
        if (isFolder || formatOf(entry) !== null) visit(child, false);
      }
      return;
    }
    const special = kindOf(target);
    if (special !== null) {
      found.push({ file: p, skipped: `${special}不是普通文件，未读取` });
      return;
    }
    if (named) {
      const saveAs = saveAgain(p);
      if (saveAs !== undefined) {
        found.push({ file: p, skipped: saveAs });
        return;
      }
    }
    found.push({ file: p, skipped: null });
  };
  for (const p of paths) visit(p, true);
  return found;
}

/** The files to read (for commands that list no skipped files: aggregate). */
export function collectFiles(paths: readonly string[]): string[] {
  return findReportFiles(paths)
    .filter((f) => f.skipped === null)
    .map((f) => f.file);
}
