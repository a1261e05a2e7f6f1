// One service under load: start it, wait until its URL answers, attach a heap source (its inspector, or its
// pprof endpoint), drive the bounded load while forcing a GC before every sample, then judge the post-GC heap
// over time (the panel's verdict) and against the requests answered (bytes retained per request). When it
// grows, two snapshots or profiles are taken around a short burst of the same load. The service's whole
// process group is stopped whatever happens.
import { PprofError } from '../heap/pprof/errors';
import { PprofHeapSource } from '../heap/pprof/source';
import { InspectorError, parseInspectorAddress } from '../heap/inspector';
import { HeapSampler } from '../heap/sampler';
import { SampleFlag, SampleRing, type StoredSample } from '../heap/series/sampleRing';
import type { HeapSource } from '../heap/source';
import { NodeInspectorSource } from '../heap/sources/nodeInspectorSource';
import { judgeTrend } from '../heap/trend/verdict';
import { CheckError } from './errors';
import { profileEvidence, snapshotEvidence, type Burst } from './evidence';
import { startLoad, type RunningLoad } from './load';
import { senSlope } from './perRequest';
import { answers, waitUntilAnswering } from './readiness';
import { StartedService } from './service';
import type { CheckConfig, Evidence, PostGcPoint, RunResult, ServiceSpec } from './types';
import { makeOutputFolder } from '../heap/outputFolder';

export interface RunHooks {
  /** A line of progress for people. */
  progress?(role: RunResult['role'], message: string): void;
  /** Each heap sample, with the requests answered by then. */
  sample?(role: RunResult['role'], sample: StoredSample, requests: number): void;
  /** The heap source is attached: the inspector's ws:// URL or the pprof URL (e.g. for the editor's panel). */
  attached?(role: RunResult['role'], address: string): void;
  /** The service is about to be stopped (e.g. to detach the panel first, so it does not wait for it to come back). */
  stopping?(role: RunResult['role']): Promise<void> | void;
  signal?: AbortSignal;
}

/** A post-GC point every second for Node (a forced V8 GC of a service's heap takes milliseconds). */
const NODE_INTERVAL_MS = 1000;
/** Go: a heap profile with ?gc=1 costs more; every two seconds. */
const GO_INTERVAL_MS = 2000;
/**
 * The first third of the load warms the service up (JIT, pools, caches filling to their bound): bytes per
 * request are measured over the rest, so a bounded cache that fills early is not taken for a leak.
 */
const WARM_UP_FRACTION = 1 / 3;
/** The burst between the two snapshots or profiles: a quarter of the run, at least 5 s, at most 15 s. */
const burstMs = (durationMs: number) => Math.min(15_000, Math.max(5000, durationMs / 4));

async function openSource(spec: ServiceSpec, service: StartedService, allowRemote: boolean): Promise<HeapSource> {
  try {
    if (spec.pprof !== undefined) return await PprofHeapSource.open(spec.pprof, { allowRemoteHosts: allowRemote });
    const url = service.inspectorUrl;
    if (!url) {
      throw new CheckError(
        'no-inspector',
        `The ${service.options.role} service \`${spec.start}\` answers at ${spec.url} but no Node process of it printed an inspector address ` +
          `("Debugger listening on ws://…"). Is it a Node service? For a Go service give its pprof URL (--pprof http://127.0.0.1:PORT/debug/pprof/).`,
      );
    }
    return await NodeInspectorSource.open(parseInspectorAddress(url), { allowRemoteHosts: allowRemote });
  } catch (error) {
    if (error instanceof InspectorError || error instanceof PprofError)
      throw new CheckError('heap-source', `Cannot sample the ${service.options.role} service's heap: ${error.message}`);
    throw error;
  }
}

/** The forced-GC samples after the warm-up, as heap against requests answered. */
function measuredPoints(samples: StoredSample[], requestsAt: number[]): PostGcPoint[] {
  const gc = samples
    .map((s, i) => ({ t: s.t, used: s.used, requests: requestsAt[i]!, flags: s.flags }))
    .filter((p) => p.flags & SampleFlag.Gc);
  const warmUntil = gc.length ? gc[0]!.t + (gc[gc.length - 1]!.t - gc[0]!.t) * WARM_UP_FRACTION : 0;
  return gc.filter((p) => p.t >= warmUntil).map(({ t, used, requests }) => ({ t, used, requests }));
}

/**
 * `wantsEvidence` decides, once the run is judged, whether two snapshots or profiles are taken (a growing
 * candidate; or one that retains more per request than the baseline).
 */
