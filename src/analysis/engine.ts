// The closure-capture analysis: for each long-lived handler, the growth on its request path of targets that
// outlive the request, minus what a removal or reset on a request path or timer bounds
// (docs/architecture.md, "Linter (JS/TS)").
import ts from 'typescript';
import type { RelatedLocation, RuleId, Severity } from '../findings/model';
import type { LintConfig } from './lintConfig';
import { HandlerFinder, type Handler } from './handlers';
import { classify, unwrap, type Bound, type Growth, type GrowthKind } from './operations';
import { requestPath, type RequestPath } from './requestPath';
import { ApiMatcher, carriesRequestData } from './apiCalls';
import { growingApisFor } from './growingApis';
import { boundingGuard, guardsOf, onceGuarded } from './guards';
import { isTestFile, isInTestCallback } from './testCode';
import { Resolver, isFunctionLike } from './scopes';
import { isRequestScopedParam } from './shapes';
import { functionName as functionNameOf } from './handlers';
import { resolveTarget, type Target } from './targets';
import type { ValueKind } from './valueKinds';

/** A finding before it is turned into text, ranges and fixes. */
export interface RawFinding {
  rule: RuleId;
  severity: Severity;
  /** What runs per request (a middleware registered from a package has no function of this file). */
  handler: Pick<Handler, 'description' | 'owner' | 'origin' | 'via'>;
  growth: Growth;
  target?: Target;
  /** The request/response/context object is what gets kept (as a value or a Map key). */
  retainsRequest: boolean;
  /** The request/context object is the Map key or the Set member: a WeakMap/WeakSet would drop it with the request. */
  requestKeyed: boolean;
  /** For `bounded-buffer`: the source text of the size at which the buffer is flushed. */
  bound?: string;
}

/** Which target kinds each growth can grow; anything else (scalars, weak, bounded caches) never counts. */
const GROWS: Partial<Record<GrowthKind, ReadonlySet<ValueKind>>> = {
  push: new Set(['array', 'unknown']),
  unshift: new Set(['array', 'unknown']),
  splice: new Set(['array', 'unknown']),
  'index-append': new Set(['array', 'unknown']),
  concat: new Set(['array', 'unknown']),
  spread: new Set(['array', 'unknown']),
  'Map#set': new Set(['map']),
  'Set#add': new Set(['set']),
  'computed-key': new Set(['object']),
  'string-append': new Set(['string']),
};

interface Located<T> {
  op: T;
  fn: ts.Node;
}

/** A function of this file that a handler in another module reaches, with the calls that lead to it. */
export interface ReachedFunction {
  fn: ts.FunctionLikeDeclaration;
  /** `getAuth`: how the chain names it. */
  name: string;
  /** The handler's registration, then each call of the chain, in the files they are in. */
  via: RelatedLocation[];
}

/** A file's handlers, found once: the project analysis reads their calls before the file is judged. */
export interface PreparedFile {
  resolver: Resolver;
  finder: HandlerFinder;
  handlers: Handler[];
}

export function prepare(sourceFile: ts.SourceFile, config: LintConfig): PreparedFile {
  const resolver = new Resolver();
  const finder = new HandlerFinder(resolver, config);
  // A test file's handlers are none, but its tree is still walked: parents and hoisted vars are set there.
  const handlers = finder.find(sourceFile);
  return { resolver, finder, handlers: !config.includeTests && isTestFile(sourceFile.fileName, config.root) ? [] : handlers };
}

export function analyze(
  sourceFile: ts.SourceFile,
  config: LintConfig,
  reached: readonly ReachedFunction[] = [],
  prepared = prepare(sourceFile, config),
): RawFinding[] {
  if (!config.includeTests && isTestFile(sourceFile.fileName, config.root)) return [];
  const { finder, resolver } = prepared;
  const handlers = [...prepared.handlers, ...reached.map((r) => finder.reachedHandler(r.fn, r.name, r.via))];
  return judgeFile(finder, handlers, resolver, config);
}

