// Text for a terminal: what a file holds (an agency's name, a message quoting the report) may carry control
// characters — an escape sequence that recolours, moves the cursor or retitles the window, a bell. They are
// shown as their visible symbols (␛, ␇) rather than sent; tabs and line breaks are kept.

export function terminalSafe(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
    if (!control) continue;
    out += text.slice(from, i) + (code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd");
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
