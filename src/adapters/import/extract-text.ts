// Published reports reach us as plain text, HTML, .docx or PDF. This module turns each into plain text in
// the shape the importer reads (src/core/import): paragraphs on their own lines, table rows as lines of
// tab-separated cells. HTML is read by the importer's own reader (src/core/import/html.ts), the one pasted
// HTML goes through; PDF needs poppler's pdftotext (Node only, see extract-pdf.ts).

import { SaxesParser } from "saxes";
import { inflatedTooMuchMessage, inflatesTooMuch, loadJsZip } from "./jszip";

export { htmlToText, readHtmlPage } from "../../core/import/html";

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

/**
 * The text of WordprocessingML (ECMA-376 Part 1, §17.3 paragraphs, §17.4 tables) in the importer's shape,
 * from the parser's events in one pass: a paragraph (w:p) is a line of its w:t runs, w:tab a tab and
 * w:br/w:cr a line break; a table row (w:tr) is a line of its cells (w:tc) separated by tabs. Inside a cell,
 * paragraphs, tabs, breaks and nested tables are spaces, so a cell stays one cell and a figure in each of two
 * paragraphs stays two figures (as in an HTML cell). Merged cells are as Word writes them: a horizontal merge
 * (gridSpan) is one cell, a vertical one (vMerge) an empty cell below the first. The content of mc:Fallback
 * repeats that of its mc:Choice (text boxes) and is left out.
 */
class DocxLayout {
  private readonly lines: string[] = [];
  private paragraph: string | null = null;
  /** Paragraphs open around the text: more than one in a text box. */
  private paragraphDepth = 0;
  private row: string[] | null = null;
  private cell: string | null = null;
  /** A paragraph, tab or break was seen in the cell since its last text. */
  private space = false;
  private tableDepth = 0;
  private cellTableDepth = 0;
  private inRun = false;
  private fallbackDepth = 0;

  open(name: string): void {
    if (name === "mc:Fallback") this.fallbackDepth += 1;
    if (this.fallbackDepth > 0) return;
    switch (name) {
      case "w:t":
        this.inRun = true;
        break;
      case "w:tab":
        this.separate("\t");
        break;
      case "w:br":
      case "w:cr":
        this.separate("\n");
        break;
      case "w:p":
        if (this.cell !== null) {
          this.space = true;
        } else {
          // A paragraph inside a paragraph (a text box): the text before it is a line of its own, the text
          // after it another.
          if (this.paragraph !== null && this.paragraph.trim().length > 0) this.lines.push(this.paragraph.trim());
          this.paragraph = "";
          this.paragraphDepth += 1;
        }
        break;
      case "w:tbl":
        if (this.cell !== null) this.space = true;
        this.tableDepth += 1;
        break;
      case "w:tr":
        if (this.nestedInCell()) {
          this.space = true;
        } else {
          this.endRow();
          this.row = [];
        }
        break;
      case "w:tc":
        if (this.nestedInCell()) {
          this.space = true;
        } else {
          this.endCell();
          this.cell = "";
          this.space = false;
          this.cellTableDepth = this.tableDepth;
        }
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    if (this.fallbackDepth > 0) {
      if (name === "mc:Fallback") this.fallbackDepth -= 1;
      return;
    }
    switch (name) {
      case "w:t":
        this.inRun = false;
        break;
      case "w:p":
        if (this.cell !== null) {
          this.space = true;
        } else if (this.paragraph !== null) {
          const text = this.paragraph.trim();
          this.paragraphDepth = Math.max(0, this.paragraphDepth - 1);
          if (this.paragraphDepth === 0 || text.length > 0) this.lines.push(text);
          this.paragraph = this.paragraphDepth > 0 ? "" : null;
        }
        break;
      case "w:tbl": {
        const nested = this.nestedInCell();
        this.tableDepth = Math.max(0, this.tableDepth - 1);
        if (nested) this.space = true;
        else this.endRow();
        break;
      }
      case "w:tr":
        if (this.nestedInCell()) this.space = true;
        else this.endRow();
        break;
      case "w:tc":
        if (this.nestedInCell()) this.space = true;
        else this.endCell();
        break;
      default:
        break;
    }
  }

  text(text: string): void {
    if (this.inRun && this.fallbackDepth === 0) this.put(text);
  }

  finish(): string {
    this.endRow();
    if (this.paragraph !== null) this.lines.push(this.paragraph.trim());
    return this.lines.join("\n");
  }

  private nestedInCell(): boolean {
    return this.cell !== null && this.tableDepth > this.cellTableDepth;
  }

  private put(text: string): void {
    if (this.cell !== null) {
      if (text.length === 0) return;
      this.cell += this.space && this.cell.length > 0 ? ` ${text}` : text;
      this.space = false;
    } else if (this.paragraph !== null) {
      this.paragraph += text;
    }
  }

  /** A tab or a line break: as written in a paragraph, a space in a cell. */
  private separate(separator: "\t" | "\n"): void {
    if (this.cell !== null) this.space = true;
    else if (this.paragraph !== null) this.paragraph += separator;
  }

  private endCell(): void {
    if (this.cell === null) return;
    (this.row ??= []).push(this.cell.trim());
    this.cell = null;
    this.space = false;
  }

  private endRow(): void {
    this.endCell();
    if (this.row === null) return;
    this.lines.push(this.row.join("\t"));
    this.row = null;
  }
}

/** The text of word/document.xml; malformed XML (which Word itself refuses to open) is unreadable. */
function documentText(xml: string): string {
  const layout = new DocxLayout();
  const parser = new SaxesParser({ position: false });
  parser.on("opentag", (tag) => {
    layout.open(tag.name);
    if (tag.isSelfClosing) layout.close(tag.name);
  });
  parser.on("closetag", (tag) => {
    if (!tag.isSelfClosing) layout.close(tag.name);
  });
  parser.on("text", (text) => layout.text(text));
  // Thrown from the handler, the error ends the parse at the first well-formedness error.
  parser.on("error", () => {
    throw new UnreadableReportError("文档内容已损坏（word/document.xml 不是有效的 XML），无法读取。");
  });
  parser.write(xml).close();
  return layout.finish();
}

/** .docx → text: each paragraph a line, each table row a line of tab-separated cells. */
export async function docxToText(data: Uint8Array): Promise<string> {
  const jszip = await loadJsZip();
  let xml: string | undefined;
  try {
    const zip = await jszip.loadAsync(data);
    // Refused before anything is inflated: a small file that inflates to hundreds of MB (a zip bomb) never fills memory.
    if (inflatesTooMuch(zip)) throw new UnreadableReportError(inflatedTooMuchMessage());
    xml = await zip.file("word/document.xml")?.async("string");
  } catch (error) {
    if (error instanceof UnreadableReportError) throw error;
    throw new UnreadableReportError("文件已损坏或不是有效的 .docx 文档。");
  }
  if (xml === undefined) throw new UnreadableReportError("不是有效的 .docx 文档（缺少正文）。");
  return documentText(xml);
}