export async function runService(
  role: RunResult['role'],
  spec: ServiceSpec,
  config: CheckConfig,
  wantsEvidence: (run: RunResult) => boolean,
  hooks: RunHooks = {},
): Promise<RunResult> {
  const say = (message: string) => hooks.progress?.(role, message);
  // Otherwise the load and the verdict would be about whatever already listens there.
  if (await answers(spec.url)) {
    throw new CheckError(
      'bad-input',
      `Something already answers at ${spec.url} before the ${role} service is started: stop it, or start the service on another port.`,
    );
  }
  const service = StartedService.start({ command: spec.start, cwd: config.cwd, inspect: spec.pprof === undefined, role });
  let source: HeapSource | undefined;
  let sampler: HeapSampler | undefined;
  let load: RunningLoad | undefined;
  const exitWatch = service.whenExited();
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CheckError('cancelled', 'The check was cancelled.'));
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
  });
  cancelled.catch(() => {});
  /** Fails as soon as the service exits or the user cancels, whatever the step. */
  const guard = <T>(step: Promise<T>) => Promise.race([step, exitWatch.promise, cancelled]);
  try {
    say(`starting \`${spec.start}\``);
    await guard(waitUntilAnswering(spec.url, service, config.startupTimeoutMs, hooks.signal));
    source = await guard(openSource(spec, service, config.allowRemote));
    hooks.attached?.(role, spec.pprof ?? service.inspectorUrl!);
    const runtime = spec.pprof === undefined ? 'node' : 'go';
    const intervalMs = runtime === 'node' ? NODE_INTERVAL_MS : GO_INTERVAL_MS;
    const ring = new SampleRing(Math.ceil(config.durationMs / intervalMs) + 60);
    const samples: StoredSample[] = [];
    const requestsAt: number[] = [];
    let answered = 0;
    // A forced GC before every sample: each point is a post-GC point.
    sampler = new HeapSampler(source, ring, { intervalMs, gcEveryMs: 1 });
    sampler.onEvent((event) => {
      if (event.kind !== 'sample') return;
      const requests = load?.answered ?? answered;
      samples.push(event.sample);
      requestsAt.push(requests);
      hooks.sample?.(role, event.sample, requests);
    });
    await guard(sampler.collectGarbage()); // the level before any load
    say(`${source.label}: driving ${config.rate} requests/s at ${spec.url} for ${config.durationMs / 1000} s`);
    load = startLoad({ url: spec.url, rate: config.rate, durationMs: config.durationMs, headers: config.headers });
    sampler.start();
    const result = await guard(load.done);
    answered = result.requests;
    load = undefined;
    sampler.stop();
    await guard(sampler.collectGarbage()); // the level after the last request
    if (result.requests === 0) {
      throw new CheckError(
        'load-failed',
        `No request to ${spec.url} was answered (${result.errors} errors): the service stopped answering under load.`,
      );
    }
    const trend = judgeTrend(ring);
    if (trend.state === 'collecting') {
      throw new CheckError(
        'bad-input',
        `Too few post-GC points to judge (${trend.baseline.length} over ${Math.round(trend.spanMs / 1000)} s): give a longer --duration.`,
      );
    }
    const points = measuredPoints(samples, requestsAt);
    const run: RunResult = {
      role,
      label: spec.start,
      runtime,
      requests: result.requests,
      non2xx: result.non2xx,
      errors: result.errors,
      bytesPerMinute: trend.bytesPerMinute,
      perRequest: senSlope(points.map((p) => ({ x: p.requests, y: p.used }))),
      points,
      samples,
      trend,
    };
    say(`${result.requests} requests answered; post-GC heap ${trend.state}`);
    if (wantsEvidence(run)) {
      say(
        runtime === 'node'
          ? 'growing: taking two heap snapshots around a burst of load'
          : 'growing: taking two heap profiles around a burst of load',
      );
      run.evidence = await guard(gatherEvidence(source, spec, config, role));
    }
    return run;
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    exitWatch.cancel();
    load?.stop();
    await sampler?.dispose();
    await source?.close();
    if (source) await hooks.stopping?.(role);
    say(`stopping \`${spec.start}\``);
    if (!(await service.stop())) say(`some processes of \`${spec.start}\` (process group ${service.pid}) survived SIGKILL`);
  }
}

async function gatherEvidence(source: HeapSource, spec: ServiceSpec, config: CheckConfig, role: RunResult['role']): Promise<Evidence> {
  const burst: Burst = async () =>
    (await startLoad({ url: spec.url, rate: config.rate, durationMs: burstMs(config.durationMs), headers: config.headers }).done).requests;
  // Evidence holds heap snapshots: the folder it creates ignores itself in git.
  makeOutputFolder(config.outDir);
  try {
    return source instanceof NodeInspectorSource
      ? await snapshotEvidence(source, config.outDir, role, burst, config.minGrowthBytes, config.cwd)
      : await profileEvidence(source as PprofHeapSource, config.outDir, role, burst, config.minGrowthBytes, config.cwd);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return { kind: source instanceof NodeInspectorSource ? 'snapshots' : 'profiles', files: [], requests: 0, sites: [], problem };
  }
}
