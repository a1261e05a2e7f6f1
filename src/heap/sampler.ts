// Polls a HeapSource into a SampleRing at a fixed interval, optionally forcing a GC every so often so the
// trend gets post-GC points quickly (that perturbs the target: callers say so to the user).
import { SampleFlag, type SampleRing, type StoredSample } from './series/sampleRing';
import type { HeapSource, HeapSourceEvent } from './source';

export interface SamplerOptions {
  intervalMs: number;
  /** Force a full GC before a sample at most this often; 0 = never (wait for natural GCs). */
  gcEveryMs: number;
}

export type SamplerEvent = { kind: 'sample'; sample: StoredSample } | { kind: 'error'; message: string } | HeapSourceEvent;

export class HeapSampler {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private pendingFlags = 0;
  private away = false;
  private lastGc = 0;
  private readonly listeners = new Set<(event: SamplerEvent) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: HeapSource,
    readonly ring: SampleRing,
    private options: SamplerOptions,
  ) {
    if (!(options.intervalMs >= 50)) throw new RangeError(`sample interval must be at least 50 ms, got ${options.intervalMs}`);
    this.unsubscribe = source.onEvent((event) => {
      if (event.kind === 'reconnected') this.pendingFlags |= event.restarted ? SampleFlag.Restart : SampleFlag.Gap;
      this.away = event.kind === 'disconnected';
      this.emit(event);
    });
  }

  get settings(): Readonly<SamplerOptions> {
    return this.options;
  }

  onEvent(listener: (event: SamplerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  start(): void {
    if (this.timer) return;
    this.schedule(0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Changes the cadence; takes effect from the next tick. */
  configure(options: SamplerOptions): void {
    this.options = options;
  }

  /** Forces a GC now and records the post-GC sample (works while paused too). */
  async collectGarbage(): Promise<StoredSample> {
    await this.inFlight;
    await this.source.collectGarbage();
    this.lastGc = Date.now();
    return this.record(SampleFlag.Gc);
  }

  /** Stops polling and lets go of the source's events (the source itself belongs to the caller). */
  async dispose(): Promise<void> {
    this.stop();
    this.unsubscribe();
    await this.inFlight;
    this.listeners.clear();
  }

  private emit(event: SamplerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private schedule(delay: number): void {
    const timer = setTimeout(() => {
      const started = Date.now();
      this.inFlight = this.tick().finally(() => (this.inFlight = undefined));
      void this.inFlight.then(() => {
        // Only the loop that is still current goes on (stop() or a stop/start pair replaces the timer).
        if (this.timer === timer) this.schedule(Math.max(0, this.options.intervalMs - (Date.now() - started)));
      });
    }, delay);
    this.timer = timer;
  }

  private async tick(): Promise<void> {
    if (this.away) return; // the source re-attaches by itself and says so
    try {
      const gcDue = this.options.gcEveryMs > 0 && Date.now() - this.lastGc >= this.options.gcEveryMs;
      if (gcDue) {
        await this.source.collectGarbage();
        this.lastGc = Date.now();
      }
      await this.record(gcDue ? SampleFlag.Gc : 0);
    } catch (error) {
      // While the target is away the source says so through its events; anything else is worth showing.
      this.emit({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async record(flags: number): Promise<StoredSample> {
    const sample = await this.source.sample();
    this.ring.push(sample, flags | this.pendingFlags);
    this.pendingFlags = 0;
    const stored = this.ring.last()!; // as the ring keeps it (e.g. without an invalid goroutine count)
    this.emit({ kind: 'sample', sample: stored });
    return stored;
  }
}