/** Everything the request paths of one file's handlers do, judged: the findings of the file. */
export function judgeFile(finder: HandlerFinder, handlers: Handler[], resolver: Resolver, config: LintConfig): RawFinding[] {
  const apis = new ApiMatcher(growingApisFor('js', config.growingApis), resolver);
  const opsCache = new Map<ts.Node, { growths: Growth[]; bounds: Bound[] }>();
  const opsOf = (fn: ts.Node) => {
    let ops = opsCache.get(fn);
    if (!ops) opsCache.set(fn, (ops = collectOperations(fn, apis)));
    return ops;
  };
  const paths = handlers.map((handler) => ({ handler, path: requestPath(handler, resolver) }));
  // A removal on any request path (another route, an `onResponse` hook) bounds the target for all handlers.
  const requestBounds = new BoundIndex(
    paths.flatMap(({ handler, path }) =>
      resolveBounds(
        path.functions.flatMap((fn) => opsOf(fn).bounds.map((op) => ({ op, fn }))),
        handler,
        resolver,
        path,
      ),
    ),
  );
  // Timer callbacks resolve the same for every handler but for `this`, which depends on the handler's class.
  const timerBounds = new Map<ts.Node | undefined, BoundIndex>();
  const timerBoundsFor = (handler: Handler): BoundIndex => {
    let index = timerBounds.get(handler.classNode);
    if (!index) {
      index = new BoundIndex(
        resolveBounds(
          finder.timerCallbacks.flatMap((fn) => opsOf(fn).bounds.map((op) => ({ op, fn }))),
          handler,
          resolver,
        ),
      );
      timerBounds.set(handler.classNode, index);
    }
    return index;
  };
  const found = new Map<string, RawFinding>();
  const keep = (raw: RawFinding) => {
    const id = `${raw.rule}@${raw.growth.node.pos}`;
    if (!found.has(id)) found.set(id, raw);
  };
  for (const { handler, path } of paths) {
    const growths: Located<Growth>[] = path.functions.flatMap((fn) => opsOf(fn).growths.map((op) => ({ op, fn })));
    const clearsTimers = path.functions.some((fn) => opsOf(fn).bounds.some((b) => b.kind === 'clear-interval'));
    const bounds = (target: Target) => [...requestBounds.covering(target), ...timerBoundsFor(handler).covering(target)];
    for (const raw of judgeHandler(handler, growths, bounds, clearsTimers, resolver, path)) keep(raw);
  }
  for (const raw of perCallContinuations(finder, resolver, config)) keep(raw);
  for (const raw of defaultStoreFindings(finder)) keep(raw);
  return [...found.values()].sort((a, b) => a.growth.node.pos - b.growth.node.pos);
}

function collectOperations(fn: ts.Node, apis: ApiMatcher): { growths: Growth[]; bounds: Bound[] } {
  const growths: Growth[] = [];
  const bounds: Bound[] = [];
  const visit = (node: ts.Node): void => {
    const op = classify(node) ?? (ts.isCallExpression(node) ? apis.match(node) : undefined);
    if (op?.type === 'growth') growths.push(op);
    else if (op?.type === 'bound') bounds.push(op);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn, visit);
  return { growths, bounds };
}

interface ResolvedBound {
  op: Bound;
  target?: Target;
  /** It runs on every growth path: not only on a branch whose condition says nothing about the target. */
  dominates: boolean;
  /** Under a condition (so a delete of the key just read only fires when that key comes back). */
  conditional: boolean;
}

/** Bounds by the root binding they act on, so each growth looks only at its own target's bounds. */
class BoundIndex {
  private readonly byRoot = new Map<string, ResolvedBound[]>();

  constructor(bounds: ResolvedBound[]) {
    for (const b of bounds) {
      if (!b.target) continue;
      const root = rootKey(b.target.key);
      const list = this.byRoot.get(root);
      if (list) list.push(b);
      else this.byRoot.set(root, [b]);
    }
  }

  covering(target: Target): ResolvedBound[] {
    return (this.byRoot.get(rootKey(target.key)) ?? []).filter((b) => covers(b.target!, target));
  }
}

/** `12:state.items` → `12:state`. */
function rootKey(key: string): string {
  const dot = key.indexOf('.', key.indexOf(':'));
  return dot < 0 ? key : key.slice(0, dot);
}

