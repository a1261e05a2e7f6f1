// The post-GC baseline. V8 lets garbage pile up between major GCs, so raw heap size rises on a healthy
// service too; only the low points right after a full GC say what is really being kept.
import { SampleFlag, type StoredSample } from '../series/sampleRing';
import type { Point } from './theilSen';

export interface BaselineOptions {
  /** A drop of at least this fraction between two samples means a major GC ran in between. */
  naturalGcDrop: number;
  /** Keep only the newest this many points (Theil–Sen is quadratic). */
  maxPoints: number;
}

export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = { naturalGcDrop: 0.2, maxPoints: 120 };

/** Samples of the current process: everything after the last restart mark. */
export function sinceLastRestart(samples: readonly StoredSample[]): readonly StoredSample[] {
  for (let i = samples.length - 1; i >= 0; i--) {
    if (samples[i]!.flags & SampleFlag.Restart) return samples.slice(i);
  }
  return samples;
}

export interface Baseline {
  points: Point[];
  /** `forced`: samples taken right after HeapProfiler.collectGarbage; `natural`: minima after large drops. */
  kind: 'forced' | 'natural';
}

export function postGcBaseline(samples: readonly StoredSample[], options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): Baseline {
  const current = sinceLastRestart(samples);
  const forced = current.filter((s) => s.flags & SampleFlag.Gc).map((s) => ({ t: s.t, y: s.used }));
  if (forced.length >= 2) return { kind: 'forced', points: forced.slice(-options.maxPoints) };
  const natural: Point[] = [];
  for (let i = 1; i < current.length; i++) {
    const prev = current[i - 1]!;
    const cur = current[i]!;
    if (!(cur.flags & SampleFlag.Gap) && cur.used <= prev.used * (1 - options.naturalGcDrop)) natural.push({ t: cur.t, y: cur.used });
  }
  return { kind: 'natural', points: natural.slice(-options.maxPoints) };
}
