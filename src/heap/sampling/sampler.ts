// V8's sampling heap profiler over a CDP session: start it once, then read the sampled live heap as many
// times as wanted. Every read covers the objects sampled since the start that are still alive after a forced
// GC, so two reads of one session compare like two Go heap profiles (in use since the process started).
// Only HeapProfiler calls are sent; nothing is evaluated in the target.
import type { CdpSession } from '../cdpSession';
import { samplingProfileToPprof, type SamplingHeapProfile } from './toPprof';

/**
 * One object sampled per this many allocated bytes on average (V8's and DevTools' default is 32 KiB).
 * Half of it keeps the statistical noise floor of a comparison low enough for a leak of a few hundred kB to
 * stand out, at a cost measured by `npm run bench:heap`.
 */
export const DEFAULT_SAMPLING_INTERVAL = 16 * 1024;

export class HeapSampler {
  private constructor(
    private readonly session: CdpSession,
    readonly intervalBytes: number,
    readonly startedAt: number,
  ) {}

  /** Starts sampling on `session` (live objects only: what a GC frees leaves the profile). */
  static async start(session: CdpSession, intervalBytes = DEFAULT_SAMPLING_INTERVAL): Promise<HeapSampler> {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.startSampling', { samplingInterval: intervalBytes });
    return new HeapSampler(session, intervalBytes, Date.now());
  }

  /** Forces a full GC, then reads the sampled live heap as a gzipped pprof profile. */
  async read(): Promise<Buffer> {
    await this.session.send('HeapProfiler.collectGarbage');
    const { profile } = await this.session.send<{ profile: SamplingHeapProfile }>('HeapProfiler.getSamplingProfile');
    const time = Date.now();
    return samplingProfileToPprof(profile, { intervalBytes: this.intervalBytes, time, durationMs: time - this.startedAt });
  }

  /** Stops sampling (V8 drops its samples); a closed session has stopped already. */
  async stop(): Promise<void> {
    await this.session.send('HeapProfiler.stopSampling').catch(() => {});
  }
}