function resolveBounds(bounds: Located<Bound>[], handler: Handler, resolver: Resolver, path?: RequestPath): ResolvedBound[] {
  return bounds.map(({ op, fn }) => {
    const target = op.receiver
      ? resolveTarget(op.receiver, { handler, current: fn, callers: path?.callers, instanceClasses: path?.instanceClasses }, resolver)
      : undefined;
    if (!path || !target) return { op, target, dominates: true, conditional: false };
    const guards = guardsOf(op.node);
    const site = path.callers.get(fn);
    const callGuards = site ? guardsOf(site.call) : [];
    const root = target.name.split('.')[0]!;
    const dominates = [...guards, ...callGuards].every((g) => boundingGuard(g, root));
    return { op, target, dominates, conditional: guards.length > 0 };
  });
}
function judgeHandler(
  handler: Handler,
  growths: Located<Growth>[],
  boundsOf: (target: Target) => ResolvedBound[],
  clearsTimers: boolean,
  resolver: Resolver,
  path: RequestPath,
): RawFinding[] {
  const results: RawFinding[] = [];
  for (const { op, fn } of growths) {
    if (onceGuarded(op.node)) continue;
    if (op.kind === 'interval') {
      if (!clearsTimers) {
        results.push({ rule: 'listener-per-request', severity: 'error', handler, growth: op, retainsRequest: false, requestKeyed: false });
      }
      continue;
    }
    if (op.kind === 'api') {
      const raw = judgeApiCall(op, fn, handler, resolver, path);
      if (raw) results.push(raw);
      continue;
    }
    const target =
      op.receiver &&
      resolveTarget(op.receiver, { handler, current: fn, callers: path.callers, instanceClasses: path.instanceClasses }, resolver);
    if (!target) continue;
    // A listener or a promise continuation added per request and never removed: always an error.
    const perRequestListener = (): RawFinding => ({
      rule: 'listener-per-request',
      severity: 'error',
      handler,
      growth: op,
      target,
      retainsRequest: false,
      requestKeyed: false,
    });
    if (op.kind === 'continuation') {
      results.push(perRequestListener());
      continue;
    }
    if (op.kind === 'listener') {
      if (op.once && op.event !== undefined && PER_REQUEST_EVENTS.has(op.event)) continue;
      const removed = boundsOf(target).some(
        (b) =>
          b.op.kind === 'remove-listener' &&
          b.target?.key === target.key &&
          (b.op.event === undefined || op.event === undefined || b.op.event === op.event),
      );
      if (!removed) results.push(perRequestListener());
      continue;
    }
    if (target.opaque || !grows(op.kind, target)) continue;
    const matching = boundsOf(target).filter((b) => b.op.kind !== 'remove-listener' && b.dominates && !lazyDelete(b, op));
    const retainsRequest = [...op.values, ...(op.key ? [op.key] : [])].some((v) => holdsRequest(v, handler, resolver, 0));
    const member = op.kind === 'Map#set' ? op.key : op.kind === 'Set#add' ? op.values[0] : undefined;
    const requestKeyed = member !== undefined && holdsRequest(member, handler, resolver, 0);
    if (matching.length === 0) {
      results.push({
        rule: 'unbounded-capture',
        severity: retainsRequest ? 'error' : 'warning',
        handler,
        growth: op,
        target,
        retainsRequest,
        requestKeyed,
      });
      continue;
    }
    const guards = matching.map((b) => (b.op.empties ? sizeGuard(b.op.node, target.name) : undefined));
    if (guards.every((g) => g !== undefined)) {
      results.push({
        rule: 'bounded-buffer',
        severity: 'info',
        handler,
        growth: op,
        target,
        retainsRequest,
        requestKeyed,
        bound: guards[0],
      });
    }
  }
  return results;
}

function grows(kind: GrowthKind, target: Target): boolean {
  if (target.nested) return target.kind === 'map' || target.kind === 'unknown';
  return GROWS[kind]?.has(target.kind) ?? false;
}

/** A bound on `state` (a reset) or on `logs` itself covers growth of `logs`/`state.items`. */
function covers(bound: Target, grown: Target): boolean {
  return bound.key === grown.key || grown.key.startsWith(bound.key + '.');
}

