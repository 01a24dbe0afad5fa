// Numbers as an official text writes them: integers as written, decimals without trailing zeros or float
// noise, never scientific notation (spec §4 E10: a fee printed as 1.0074845E7 under 万元).

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  const tidy = Number.parseFloat(value.toPrecision(12));
  // toFixed with enough digits avoids the exponent form of small or large values.
  const fixed = tidy.toFixed(12);
  return fixed.replace(/\.?0+$/, "");
}

/** Number of decimals a value shows when formatted (70.319 → 3). */
export function decimalPlaces(value: number): number {
  const text = formatNumber(value);
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}
