// Dates in number cells. Spreadsheets store a date as a serial number (days since 1899-12-30 in the 1900 date
// system of Excel, WPS and LibreOffice, ECMA-376 Part 1 §18.17.4.1) and tell it apart only by the cell's number
// format; an .xlsx reader hands it over as a date, Office.js and ET as the bare serial. Every reader turns it into
// the same ISO text here, so the core names it a date whichever program the workbook is open in.

const MS_PER_DAY = 86_400_000;
/** Serial 0 of the 1900 system, taking Excel's phantom 1900-02-29 (serial 60) into account for serials after it. */
const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** The ISO date ("2025-03-01") of a serial number of the 1900 date system; the time of day is dropped. */
export function dateFromSerial(serial: number): string {
  const days = Math.floor(serial < 61 ? serial + 1 : serial);
  return new Date(EPOCH_UTC + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Whether a number format shows a date or a time (ECMA-376 Part 1 §18.8.31): a date or time code (y, m, d, h,
 * s, or the Chinese 年月日时分秒 written unquoted) outside quoted text, escaped characters and bracketed parts
 * such as [Red] or [$-804]; elapsed times ([h]:mm) count as times. "General", "0.00", "#,##0\"件\"" are not.
 */
export function isDateFormat(format: string): boolean {
  if (format === "" || /^general$/i.test(format) || format === "@") return false;
  const section = format.split(";")[0] ?? "";
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\[(h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "");
  return /[ymdhs年月日时分秒]/i.test(bare);
}

/** Date text as a spreadsheet shows it or a user types it: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 (a time may follow). */
const DATE_TEXT = /^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$/;

/** The ISO date of a text that is a calendar date (see DATE_TEXT); null for anything else. */
export function dateOfText(text: string): string | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const day = Number(match[3] ?? match[5]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
