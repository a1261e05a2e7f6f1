// `leaklens fleet` underneath: a handful of bounded range queries over the whole fleet at once (never one
// query per instance), joined per instance, judged, and ranked — growing first, fastest first.
import { FleetError } from './errors';
import { judgeInstance, type InstanceSeries, type InstanceVerdict } from './instanceVerdict';
import { PrometheusClient, type InstantSeries, type RangeSeries, type TimeRange } from './prometheusClient';
import { DEFAULT_LIMIT_METRIC, RSS_METRIC, RUNTIMES, START_TIME_METRIC, type RuntimeMetrics } from './runtimes';
import { selectorMatchers, seriesSelector } from './selector';

export interface FleetQuery {
  /** Label matchers in braces, e.g. `{job="api"}`; absent: every instance with heap metrics. */
  selector?: string;
  windowSeconds: number;
  /** End of the window, seconds since the epoch (default: now). */
  endSeconds?: number;
  /** Query resolution; default: the window in about 240 steps, at least 1 s. */
  stepSeconds?: number;
  limitMetric?: string;
  /** Refuse (with advice) rather than pull more series than this. */
  maxInstances?: number;
}

export interface FleetReport {
  prometheus: string;
  selector: string | null;
  window: { start: number; end: number; stepSeconds: number };
  instances: InstanceVerdict[];
}

export const DEFAULT_MAX_INSTANCES = 5_000;
const DEFAULT_STEPS_PER_WINDOW = 240;
/** Prometheus refuses more than 11,000 points per series; staying well below keeps each answer small. */
const MAX_STEPS_PER_WINDOW = 1_000;

export function defaultStep(windowSeconds: number): number {
  return Math.max(1, Math.round(windowSeconds / DEFAULT_STEPS_PER_WINDOW));
}

export async function rankFleet(client: PrometheusClient, query: FleetQuery): Promise<FleetReport> {
  const matchers = selectorMatchers(query.selector);
  const end = query.endSeconds ?? Math.floor(Date.now() / 1000);
  const stepSeconds = Math.max(
    query.stepSeconds ?? defaultStep(query.windowSeconds),
    Math.ceil(query.windowSeconds / MAX_STEPS_PER_WINDOW),
  );
  const range: TimeRange = { start: end - query.windowSeconds, end, stepSeconds };
  await checkFleetSize(client, matchers, end, query.maxInstances ?? DEFAULT_MAX_INSTANCES);

  const byInstance = (q: string) => `max by (job, instance) (${q})`;
  const windowRange = `[${query.windowSeconds}s]`;
  const [restartsOf, rssNow, limitOf, runtimes] = await Promise.all([
    client.queryInstant(byInstance(`changes(${seriesSelector(START_TIME_METRIC, matchers)}${windowRange})`), end).then(valueByInstance),
    client.queryInstant(byInstance(seriesSelector(RSS_METRIC, matchers)), end).then(valueByInstance),
    client
      .queryInstant(byInstance(`max_over_time(${seriesSelector(query.limitMetric ?? DEFAULT_LIMIT_METRIC, matchers)}${windowRange})`), end)
      .then(valueByInstance),
    Promise.all(RUNTIMES.map((r) => queryRuntime(client, r, matchers, range))),
  ]);
  // Where each life began and how high it went is needed only where there were restarts: a few instances.
  const restarted = [...restartsOf].filter(([, n]) => n > 0).map(([key]) => key);
  const [startOf, rssOf] = await Promise.all([
    queryInstancesRange(client, START_TIME_METRIC, matchers, restarted, range),
    queryInstancesRange(client, RSS_METRIC, matchers, restarted, range),
  ]);

  const series: InstanceSeries[] = [];
  for (const { runtime, envelopes, gcCounts, exportsGc } of runtimes) {
    for (const heap of envelopes) {
      const key = instanceKey(heap.labels);
      series.push({
        instance: heap.labels.instance ?? '',
        job: heap.labels.job ?? '',
        runtime,
        heap: heap.points,
        ...(exportsGc.has(key) ? { gcCounts: gcCounts.get(key) ?? new Map<number, number>() } : {}),
        ...(startOf.has(key) ? { startTimes: startOf.get(key) } : {}),
        ...(rssOf.has(key) ? { rss: rssOf.get(key) } : {}),
        ...(rssNow.has(key) ? { rssNow: rssNow.get(key) } : {}),
        ...(limitOf.has(key) ? { limitBytes: limitOf.get(key) } : {}),
      });
    }
  }
  const instances = series.map(judgeInstance).sort(byUrgency);
  return { prometheus: client.base.href, selector: query.selector ?? null, window: { start: range.start, end, stepSeconds }, instances };
}

