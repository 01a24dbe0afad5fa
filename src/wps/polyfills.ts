// Built-ins newer than ES2017 that the WPS pane's bundle calls (ours, React's and Fluent UI's), for WPS's
// embedded web view: an older Chromium whose version is not documented (WPS personal 12.1.0.26200 lacks
// crypto.randomUUID, so it predates Chromium 92). The WPS build runs this module before anything else; every
// definition is skipped where the engine has its own. tests/addin/wps-package.test.ts lists the built-ins the
// bundle calls, and tests/browser/wps-pane.test.ts runs the pane with all of them deleted.
//
// Deliberately absent: crypto.randomUUID and structuredClone (the bundle must not call them: the package test
// fails if it does), Array.prototype.at and Object.hasOwn (not called either).

/** Defines `value` as `name` on `target` the way built-ins are defined (writable, configurable, not enumerable). */
function define(target: object, name: PropertyKey, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// --- ES2019 ------------------------------------------------------------------------------------------------

function flatInto(target: unknown[], source: readonly unknown[], depth: number): unknown[] {
  for (let i = 0; i < source.length; i += 1) {
    if (!(i in source)) continue; // holes are skipped, as by flat()
    const item = source[i];
    if (depth > 0 && Array.isArray(item)) flatInto(target, item, depth - 1);
    else target.push(item);
  }
  return target;
}

export function flat(this: readonly unknown[], depth?: number): unknown[] {
  return flatInto([], this, depth === undefined ? 1 : Math.floor(Number(depth)) || 0);
}

export function flatMap(this: readonly unknown[], callback: (value: unknown, index: number, array: readonly unknown[]) => unknown, thisArg?: unknown): unknown[] {
  const mapped: unknown[] = [];
  for (let i = 0; i < this.length; i += 1) if (i in this) mapped.push(callback.call(thisArg, this[i], i, this));
  return flatInto([], mapped, 1);
}

export function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>): Record<PropertyKey, unknown> {
  const result: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) result[key] = value;
  return result;
}

/** A JavaScript WhiteSpace or LineTerminator at either end (the characters String.prototype.trim removes). */
const LEADING_SPACE = /^\s+/;
const TRAILING_SPACE = /\s+$/;

export function trimStart(this: string): string {
  return String(this).replace(LEADING_SPACE, "");
}

export function trimEnd(this: string): string {
  return String(this).replace(TRAILING_SPACE, "");
}

/**
 * Array.prototype.sort is stable since ES2019; before it V8 sorted arrays of more than 10 elements with an
 * unstable quicksort (Chromium < 70). A merge sort with the same contract where a comparator is given:
 * undefined elements last, the comparator never called with them.
 */
export function stableSort<T>(array: T[], compare: (a: T, b: T) => number): T[] {
  const defined: T[] = [];
  let undefinedCount = 0;
  for (let i = 0; i < array.length; i += 1) {
    if (!(i in array)) continue;
    const item = array[i] as T;
    if (item === undefined) undefinedCount += 1;
    else defined.push(item);
  }
  let from = defined;
  let to: T[] = new Array<T>(defined.length);
  for (let width = 1; width < from.length; width *= 2) {
    for (let start = 0; start < from.length; start += 2 * width) {
      const middle = Math.min(start + width, from.length);
      const end = Math.min(start + 2 * width, from.length);
      let left = start;
      let right = middle;
      for (let k = start; k < end; k += 1) {
        // Take from the right run only when its head sorts strictly before the left's: ties keep their order.
        if (left < middle && (right >= end || !(compare(from[right] as T, from[left] as T) < 0))) to[k] = from[left++] as T;
        else to[k] = from[right++] as T;
      }
    }
    [from, to] = [to, from];
  }
  const length = array.length;
  for (let i = 0; i < from.length; i += 1) array[i] = from[i] as T;
  for (let i = from.length; i < from.length + undefinedCount; i += 1) array[i] = undefined as T;
  for (let i = from.length + undefinedCount; i < length; i += 1) Reflect.deleteProperty(array, i);
  return array;
}

/** Whether the engine's sort keeps equal elements in order (probed on more elements than V8's insertion sort took). */
function sortIsStable(): boolean {
  const probe: { readonly key: number; readonly index: number }[] = [];
  for (let i = 0; i < 64; i += 1) probe.push({ key: i % 3, index: i });
  probe.sort((a, b) => a.key - b.key);
  for (let i = 1; i < probe.length; i += 1) {
    const [previous, current] = [probe[i - 1]!, probe[i]!];
    if (previous.key === current.key && previous.index > current.index) return false;
  }
  return true;
}

// --- ES2020 ------------------------------------------------------------------------------------------------

export function* matchAll(this: string, pattern: RegExp | string): IterableIterator<RegExpExecArray> {
  if (pattern instanceof RegExp && !pattern.global) throw new TypeError("String.prototype.matchAll called with a non-global RegExp");
  const regexp = pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags) : new RegExp(String(pattern), "g");
  regexp.lastIndex = pattern instanceof RegExp ? pattern.lastIndex : 0;
  const text = String(this);
  for (let match = regexp.exec(text); match !== null; match = regexp.exec(text)) {
    yield match;
    if (match[0] === "") regexp.lastIndex += 1; // an empty match would match again at the same place
  }
}

type Settled = { status: "fulfilled"; value: unknown } | { status: "rejected"; reason: unknown };

export function allSettled(values: Iterable<unknown>): Promise<Settled[]> {
  return Promise.all(
    Array.from(values, (value) =>
      Promise.resolve(value).then(
        (result): Settled => ({ status: "fulfilled", value: result }),
        (reason: unknown): Settled => ({ status: "rejected", reason }),
      ),
    ),
  );
}

// --- ES2018 ------------------------------------------------------------------------------------------------

export function promiseFinally(this: Promise<unknown>, onFinally?: () => unknown): Promise<unknown> {
  if (typeof onFinally !== "function") return this.then(onFinally, onFinally);
  return this.then(
    (value) => Promise.resolve(onFinally()).then(() => value),
    (reason: unknown) =>
      Promise.resolve(onFinally()).then(() => {
        throw reason;
      }),
  );
}

// --- ES2021 ------------------------------------------------------------------------------------------------

/**
 * Fluent UI's focus management (tabster, keyborg) creates WeakRefs without a fallback. Without WeakRef this
 * one holds its target strongly: the few elements it keeps stay in memory as long as the pane is open.
 */
export class StrongRef<T extends object> {
  constructor(private readonly target: T) {}
  deref(): T {
    return this.target;
  }
}

/** Installs every missing built-in above into the page. */
export function installPolyfills(scope: object): void {
  define(scope, "globalThis", scope);
  define(Array.prototype, "flat", flat);
  define(Array.prototype, "flatMap", flatMap);
  define(Object, "fromEntries", fromEntries);
  define(String.prototype, "trimStart", trimStart);
  define(String.prototype, "trimEnd", trimEnd);
  define(String.prototype, "matchAll", matchAll);
  define(Promise, "allSettled", allSettled);
  define(Promise.prototype, "finally", promiseFinally);
  define(scope, "WeakRef", StrongRef);
  if (!sortIsStable()) {
    const unstable = Array.prototype.sort;
    Object.defineProperty(Array.prototype, "sort", {
      value: function sort<T>(this: T[], compare?: (a: T, b: T) => number): T[] {
        return typeof compare === "function" ? stableSort(this, compare) : unstable.call(this, compare) as T[];
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

installPolyfills(typeof self === "undefined" ? {} : self);
