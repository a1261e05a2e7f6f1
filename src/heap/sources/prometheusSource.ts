// A heap source over Prometheus: one instance of a fleet, charted from the series Prometheus already
// scrapes, for when its inspector or pprof endpoint cannot be reached from here. Read-only: it can sample
// but not force a GC (the panel's verdict then waits for natural GCs, whose drops the series show).
import { FleetError } from '../../fleet/errors';
import type { PrometheusClient } from '../../fleet/prometheusClient';
import type { Runtime } from '../../fleet/runtimes';
import { seriesSelector } from '../../fleet/selector';
import type { HeapSample, HeapSource, HeapSourceEvent, HeapTargetCapabilities } from '../source';

/** Per runtime: the used heap, the reserved heap, and (Go) the goroutine gauge. */
const SERIES: Record<Runtime, { used: string; total: string; goroutines?: string }> = {
  node: { used: 'nodejs_heap_size_used_bytes', total: 'nodejs_heap_size_total_bytes' },
  go: { used: 'go_memstats_heap_alloc_bytes', total: 'go_memstats_heap_sys_bytes', goroutines: 'go_goroutines' },
};

export interface PrometheusInstance {
  job: string;
  instance: string;
  runtime: Runtime;
}

export class PrometheusHeapSource implements HeapSource {
  readonly label: string;
  /** Prometheus only reads what it scraped: no GC, snapshot or profile through it. */
  readonly capabilities: HeapTargetCapabilities = { collectGarbage: false, snapshot: false, profile: false };
  private readonly listeners = new Set<(event: HeapSourceEvent) => void>();
  private closed = false;

  constructor(
    private readonly client: PrometheusClient,
    private readonly target: PrometheusInstance,
  ) {
    this.label = `${target.instance} (${target.job}, from Prometheus)`;
  }

  async sample(): Promise<HeapSample> {
    if (this.closed) throw new FleetError('unreachable', 'the Prometheus source is closed');
    const series = SERIES[this.target.runtime];
    const matchers = `job=${JSON.stringify(this.target.job)},instance=${JSON.stringify(this.target.instance)}`;
    const names = [series.used, series.total, ...(series.goroutines ? [series.goroutines] : [])];
    const t = Date.now();
    const [used, total, goroutines] = await Promise.all(
      names.map(async (name) => (await this.client.queryInstant(`max(${seriesSelector(name, matchers)})`, t / 1000))[0]?.value),
    );
    if (used === undefined || !Number.isFinite(used)) {
      throw new FleetError('query-failed', `Prometheus has no current ${series.used} for ${this.target.instance}: is it still scraped?`);
    }
    return {
      t,
      used,
      total: total !== undefined && Number.isFinite(total) ? total : used,
      ...(goroutines !== undefined && Number.isFinite(goroutines) ? { goroutines } : {}),
    };
  }

  collectGarbage(): Promise<void> {
    return Promise.reject(
      new FleetError(
        'query-failed',
        `${this.target.instance} is charted from Prometheus, which can only read: attach its inspector or pprof endpoint to force GCs.`,
      ),
    );
  }

  onEvent(listener: (event: HeapSourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const listener of this.listeners) listener({ kind: 'closed', t: Date.now(), reason: 'detached' });
      this.listeners.clear();
    }
    return Promise.resolve();
  }
}
