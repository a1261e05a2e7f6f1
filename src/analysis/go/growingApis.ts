// APIs that grow long-lived state on each call, even though no collection of the user's is written:
// a Prometheus vector keeps one series per distinct label value for ever; gorilla/context keeps a map
// entry per request until it is cleared; wrapping a captured logger or context in itself nests one
// more layer per request. The table is extended by the user's `growingApis` entries with language 'go'.
import type { Node } from 'web-tree-sitter';
import type { GrowingApiEntry } from '../lintConfig';
import { resolve } from './scope';
import { callArgs, callee, compact, unparen } from './syntax';

export interface GoGrowingApi {
  language: 'go';
  /** `Method` (any receiver) or `pkg.Func` as written at the call. */
  call: string;
  /**
   * When a call grows: `request-data` when an argument comes from the request (path, client IP, header…);
   * `always` on every call; `self-wrap` when the result is assigned back to the value it wraps
   * (`logger = log.With(logger, …)`, `l = l.With()…Logger()`).
   */
  grows: 'request-data' | 'always' | 'self-wrap';
  /** Calls anywhere in the package that bound it (`context.Clear`, `DeleteLabelValues` on the same value). */
  clearedBy?: string[];
  /** Only when the file imports this path. */
  imports?: string;
  /** The module version from which the API no longer grows (a go.mod requiring it or newer silences it). */
  fixedIn?: { module: string; version: string };
  /**
   * The hidden state that grows, when it is not the receiver (`gorilla/context`'s package map): calls that
   * grow or clear it meet under this name, and they count wherever they are in the package, not only on a
   * handler's path (a session helper runs during requests whoever calls it).
   */
  state?: string;
  /** Only when the first argument is the request (the state is keyed by it). */
  requestKeyed?: boolean;
  /** What grows, for the message. */
  what: string;
}

const GORILLA_CLEAR = ['context.Clear', 'context.ClearHandler', 'context.Purge'];
const GORILLA_WHAT = 'it keeps an entry per request in a package-level map until `context.Clear(r)` (or `context.ClearHandler`) removes it';

export const GO_GROWING_APIS: readonly GoGrowingApi[] = [
  {
    language: 'go',
    call: 'WithLabelValues',
    grows: 'request-data',
    clearedBy: ['DeleteLabelValues', 'DeletePartialMatch', 'Reset'],
    what: 'a Prometheus metric vector keeps one time series per distinct label value, for ever',
  },
  {
    language: 'go',
    call: 'GetMetricWithLabelValues',
    grows: 'request-data',
    clearedBy: ['DeleteLabelValues', 'DeletePartialMatch', 'Reset'],
    what: 'a Prometheus metric vector keeps one time series per distinct label value, for ever',
  },
  {
    language: 'go',
    call: 'MustCurryWith',
    grows: 'request-data',
    clearedBy: ['DeleteLabelValues', 'DeletePartialMatch', 'Reset'],
    what: 'a Prometheus metric vector keeps one time series per distinct label value, for ever',
  },
  {
    language: 'go',
    call: 'CurryWith',
    grows: 'request-data',
    clearedBy: ['DeleteLabelValues', 'DeletePartialMatch', 'Reset'],
    what: 'a Prometheus metric vector keeps one time series per distinct label value, for ever',
  },
  {
    language: 'go',
    call: 'context.Set',
    grows: 'always',
    imports: 'github.com/gorilla/context',
    state: 'gorilla/context',
    clearedBy: GORILLA_CLEAR,
    what: GORILLA_WHAT,
  },
  // gorilla/sessions before v1.2 registers each request's sessions in gorilla/context.
  {
    language: 'go',
    call: 'Get',
    grows: 'always',
    imports: 'github.com/gorilla/sessions',
    requestKeyed: true,
    fixedIn: { module: 'github.com/gorilla/sessions', version: '1.2.0' },
    state: 'gorilla/context',
    clearedBy: GORILLA_CLEAR,
    what: `gorilla/sessions (before v1.2) registers the request's sessions in gorilla/context: ${GORILLA_WHAT}`,
  },
  { language: 'go', call: 'log.With', grows: 'self-wrap', what: 'each request wraps the captured logger in one more layer of key/values' },
  {
    language: 'go',
    call: 'log.WithPrefix',
    grows: 'self-wrap',
    what: 'each request wraps the captured logger in one more layer of key/values',
  },
  { language: 'go', call: 'With', grows: 'self-wrap', what: 'each request adds its fields to the captured logger, which keeps them all' },
  {
    language: 'go',
    call: 'WithValues',
    grows: 'self-wrap',
    what: 'each request adds its key/values to the captured logger, which keeps them all',
  },
  { language: 'go', call: 'context.WithValue', grows: 'self-wrap', what: 'each request nests the captured context one level deeper' },
];

