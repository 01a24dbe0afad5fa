// Report text from HTML — a web page's source pasted into the pane, or a saved .html file: the importer's one
// HTML reader. htmlparser2's streaming Parser does the HTML (entities, raw-text <script>/<style>/<title>,
// implied end tags); the handler below lays its events out as the text the importer reads (tokens.ts,
// table-reader.ts):
//   - block elements (p, div, br, li, h1–h6, table …) end a line; white space collapses to one space as a
//     browser renders it (kept in <pre>); &nbsp; is a plain space; no line is empty;
//   - a table row is one line of tab-separated cells; whatever would break a line inside a cell (paragraphs,
//     <br>, a nested table) is a space there, so a cell stays one cell and "<p>1</p><p>2</p>" in a cell stays
//     two figures (the row then has too many and is not read) instead of becoming 12;
//   - rowspan/colspan are not expanded: a merged cell is written once, in the first row it spans, as the
//     table reader finds rows by their labels, not by their position;
//   - the <head>, <script>, <style>, <template>, <noscript>, <select>, <svg>, Word's <xml> islands and hidden
//     elements are dropped, and so is a site's furniture around the article: <nav>, <footer>, <aside>,
//     landmark roles, and elements whose class or id names a menu, breadcrumb, toolbar, related list or footer
//     (the names CMS templates use; Word's own classes, MsoNormal and the like, never match); comments and
//     declarations (Word's <![if …]>) are ignored; Word's namespaced tags (<o:p>, <st1:…>) are inline. The
//     page's <title> is returned apart from the text.
//
// Work is linear in the input. The parser finds the element an end tag closes with a search of its whole
// stack of open elements, so end tags that close nothing under many unclosed elements ("<b>"×n "</i>"×n)
// would cost n² — BoundedParser drops such end tags, knowing from counts which names are open.

import type { Handler } from "htmlparser2/lib/Parser";
// The Parser module alone, not the package's index: that one also loads a DOM builder and a feed reader.
import { Parser } from "htmlparser2/lib/Parser";

const HTML_HINT = /<\/?(?:td|th|tr|table|p|br|div|span|h[1-6])[\s>/]/i;

/** Elements that start and end a line (in a cell: a space). */
const BLOCKS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "dir",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "section", "summary", "ul",
]);
/** Elements whose text is laid out as written: line breaks and runs of spaces kept. */
const PREFORMATTED: ReadonlySet<string> = new Set(["pre", "listing", "textarea"]);
/** Elements whose content a reader of the page does not see as text. */
const UNSEEN: ReadonlySet<string> = new Set(["script", "style", "template", "noscript", "select", "svg", "canvas", "iframe", "xml"]);
/** Elements that may stand in a <head> (HTML "in head" insertion mode); any other one ends it. */
const HEAD_CONTENT: ReadonlySet<string> = new Set([
  "base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style", "script", "template", "xml",
]);

const COLLAPSIBLE = /[ \t\n\f\r\u00a0]+/g;
const BLANK = /^[ \t\n\f\r\u00a0]*$/;
const HIDDEN_STYLE = /display\s*:\s*none/i;
/** A site's furniture around the article: its elements, landmark roles, and the class or id names CMS templates give it. */
const CHROME_ELEMENTS: ReadonlySet<string> = new Set(["nav", "footer", "aside"]);
const CHROME_ROLE = /^(?:navigation|banner|contentinfo|search|complementary)$/i;
const CHROME_NAME = /(?:^|[\s_-])(?:nav|navbar|menu|submenu|subnav|top-?bar|footer|foot|breadcrumbs?|crumbs?|position|location|toolbar|share|related|sidebar|search)(?:$|[\s_-])/i;

export interface HtmlPage {
  /** The page as the importer reads it: one line per block, one line of tab-separated cells per table row. */
  readonly text: string;
  /** The text of the page's <title>, if it has one. */
  readonly title: string | null;
}

export function looksLikeHtml(text: string): boolean {
  return HTML_HINT.test(text);
}

/** Lines and table rows, built from block, row and cell boundaries and runs of text. */
class TextLayout {
  private readonly lines: string[] = [];
  private line = "";
  private row: string[] | null = null;
  private cell: string | null = null;
  /** White space was seen since the last text of the current line or cell. */
  private space = false;
  private tableDepth = 0;
  /** The table depth at which the open cell was opened: tables deeper than that are nested in the cell. */
  private cellTableDepth = 0;
  private preDepth = 0;

