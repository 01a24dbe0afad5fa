// The document port of the pane (core/session/document-port.ts) in a web page — Office's task pane, WPS's,
// or the browser app: published reports read from pasted text or opened files, and the report packed as
// .docx, text or HTML. The readers and the .docx packer are loaded on demand (their own chunks).

import { sourceFromText } from "../../core/import";
import type { DocumentPort, ReportFile } from "../../core/session";
import { HostError } from "../../core/session";
import { packHtml } from "../export/html";
import { packText } from "../export/text";

function failed(name: string, error: unknown): HostError {
  return new HostError(`无法读取 ${name}：${error instanceof Error ? error.message : String(error)}`);
}

export function createDocumentPort(): DocumentPort {
  return {
    readText: (text) => sourceFromText(text),
    readFile: async (name, data): Promise<ReportFile> => {
      const lower = name.toLowerCase();
      try {
        if (lower.endsWith(".xlsx")) {
          const { readWorkbook } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/read-workbook");
          return { source: await readWorkbook(data), imported: null };
        }
        const extract = await import(/* webpackChunkName: "import" */ "../import/extract-text");
        if (lower.endsWith(".docx")) return sourceFromText(await extract.docxToText(data));
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
          const page = extract.readHtmlPage(extract.decodeText(data));
          return sourceFromText(page.text, { pageTitle: page.title });
        }
        if (lower.endsWith(".txt")) return sourceFromText(extract.decodeText(data));
      } catch (error) {
        throw failed(name, error);
      }
      throw new HostError(`无法读取 ${name}：只能打开 .txt、.html、.docx 和 .xlsx 文件；.doc、.xls、.wps、.et 文件请先另存为 .docx 或 .xlsx。`);
    },
    packText,
    packHtml,
    packDocx: async (document) => {
      const { packDocx } = await import(/* webpackChunkName: "docx" */ "../export/docx");
      return packDocx(document);
    },
  };
}
