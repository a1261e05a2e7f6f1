// Read-only access to Prometheus's HTTP API (`/api/v1/query_range`): one bounded GET per query, a bearer
// token when given, a time limit, and every failure turned into a FleetError that says what to do.
// Nothing is written to Prometheus; the only endpoints used are the query ones.
import { bareHost, isLoopbackHost } from '../heap/inspector/hostPolicy';
import { FleetError } from './errors';

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

export interface PrometheusOptions {
  /** Sent as `Authorization: Bearer …` (the CLI reads it from an environment variable, never a flag). */
  bearerToken?: string;
  allowRemoteHosts?: boolean;
  timeoutMs?: number;
}

/** One series of a range query: its labels and its [seconds, value] points, oldest first. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** One series of an instant query: its labels and its value. */
export interface InstantSeries {
  labels: Record<string, string>;
  value: number;
}

export interface TimeRange {
  /** Seconds since the epoch. */
  start: number;
  end: number;
  stepSeconds: number;
}

/** Parses and checks a Prometheus base URL (e.g. `http://127.0.0.1:9090`, or one behind a path prefix). */
export function parsePrometheusUrl(text: string, allowRemoteHosts: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FleetError('bad-address', `'${text}' is not a URL; give Prometheus's address, e.g. http://127.0.0.1:9090`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FleetError('bad-address', `'${text}' is not an http(s) URL; give Prometheus's address, e.g. http://127.0.0.1:9090`);
  }
  if (!allowRemoteHosts && !isLoopbackHost(url.hostname)) {
    throw new FleetError(
      'remote-refused',
      `Refusing to query ${bareHost(url.hostname)}: it is not a loopback address. Queries are read-only, but they ` +
        `reveal your fleet's metrics and, with a token, send it there. Allow it with --allow-remote (editor: ` +
        `leaklens.allowRemoteHosts), use https for anything beyond this machine, or tunnel the port (ssh -L).`,
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export class PrometheusClient {
  constructor(
    readonly base: URL,
    private readonly options: PrometheusOptions = {},
  ) {}

  /** `query_range` for one PromQL expression. */
  async queryRange(query: string, range: TimeRange): Promise<RangeSeries[]> {
    const params = new URLSearchParams({ query, start: String(range.start), end: String(range.end), step: String(range.stepSeconds) });
    const data = await this.get('api/v1/query_range', params);
    if (data.resultType !== 'matrix' || !Array.isArray(data.result)) {
      throw new FleetError('not-prometheus', `${this.base.href} answered a range query without a matrix: is it Prometheus's HTTP API?`);
    }
    return (data.result as Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }>).map((series) => ({
      labels: series.metric ?? {},
      points: (series.values ?? []).map(([t, v]) => [Number(t), Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)),
    }));
  }

  /** An instant query's vector: labels and value of each series at `time` (seconds). */
  async queryInstant(query: string, time: number): Promise<InstantSeries[]> {
    const data = await this.get('api/v1/query', new URLSearchParams({ query, time: String(time) }));
    if (data.resultType !== 'vector' || !Array.isArray(data.result)) {
      throw new FleetError('not-prometheus', `${this.base.href} answered an instant query without a vector: is it Prometheus's HTTP API?`);
    }
    return (data.result as Array<{ metric?: Record<string, string>; value?: [number, string] }>).map((s) => ({
      labels: s.metric ?? {},
      value: Number(s.value?.[1]),
    }));
  }

  private async get(path: string, params: URLSearchParams): Promise<{ resultType?: string; result?: unknown }> {
    const url = new URL(path, this.base);
    url.search = params.toString();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.bearerToken) headers.authorization = `Bearer ${this.options.bearerToken}`;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError')
        throw new FleetError(
          'timeout',
          `Prometheus at ${this.base.origin} did not answer within ${timeoutMs} ms; narrow --selector or --window.`,
        );
      const why = e.cause?.code ?? e.cause?.message ?? e.message;
      throw new FleetError(
        'unreachable',
        `Nothing answers at ${this.base.origin} (${why}). Is Prometheus running there? (TLS: a private CA goes in NODE_EXTRA_CA_CERTS.)`,
      );
    }
    const text = await response.text();
    let body: { status?: string; data?: { resultType?: string; result?: unknown }; error?: string; errorType?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new FleetError(
        'not-prometheus',
        `${url.origin}${url.pathname} answered HTTP ${response.status} with no JSON: is this Prometheus's address (without /graph)?`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new FleetError(
        'query-failed',
        `Prometheus refused the query (HTTP ${response.status}): set the bearer token's environment variable (--token-env).`,
      );
    }
    if (body.status !== 'success' || !body.data) {
      throw new FleetError(
        'query-failed',
        `Prometheus refused the query: ${body.errorType ?? 'error'}: ${body.error ?? `HTTP ${response.status}`}`,
      );
    }
    return body.data;
  }
}