  open(name: string): void {
    if (PREFORMATTED.has(name)) {
      this.block();
      this.preDepth += 1;
    } else if (name === "table") {
      if (this.cell === null) this.endLine();
      else this.cellBreak();
      this.tableDepth += 1;
    } else if (name === "tr") {
      if (this.nestedInCell()) this.cellBreak();
      else this.startRow();
    } else if (name === "td" || name === "th") {
      if (this.nestedInCell()) this.cellBreak();
      else this.startCell();
    } else if (BLOCKS.has(name)) {
      this.block();
    }
  }

  close(name: string): void {
    if (PREFORMATTED.has(name)) {
      this.preDepth = Math.max(0, this.preDepth - 1);
      this.block();
    } else if (name === "table") {
      const nested = this.nestedInCell();
      this.tableDepth = Math.max(0, this.tableDepth - 1);
      if (nested) {
        this.cellBreak();
      } else {
        this.endRow();
        this.endLine();
      }
    } else if (name === "tr") {
      if (this.nestedInCell()) this.cellBreak();
      else this.endRow();
    } else if (name === "td" || name === "th") {
      if (this.nestedInCell()) this.cellBreak();
      else this.endCell();
    } else if (BLOCKS.has(name) && name !== "br") {
      this.block();
    }
  }

  text(data: string): void {
    if (this.row !== null && this.cell === null) {
      // Text between the cells of a row: source indentation, or stray text a browser would show as a cell.
      if (BLANK.test(data)) return;
      this.startCell();
    }
    if (this.preDepth === 0) {
      this.append(data.replace(COLLAPSIBLE, " "));
      return;
    }
    const lines = data.replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ").split("\n");
    lines.forEach((text, index) => {
      if (index > 0) {
        if (this.cell === null) this.endLine();
        else this.cellBreak();
      }
      this.appendVerbatim(this.cell === null ? text : text.replace(/\t/g, " "));
    });
  }

  finish(): string {
    this.endRow();
    this.endLine();
    return this.lines.join("\n");
  }

  private nestedInCell(): boolean {
    return this.cell !== null && this.tableDepth > this.cellTableDepth;
  }

  /** A block boundary: a new line, or inside a cell a space. */
  private block(): void {
    if (this.cell !== null) this.cellBreak();
    else if (this.row === null) this.endLine();
  }

  private cellBreak(): void {
    this.space = true;
  }

  /** Collapsed text: a leading or trailing space only marks that the next text is a new word. */
  private append(collapsed: string): void {
    let text = collapsed;
    if (text.startsWith(" ")) {
      this.space = true;
      text = text.slice(1);
    }
    if (text.length === 0) return;
    const trailing = text.endsWith(" ");
    this.put(trailing ? text.slice(0, -1) : text);
    this.space = trailing;
  }

  private appendVerbatim(text: string): void {
    if (text.length === 0) return;
    this.put(text);
    this.space = false;
  }

  private put(text: string): void {
    if (this.cell !== null) {
      this.cell += this.space && this.cell.length > 0 ? ` ${text}` : text;
    } else {
      this.line += this.space && this.line.length > 0 ? ` ${text}` : text;
    }
  }

  private startRow(): void {
    this.endRow();
    this.endLine();
    this.row = [];
  }

  private startCell(): void {
    // A cell opened before the last one ended ("<td><span>a<td>b"): a browser ends the last one there too.
    this.endCell();
    if (this.row === null) this.startRow();
    this.cell = "";
    this.space = false;
    this.cellTableDepth = this.tableDepth;
  }

  private endCell(): void {
    if (this.cell === null) return;
    (this.row ??= []).push(this.cell.trim());
    this.cell = null;
    this.space = false;
  }

  private endRow(): void {
    this.endCell();
    const row = this.row;
    if (row === null) return;
    this.row = null;
    while (row.length > 0 && row[row.length - 1] === "") row.pop();
    if (row.length > 0) this.lines.push(row.join("\t"));
  }

  private endLine(): void {
    const line = this.line.trim();
    if (line.length > 0) this.lines.push(line);
    this.line = "";
    this.space = false;
  }
}