/**
 * `if (buf.length >= 100) { …; buf = [] }`: the size the reset is guarded by, as source text, or undefined
 * when the reset is not under a size check on the same target.
 */
function sizeGuard(reset: ts.Node, name: string): string | undefined {
  for (let n: ts.Node = reset; n.parent && !isFunctionLike(n); n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || p.thenStatement !== n) continue;
    const bound = comparedSize(p.expression, name);
    if (bound) return bound;
  }
  return undefined;
}

function comparedSize(condition: ts.Expression, name: string): string | undefined {
  const c = unwrap(condition);
  if (!ts.isBinaryExpression(c)) return undefined;
  if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || c.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return comparedSize(c.left, name) ?? comparedSize(c.right, name);
  }
  const sizes = [`${name}.length`, `${name}.size`];
  const left = unwrap(c.left).getText();
  const right = unwrap(c.right).getText();
  if (sizes.includes(left)) return right;
  if (sizes.includes(right)) return left;
  return undefined;
}

/** The value is the handler's request/response/context object, an alias of it, or a literal holding it. */
function holdsRequest(value: ts.Expression, handler: Handler, resolver: Resolver, depth: number): boolean {
  if (depth > 4) return false;
  const e = unwrap(value);
  if (ts.isIdentifier(e)) {
    const decl = resolver.resolve(e);
    if (!decl) return false;
    if (ts.isParameter(decl.node)) return decl.node.parent === handler.fn && isRequestScopedParam(decl.node);
    if (
      ts.isVariableDeclaration(decl.node) &&
      decl.node.initializer &&
      decl.node.pos >= handler.fn.pos &&
      decl.node.end <= handler.fn.end
    ) {
      return holdsRequest(decl.node.initializer, handler, resolver, depth + 1);
    }
    return false;
  }
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.some((p) =>
      ts.isPropertyAssignment(p)
        ? holdsRequest(p.initializer, handler, resolver, depth + 1)
        : ts.isShorthandPropertyAssignment(p)
          ? holdsRequest(p.name, handler, resolver, depth + 1)
          : ts.isSpreadAssignment(p) && holdsRequest(p.expression, handler, resolver, depth + 1),
    );
  }
  if (ts.isArrayLiteralExpression(e))
    return e.elements.some((el) => holdsRequest(ts.isSpreadElement(el) ? el.expression : el, handler, resolver, depth + 1));
  return false;
}

/** `server.once('request', …)` fires with the next request, so it does not pile up. */
const PER_REQUEST_EVENTS = new Set(['request']);

/**
 * `const e = hits.get(key); if (e && e.expired) hits.delete(key)`: the delete only runs when the same key comes
 * back, so keys that never return stay for ever. A delete of that key in a completion callback, or not under
 * a condition, is request-scoped and does bound.
 */
function lazyDelete(b: ResolvedBound, growth: Growth): boolean {
  const key = growth.key ?? (growth.kind === 'Set#add' ? growth.values[0] : undefined);
  return b.op.kind === 'delete' && b.conditional && !!b.op.key && !!key && unwrap(b.op.key).getText() === unwrap(key).getText();
}

/** A call of a known growing API on a request path: judged by its table entry. */
function judgeApiCall(op: Growth, fn: ts.Node, handler: Handler, resolver: Resolver, path: RequestPath): RawFinding | undefined {
  const api = op.api!;
  const target = op.receiver
    ? resolveTarget(op.receiver, { handler, current: fn, callers: path.callers, instanceClasses: path.instanceClasses }, resolver)
    : undefined;
  if (op.receiver && !target) return undefined; // a metric or a form made per request goes with the request
  if (api.grows === 'listener') {
    // A caller that keeps the returned remover manages the listener itself.
    const kept = !ts.isExpressionStatement(op.node.parent);
    return kept
      ? undefined
      : { rule: 'listener-per-request', severity: 'error', handler, growth: op, target, retainsRequest: false, requestKeyed: false };
  }
  const isRequestParam = (id: ts.Identifier): boolean => {
    const decl = resolver.resolve(id);
    return (
      !!decl &&
      ts.isParameter(decl.node) &&
      isRequestScopedParam(decl.node) &&
      path.functions.includes(decl.node.parent as ts.FunctionLikeDeclaration)
    );
  };
  const args = op.values;
  const fromRequest = (api.requestDataArgs ?? args.map((_, i) => i)).some(
    (i) => args[i] !== undefined && carriesRequestData(args[i]!, isRequestParam),
  );
  return fromRequest
    ? { rule: 'unbounded-capture', severity: 'warning', handler, growth: op, target, retainsRequest: false, requestKeyed: false }
    : undefined;
}

