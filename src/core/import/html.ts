// Report text pasted as HTML (a web page's source): tags become the line and cell breaks they stand for, a
// few entities are decoded, everything else is dropped. One linear pass; a "<" without a closing ">" nearby
// is kept as text.

const HTML_HINT = /<\/?(?:td|th|tr|table|p|br|div|span|h[1-6])[\s>/]/i;
const LINE_TAGS = new Set(["tr", "p", "br", "div", "table", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tbody", "thead"]);
const CELL_TAGS = new Set(["td", "th"]);
const ENTITIES: Readonly<Record<string, string>> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", ensp: " ", emsp: " " };
/** Longest tag or entity looked at; anything longer is not one. */
const MAX_TAG = 400;
const MAX_ENTITY = 10;

export function looksLikeHtml(text: string): boolean {
  return HTML_HINT.test(text);
}

function tagName(tag: string): string {
  let i = 1;
  if (tag[i] === "/") i += 1;
  let name = "";
  while (i < tag.length) {
    const ch = tag.charAt(i).toLowerCase();
    if (!((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9"))) break;
    name += ch;
    i += 1;
  }
  return name;
}

/** Index of `ch` within `limit` characters after `from`, or -1: the search never runs to the end of the text. */
function findWithin(text: string, ch: string, from: number, limit: number): number {
  const end = Math.min(text.length, from + limit);
  for (let i = from; i < end; i += 1) if (text.charAt(i) === ch) return i;
  return -1;
}

export function htmlToText(html: string): string {
  let out = "";
  let i = 0;
  let skipUntil: string | null = null;
  let inCell = false;
  while (i < html.length) {
    const ch = html.charAt(i);
    if (ch === "<") {
      const close = findWithin(html, ">", i + 1, MAX_TAG);
      if (close > i) {
        const tag = html.slice(i, close + 1);
        const name = tagName(tag);
        const closing = tag.startsWith("</");
        if (skipUntil !== null) {
          if (closing && name === skipUntil) skipUntil = null;
        } else if (!closing && (name === "script" || name === "style")) {
          skipUntil = name;
        } else if (CELL_TAGS.has(name)) {
          // A cell is one tab-separated field: paragraphs and line breaks inside it are spaces.
          if (!closing) out += "\t";
          inCell = !closing;
        } else if (LINE_TAGS.has(name)) {
          const rowBoundary = name === "tr" || name === "table" || name === "tbody" || name === "thead";
          if (rowBoundary) inCell = false;
          out += inCell ? " " : "\n";
        }
        i = close + 1;
        continue;
      }
    }
    if (skipUntil !== null) {
      i += 1;
      continue;
    }
    if (ch === "&") {
      const semi = findWithin(html, ";", i + 1, MAX_ENTITY);
      if (semi > i) {
        const name = html.slice(i + 1, semi).toLowerCase();
        const named = ENTITIES[name];
        const code = name.startsWith("#x") ? Number.parseInt(name.slice(2), 16) : name.startsWith("#") ? Number.parseInt(name.slice(1), 10) : Number.NaN;
        if (named !== undefined || (Number.isInteger(code) && code > 0 && code < 0x110000)) {
          out += named ?? String.fromCodePoint(code);
          i = semi + 1;
          continue;
        }
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}