/** Growing first; among them the nearest to its limit, then the fastest; the rest by rate. */
function byUrgency(a: InstanceVerdict, b: InstanceVerdict): number {
  if (a.growing !== b.growing) return a.growing ? -1 : 1;
  const toLimit = (v: InstanceVerdict) => v.minutesToLimit ?? Infinity;
  if (toLimit(a) !== toLimit(b)) return toLimit(a) - toLimit(b);
  return (b.bytesPerMinute ?? -Infinity) - (a.bytesPerMinute ?? -Infinity) || a.instance.localeCompare(b.instance);
}

/**
 * One runtime's series: the heap's lowest value in each step (after a GC it is the post-GC level, and
 * garbage never raises it), its full-GC counter, and which instances export GC metrics at all.
 */
async function queryRuntime(client: PrometheusClient, r: RuntimeMetrics, matchers: string, range: TimeRange) {
  const [envelopes, gcCounters, gcPresence] = await Promise.all([
    client.queryRange(`min_over_time(${seriesSelector(r.heap, matchers)}[${range.stepSeconds}s])`, range),
    client.queryRange(`max by (job, instance) (${seriesSelector(r.gcCount, matchers, r.gcMatchers)})`, range),
    client.queryInstant(`count by (job, instance) (${seriesSelector(r.gcCount, matchers)})`, range.end),
  ]);
  return {
    runtime: r.runtime,
    envelopes,
    gcCounts: indexByInstance(gcCounters),
    exportsGc: new Set(gcPresence.map((s) => instanceKey(s.labels))),
  };
}

/** One instant count first, so a selector that matches far too much is refused before any range query. */
async function checkFleetSize(client: PrometheusClient, matchers: string, at: number, max: number): Promise<void> {
  const counts = await Promise.all(RUNTIMES.map((r) => client.queryInstant(`count(${seriesSelector(r.heap, matchers)})`, at)));
  const total = counts.flat().reduce((sum, s) => sum + (Number.isFinite(s.value) ? s.value : 0), 0);
  if (total > max) {
    throw new FleetError(
      'too-many',
      `The selector matches ${total} instances with heap metrics (at most ${max} are ranked at once): narrow --selector (e.g. '{job="api"}') or raise --max-instances.`,
    );
  }
}

function instanceKey(labels: Record<string, string>): string {
  return `${labels.job ?? ''}\u0000${labels.instance ?? ''}`;
}

function valueByInstance(series: InstantSeries[]): Map<string, number> {
  return new Map(series.filter((s) => Number.isFinite(s.value)).map((s) => [instanceKey(s.labels), s.value]));
}

/** Instances per range query when only some are wanted: keeps each query's regex short. */
const INSTANCES_PER_QUERY = 100;

/** A range query of `metric` for the given instances only (keys from instanceKey), in bounded batches. */
async function queryInstancesRange(client: PrometheusClient, metric: string, matchers: string, keys: string[], range: TimeRange) {
  const index = new Map<string, Map<number, number>>();
  for (let i = 0; i < keys.length; i += INSTANCES_PER_QUERY) {
    const instances = keys.slice(i, i + INSTANCES_PER_QUERY).map((key) => key.split('\u0000')[1]!);
    const only = `instance=~"${instances.map(promqlRegexLiteral).join('|')}"`;
    const result = await client.queryRange(`max by (job, instance) (${seriesSelector(metric, matchers, only)})`, range);
    for (const [key, points] of indexByInstance(result)) if (keys.includes(key)) index.set(key, points);
  }
  return index;
}

/** A label value as an exact-match regex inside a PromQL double-quoted string. */
function promqlRegexLiteral(value: string): string {
  return value
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}

function indexByInstance(series: RangeSeries[]): Map<string, Map<number, number>> {
  const index = new Map<string, Map<number, number>>();
  for (const s of series) index.set(instanceKey(s.labels), new Map(s.points));
  return index;
}