/** The names of the elements open in the parser, counted. */
class OpenElements {
  private readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  remove(name: string): void {
    const count = this.counts.get(name) ?? 0;
    if (count <= 1) this.counts.delete(name);
    else this.counts.set(name, count - 1);
  }

  has(name: string): boolean {
    return this.counts.has(name);
  }
}

/**
 * htmlparser2's Parser with end tags that close nothing dropped before its stack search. The parser itself
 * would ignore them too, except "</p>" (an empty paragraph) and "</br>" (a line break): the first is opened
 * here so that the search finds it on top, the second the parser handles without a search.
 */
class BoundedParser extends Parser {
  constructor(
    handler: Partial<Handler>,
    private readonly open: OpenElements,
  ) {
    super(handler, { decodeEntities: true });
  }

  override onclosetag(name: string): void {
    const lower = name.toLowerCase();
    if (this.open.has(lower) || lower === "br") {
      super.onclosetag(name);
    } else if (lower === "p") {
      this.onopentagname("p");
      this.onopentagend();
      super.onclosetag("p");
    }
  }
}

interface OpenElement {
  readonly name: string;
  /** Its start tag was laid out (so its end tag is too). */
  shown: boolean;
}

function isChrome(name: string, attribs: Readonly<Record<string, string>>): boolean {
  if (CHROME_ELEMENTS.has(name) || CHROME_ROLE.test(attribs["role"] ?? "")) return true;
  const names = `${attribs["class"] ?? ""} ${attribs["id"] ?? ""}`;
  return names.length > 1 && CHROME_NAME.test(names);
}

/** The page's text in the importer's shape, and its title. */
export function readHtmlPage(html: string): HtmlPage {
  const layout = new TextLayout();
  const open = new OpenElements();
  // Mirrors the parser's stack; only its top is ever looked at.
  const stack: OpenElement[] = [];
  /** Stack depth of the element whose content is not seen, while inside one. */
  let unseenAt: number | null = null;
  let inHead = false;
  /** Something of the body was laid out: a <head> after that is a stray tag, not the page's head. */
  let bodySeen = false;
  let titleAt: number | null = null;
  let title = "";

  const handler: Partial<Handler> = {
    onopentagname(name) {
      open.add(name);
      stack.push({ name, shown: false });
    },
    onopentag(name, attribs) {
      const element = stack[stack.length - 1];
      if (unseenAt !== null || element === undefined) return;
      if (name === "head" && !bodySeen) {
        inHead = true;
        return;
      }
      if (inHead && (name === "body" || !HEAD_CONTENT.has(name))) inHead = false;
      if (name === "title" && title.length === 0) {
        titleAt = stack.length;
        return;
      }
      const hidden = attribs["hidden"] !== undefined || HIDDEN_STYLE.test(attribs["style"] ?? "");
      if (UNSEEN.has(name) || name === "title" || hidden || inHead || isChrome(name, attribs)) {
        unseenAt = stack.length;
        return;
      }
      element.shown = true;
      bodySeen = true;
      layout.open(name);
    },
    ontext(data) {
      if (unseenAt !== null) return;
      if (titleAt !== null) {
        title += data;
        return;
      }
      if (inHead) {
        if (BLANK.test(data)) return;
        inHead = false;
      }
      bodySeen ||= !BLANK.test(data);
      layout.text(data);
    },
    onclosetag(name) {
      open.remove(name);
      // Every end tag the parser reports closes an element it reported open; elements left above it are void
      // elements whose start tag the input cut short.
      while (stack.length > 0 && stack[stack.length - 1]?.name !== name) stack.pop();
      const depth = stack.length;
      const element = stack.pop();
      if (element === undefined) return;
      if (unseenAt === depth) unseenAt = null;
      if (titleAt === depth) titleAt = null;
      if (name === "head") inHead = false;
      if (element.shown) layout.close(name);
    },
  };
  new BoundedParser(handler, open).end(html);
  const pageTitle = title.replace(COLLAPSIBLE, " ").trim();
  return { text: layout.finish(), title: pageTitle.length > 0 ? pageTitle : null };
}

/** HTML → the text the importer reads (see readHtmlPage). */
export function htmlToText(html: string): string {
  return readHtmlPage(html).text;
}
