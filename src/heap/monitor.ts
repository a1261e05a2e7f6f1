// One attached heap source at a time, its sample history and its verdict: the state behind the panel, the
// status bar and the commands (no vscode import, so it is tested in plain Node).
import { HeapSampler, type SamplerEvent } from './sampler';
import { SampleRing, type StoredSample } from './series/sampleRing';
import type { HeapSource } from './source';
import { DEFAULT_VERDICT_OPTIONS, judgeTrend, type Trend, type VerdictOptions } from './trend/verdict';

export interface MonitorSettings {
  intervalMs: number;
  gcEveryMs: number;
}

export type MonitorStatus = 'detached' | 'attached' | 'reconnecting';

/** `reset`: a new history began (a new target): views must reload everything, not append. */
export type MonitorChange = { kind: 'samples'; samples: StoredSample[] } | { kind: 'meta' } | { kind: 'reset' };

export class HeapMonitor {
  readonly ring: SampleRing;
  private source: HeapSource | undefined;
  private sampler: HeapSampler | undefined;
  private statusValue: MonitorStatus = 'detached';
  private pausedValue = false;
  private errorValue: string | null = null;
  private trendCache: Trend | undefined;
  private endedValue: string | null = null;
  /** attach/detach run one at a time, in call order: a second attach waits for the first to finish. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: MonitorChange) => void>();

  constructor(
    private settingsValue: MonitorSettings,
    capacity?: number,
    private readonly verdict: VerdictOptions = DEFAULT_VERDICT_OPTIONS,
  ) {
    this.ring = new SampleRing(capacity);
  }

  get target(): string | null {
    return this.source?.label ?? null;
  }
  get status(): MonitorStatus {
    return this.statusValue;
  }
  get paused(): boolean {
    return this.pausedValue;
  }
  get error(): string | null {
    return this.errorValue;
  }
  get settings(): Readonly<MonitorSettings> {
    return this.settingsValue;
  }
  get attachedSource(): HeapSource | undefined {
    return this.source;
  }
  /** Why the target ended (e.g. its debug session stopped): the history stays, the verdict no longer applies. */
  get ended(): string | null {
    return this.endedValue;
  }

  /** The verdict over the current history, computed at most once per new sample. */
  get trend(): Trend {
    return (this.trendCache ??= judgeTrend(this.ring, this.verdict));
  }

  onChange(listener: (change: MonitorChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Replaces whatever was attached; a new target starts a new history. Serialized with detach. */
  attach(source: HeapSource): Promise<void> {
    return this.serialized(async () => {
      await this.release();
      this.ring.clear();
      this.trendCache = undefined;
      this.source = source;
      this.statusValue = 'attached';
      this.errorValue = null;
      this.endedValue = null;
      const sampler = new HeapSampler(source, this.ring, this.settingsValue);
      this.sampler = sampler;
      // Events of a sampler that was replaced meanwhile must not reach the new history.
      sampler.onEvent((event) => this.sampler === sampler && this.onSamplerEvent(event));
      if (!this.pausedValue) sampler.start();
      this.emit({ kind: 'reset' });
    });
  }

  /**
   * Stops polling and closes the source; the history stays visible (and exportable). With `ended`, the target
   * is gone for good (its debug session stopped): that is said instead of any error, and the verdict is dropped.
   */
  detach(ended?: string): Promise<void> {
    return this.serialized(async () => {
      await this.release();
      this.statusValue = 'detached';
      if (ended) {
        this.endedValue = ended;
        this.errorValue = null;
      }
      this.emit({ kind: ended ? 'reset' : 'meta' }); // a reset re-sends the (dropped) verdict too
    });
  }

  private serialized(step: () => Promise<void>): Promise<void> {
    const run = this.lifecycle.then(step);
    this.lifecycle = run.catch(() => {});
    return run;
  }

  setPaused(paused: boolean): void {
    this.pausedValue = paused;
    if (paused) this.sampler?.stop();
    else this.sampler?.start();
    this.emit({ kind: 'meta' });
  }

  configure(settings: MonitorSettings): void {
    this.settingsValue = settings;
    this.sampler?.configure(settings);
    this.emit({ kind: 'meta' });
  }

  async collectGarbage(): Promise<void> {
    if (!this.sampler) throw new Error('Nothing is attached: attach the heap view to a Node process or a Go service first.');
    await this.sampler.collectGarbage();
  }

  /** Records a problem to show (e.g. a failed attach) without changing what is attached. */
  reportError(message: string | null): void {
    this.errorValue = message;
    this.emit({ kind: 'meta' });
  }

  async dispose(): Promise<void> {
    await this.serialized(() => this.release());
    this.listeners.clear();
  }

  private async release(): Promise<void> {
    const sampler = this.sampler;
    const source = this.source;
    this.sampler = undefined;
    this.source = undefined;
    await sampler?.dispose();
    await source?.close();
  }

  private onSamplerEvent(event: SamplerEvent): void {
    switch (event.kind) {
      case 'sample':
        this.trendCache = undefined;
        if (this.errorValue) this.reportError(null);
        this.emit({ kind: 'samples', samples: [event.sample] });
        return;
      case 'disconnected':
        this.statusValue = 'reconnecting';
        this.errorValue = `${event.reason}; re-attaching when it comes back…`;
        break;
      case 'reconnected':
        this.statusValue = 'attached';
        this.errorValue = null;
        break;
      case 'closed':
        return;
      case 'error':
        // A sample that failed because the connection dropped says less than the disconnect reason already shown.
        if (this.statusValue === 'reconnecting') return;
        this.errorValue = event.message;
        break;
    }
    this.emit({ kind: 'meta' });
  }

  private emit(change: MonitorChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
