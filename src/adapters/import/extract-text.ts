// Published reports reach us as plain text, HTML, .docx or PDF. This module turns each into plain text in
// the shape the importer reads (src/core/import): paragraphs on their own lines, table rows as lines of
// tab-separated cells. PDF needs poppler's pdftotext (Node only, see extract-pdf.ts).

import JSZip from "jszip";

export class UnreadableReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableReportError";
  }
}

export type ReportFormat = "txt" | "html" | "docx" | "pdf" | "xlsx";

export function formatOf(name: string): ReportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case "txt":
    case "text":
      return "txt";
    case "htm":
    case "html":
      return "html";
    case "docx":
      return "docx";
    case "pdf":
      return "pdf";
    case "xlsx":
      return "xlsx";
    case undefined:
    default:
      return null;
  }
}

/** Decodes text files: UTF-8 (with or without BOM), else GB18030, the usual encoding of older Chinese files. */
export function decodeText(data: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8").decode(data);
  const broken = (utf8.match(/\uFFFD/g) ?? []).length;
  if (broken === 0) return utf8.replace(/^\uFEFF/, "");
  try {
    return new TextDecoder("gb18030").decode(data);
  } catch {
    return utf8;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", ldquo: "“", rdquo: "”", middot: "·", mdash: "—" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML → text: block elements become lines, each table row a line of tab-separated cells. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/(td|th)>\s*/gi, "\t")
    .replace(/<(br|hr)\b[^>]*>/gi, "\n")
    .replace(/<\/(p|div|tr|h[1-6]|li|table|section|article|caption)>/gi, "\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \u00a0]+/g, " ").replace(/\t+$/, "").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

/** The text of a piece of WordprocessingML: its w:t runs, tabs and breaks, in order. */
function xmlText(xml: string): string {
  let out = "";
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (match[1] !== undefined) out += match[1];
    else out += match[0] === "<w:tab/>" ? "\t" : "\n";
  }
  return decodeEntities(out);
}

/** .docx → text: each paragraph a line, each table row a line of tab-separated cells. */
export async function docxToText(data: Uint8Array): Promise<string> {
  let xml: string | undefined;
  try {
    const zip = await JSZip.loadAsync(data);
    xml = await zip.file("word/document.xml")?.async("string");
  } catch {
    throw new UnreadableReportError("文件已损坏或不是有效的 .docx 文档。");
  }
  if (xml === undefined) throw new UnreadableReportError("不是有效的 .docx 文档（缺少正文）。");
  const body = xml.replace(/^[\s\S]*?<w:body>/, "").replace(/<\/w:body>[\s\S]*$/, "");
  const lines: string[] = [];
  // Tables: rows of cells; everything else: paragraphs.
  for (const part of body.split(/(<w:tbl>[\s\S]*?<\/w:tbl>)/)) {
    if (part.startsWith("<w:tbl>")) {
      for (const row of part.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []) {
        const cells = (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((cell) =>
          (cell.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map(xmlText).join("").trim(),
        );
        lines.push(cells.join("\t"));
      }
    } else {
      for (const paragraph of part.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []) lines.push(xmlText(paragraph).trim());
    }
  }
  return lines.join("\n");
}