/** The built-in table plus the user's Go entries (malformed entries are ignored). */
export function goGrowingApis(user: readonly GrowingApiEntry[] | undefined): readonly GoGrowingApi[] {
  const extra = (user ?? []).filter(
    (e): e is GrowingApiEntry & GoGrowingApi =>
      e.language === 'go' && typeof e.call === 'string' && ['request-data', 'always', 'self-wrap'].includes(e.grows as string),
  );
  return extra.length
    ? [
        ...GO_GROWING_APIS,
        ...extra.map((e) => ({ ...e, what: typeof e.what === 'string' ? e.what : `\`${e.call}\` keeps what each call adds` })),
      ]
    : GO_GROWING_APIS;
}

/** The entry a call matches (`pkg.Func` by its written name, `Method` on any receiver). */
export function apiOf(call: Node, apis: readonly GoGrowingApi[]): GoGrowingApi | undefined {
  const c = callee(call);
  if (!c) return undefined;
  const qualified = c.operand?.type === 'identifier' ? `${c.operand.text}.${c.name}` : undefined;
  return (
    apis.find((a) => a.call === qualified) ??
    apis.find((a) => a.call === c.name && !a.call.includes('.') && (!qualified || !apis.some((b) => b.call === qualified)))
  );
}

/** Request accessors whose values are bounded by the routes (templates, methods), not chosen by the client. */
const BOUNDED_ACCESSORS = /\.(FullPath|RoutePattern|GetPathTemplate|Pattern|Method|Status|StatusCode|Route)\b|\.Path\(\)/;
/** Functions whose names say they map a request to a bounded label (a route, a template, a group). */
const BOUNDING_FUNCTION = /(label|normali[sz]e|route|pattern|template|sanitiz|bucket|group|classif|prefix|category)/i;
/**
 * Accessors of the request's tenant, organisation or authenticated user (`tenant.TenantID(ctx)`,
 * `ExtractOrgID(r)`, `auth.UserID(ctx)`): one series per tenant or account, as many as are provisioned,
 * not one per request the way a raw path, a client address, a user agent or a query value are.
 */
const IDENTITY_FUNCTION = /tenant|(org|organi[sz]ation|user|account|principal)_?(ids?|names?)$|^(org|user|account)s?$/i;
/** `r.Header.Get("X-Scope-OrgID")`: a header that names the tenant (checked by the auth in front of it). */
const IDENTITY_HEADER = /^"(x-scope-orgid|x-org-?id|x-tenant(-id)?|x-grafana-org-id)"$/i;

/** Types of handler parameters that carry the request. */
const REQUEST_PARAM_TYPE = /^(\*http\.Request|\*gin\.Context|echo\.Context|\*?fiber\.Ctx|\*fasthttp\.RequestCtx|iris\.Context)$/;

/** Whether a call reads the tenant or the authenticated user of the request. */
function identityOf(call: Node): boolean {
  const c = callee(call);
  if (!c) return false;
  if (IDENTITY_FUNCTION.test(c.name)) return true;
  const first = callArgs(call)[0];
  return c.name === 'Get' && !!first && IDENTITY_HEADER.test(first.text);
}

