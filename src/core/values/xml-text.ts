// Text as XML 1.0 can hold it. The .xlsx and .docx formats are XML: a character XML forbids — a control
// character other than tab and line breaks, U+FFFE, U+FFFF, half a surrogate pair — makes the file one that
// Excel, WPS, LibreOffice and our own reader refuse. Such characters are replaced by U+FFFD (visible where they
// were, never silently dropped), and counted so that the user is told.

/** The replacement shown where a character XML cannot hold was. */
export const UNWRITABLE_MARK = "\uFFFD";

function allowed(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

/** The text with every character XML 1.0 forbids replaced, and how many there were. */
export function xmlSafe(text: string): { readonly text: string; readonly replaced: number } {
  let replaced = 0;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1; // a whole surrogate pair
        continue;
      }
    } else if (allowed(code)) continue;
    out += text.slice(from, i) + UNWRITABLE_MARK;
    from = i + 1;
    replaced += 1;
  }
  return replaced === 0 ? { text, replaced } : { text: out + text.slice(from), replaced };
}

/** The warning for the user when characters were replaced (null when none were). */
export function unwritableNotice(replaced: number): string | null {
  return replaced === 0 ? null : `有 ${replaced} 个字符（如 U+FFFF、控制字符）无法写入文件，已替换为“${UNWRITABLE_MARK}”，请核对相关文字。`;
}
