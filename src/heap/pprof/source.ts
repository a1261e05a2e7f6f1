// HeapSource over a Go service's net/http/pprof: in-use heap from /debug/pprof/heap, goroutines from
// /debug/pprof/goroutine?debug=1. A forced GC is the heap endpoint's own `?gc=1`. When the service stops
// answering, the source probes until it is back; a drop of the cumulative allocation total means it restarted.
import type { HeapSample, HeapSource, HeapSourceEvent, HeapTargetCapabilities } from '../source';
import { assertPprofHostAllowed, parsePprofUrl } from './address';
import { PprofError } from './errors';
import { DEFAULT_FETCH_TIMEOUT_MS, fetchPprof } from './fetch';
import { decodeHeapProfile, type HeapProfile } from './profile';
import { Listeners } from '../listeners';

/** Go profiles are costlier than V8's heap usage call: the default cadence is 5 s. */
export const DEFAULT_PPROF_INTERVAL_MS = 5000;

export interface PprofSourceOptions {
  allowRemoteHosts?: boolean;
  timeoutMs?: number;
  /** Delay between probes while the service is away (default 1 s). */
  retryMs?: number;
}

/** `goroutine profile: total 12` — the first line of /debug/pprof/goroutine?debug=1. */
export function parseGoroutineCount(text: string): number {
  const m = /^goroutine profile: total (\d+)/m.exec(text);
  if (!m)
    throw new PprofError(
      'not-pprof',
      `unexpected goroutine profile (it should start with "goroutine profile: total N"): ${JSON.stringify(text.slice(0, 80))}`,
    );
  return Number(m[1]);
}

/** A profile fetched with `?gc=1` is a post-GC point; it is reused by the sample that follows within this time. */
const GC_PROFILE_REUSE_MS = 1000;

export class PprofHeapSource implements HeapSource {
  private readonly listeners = new Listeners<HeapSourceEvent>();
  private away = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastAllocObjects = 0;
  private postGc: { profile: HeapProfile; at: number } | undefined;
  readonly capabilities: HeapTargetCapabilities = { collectGarbage: true, snapshot: false, profile: true };

  private constructor(
    readonly base: URL,
    private readonly options: PprofSourceOptions,
  ) {}

  /** Checks the address and that a heap profile is served there; rejects with a PprofError otherwise. */
  static async open(url: string, options: PprofSourceOptions = {}): Promise<PprofHeapSource> {
    const base = parsePprofUrl(url);
    assertPprofHostAllowed(base, options.allowRemoteHosts ?? false);
    const source = new PprofHeapSource(base, options);
    source.lastAllocObjects = (await source.heapProfile(false)).totals.allocObjects;
    return source;
  }

  get label(): string {
    return `Go service (${this.base.host}${this.base.pathname})`;
  }

  /** The raw heap profile (gzip'd protobuf), e.g. to save as a snapshot. */
  fetchHeapProfileBytes(gc: boolean): Promise<Buffer> {
    return fetchPprof(this.base, gc ? 'heap?gc=1' : 'heap', this.timeoutMs);
  }

  async sample(): Promise<HeapSample> {
    if (this.away) throw new PprofError('unreachable', `${this.base.host} is not answering; waiting for it to come back.`);
    const reuse = this.postGc && Date.now() - this.postGc.at <= GC_PROFILE_REUSE_MS ? this.postGc.profile : undefined;
    this.postGc = undefined;
    try {
      const [profile, goroutines] = await Promise.all([reuse ?? this.heapProfile(false), this.goroutines()]);
      this.lastAllocObjects = profile.totals.allocObjects;
      // pprof has no "reserved" figure; total is the in-use size too, so the two lines coincide.
      return {
        t: Date.now(),
        used: profile.totals.inuseSpace,
        total: profile.totals.inuseSpace,
        goroutines,
        objects: profile.totals.inuseObjects,
      };
    } catch (error) {
      this.lost(error);
      throw error;
    }
  }

  async collectGarbage(): Promise<void> {
    try {
      this.postGc = { profile: await this.heapProfile(true), at: Date.now() };
    } catch (error) {
      this.lost(error);
      throw error;
    }
  }

  onEvent(listener: (event: HeapSourceEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.listeners.emit({ kind: 'closed', t: Date.now(), reason: 'closed' });
    this.listeners.clear();
    return Promise.resolve();
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  }

  private async heapProfile(gc: boolean): Promise<HeapProfile> {
    return decodeHeapProfile(await this.fetchHeapProfileBytes(gc));
  }

  private async goroutines(): Promise<number> {
    return parseGoroutineCount((await fetchPprof(this.base, 'goroutine?debug=1', this.timeoutMs)).toString('utf8', 0, 4096));
  }

  /** A connection-level failure: say so once and probe until the service answers again. */
  private lost(error: unknown): void {
    if (this.away || this.closed || !(error instanceof PprofError) || (error.code !== 'unreachable' && error.code !== 'timeout')) return;
    this.away = true;
    this.listeners.emit({ kind: 'disconnected', t: Date.now(), reason: error.message });
    this.probe();
  }

  private probe(): void {
    this.retryTimer = setTimeout(() => void this.reconnect(), this.options.retryMs ?? 1000);
  }

  /** One probe for the service: back (a new process when its cumulative allocations went down), or retry. */
  private async reconnect(): Promise<void> {
    try {
      const profile = await this.heapProfile(false);
      if (this.closed) return;
      const restarted = profile.totals.allocObjects < this.lastAllocObjects;
      this.lastAllocObjects = profile.totals.allocObjects;
      this.away = false;
      this.listeners.emit({ kind: 'reconnected', t: Date.now(), restarted, label: this.label });
    } catch {
      if (!this.closed) this.probe();
    }
  }
}