/** `detectIssuer(r)`: a function of the package whose every result is a constant names a bounded set. */
function returnsConstants(fn: Node | null): boolean {
  const d = fn?.type === 'identifier' ? resolve(fn) : undefined;
  const body = d?.kind === 'func' ? d.statement.childForFieldName('body') : null;
  // Its own returns, not those of a function literal inside it.
  const returns = (body?.descendantsOfType('return_statement') ?? []).filter((r) => {
    let n = r?.parent;
    while (n && n.type !== 'func_literal' && n.id !== d!.statement.id) n = n.parent;
    return n?.id === d!.statement.id;
  });
  if (returns.length === 0) return false;
  return returns.every((r) => {
    const values = r?.namedChildren.flatMap((n) => (n?.type === 'expression_list' ? n.namedChildren : [n])) ?? [];
    return (
      values.length > 0 &&
      values.every((v) => {
        const x = v && unparen(v);
        if (!x) return false;
        if (x.type === 'interpreted_string_literal' || x.type === 'raw_string_literal' || x.type === 'int_literal') return true;
        return x.type === 'identifier' && resolve(x)?.kind === 'const';
      })
    );
  });
}

/** Whether `expr` is (derived from) data of the request: its path, client address, headers, query. */
export function fromRequest(expr: Node, depth = 0): boolean {
  const e = unparen(expr);
  if (depth > 8 || BOUNDED_ACCESSORS.test(e.text)) return false;
  switch (e.type) {
    case 'identifier': {
      const d = resolve(e);
      if (d?.kind === 'param') return REQUEST_PARAM_TYPE.test(compact(d.type));
      // `path := r.URL.Path` then `WithLabelValues(path)`.
      return d?.kind === 'var' && !!d.value && d.value.id !== e.id && fromRequest(d.value, depth + 1);
    }
    case 'call_expression': {
      // `handlerLabel(r.URL.Path)`, `normalizePath(…)`: a function named for bounding its result.
      const fn = e.childForFieldName('function');
      if (BOUNDING_FUNCTION.test(compact(fn)) || identityOf(e) || returnsConstants(fn)) return false;
      const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      return (!!operand && fromRequest(operand, depth + 1)) || callArgs(e).some((a) => fromRequest(a, depth + 1));
    }
    case 'selector_expression':
      return fromRequest(e.childForFieldName('operand')!, depth + 1);
    case 'func_literal':
      return false;
    default:
      return e.namedChildren.some((c) => !!c && c.type !== 'comment' && fromRequest(c, depth + 1));
  }
}

/** Types of values that wrap handlers: re-wrapping a captured one per request nests one more closure each time. */
export const WRAPPABLE_TYPE = /(Handler|HandlerFunc|Endpoint|Middleware|Handle)$|^func\(/;

/** `h = mw(h)`, `h = a(b(h))`: whether `target` appears among the call's arguments, at any depth. */
export function wrapsArgument(call: Node, target: string): boolean {
  return callArgs(call).some((a) => compact(a) === target || (unparen(a).type === 'call_expression' && wrapsArgument(unparen(a), target)));
}

/** For a `self-wrap` entry: whether `call` wraps `target` (its first argument, or the root of its receiver chain). */
export function wrapsItself(call: Node, target: string): boolean {
  const args = callArgs(call);
  if (args[0] && compact(args[0]) === target) return true;
  let c = callee(call);
  // `l.With().Str(…).Logger()`: walk the receiver chain down to its root.
  let operand = c?.operand;
  while (operand && operand.type === 'call_expression') {
    c = callee(operand);
    operand = c?.operand;
  }
  return !!operand && compact(operand) === target;
}

/** Whether `version` (as in go.mod, `v1.2.3`) is at least `min` (`1.2.0`). */
function atLeast(version: string, min: string): boolean {
  const a = version.replace(/^v/, '').split(/[.+-]/).map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]!;
  return true;
}

/** Whether the module's go.mod requires a version of `fixedIn.module` where the API no longer grows. */
export function fixedByModule(api: GoGrowingApi, goMod: string | undefined): boolean {
  if (!api.fixedIn || !goMod) return false;
  const escaped = api.fixedIn.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v[\\w.+-]+)`, 'm').exec(goMod);
  return !!m && atLeast(m[1]!, api.fixedIn.version);
}

/** A request as an argument: the handler's `r`, `c.Request`, a struct's `s.request`. */
export function isRequestArg(arg: Node | undefined): boolean {
  return !!arg && /(^|\.)(r|req|request|Request)$/.test(compact(arg));
}
