// APIs whose every call keeps something for the life of the process, in a table the user can extend
// (`growingApis` in the config file). Each entry names a package and a function or method of it; the
// engines judge a call to it on a request path like any other growth. Entries carry their language so
// that one user key serves the JS/TS engine (this table) and the Go engine (go/growingApis.ts, whose
// entries say when a call grows in Go's terms).
import type { GoGrowingApi } from './go/growingApis';

export interface GrowingApi {
  language: 'js';
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
  ...PROM_METRICS.flatMap((metric): GrowingApi[] =>
    ['labels', 'inc', 'dec', 'set', 'observe', 'startTimer'].map((method) => ({
      language: 'js',
      module: 'prom-client',
      call: `${metric}#${method}`,
      grows: 'series',
      requestDataArgs: method === 'labels' ? [0, 1, 2, 3, 4, 5] : [0],
      why: 'each distinct label value is a new time series that prom-client keeps for ever: label by the matched route, not the raw path or the client address',
    })),
  ),
  {
    language: 'js',
    module: 'signal-exit',
    call: 'onExit',
    grows: 'listener',
    why: 'each call adds an exit listener to `process` that stays until the returned remover is called',
  },
  {
    language: 'js',
    module: 'signal-exit',
    call: 'default',
    grows: 'listener',
    why: 'each call adds an exit listener to `process` that stays until the returned remover is called',
  },
  // formidable 1–3: `parse(req, callback)` subscribes the callback's own listeners ('field', 'file', 'error',
  // 'end') on the form and never removes them, so one form shared by every request collects them all
  // (express-formidable 1.0.0; fixed in 1.2.0 by a form per request).
  ...['IncomingForm', 'Formidable'].map((form): GrowingApi => ({
    language: 'js',
    module: 'formidable',
    call: `${form}#parse`,
    grows: 'listener',
    why: "each call subscribes its callback to the form's events and never unsubscribes it: make one form per request",
  })),
];

const GROWS: readonly GrowingApi['grows'][] = ['series', 'listener', 'entry'];
const GO_GROWS: readonly GoGrowingApi['grows'][] = ['request-data', 'always', 'self-wrap'];

/** An entry of the user's table: a JS/TS one, or a Go one. */
export type UserGrowingApi = GrowingApi | GoGrowingApi;

const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What is wrong with a user's table entry (for the config file's one-line error), or undefined when it is one. */
export function growingApiProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object';
  const e = entry as Record<string, unknown>;
  if (e.language === 'go') return goEntryProblem(e);
  if (e.language !== 'js') return 'language must be "js" or "go"';
  const known = ['language', 'module', 'call', 'grows', 'requestDataArgs', 'why'];
  const unknown = Object.keys(e).find((k) => !known.includes(k));
  if (unknown) return `has an unknown key '${unknown}' (keys of a "js" entry: ${known.join(', ')})`;
  if (typeof e.module !== 'string' || !e.module) return 'module must name the npm package';
  if (typeof e.call !== 'string' || !e.call) return 'call must name a function (`onExit`) or a method (`Counter#labels`)';
  if (!GROWS.includes(e.grows as GrowingApi['grows'])) return `grows must be one of ${GROWS.map((g) => `"${g}"`).join(', ')}`;
  if (
    e.requestDataArgs !== undefined &&
    !(Array.isArray(e.requestDataArgs) && e.requestDataArgs.every((i) => Number.isInteger(i) && (i as number) >= 0))
  ) {
    return 'requestDataArgs must be a list of argument positions (0, 1, …)';
  }
  if (typeof e.why !== 'string' || !e.why) return 'why must say in one sentence why each call grows';
  return undefined;
}

function goEntryProblem(e: Record<string, unknown>): string | undefined {
  const known = ['language', 'call', 'grows', 'clearedBy', 'imports', 'state', 'requestKeyed', 'what'];
  const unknown = Object.keys(e).find((k) => !known.includes(k));
  if (unknown) return `has an unknown key '${unknown}' (keys of a "go" entry: ${known.join(', ')})`;
  if (typeof e.call !== 'string' || !e.call) return 'call must name a method (`WithLabelValues`) or a package function (`context.Set`)';
  if (!GO_GROWS.includes(e.grows as GoGrowingApi['grows'])) return `grows must be one of ${GO_GROWS.map((g) => `"${g}"`).join(', ')}`;
  if (e.clearedBy !== undefined && !isStringList(e.clearedBy)) return 'clearedBy must be a list of calls that bound it (`context.Clear`)';
  for (const key of ['imports', 'state', 'what']) if (e[key] !== undefined && typeof e[key] !== 'string') return `${key} must be a string`;
  if (e.requestKeyed !== undefined && typeof e.requestKeyed !== 'boolean') return 'requestKeyed must be true or false';
  return undefined;
}

/** The table in force for the JS/TS engine: the built-in entries, then the user's JS/TS ones. */
export function growingApisFor(language: 'js', extra: readonly UserGrowingApi[] = []): GrowingApi[] {
  return [...GROWING_APIS, ...extra].filter((e): e is GrowingApi => e.language === language);
}
