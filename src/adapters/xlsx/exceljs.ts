// ExcelJS, loaded on first use: requiring it costs about a third of a second, which `nianbao --version` and
// `nianbao import 报告.txt` should not pay. Other modules import ExcelJS only as types (`import type`) and
// obtain the library from here.

import type * as ExcelJsModule from "exceljs";

export type ExcelJs = typeof ExcelJsModule;

let loading: Promise<ExcelJs> | undefined;

/**
 * ExcelJS is a CommonJS module (`module.exports = ExcelJS`; in the browser a UMD bundle). A dynamic import of
 * it yields a namespace whose `default` is that object under Node's ESM loader (the CLI bundle keeps the
 * import), webpack and swc (Jest); only some of them copy the named exports onto the namespace as well. Take
 * `default` when it is the library, the namespace itself otherwise.
 */
function libraryOf(namespace: ExcelJs & { readonly default?: ExcelJs }): ExcelJs {
  return typeof namespace.default?.Workbook === "function" ? namespace.default : namespace;
}

export function loadExcelJs(): Promise<ExcelJs> {
  loading ??= import(/* webpackChunkName: "exceljs" */ "exceljs").then(libraryOf, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
