// APIs whose every call keeps something for the life of the process, in a table the user can extend
// (`growingApis` in the config file). Each entry names a package and a function or method of it; the
// engines judge a call to it on a request path like any other growth. Entries carry their language so
// that one user key serves the JS/TS and the Go engine.

export interface GrowingApi {
  language: 'js' | 'go';
  /** The npm package (`prom-client`) or Go import path (`github.com/gorilla/context`) it comes from. */
  module: string;
  /**
   * What is called: a function exported by the module (`onExit`, `Set`), or `Class#method` for a method of
   * an instance of one of its classes (`Counter#labels`).
   */
  call: string;
  /** What each call keeps: a new time series, a listener that is never removed, or an entry in a registry. */
  grows: 'series' | 'listener' | 'entry';
  /**
   * Only calls with request data (the raw path, the client address, a header…) in these argument positions
   * grow; other calls reuse what they kept before. Absent: every call grows.
   */
  requestDataArgs?: number[];
  /** One sentence for the finding: why this grows, and the usual fix. */
  why: string;
}

const PROM_METRICS = ['Counter', 'Gauge', 'Histogram', 'Summary'];

/** The built-in table, from real leak fixes. */
export const GROWING_APIS: readonly GrowingApi[] = [
  ...PROM_METRICS.flatMap((metric): GrowingApi[] => ['labels', 'inc', 'dec', 'set', 'observe', 'startTimer'].map((method) => ({
    language: 'js', module: 'prom-client', call: `${metric}#${method}`, grows: 'series',
    requestDataArgs: method === 'labels' ? [0, 1, 2, 3, 4, 5] : [0],
    why: 'each distinct label value is a new time series that prom-client keeps for ever: label by the matched route, not the raw path or the client address',
  }))),
  {
    language: 'js', module: 'signal-exit', call: 'onExit', grows: 'listener',
    why: 'each call adds an exit listener to `process` that stays until the returned remover is called',
  },
  {
    language: 'js', module: 'signal-exit', call: 'default', grows: 'listener',
    why: 'each call adds an exit listener to `process` that stays until the returned remover is called',
  },
  {
    language: 'go', module: 'github.com/gorilla/context', call: 'Set', grows: 'entry',
    why: 'gorilla/context keeps a map entry per request until context.Clear runs (ClearHandler)',
  },
  {
    language: 'go', module: 'github.com/go-kit/kit/log', call: 'With', grows: 'entry',
    why: 'log.With per request on a shared logger stored back grows its key-value list on every request',
  },
  {
    language: 'go', module: 'github.com/prometheus/client_golang/prometheus', call: 'CounterVec#WithLabelValues', grows: 'series',
    requestDataArgs: [0, 1, 2, 3], why: 'each distinct label value is a new time series kept for ever: label by the route pattern, not the raw path',
  },
];

/** The table in force: the built-in entries of `language`, then the user's. */
const GROWS: readonly GrowingApi['grows'][] = ['series', 'listener', 'entry'];

/** What is wrong with a user's table entry (for the config file's one-line error), or undefined when it is one. */
export function growingApiProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object';
  const e = entry as Record<string, unknown>;
  const known = ['language', 'module', 'call', 'grows', 'requestDataArgs', 'why'];
  const unknown = Object.keys(e).find((k) => !known.includes(k));
  if (unknown) return `has an unknown key '${unknown}' (keys: ${known.join(', ')})`;
  if (e.language !== 'js' && e.language !== 'go') return `language must be "js" or "go"`;
  if (typeof e.module !== 'string' || !e.module) return 'module must name the npm package or Go import path';
  if (typeof e.call !== 'string' || !e.call) return 'call must name a function (`onExit`) or a method (`Counter#labels`)';
  if (!GROWS.includes(e.grows as GrowingApi['grows'])) return `grows must be one of ${GROWS.map((g) => `"${g}"`).join(', ')}`;
  if (e.requestDataArgs !== undefined && !(Array.isArray(e.requestDataArgs) && e.requestDataArgs.every((i) => Number.isInteger(i) && (i as number) >= 0))) {
    return 'requestDataArgs must be a list of argument positions (0, 1, …)';
  }
  if (typeof e.why !== 'string' || !e.why) return 'why must say in one sentence why each call grows';
  return undefined;
}

export function growingApisFor(language: GrowingApi['language'], extra: readonly GrowingApi[] = []): GrowingApi[] {
  return [...GROWING_APIS, ...extra].filter((e) => e.language === language);
}
