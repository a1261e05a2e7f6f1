// The leak verdict over the post-GC baseline. The rule (README, "How the verdict is decided"):
//  1. Judge the newest post-GC points; when their recent half has levelled off (warm-up, a cache that filled:
//     it rises at under half the overall rate and under the growing threshold), judge the recent half alone — so the rate, the words and the drawn line always come from one fit.
//  2. "Growing" needs all of: enough points over enough time; a Theil–Sen slope of at least
//     `minBytesPerMinute` that adds up to `minGrowthBytes` over the judged span; and a rise that stands out of
//     the noise (Mann–Kendall statistic ≥ `minTrendZ`: most pairs of points go up).
// Every threshold is absolute, in bytes: the size of the heap does not matter, so a leak of a few MB/min shows
// as fast in a 2 GB heap as in a 20 MB one (a threshold relative to the heap hid it for longer the bigger it was).
import type { SampleColumns } from '../series/sampleRing';
import { DEFAULT_BASELINE_OPTIONS, postGcBaseline, type BaselineOptions } from './baseline';
import { mannKendallZ, theilSen, type Point } from './theilSen';

export interface VerdictOptions extends BaselineOptions {
  minPoints: number;
  minSpanMs: number;
  /** Growth over the judged span must reach this many bytes (absolute, never a share of the heap: see above) … */
  minGrowthBytes: number;
  /** … at this rate at least (optional for callers that built options before it existed: 1 MB/min) … */
  minBytesPerMinute?: number;
  /** … and stand out of the noise: the Mann–Kendall z of the judged points at least this (default 2). */
  minTrendZ?: number;
}

export const DEFAULT_VERDICT_OPTIONS: Required<VerdictOptions> = {
  ...DEFAULT_BASELINE_OPTIONS,
  minPoints: 4,
  minSpanMs: 15_000,
  minGrowthBytes: 1_000_000,
  minBytesPerMinute: 1_000_000,
  minTrendZ: 2,
};

export interface Trend {
  state: 'collecting' | 'steady' | 'growing';
  /** Theil–Sen slope of the judged points in bytes per minute (NaN while collecting): the one rate shown. */
  bytesPerMinute: number;
  /** Time covered by the judged points, ms. */
  spanMs: number;
  /** Every post-GC point (drawn as dots); the verdict may judge only the newest of them (see `judgedFrom`). */
  baseline: Point[];
  baselineKind: 'forced' | 'natural';
  /** The fitted line `y = slope·t + intercept` (t in ms), drawn from `judgedFrom` on; absent while collecting. */
  fit?: { slope: number; intercept: number };
  /** Time of the first judged point (the recent half when growth levelled off, else the first baseline point). */
  judgedFrom?: number;
  /** Steady although the rate reached `minBytesPerMinute`: the rise was within the noise or too small in total. */
  withinNoise?: boolean;
}

const MS_PER_MIN = 60_000;

const spanOf = (points: readonly Point[]) => (points.length ? points[points.length - 1]!.t - points[0]!.t : 0);

export function judgeTrend(samples: SampleColumns, options: VerdictOptions = DEFAULT_VERDICT_OPTIONS): Trend {
  const { points, kind } = postGcBaseline(samples, options);
  const allSpan = spanOf(points);
  if (points.length < options.minPoints || allSpan < options.minSpanMs) {
    return { baseline: points, baselineKind: kind, spanMs: allSpan, state: 'collecting', bytesPerMinute: NaN };
  }
  let judged: readonly Point[] = points;
  let fit = theilSen(points);
  const recentPoints = points.slice(Math.floor(points.length / 2) - (points.length % 2 ? 0 : 1));
  const recent = theilSen(recentPoints);
  // Levelled off (the recent half rises at less than half the rate, and below the growing threshold): what
  // happens now is the recent half's slope, and that is the one to judge, state and draw. A recent half that
  // still rises that fast is a leak going on (pprof's sampled steps make a short window look slower).
  const minRate = options.minBytesPerMinute ?? DEFAULT_VERDICT_OPTIONS.minBytesPerMinute;
  if (fit.slope > 0 && recent.slope < 0.5 * fit.slope && recent.slope * MS_PER_MIN < minRate) {
    judged = recentPoints;
    fit = recent;
  }
  const spanMs = spanOf(judged);
  const bytesPerMinute = fit.slope * MS_PER_MIN;
  const growth = fit.slope * spanMs;
  const bigEnough = bytesPerMinute >= minRate && growth >= options.minGrowthBytes;
  const growing = bigEnough && mannKendallZ(judged) >= (options.minTrendZ ?? DEFAULT_VERDICT_OPTIONS.minTrendZ);
  const trend: Trend = {
    baseline: points,
    baselineKind: kind,
    spanMs,
    state: growing ? 'growing' : 'steady',
    bytesPerMinute,
    fit,
    judgedFrom: judged[0]!.t,
  };
  if (!growing && bytesPerMinute >= minRate) trend.withinNoise = true;
  return trend;
}
