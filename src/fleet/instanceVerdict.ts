// One instance's verdict from its Prometheus series, with the same semantics as the heap panel: the
// post-GC points (the heap's lower envelope in steps where a full GC ran) go through the panel's judgeTrend,
// a restart starts a new series, and a sawtooth of restarts that each end high is reported as what it is.
import { SampleFlag, columnsOf, type StoredSample } from '../heap/series/sampleRing';
import { judgeTrend } from '../heap/trend/verdict';
import type { Runtime } from './runtimes';

/** A completed process life ending at or above this share of the memory limit counts as "ended near the limit". */
export const NEAR_LIMIT_SHARE = 0.85;

export interface InstanceSeries {
  instance: string;
  job: string;
  runtime: Runtime;
  /** Lower envelope of the heap per query step: [seconds, bytes]. */
  heap: Array<[number, number]>;
  /**
   * The full-GC counter per step (absent at a step before its first full GC). `undefined` when the instance
   * exports no GC metrics at all: then its lower envelope alone is judged.
   */
  gcCounts?: Map<number, number>;
  /** process_start_time_seconds per step, to see restarts. */
  startTimes?: Map<number, number>;
  /** Resident memory per step (fetched only for instances that restarted: how high each life went). */
  rss?: Map<number, number>;
  /** Resident memory at the end of the window, for the time left to the limit. */
  rssNow?: number;
  /** The memory limit in bytes, when a limit series matches this instance. */
  limitBytes?: number;
}

export type Pattern = 'growing' | 'steady' | 'collecting' | 'restart-sawtooth';

export interface InstanceVerdict {
  instance: string;
  job: string;
  runtime: Runtime;
  growing: boolean;
  pattern: Pattern;
  /** Robust slope of the post-GC heap since the last restart, bytes per minute (null while collecting). */
  bytesPerMinute: number | null;
  /** The newest post-GC heap level, bytes. */
  heapBytes: number | null;
  /** 'gc': points after full GCs from the GC counter; 'envelope': no GC counter, the lower envelope alone. */
  baselineKind: 'gc' | 'envelope';
  baselinePoints: number;
  restarts: number;
  limitBytes: number | null;
  /** Minutes until resident memory reaches the limit at the current rate; null when not growing or no limit. */
  minutesToLimit: number | null;
  /** The heap's lower envelope, resampled to a few values for a sparkline. */
  sparkline: number[];
}

const SPARKLINE_POINTS = 16;

export function judgeInstance(series: InstanceSeries): InstanceVerdict {
  const samples = toSamples(series);
  const lives = splitAtRestarts(samples);
  const current = lives[lives.length - 1] ?? [];
  const trend = judgeTrend(columnsOf(current));
  const restarts = lives.length - 1;
  const sawtooth = restarts >= 2 && lives.slice(0, -1).filter((life) => endedHigh(life, series)).length >= 2;
  const growing = trend.state === 'growing' || sawtooth;
  const bytesPerMinute = Number.isFinite(trend.bytesPerMinute) ? Math.round(trend.bytesPerMinute) : null;
  const lastRss = series.rssNow ?? latest(series.rss);
  const minutesToLimit =
    growing && series.limitBytes !== undefined && lastRss !== undefined && bytesPerMinute !== null && bytesPerMinute > 0
      ? Math.max(0, (series.limitBytes - lastRss) / bytesPerMinute)
      : null;
  return {
    instance: series.instance,
    job: series.job,
    runtime: series.runtime,
    growing,
    pattern: sawtooth ? 'restart-sawtooth' : trend.state,
    bytesPerMinute,
    heapBytes: trend.baseline.length ? trend.baseline[trend.baseline.length - 1]!.y : null,
    baselineKind: series.gcCounts ? 'gc' : 'envelope',
    baselinePoints: trend.baseline.length,
    restarts,
    limitBytes: series.limitBytes ?? null,
    minutesToLimit: minutesToLimit === null ? null : Math.round(minutesToLimit * 10) / 10,
    sparkline: resample(
      series.heap.map(([, v]) => v),
      SPARKLINE_POINTS,
    ),
  };
}

/**
 * The envelope as heap samples: a step is a post-GC point when the full-GC counter moved in it (or, with no
 * GC metrics, every step is: its minimum is the lower envelope); the first step of a new process start time
 * is a restart. A counter that is absent counts as zero (prom-client creates it at the first major GC), and
 * one that went down was reset by a restart: any value above zero then is GCs of the new process.
 */
function toSamples(series: InstanceSeries): StoredSample[] {
  let lastStart: number | undefined;
  const first = series.heap[0];
  let lastGcCount = first ? (series.gcCounts?.get(first[0]) ?? 0) : 0;
  return series.heap.map(([t, used]) => {
    let flags = 0;
    if (series.gcCounts) {
      const count = series.gcCounts.get(t) ?? lastGcCount;
      if (count > lastGcCount || (count < lastGcCount && count > 0)) flags |= SampleFlag.Gc;
      lastGcCount = count;
    } else {
      flags |= SampleFlag.Gc;
    }
    const start = series.startTimes?.get(t);
    if (start !== undefined) {
      if (lastStart !== undefined && start !== lastStart) flags |= SampleFlag.Restart;
      lastStart = start;
    }
    return { t: t * 1000, used, total: used, flags };
  });
}

function splitAtRestarts(samples: StoredSample[]): StoredSample[][] {
  const lives: StoredSample[][] = [[]];
  for (const sample of samples) {
    if (sample.flags & SampleFlag.Restart && lives[lives.length - 1]!.length) lives.push([]);
    lives[lives.length - 1]!.push(sample);
  }
  return lives;
}

/** A finished process life ended high: near the memory limit when there is one, else still growing at its end. */
function endedHigh(life: StoredSample[], series: InstanceSeries): boolean {
  if (series.limitBytes !== undefined && series.rss) {
    const peak = Math.max(...life.map((s) => series.rss!.get(s.t / 1000) ?? 0));
    return peak >= NEAR_LIMIT_SHARE * series.limitBytes;
  }
  return judgeTrend(columnsOf(life)).state === 'growing';
}

function latest(values: Map<number, number> | undefined): number | undefined {
  if (!values?.size) return undefined;
  let newest = -Infinity;
  for (const t of values.keys()) newest = Math.max(newest, t);
  return values.get(newest);
}

/** Bucket minima (the envelope's shape survives; spikes do not). */
export function resample(values: number[], count: number): number[] {
  if (values.length <= count) return values.slice();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * values.length) / count);
    const to = Math.floor(((i + 1) * values.length) / count);
    out.push(Math.min(...values.slice(from, to)));
  }
  return out;
}
