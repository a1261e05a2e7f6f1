// The panel's pure logic: keep the samples the host sent, cut the chosen time window, decimate it to what
// a canvas can show, and derive the GC/restart markers, the trend line and (Go services) the goroutine line.
import { SampleFlag } from '../../src/common/sampleFlags';
import type { WireSample, WireTrend } from '../../src/protocol/heap';

export interface XY {
  x: number;
  y: number;
}

export interface ChartData {
  /** The x range to show: the whole chosen window (ending at the newest sample), so 1 h looks like an hour. */
  xMin: number;
  xMax: number;
  /** Distance between x ticks, ms: a round step, never below a second (no repeated clock labels). */
  xStep: number;
  used: XY[];
  total: XY[];
  gcPoints: XY[];
  restarts: number[];
  trend: XY[];
  /** Live goroutines, drawn on their own axis; empty for runtimes without them (Node). */
  goroutines: XY[];
}

/** A bounded copy of the host's samples; trims in chunks so appends stay cheap at a day of samples. */
export class SampleStore {
  private samples: WireSample[] = [];
  constructor(private capacity: number) {}

  reset(samples: WireSample[], capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.samples = samples.slice(-this.capacity);
  }

  append(samples: WireSample[]): void {
    this.samples.push(...samples);
    if (this.samples.length > this.capacity * 1.1) this.samples.splice(0, this.samples.length - this.capacity);
  }

  /** Samples with t ≥ `since` (the store may hold up to 10% more than capacity; the view does not mind). */
  since(since: number): WireSample[] {
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.samples[mid]![0] < since) lo = mid + 1;
      else hi = mid;
    }
    return this.samples.slice(lo);
  }

  get size(): number {
    return this.samples.length;
  }

  get lastTime(): number | undefined {
    return this.last?.[0];
  }

  get last(): WireSample | undefined {
    return this.samples[this.samples.length - 1];
  }
}

/**
 * Min/max decimation: per bucket, keep the lowest and the highest point in time order, so spikes and
 * post-GC dips survive (averaging would hide exactly what the chart is for).
 */
export function decimate(points: XY[], maxPoints: number): XY[] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: XY[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    let min = points[start]!;
    let max = points[start]!;
    for (let i = start + 1; i < end; i++) {
      const p = points[i]!;
      if (p.y < min.y) min = p;
      if (p.y > max.y) max = p;
    }
    if (min === max) out.push(min);
    else if (min.x < max.x) out.push(min, max);
    else out.push(max, min);
  }
  return out;
}

/** `windowMs` 0 = everything. Times stay epoch ms; the axis formats them. */
export function toChartData(store: SampleStore, trend: WireTrend | undefined, windowMs: number, maxPoints = 1500): ChartData {
  const end = store.lastTime ?? 0;
  const samples = store.since(windowMs > 0 ? end - windowMs : -Infinity);
  const used: XY[] = [];
  const total: XY[] = [];
  const gcPoints: XY[] = [];
  const restarts: number[] = [];
  const goroutines: XY[] = [];
  for (const [t, u, tot, flags, g] of samples) {
    used.push({ x: t, y: u });
    if (g !== undefined) goroutines.push({ x: t, y: g });
    total.push({ x: t, y: tot });
    if (flags & SampleFlag.Gc) gcPoints.push({ x: t, y: u });
    if (flags & SampleFlag.Restart) restarts.push(t);
  }
  const start = samples[0]?.[0] ?? end;
  const line = trend?.line;
  const trendPoints: XY[] = [];
  if (line) {
    const from = Math.max(line.from, start);
    const to = Math.max(from, end);
    trendPoints.push({ x: from, y: line.slope * from + line.intercept }, { x: to, y: line.slope * to + line.intercept });
  }
  const xMin = windowMs > 0 ? end - windowMs : start;
  const xMax = Math.max(end, xMin + 1000);
  return {
    xMin,
    xMax,
    xStep: tickStep(xMax - xMin),
    used: decimate(used, maxPoints),
    total: decimate(total, maxPoints),
    gcPoints: decimate(gcPoints, maxPoints),
    restarts,
    trend: trendPoints,
    goroutines: decimate(goroutines, maxPoints),
  };
}

export const WINDOWS: ReadonlyArray<{ label: string; ms: number }> = [
  { label: '1 min', ms: 60_000 },
  { label: '5 min', ms: 300_000 },
  { label: '1 h', ms: 3_600_000 },
  { label: 'all', ms: 0 },
];

const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** The smallest round step that gives at most `maxTicks` ticks over `spanMs`. */
export function tickStep(spanMs: number, maxTicks = 6): number {
  return STEPS_MS.find((step) => spanMs / step <= maxTicks) ?? STEPS_MS[STEPS_MS.length - 1]!;
}

/** Clock time; without seconds when the ticks are whole minutes apart. */
export function formatClock(t: number, stepMs = 1000): string {
  const d = new Date(t);
  const parts = stepMs >= 60_000 && stepMs % 60_000 === 0 ? [d.getHours(), d.getMinutes()] : [d.getHours(), d.getMinutes(), d.getSeconds()];
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}
