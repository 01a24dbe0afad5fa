// Call budgets of the WPS host, counted on the in-memory ET (tests/support/fake-et.ts): ET calls per
// single-cell edit and per 7 × 25 paste into 表三 (reads of cell content, writes, and every call), and the time
// to write the whole template into the fake. The fake answers in microseconds; in WPS every call crosses into
// the spreadsheet process, so the call counts are the figures that carry over.

import { WpsHost } from "../src/adapters/wps";
import { EMPTY_META } from "../src/core/format";
import { ValidationSession } from "../src/core/session";
import type { FakeEt } from "../tests/support/fake-et";
import { createFakeEt } from "../tests/support/fake-et";
import type { Timing } from "./measure";
import { timeAsync } from "./measure";

const META = { ...EMPTY_META, agencyName: "基准测试局", year: 2025, level: "县级部门" as const };

export interface EtCalls {
  /** Reads of cell content (Value2, Formula, NumberFormat). */
  readonly reads: number;
  /** Changes to the workbook or its view. */
  readonly writes: number;
  /** Every member access, the two above included. */
  readonly calls: number;
}

async function paneOnTemplate(): Promise<{ et: FakeEt; host: WpsHost; session: ValidationSession }> {
  const et = createFakeEt();
  const host = new WpsHost(et.application, { coalesceMs: 1 });
  const session = new ValidationSession(host);
  await session.start();
  await session.applyTemplate(META);
  et.resetCounts();
  return { et, host, session };
}

async function callsFor(act: (et: FakeEt) => void): Promise<EtCalls> {
  const { et, host, session } = await paneOnTemplate();
  act(et);
  await host.flushPending();
  const counts = et.counts;
  session.stop();
  return counts;
}

/** wps.cellEdit: the user types one figure into 表三 (target: one read at most). */
export function wpsCellEdit(): Promise<EtCalls> {
  return callsFor((et) => et.userType("表三", "D4", 5));
}

/** wps.paste: the user pastes the 7 × 25 block of 表三 (target: one read). */
export function wpsPaste(): Promise<EtCalls> {
  const block = Array.from({ length: 25 }, (_, r) => Array.from({ length: 7 }, (_, c) => (r + c) % 5));
  return callsFor((et) => et.userPaste("表三", "D4", block));
}

/** wps.template: writing the template into an empty workbook — its time on the fake, and its calls. */
export async function wpsTemplate(runs: number): Promise<{ readonly timing: Timing; readonly calls: EtCalls }> {
  let calls: EtCalls = { reads: 0, writes: 0, calls: 0 };
  const timing = await timeAsync(async () => {
    const et = createFakeEt();
    await new WpsHost(et.application).applyTemplate(META);
    calls = et.counts;
  }, runs);
  return { timing, calls };
}
