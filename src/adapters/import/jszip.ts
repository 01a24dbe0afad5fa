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
