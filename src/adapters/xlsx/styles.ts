// Cell styles of the template: 宋体 for labels, 仿宋 for figures, thin borders on the official grids.

import type { Alignment, Borders, Fill, Font, Style } from "exceljs";
import type { StyleName, Tone } from "../workbook/plan";

const thin = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function font(name: string, size: number, bold = false): Partial<Font> {
  return { name, size, bold, charset: 134 };
}

function align(horizontal: Alignment["horizontal"], wrap = true): Partial<Alignment> {
  return { horizontal, vertical: "middle", wrapText: wrap };
}

const SOLID = (argb: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } });

export const STYLES: Readonly<Record<StyleName, Partial<Style>>> = {
  title: { font: font("黑体", 14), alignment: align("center", false) },
  caption: { font: font("宋体", 10.5, true), alignment: align("left"), border: BORDER },
  header: { font: font("宋体", 10.5, true), alignment: align("center"), border: BORDER },
  rowLabel: { font: font("宋体", 10.5), alignment: align("left"), border: BORDER },
  note: { font: font("宋体", 9), alignment: align("center"), border: BORDER },
  count: { font: font("仿宋", 11), alignment: align("center", false), border: BORDER, numFmt: "0" },
  money: { font: font("仿宋", 11), alignment: align("center", false), border: BORDER, numFmt: "0.00##" },
  metaLabel: { font: font("宋体", 11, true), alignment: align("left"), border: BORDER, fill: SOLID("FFF2F2F2") },
  metaInput: { font: font("仿宋", 12), alignment: align("left"), border: BORDER },
  text: { font: font("宋体", 10.5), alignment: { vertical: "middle", wrapText: true } },
  checkHeader: { font: font("黑体", 10.5), alignment: align("center"), border: BORDER, fill: SOLID("FFD9D9D9") },
  checkCell: { font: font("宋体", 10), alignment: { vertical: "middle", wrapText: true }, border: BORDER },
  status: { font: font("宋体", 11, true), alignment: { vertical: "middle", wrapText: false } },
};

/** Vertical merged row labels (e.g. 三、本年度办理结果) read better centred. */
export const CENTRED_ROW_LABEL: Partial<Alignment> = align("center");

export const TONES: Readonly<Record<Tone, { fill: Fill; font: Partial<Font> }>> = {
  error: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
  warning: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFEB9C" } }, font: { color: { argb: "FF9C5700" } } },
  pass: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } }, font: { color: { argb: "FF006100" } } },
  muted: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFF2F2F2" } }, font: { color: { argb: "FF7F7F7F" } } },
};
