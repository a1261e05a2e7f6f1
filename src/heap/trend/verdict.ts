// The leak verdict over the post-GC baseline. "Growing" needs sustained growth: enough points over enough
// time, a robust slope that adds up to a real amount, and the recent half still growing — so neither one
// spike (Theil–Sen ignores it) nor warm-up (which flattens out) is called a leak.
import type { SampleColumns } from '../series/sampleRing';
import { DEFAULT_BASELINE_OPTIONS, postGcBaseline, type BaselineOptions } from './baseline';
import { theilSen, type Point } from './theilSen';

export interface VerdictOptions extends BaselineOptions {
  minPoints: number;
  minSpanMs: number;
  /** Growth over the judged span must reach this many bytes … */
  minGrowthBytes: number;
  /** … and this fraction of the first baseline level. */
  minRelativeGrowth: number;
}

export const DEFAULT_VERDICT_OPTIONS: VerdictOptions = {
  ...DEFAULT_BASELINE_OPTIONS,
  minPoints: 4,
  minSpanMs: 15_000,
  minGrowthBytes: 1_000_000,
  minRelativeGrowth: 0.1,
};

export interface Trend {
  state: 'collecting' | 'steady' | 'growing';
  /** Theil–Sen slope of the baseline in bytes per minute (NaN while collecting). */
  bytesPerMinute: number;
  /** Time covered by the baseline points, ms. */
  spanMs: number;
  baseline: Point[];
  baselineKind: 'forced' | 'natural';
  /** The fitted line `y = slope·t + intercept` (t in ms) for drawing; absent while collecting. */
  fit?: { slope: number; intercept: number };
}

const MS_PER_MIN = 60_000;

export function judgeTrend(samples: SampleColumns, options: VerdictOptions = DEFAULT_VERDICT_OPTIONS): Trend {
  const { points, kind } = postGcBaseline(samples, options);
  const spanMs = points.length ? points[points.length - 1]!.t - points[0]!.t : 0;
  const base = { baseline: points, baselineKind: kind, spanMs };
  if (points.length < options.minPoints || spanMs < options.minSpanMs) return { ...base, state: 'collecting', bytesPerMinute: NaN };
  const fit = theilSen(points);
  const recent = theilSen(points.slice(Math.floor(points.length / 2) - (points.length % 2 ? 0 : 1)));
  const firstLevel = Math.min(...points.slice(0, 3).map((p) => p.y));
  const growth = fit.slope * spanMs;
  const growing =
    growth >= Math.max(options.minGrowthBytes, options.minRelativeGrowth * firstLevel) && recent.slope >= 0.5 * fit.slope;
  return { ...base, state: growing ? 'growing' : 'steady', bytesPerMinute: fit.slope * MS_PER_MIN, fit };
}
