// Is the receiver of `X.get/post/use(…, fn)` an app, router or server? Only then is `fn` a route handler:
// `cache.get(key, cb)`, an HTTP client's `request.get(url, cb)`, jQuery's `$.get` and `markdownIt.use(plugin)`
// are calls of the same names whose callbacks run once or per call of ours, not per request for ever.
import ts from 'typescript';
import { unwrap } from './operations';
import type { Resolver } from './scopes';
import { typeName } from './shapes';

export type ReceiverKind = 'router' | 'not-router' | 'unknown';

/** Packages whose default export, factory or classes make apps, routers or servers. */
const FRAMEWORK_MODULES = new Set([
  'express',
  'koa',
  '@koa/router',
  'koa-router',
  'fastify',
  'hono',
  'elysia',
  'connect',
  'polka',
  'restify',
  '@hapi/hapi',
  'h3',
  'router',
  'express-promise-router',
  'next-connect',
  'http',
  'https',
  'http2',
  'node:http',
  'node:https',
  'node:http2',
  'socket.io',
  'ws',
  '@tinyhttp/app',
  'ultimate-express',
  'hyper-express',
  '@nestjs/core',
  'find-my-way',
  'itty-router',
  'micro',
  'restana',
  '0http',
  'feathers',
  '@feathersjs/express',
  'loopback',
  'sails',
  'total.js',
  'moleculer-web',
]);

/** Factories and constructors that return an app, router or server wherever they come from. */
const FRAMEWORK_FACTORIES = new Set([
  'express',
  'Router',
  'connect',
  'polka',
  'fastify',
  'Fastify',
  'Koa',
  'KoaRouter',
  'Hono',
  'Elysia',
  'createServer',
  'createSecureServer',
  'createApp',
  'createRouter',
  'Server',
  'WebSocketServer',
  'App',
  'restana',
  'createHTTPServer',
]);

/** Types of parameters and fields that are apps, routers or servers. */
const FRAMEWORK_TYPES = new Set([
  'Express',
  'Application',
  'Router',
  'IRouter',
  'FastifyInstance',
  'Hono',
  'Koa',
  'Elysia',
  'Server',
  'HttpServer',
  'App',
  'Polka',
  'KoaRouter',
  'RouterGroup',
]);

/** Receivers named so, when nothing else is known about them, are taken for what their name says. */
const ROUTER_NAME =
  /^(app|router|server|srv|api|apiRouter|routes?|fastify|instance|web|v\d+|io|wss|nsp|namespace)$|(App|Router|Server|Routes)$/;

function moduleOf(decl: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isImportDeclaration(n)) return ts.isStringLiteralLike(n.moduleSpecifier) ? n.moduleSpecifier.text : undefined;
  }
  return undefined;
}

/** `require('x')`, `require('x').y`, `require('x')()`: the module named. */
export function requiredModule(e: ts.Expression): string | undefined {
  e = unwrap(e);
  while (ts.isPropertyAccessExpression(e) || (ts.isCallExpression(e) && !isRequire(e)))
    e = unwrap(ts.isCallExpression(e) ? e.expression : e.expression);
  return ts.isCallExpression(e) && isRequire(e) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])
    ? e.arguments[0].text
    : undefined;
}

function isRequire(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require';
}

function packageRoot(spec: string): string {
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
}

function kindOfModule(spec: string): ReceiverKind {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('#') || spec.startsWith('~') || spec.startsWith('@/'))
    return 'unknown';
  return FRAMEWORK_MODULES.has(packageRoot(spec)) || FRAMEWORK_MODULES.has(spec) ? 'router' : 'not-router';
}

/** HTTP clients (`client.get('/status', cb)`, `apiClient.post(…)`): their callbacks run once per call of ours. */
const CLIENT_NAME = /^client$|Client$|^CLIENT$/;

function byName(name: string): ReceiverKind {
  return ROUTER_NAME.test(name) ? 'router' : CLIENT_NAME.test(name) ? 'not-router' : 'unknown';
}