/**
 * `session.closed.then(fail)` in any function, handler or not: each call adds a reaction to a promise that stays
 * pending while the session lives (a pooled session lives long), so every call's closure is kept until then.
 */
function perCallContinuations(finder: HandlerFinder, resolver: Resolver, config: LintConfig): RawFinding[] {
  const results: RawFinding[] = [];
  for (const call of finder.continuationCalls) {
    const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
    let root: ts.Expression = receiver;
    while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
    const fn = enclosingFunction(call);
    // A constructor runs once per object: what it adds to its argument's promise goes with that object.
    if (!fn || ts.isConstructorDeclaration(fn) || !ts.isIdentifier(root) || (!config.includeTests && isInTestCallback(fn))) continue;
    const decl = resolver.resolve(root);
    // Made in this very call: it goes away with the call.
    if (!decl || (decl.node.pos >= fn.pos && decl.node.end <= fn.end && !(ts.isParameter(decl.node) && decl.node.parent === fn))) continue;
    if (rememberedPerPromise(call, receiver.getText(), fn)) continue;
    const name = functionNameOf(fn) ?? 'this function';
    const shown = name === 'this function' ? name : `\`${name}\``;
    const handler: Handler = {
      fn,
      description: shown,
      owner: name,
      origin: { node: fn.name ?? fn, message: `each call of ${shown} adds one more` },
    };
    const where = ts.isParameter(decl.node)
      ? `a parameter of ${shown}: the caller's object, which outlives the call`
      : 'declared outside the function';
    const target: Target = {
      key: `promise:${decl.id.pos}`,
      name: receiver.getText(),
      kind: 'unknown',
      declaration: decl.id,
      where,
      opaque: true,
      nested: false,
    };
    results.push({
      rule: 'listener-per-request',
      severity: 'error',
      handler,
      growth: { type: 'growth', kind: 'continuation', node: call, receiver, values: [...call.arguments] },
      target,
      retainsRequest: false,
      requestKeyed: false,
    });
  }
  return results;
}

/**
 * `if (!watches.get(p)) { watches.set(p, w); p.then(…) }`: the branch that adds the continuation also records the
 * promise in a map or set, so it runs once per promise, not once per call.
 */
function rememberedPerPromise(call: ts.CallExpression, promise: string, fn: ts.Node): boolean {
  for (let n: ts.Node = call; n.parent && n !== fn; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n && recordsKey(n, promise)) return true;
  }
  return false;
}

function recordsKey(branch: ts.Node, key: string): boolean {
  const visit = (node: ts.Node): boolean => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      (node.expression.name.text === 'set' || node.expression.name.text === 'add') &&
      node.arguments[0]?.getText() === key
    )
      return true;
    return !isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false);
  };
  return visit(branch);
}

/** `app.use(session({ secret }))`: the middleware's default store grows with every client it sees. */
function defaultStoreFindings(finder: HandlerFinder): RawFinding[] {
  return finder.defaultStores.map(({ call, registration, store }) => {
    const where = `\`${registration.expression.getText().slice(0, 60)}\``;
    return {
      rule: 'unbounded-capture',
      severity: 'warning',
      handler: {
        description: `the \`${store.module}\` middleware registered with ${where}`,
        owner: store.module,
        origin: { node: registration, message: `registered here with ${where}: it runs on every request for the life of the server` },
      },
      growth: { type: 'growth', kind: 'default-store', node: call, values: [...call.arguments], store },
      retainsRequest: false,
      requestKeyed: false,
    };
  });
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n) && !ts.isArrowFunction(n)) return n;
  return undefined;
}
