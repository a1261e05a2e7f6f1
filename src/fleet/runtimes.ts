// Which Prometheus metrics say what, per runtime. The names are the client libraries' defaults:
// prom-client's collectDefaultMetrics() for Node and client_golang's Go collector for Go; both also export
// process_start_time_seconds and process_resident_memory_bytes through their process collectors.

export type Runtime = 'node' | 'go';

export interface RuntimeMetrics {
  runtime: Runtime;
  /** The heap in use; its lower envelope after GCs is what a leak makes climb. */
  heap: string;
  /** A counter that goes up at each full collection (Node: major GCs only; Go has only full GCs). */
  gcCount: string;
  /** Extra matchers on the GC counter, e.g. prom-client's `kind` label. */
  gcMatchers: string;
}

export const RUNTIMES: readonly RuntimeMetrics[] = [
  { runtime: 'node', heap: 'nodejs_heap_size_used_bytes', gcCount: 'nodejs_gc_duration_seconds_count', gcMatchers: 'kind="major"' },
  { runtime: 'go', heap: 'go_memstats_heap_alloc_bytes', gcCount: 'go_gc_duration_seconds_count', gcMatchers: '' },
];

export const START_TIME_METRIC = 'process_start_time_seconds';
export const RSS_METRIC = 'process_resident_memory_bytes';
/** cAdvisor's (kubelet's) container memory limit; `--limit-metric` names another. */
export const DEFAULT_LIMIT_METRIC = 'container_spec_memory_limit_bytes';

/** The labels that name an instance: Prometheus's own target labels. */
export const INSTANCE_LABELS = ['job', 'instance'] as const;