/** What the value an initializer, call or `new` makes is. */
function kindOfValue(init: ts.Expression, resolver: Resolver, depth: number): ReceiverKind {
  const e = unwrap(init);
  const required = requiredModule(e);
  if (required !== undefined) return kindOfModule(required);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const callee = unwrap(e.expression);
    if (ts.isIdentifier(callee)) {
      if (FRAMEWORK_FACTORIES.has(callee.text)) return 'router';
      return kindOfIdentifierSource(callee, resolver, depth + 1) === 'router' ? 'router' : 'unknown';
    }
    if (ts.isPropertyAccessExpression(callee)) {
      // express.Router(), app.route('/x'), new Koa.Router(), fastify.register's instance
      if (FRAMEWORK_FACTORIES.has(callee.name.text) || callee.name.text === 'route') return 'router';
      // http.request(…), (ssl ? https : http).request(…): an outgoing request, whose 'upgrade' fires once
      if (callee.name.text === 'request' && ts.isCallExpression(e)) return 'not-router';
      return receiverKind(callee.expression, resolver, depth + 1) === 'router' ? 'router' : 'unknown';
    }
  }
  return 'unknown';
}

/** An identifier that names a factory or class: what its import says about it. */
function kindOfIdentifierSource(id: ts.Identifier, resolver: Resolver, depth: number): ReceiverKind {
  const decl = resolver.resolve(id);
  if (!decl) return 'unknown';
  if (decl.kind === 'import') {
    const spec = moduleOf(decl.node);
    return spec === undefined ? 'unknown' : kindOfModule(spec);
  }
  if (ts.isVariableDeclaration(decl.node) && decl.node.initializer && depth < 4) {
    const required = requiredModule(decl.node.initializer);
    if (required !== undefined) return kindOfModule(required);
  }
  return 'unknown';
}

/** What the receiver of a registration-like call is. */
export function receiverKind(receiver: ts.Expression, resolver: Resolver, depth = 0): ReceiverKind {
  if (depth > 6) return 'unknown';
  const e = unwrap(receiver);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    // app.route('/x').get(fn), router.use(a).use(b), new Hono().get(…)
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee) && !ts.isNewExpression(e)) {
      const inner = receiverKind(callee.expression, resolver, depth + 1);
      if (inner !== 'unknown') return inner;
    }
    return kindOfValue(e, resolver, depth);
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (e.name.text === 'Bun') return 'router';
    return byName(e.name.text);
  }
  if (!ts.isIdentifier(e)) return 'unknown';
  if (e.text === '$' || e.text === 'jQuery') return 'not-router';
  const decl = resolver.resolve(e);
  if (!decl) return byName(e.text);
  if (decl.kind === 'import') {
    const spec = moduleOf(decl.node);
    const kind = spec === undefined ? 'unknown' : kindOfModule(spec);
    return kind === 'unknown' ? byName(e.text) : kind;
  }
  const node = decl.node;
  if (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
    const t = typeName(node.type);
    if (t && FRAMEWORK_TYPES.has(t)) return 'router';
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const kind = kindOfValue(node.initializer, resolver, depth);
      if (kind !== 'unknown') return kind;
      // A value made by a call we cannot see into: only its name can say it is an app.
    }
  }
  return byName(e.text);
}

/** A path argument: `'/users'`, `` `/v${n}` ``, `/^\/api/`, `['/a', '/b']`. */
export function isPathArgument(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  e = unwrap(e);
  if (ts.isStringLiteralLike(e)) return e.text.startsWith('/') || e.text === '*';
  if (ts.isTemplateExpression(e)) return e.head.text.startsWith('/');
  if (ts.isRegularExpressionLiteral(e)) return true;
  if (ts.isArrayLiteralExpression(e)) return e.elements.length > 0 && e.elements.every((el) => isPathArgument(el as ts.Expression));
  return false;
}
