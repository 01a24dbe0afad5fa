// Recognising WPS 表格 from the page's globals, before anything waits for Office.onReady (WPS never loads
// Office.js add-ins). WPS puts its ET `Application` on the window as `Application` and as `wps`; it counts only
// when it has the members the WPS host relies on, so an unrelated global of the same name is passed over.
// Host objects may throw from their accessors: every probe is guarded.

import type { EtApplication } from "./et-api";

function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function member(owner: unknown, key: string): unknown {
  if (!isObjectLike(owner)) return undefined;
  try {
    return Reflect.get(owner, key);
  } catch {
    return undefined;
  }
}

/** Present even when its value is null (ActiveWorkbook is null while no workbook is open). */
function hasMember(owner: object, key: string): boolean {
  try {
    if (key in owner) return true;
  } catch {
    // A proxy without a `has` trap for this key: fall back to reading it.
  }
  return member(owner, key) !== undefined;
}

function isEtApplication(value: unknown): value is EtApplication {
  if (!isObjectLike(value) || !hasMember(value, "ActiveWorkbook")) return false;
  const events = member(value, "ApiEvent");
  return typeof member(events, "AddApiEventListener") === "function" && typeof member(events, "RemoveApiEventListener") === "function";
}

/** The ET Application when the page runs inside WPS 表格, else null. Never throws. */
export function detectWps(scope: unknown): EtApplication | null {
  for (const candidate of [member(scope, "Application"), member(scope, "wps")]) {
    if (isEtApplication(candidate)) return candidate;
  }
  return null;
}
