// How the Office host reaches Excel: Excel.run, injected so that tests can substitute an in-memory fake,
// and context.sync() with a timeout, because on Excel on the web every sync is a network round trip.

import { HostError } from "../../core/session";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const defaultExcelRun: ExcelRun = (batch) => Excel.run(batch);

/** Requirement-set check, injected for tests (Office.context.requirements.isSetSupported in Office). */
export type RequirementCheck = (set: string, version: string) => boolean;

export const defaultRequirementCheck: RequirementCheck = (set, version) =>
  typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(set, version) === true;

export class SyncTimeoutError extends HostError {
  constructor(seconds: number) {
    super(`Excel 在 ${seconds} 秒内没有响应，操作未完成。请稍后点击“重新校验”再试。`);
    this.name = "SyncTimeoutError";
  }
}

/** context.sync() that gives up after `timeoutMs` with a message the pane shows. */
export async function syncWithTimeout(context: Excel.RequestContext, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SyncTimeoutError(Math.round(timeoutMs / 100) / 10)), timeoutMs);
  });
  try {
    await Promise.race([context.sync(), timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
