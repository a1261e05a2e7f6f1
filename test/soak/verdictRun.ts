// One verdict trial on real services: a leaking service and its steady twin, each holding the same live
// ballast, under the same bounded loopback load, sampled by the engine the panel and `leaklens watch` use
// (HeapSampler + judgeTrend after every sample). Shared by the integration test (cheap sizes) and
// `npm run soak:verdict` (every size, ten times).
import { join } from 'node:path';
import { HeapMonitor } from '../../src/heap/monitor';
import { PprofHeapSource } from '../../src/heap/pprof/source';
import { NodeInspectorSource } from '../../src/heap/sources/nodeInspectorSource';
import type { HeapSource } from '../../src/heap/source';
import { describeTrend } from '../../src/heap/format';
import { DEFAULT_VERDICT_OPTIONS } from '../../src/heap/trend/verdict';
import { buildFixture, driveUntil, launchService } from '../integration/go/goService';
import { startLoad } from '../fixtures/services/load';
import { startService } from '../fixtures/services/spawnService';

export type Runtime = 'node' | 'go';
export type Mode = 'leaky' | 'steady';

export interface TrialResult {
  runtime: Runtime;
  mode: Mode;
  ballastMb: number;
  /** ms from the first sample to the first "growing" verdict; null when it never read growing. */
  growingAfterMs: number | null;
  /** The verdict's words at the end of the trial. */
  finalText: string;
  finalBytesPerMinute: number;
  postGcHeap: number;
  samples: number;
}

/** Cadences as a user gets them in the panel with "Collect garbage every 5 s" on. */
const CADENCE: Record<Runtime, { intervalMs: number; gcEveryMs: number }> = {
  node: { intervalMs: 1000, gcEveryMs: 5000 },
  go: { intervalMs: 5000, gcEveryMs: 5000 },
};

const GO_FIXTURES = join(__dirname, '..', 'fixtures', 'go');
/**
 * Synthetic requests per 100 ms through each service's own request logger (~2.2 kB kept per request by the
 * leaky variant): about 4 MB/min, a leak rate that a busy machine cannot starve the way it starves a load
 * generator (at a load average of 26 on 2 cores, HTTP traffic alone leaked a few hundred kB/min).
 */
const TICK_REQUESTS = 3;

/** Builds the Go fixture once (trials start side by side and would race on the build). */
export const buildGoBallast = (): Promise<string> => buildFixture('ballast', GO_FIXTURES);

async function startTarget(
  runtime: Runtime,
  mode: Mode,
  ballastMb: number,
): Promise<{ open(): Promise<HeapSource>; load(until: Promise<unknown>): Promise<unknown>; stop(): Promise<void> }> {
  if (runtime === 'node') {
    const service = await startService('ballast-leak-service.mjs', [mode], {
      nodeArgs: [`--max-old-space-size=${Math.max(512, ballastMb * 2)}`],
      env: { BALLAST_MB: String(ballastMb), TICK_REQUESTS: String(TICK_REQUESTS) },
      startTimeoutMs: 180_000,
    });
    return {
      open: () => NodeInspectorSource.open({ kind: 'http', host: '127.0.0.1', port: service.inspectPort }),
      // Plus a light HTTP load: both variants serve real requests too.
      load: async (until) => {
        const load = startLoad(service.httpPort, { concurrency: 1, pauseMs: 100, path: '/hello' });
        await until;
        return load.stop();
      },
      stop: () => service.kill(),
    };
  }
  const binary = await buildGoBallast();
  const service = await launchService(binary, { MODE: mode, BALLAST_MB: String(ballastMb), TICK_REQUESTS: String(TICK_REQUESTS) });
  return {
    open: () => PprofHeapSource.open(`${service.url}/debug/pprof/`),
    // Plus a light HTTP load. pprof samples one allocation per ~512 kB, so Go's in-use figure moves in steps.
    load: (until) => driveUntil(service, until, 4, 250),
    stop: () => service.stop(),
  };
}

/** Runs one service for up to `windowMs` of sampling; a leaky one stops at its first "growing". */
export async function runTrial(runtime: Runtime, mode: Mode, ballastMb: number, windowMs = 60_000): Promise<TrialResult> {
  const target = await startTarget(runtime, mode, ballastMb);
  const monitor = new HeapMonitor(CADENCE[runtime]);
  let stopLoad!: () => void;
  const loadDone = target.load(new Promise<void>((resolve) => (stopLoad = resolve)));
  try {
    let firstT: number | undefined;
    let growingAfterMs: number | null = null;
    const finished = new Promise<void>((resolve) => {
      monitor.onChange((change) => {
        if (change.kind !== 'samples') return;
        const t = change.samples.at(-1)!.t;
        firstT ??= t;
        if (monitor.trend.state === 'growing' && growingAfterMs === null) growingAfterMs = t - firstT;
        if ((mode === 'leaky' && growingAfterMs !== null) || t - firstT >= windowMs) resolve();
      });
    });
    await monitor.attach(await target.open());
    // A hang guard only: the sample times decide when the window is over.
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise(
        (_, reject) =>
          (guard = setTimeout(
            () => reject(new Error(`${runtime} ${mode}: no samples for ${windowMs * 3} ms (${monitor.error ?? 'no error'})`)),
            windowMs * 3,
          )),
      ),
    ]);
    clearTimeout(guard);
    const trend = monitor.trend;
    return {
      runtime,
      mode,
      ballastMb,
      growingAfterMs,
      finalText: describeTrend(trend, DEFAULT_VERDICT_OPTIONS.minPoints),
      finalBytesPerMinute: trend.bytesPerMinute,
      postGcHeap: trend.baseline.at(-1)?.y ?? NaN,
      samples: monitor.ring.size,
    };
  } finally {
    stopLoad();
    await loadDone;
    await monitor.dispose();
    await target.stop();
  }
}
