// The post-GC baseline. V8 lets garbage pile up between major GCs, so raw heap size rises on a healthy
// service too; only the low points right after a full GC say what is really being kept.
import { SampleFlag, type SampleColumns } from '../series/sampleRing';
import type { Point } from './theilSen';

export interface BaselineOptions {
  /** A drop of at least this fraction between two samples means a major GC ran in between. */
  naturalGcDrop: number;
  /** Keep only the newest this many points (Theil–Sen is quadratic). */
  maxPoints: number;
  /** Look back at most this many samples (bounds the cost per verdict on a full day of history). */
  maxScan: number;
}

export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = { naturalGcDrop: 0.2, maxPoints: 120, maxScan: 6 * 3600 };

export interface Baseline {
  points: Point[];
  /** `forced`: samples taken right after HeapProfiler.collectGarbage; `natural`: minima after large drops. */
  kind: 'forced' | 'natural';
}

/**
 * Post-GC points of the current process (nothing before the last restart mark), newest `maxPoints` of them:
 * the forced-GC samples when there are some, else the samples right after a large natural drop.
 * Scans backwards and stops early, so a full day of samples costs little.
 */
export function postGcBaseline(series: SampleColumns, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): Baseline {
  const forced: Point[] = [];
  const natural: Point[] = [];
  const max = options.maxPoints;
  const oldest = Math.max(0, series.size - options.maxScan);
  // Stop once either kind has enough points: the verdict is about the recent past.
  for (let i = series.size - 1; i >= oldest && forced.length < max && natural.length < max; i--) {
    const flags = series.flagsAt(i);
    if (flags & SampleFlag.Gc) forced.push({ t: series.tAt(i), y: series.usedAt(i) });
    if (flags & SampleFlag.Restart) break;
    const dropped = i > 0 && !(flags & SampleFlag.Gap) && series.usedAt(i) <= series.usedAt(i - 1) * (1 - options.naturalGcDrop);
    if (dropped) natural.push({ t: series.tAt(i), y: series.usedAt(i) });
  }
  // Forced points are the clean ones: prefer them as soon as they are not outnumbered by a single one.
  const useForced = forced.length >= 2 || (forced.length === 1 && natural.length <= 1);
  return useForced ? { kind: 'forced', points: forced.reverse() } : { kind: 'natural', points: natural.reverse() };
}
