// Calls of the known growing APIs (growingApis.ts) in JS/TS: a function imported from the entry's package,
// or a method of an instance of one of its classes (`new client.Counter(…)` then `counter.labels(…)`).
import ts from 'typescript';
import type { GrowingApi } from './growingApis';
import type { Growth } from './operations';
import { unwrap } from './operations';
import { requiredModule } from './routers';
import type { Resolver } from './scopes';

export class ApiMatcher {
  /** Entries by the function or method name they call. */
  private readonly byName = new Map<string, GrowingApi[]>();

  constructor(
    entries: readonly GrowingApi[],
    private readonly resolver: Resolver,
  ) {
    for (const e of entries) {
      const name = e.call.includes('#') ? e.call.slice(e.call.indexOf('#') + 1) : e.call;
      const list = this.byName.get(name);
      if (list) list.push(e);
      else this.byName.set(name, [e]);
    }
  }

  /** The growth a call is, when it calls an entry of the table. */
  match(call: ts.CallExpression): Growth | undefined {
    const callee = unwrap(call.expression);
    if (ts.isIdentifier(callee)) {
      const source = this.importOf(callee);
      if (!source) return undefined;
      const entry = [...(this.byName.get(source.name) ?? []), ...(this.byName.get('default') ?? [])].find(
        (e) =>
          !e.call.includes('#') &&
          e.module === source.module &&
          (e.call === source.name || (e.call === 'default' && source.name === 'default')),
      );
      return entry && { type: 'growth', kind: 'api', node: call, values: [...call.arguments], api: entry };
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const candidates = this.byName.get(callee.name.text);
    if (!candidates) return undefined;
    // `counter.labels(…)`, `histogram.startTimer(…)`: the receiver is an instance made by `new <Class>(…)`.
    const instance = this.classOf(callee.expression);
    if (!instance) return undefined;
    const entry = candidates.find((e) => e.module === instance.module && e.call === `${instance.name}#${callee.name.text}`);
    return entry && { type: 'growth', kind: 'api', node: call, receiver: callee.expression, values: [...call.arguments], api: entry };
  }

  /** `onExit` from `import { onExit } from 'signal-exit'` or `const onExit = require('signal-exit')` ('default'). */
  private importOf(id: ts.Identifier): { module: string; name: string } | undefined {
    const decl = this.resolver.resolve(id);
    if (!decl) return undefined;
    if (decl.kind === 'import') {
      let n: ts.Node | undefined = decl.node;
      while (n && !ts.isImportDeclaration(n)) n = n.parent;
      if (!n || !ts.isStringLiteralLike(n.moduleSpecifier)) return undefined;
      const name = ts.isImportSpecifier(decl.node) ? (decl.node.propertyName ?? decl.node.name).text : 'default';
      return { module: n.moduleSpecifier.text, name };
    }
    if (ts.isVariableDeclaration(decl.node) && decl.node.initializer) {
      const init = unwrap(decl.node.initializer);
      const module = requiredModule(init);
      if (module === undefined) return undefined;
      if (ts.isPropertyAccessExpression(init)) return { module, name: init.name.text };
      if (ts.isIdentifier(decl.node.name)) return { module, name: 'default' };
      return { module, name: id.text }; // const { onExit } = require('signal-exit')
    }
    return undefined;
  }

  /** The package and class of `new client.Counter(…)` / `new Counter(…)` held by the receiver binding. */
  private classOf(receiver: ts.Expression): { module: string; name: string } | undefined {
    let e = unwrap(receiver);
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = unwrap(e.expression.expression); // metric.labels(…).inc()
    if (!ts.isIdentifier(e) && !(ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword)) return undefined;
    const decl = ts.isIdentifier(e) ? this.resolver.resolve(e) : undefined;
    const init = decl && ts.isVariableDeclaration(decl.node) && decl.node.initializer ? unwrap(decl.node.initializer) : undefined;
    if (!init || !ts.isNewExpression(init)) return undefined;
    const ctor = unwrap(init.expression);
    if (ts.isIdentifier(ctor)) {
      const source = this.importOf(ctor);
      return source && { module: source.module, name: source.name === 'default' ? ctor.text : source.name };
    }
    if (ts.isPropertyAccessExpression(ctor) && ts.isIdentifier(ctor.expression)) {
      const source = this.importOf(ctor.expression);
      return source && { module: source.module, name: ctor.name.text };
    }
    return undefined;
  }
}

/** Properties of a request (or context) that carry values chosen by the client: each new one is a new key. */
const REQUEST_DATA = new Set([
  'url',
  'originalUrl',
  'path',
  'pathname',
  'ip',
  'ips',
  'headers',
  'query',
  'params',
  'body',
  'cookies',
  'href',
  'search',
  'hostname',
  'host',
  'remoteAddress',
  'header',
  'get',
  'param',
]);

/** Whether an argument carries request data: `req.path`, `{ route: req.originalUrl }`, `ctx.request.ip`, `c.req.path`. */
export function carriesRequestData(e: ts.Expression, isRequestParam: (id: ts.Identifier) => boolean, depth = 0): boolean {
  if (depth > 4) return false;
  e = unwrap(e);
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.some((p) =>
      ts.isPropertyAssignment(p)
        ? carriesRequestData(p.initializer, isRequestParam, depth + 1)
        : ts.isShorthandPropertyAssignment(p)
          ? false
          : ts.isSpreadAssignment(p) && carriesRequestData(p.expression, isRequestParam, depth + 1),
    );
  }
  if (ts.isTemplateExpression(e)) return e.templateSpans.some((s) => carriesRequestData(s.expression, isRequestParam, depth + 1));
  if (ts.isBinaryExpression(e))
    return carriesRequestData(e.left, isRequestParam, depth + 1) || carriesRequestData(e.right, isRequestParam, depth + 1);
  if (ts.isCallExpression(e)) e = unwrap(e.expression); // req.get('x-forwarded-for'), req.header('…')
  let sawData = false;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e) && REQUEST_DATA.has(e.name.text)) sawData = true;
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'route') return false; // req.route.path: the pattern, bounded
    e = unwrap(e.expression);
  }
  return sawData && ts.isIdentifier(e) && isRequestParam(e);
}
