// Timing helpers for `npm run bench`: run a function many times and report median and 95th percentile.

export interface Timing {
  readonly median: number;
  readonly p95: number;
  readonly runs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Times `fn` `runs` times after `warmup` untimed runs; results in microseconds. */
export function timeSync(fn: (i: number) => void, runs: number, warmup = Math.min(200, runs)): Timing {
  for (let i = 0; i < warmup; i += 1) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs };
}

export async function timeAsync(fn: (i: number) => Promise<void>, runs: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function emit(line: Record<string, string | number>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
