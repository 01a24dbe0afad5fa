// JSZip, loaded on first use: only reading a .docx report needs it, and `nianbao` should not pay for
// requiring it on every start. Code that needs JSZip obtains it from here.

import type JSZip from "jszip";

let loading: Promise<JSZip> | undefined;

/**
 * JSZip is a CommonJS module (`module.exports = JSZip`; in the browser a UMD bundle). A dynamic import of it
 * yields a namespace whose `default` is that object under Node's ESM loader (the CLI bundle keeps the import),
 * webpack and swc (Jest); take `default` when it is the library, the namespace itself otherwise.
 */
function libraryOf(namespace: { readonly default?: JSZip }): JSZip {
  return typeof namespace.default?.loadAsync === "function" ? namespace.default : (namespace as unknown as JSZip);
}

export function loadJsZip(): Promise<JSZip> {
  loading ??= import(/* webpackChunkName: "jszip" */ "jszip").then(libraryOf, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** What an entry says it inflates to (the zip's own record), or null when it does not say. */
export function uncompressedSize(entry: JSZip.JSZipObject): number | null {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === "number" && Number.isFinite(size) ? size : null;
}

/** The largest a zip's contents may inflate to before it is refused (a .docx or .xlsx report is a few MB). */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

/** Whether the zip's entries together inflate beyond the limit, by the zip's own records. */
export function inflatesTooMuch(zip: JSZip, limit = MAX_INFLATED_BYTES): boolean {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    total += uncompressedSize(entry) ?? 0;
    if (total > limit) return true;
  }
  return false;
}

/** The message for a file refused for its inflated size. */
export function inflatedTooMuchMessage(limit = MAX_INFLATED_BYTES): string {
  return `文件过大（解压后超过 ${Math.round(limit / 1024 / 1024)} MB），未读取。年度报告一般只有几 MB，请确认选择的文件。`;
}
