// Character normalisation for reading published report text (spec §1.2 label hazards).
//
// normalizeText maps one UTF-16 unit to one UTF-16 unit, so positions in the normalised text are positions in
// the original: the importer matches on the normalised text and cuts the narrative out of the original.
// labelKey reduces a label to the characters that identify it (CJK characters, ASCII letters and digits), so
// brackets, quotes, "、" vs "，" and spaces or line breaks inside a label no longer matter.

/**
 * Traditional (or variant) character → simplified, for the characters that occur in the table labels, the
 * section headings and the report title. Pairs of two characters: traditional first.
 */
const TRADITIONAL_PAIRS = [
  "條条", "項项", "內内", "製制", "發发", "數数", "廢废", "現现", "規规", "範范", "處处", "決决", "許许", "罰罚",
  "強强", "費费", "額额", "單单", "萬万", "業业", "動动", "開开", "況况", "據据", "關关", "係系", "繫系", "為为",
  "爲为", "於于", "請请", "組组", "織织", "總总", "計计", "機机", "構构", "會会", "務务", "結结", "轉转", "辦办",
  "區区", "這这", "屬属", "國国", "穩稳", "護护", "權权", "類类", "過过", "執执", "詢询", "無无", "沒没", "補补",
  "後后", "確确", "訪访", "舉举", "報报", "訴诉", "複复", "復复", "當当", "認认", "獲获", "繳缴", "納纳", "繼继",
  "續续", "議议", "訟讼", "經经", "維维", "糾纠", "審审", "體体", "問问", "題题", "進进", "對对", "減减", "採采",
  "購购", "與与", "間间", "說说", "應应", "實实", "際际", "它他",
] as const;

const CHAR_MAP: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (const pair of TRADITIONAL_PAIRS) map.set(pair.charCodeAt(0), pair.charCodeAt(1));
  for (let code = 0xff10; code <= 0xff19; code += 1) map.set(code, code - 0xfee0); // ０-９
  map.set(0xff0e, 0x2e); // ．
  map.set(0xff0f, 0x2f); // ／
  map.set(0xff0d, 0x2d); // －
  map.set(0xff25, 0x45); // Ｅ
  map.set(0xff45, 0x65); // ｅ
  map.set(0xff5c, 0x7c); // ｜
  map.set(0x2502, 0x7c); // │
  map.set(0x2503, 0x7c); // ┃
  map.set(0x00a6, 0x7c); // ¦
  for (const space of [0x3000, 0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x202f, 0x205f, 0xfeff]) {
    map.set(space, 0x20);
  }
  return map;
})();

/** Simplified characters, ASCII digits, "|" for table rules and plain spaces; same length as the input. */
export function normalizeText(text: string): string {
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const mapped = CHAR_MAP.get(code);
    if (mapped === undefined) {
      codes[i] = code;
    } else {
      codes[i] = mapped;
      changed = true;
    }
  }
  if (!changed) return text;
  let out = "";
  // Chunked to stay clear of argument-count limits on long texts.
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** Characters that carry a label's identity: CJK ideographs, ASCII letters and digits. */
export function isKeyChar(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

export function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c;
}

/** A label reduced to its identifying characters: "（一）予以公开" and "(一) 予以公开" both give "一予以公开". */
export function labelKey(text: string): string {
  const normal = normalizeText(text);
  let key = "";
  for (let i = 0; i < normal.length; i += 1) {
    if (isKeyChar(normal.charCodeAt(i))) key += normal[i];
  }
  return key;
}

/** The label without its leading numbering: "（一）予以公开" → "予以公开", "1.属于国家秘密" → "属于国家秘密". */
export function stripNumbering(label: string): string {
  const text = normalizeText(label).trim();
  if (text.startsWith("（") || text.startsWith("(")) {
    const close = Math.max(text.indexOf("）"), text.indexOf(")"));
    if (close > 0 && close <= 4) return text.slice(close + 1);
  }
  let i = 0;
  while (i < text.length && i < 3 && (isChineseNumeral(text.charCodeAt(i)) || (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39))) i += 1;
  if (i > 0 && (text[i] === "、" || text[i] === ".")) return text.slice(i + 1);
  return text;
}

const CHINESE_NUMERALS = "一二三四五六七八九十";

export function isChineseNumeral(code: number): boolean {
  return CHINESE_NUMERALS.includes(String.fromCharCode(code));
}
