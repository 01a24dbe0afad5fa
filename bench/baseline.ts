// validate.baseline: the 450 verdicts of the table rules computed by the simplest correct code — a
// hand-written loop over a number array, with the cell positions worked out once — so that the engine's
// cost shows as a ratio to it. Verdicts: 0 pass, 1 fail, 2 incomplete, 3 not applicable.

import type { CellId } from "../src/core/format";
import { INPUT_CELLS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_COLUMNS, TABLES, t3Id, t4Id } from "../src/core/format";
import type { RawCell } from "../src/core/values";
import type { Timing } from "./measure";
import { timeSync } from "./measure";

const INDEX = new Map(INPUT_CELLS.map((c, i) => [c.id, i]));
const at = (id: CellId): number => INDEX.get(id)!;

const APPLICANTS = T3_COLUMNS.filter((c) => c.key !== "total");
const OUTCOMES = T3_ROWS.filter((r) => r.isOutcome);
const BALANCES = T3_COLUMNS.map((c) => [at(t3Id("new", c.key)), at(t3Id("carryOver", c.key)), at(t3Id("result.total", c.key)), at(t3Id("carryForward", c.key))]);
const SUMS = [
  ...T3_ROWS.map((r) => [at(t3Id(r.key, "total")), ...APPLICANTS.map((c) => at(t3Id(r.key, c.key)))]),
  ...T3_COLUMNS.map((c) => [at(t3Id("result.total", c.key)), ...OUTCOMES.map((r) => at(t3Id(r.key, c.key)))]),
  ...T4_BLOCKS.map((b) => [at(t4Id(b.key, "total")), ...T4_COLUMNS.filter((c) => c.key !== "total").map((c) => at(t4Id(b.key, c.key)))]),
];
const COUNT = INPUT_CELLS.map((c) => c.kind === "count");
const TABLE_CELLS = TABLES.map((t) => t.inputs.map((c) => at(c.id)));
const FEE = at("t2.fee.amountWan");
const REGULATION = ["t2.regulation.issued", "t2.regulation.repealed", "t2.regulation.valid"].map(at);
const VALID = [
  [at("t2.regulation.issued"), at("t2.regulation.valid")],
  [at("t2.normativeDoc.issued"), at("t2.normativeDoc.valid")],
];

const values = new Float64Array(INPUT_CELLS.length);
/** 0 blank, 1 number, 2 anything else. */
const kinds = new Uint8Array(INPUT_CELLS.length);
const verdicts = new Uint8Array(450);

function validate(raw: Readonly<Record<string, RawCell>>, levelHasNoRuleMaking: boolean, feeMax: number): void {
  for (let i = 0; i < INPUT_CELLS.length; i += 1) {
    const v = raw[INPUT_CELLS[i]!.id];
    if (typeof v === "number") {
      values[i] = v;
      kinds[i] = 1;
    } else kinds[i] = v === null || v === undefined || v === "" ? 0 : 2;
  }
  let k = 0;
  for (const [a, b, c, d] of BALANCES) {
    verdicts[k++] = kinds[a!] !== 1 || kinds[b!] !== 1 || kinds[c!] !== 1 || kinds[d!] !== 1 ? 2 : Math.abs(values[a!]! + values[b!]! - values[c!]! - values[d!]!) <= 1e-6 ? 0 : 1;
  }
  for (const sum of SUMS) {
    let total = 0;
    let complete = kinds[sum[0]!] === 1;
    for (let j = 1; j < sum.length; j += 1) {
      if (kinds[sum[j]!] !== 1) complete = false;
      total += values[sum[j]!]!;
    }
    verdicts[k++] = !complete ? 2 : Math.abs(values[sum[0]!]! - total) <= 1e-6 ? 0 : 1;
  }
  for (let i = 0; i < INPUT_CELLS.length; i += 1) {
    verdicts[k++] = kinds[i] === 2 ? 1 : 0;
    verdicts[k++] = kinds[i] !== 1 ? 3 : values[i]! < 0 || (COUNT[i] && !Number.isInteger(values[i])) ? 1 : 0;
  }
  for (const cells of TABLE_CELLS) {
    let blank = false;
    for (const i of cells) if (kinds[i] === 0) blank = true;
    verdicts[k++] = blank ? 1 : 0;
  }
  verdicts[k++] = kinds[FEE] !== 1 ? 2 : Math.abs(values[FEE]! * 100 - Math.round(values[FEE]! * 100)) <= 1e-6 ? 0 : 1;
  verdicts[k++] = kinds[FEE] !== 1 ? 2 : values[FEE]! < feeMax ? 0 : 1;
  if (!levelHasNoRuleMaking) verdicts[k++] = 3;
  else {
    let positive = false;
    let complete = true;
    for (const i of REGULATION) {
      if (kinds[i] !== 1) complete = false;
      else if (values[i]! > 0) positive = true;
    }
    verdicts[k++] = positive ? 1 : complete ? 0 : 2;
  }
  for (const [issued, valid] of VALID) {
    verdicts[k++] = kinds[issued!] !== 1 || kinds[valid!] !== 1 ? 2 : values[issued!]! > 0 && values[valid!] === 0 ? 1 : 0;
  }
}

export function validationBaseline(reports: readonly Readonly<Record<string, RawCell>>[]): Timing {
  return timeSync((i) => validate(reports[i % reports.length]!, true, 1_000_000), 10_000);
}
