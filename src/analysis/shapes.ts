// What a request handler looks like: parameter names and types, return types of handler factories,
// and the calls that register a handler with a server for its whole life.
import ts from 'typescript';
import { isPathArgument, type ReceiverKind } from './routers';

const REQUEST = new Set(['req', 'request']);
const RESPONSE = new Set(['res', 'response', 'reply', 'rep']);
const CONTEXT = new Set(['ctx', 'context', 'c']);
const ERROR = new Set(['err', 'error', 'e']);

/** Parameter types that only request handlers take (rightmost name of the type reference). */
const HANDLER_PARAM_TYPES = new Set([
  'Request',
  'Response',
  'NextFunction',
  'IncomingMessage',
  'ServerResponse',
  'FastifyRequest',
  'FastifyReply',
  'Context',
  'ParameterizedContext',
  'RouterContext',
  'HonoRequest',
]);

/** Declared return types that make a factory's returned closure a handler. */
const HANDLER_TYPES = new Set([
  'RequestHandler',
  'ErrorRequestHandler',
  'Middleware',
  'MiddlewareHandler',
  'Handler',
  'RequestListener',
  'RouteHandler',
  'RouteHandlerMethod',
  'preHandlerHookHandler',
  'onRequestHookHandler',
  'onResponseHookHandler',
  'HandlerFunction',
]);

/** Methods that register a handler for the server's lifetime: Express/Connect/Koa/Hono/routers, restify's `pre`. */
const REGISTER_METHODS = new Set(['use', 'pre', 'get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']);

function paramName(p: ts.ParameterDeclaration): string | undefined {
  return ts.isIdentifier(p.name) ? p.name.text : undefined;
}

export function typeName(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const n = type.typeName;
  return ts.isIdentifier(n) ? n.text : n.right.text;
}

/** `(req, res[, next])`, `(err, req, res, next)`, `(ctx, next)`, `(c, next)`, `(request, reply)`, or typed so. */
export function isHandlerShaped(fn: ts.SignatureDeclarationBase): boolean {
  const names = fn.parameters.map(paramName);
  const [a, b, c] = names;
  if (names.length >= 2 && names.length <= 3 && a && b && REQUEST.has(a) && RESPONSE.has(b)) return true;
  if (names.length === 4 && a && b && c && ERROR.has(a) && REQUEST.has(b) && RESPONSE.has(c)) return true;
  if (names.length === 2 && a && CONTEXT.has(a) && b === 'next') return true;
  // `Context` is also what many start-up functions take (DI containers, CLIs): with `next` only.
  return fn.parameters.some((p) => {
    const t = typeName(p.type) ?? '';
    return HANDLER_PARAM_TYPES.has(t) && (t !== 'Context' || b === 'next');
  });
}

/** A handler parameter whose value is the request, response or context object (retaining it keeps a whole request alive). */
export function isRequestScopedParam(p: ts.ParameterDeclaration): boolean {
  const name = paramName(p);
  if (name && (REQUEST.has(name) || RESPONSE.has(name) || CONTEXT.has(name))) return true;
  const t = typeName(p.type);
  return t !== undefined && t !== 'NextFunction' && HANDLER_PARAM_TYPES.has(t);
}

export function returnsHandlerType(fn: ts.SignatureDeclarationBase): boolean {
  return HANDLER_TYPES.has(typeName(fn.type) ?? '');
}

export function isHandlerType(type: ts.TypeNode | undefined): boolean {
  return HANDLER_TYPES.has(typeName(type) ?? '');
}

export function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Fastify route options and hook names whose function values run per request. */
const FASTIFY_ROUTE_HANDLER_KEYS = new Set([
  'handler',
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
  'onRequestAbort',
]);

/** Route options that hold the handler one level down: hapi's `{ method, path, options: { handler } }`. */
const ROUTE_OPTION_KEYS = new Set([...FASTIFY_ROUTE_HANDLER_KEYS, 'options', 'config']);

/** hapi's request lifecycle extension points (`onPreStart` and the other server events run once). */
const HAPI_REQUEST_EXTENSIONS = new Set([
  'onRequest',
  'onPreAuth',
  'onCredentials',
  'onPostAuth',
  'onPreHandler',
  'onPostHandler',
  'onPreResponse',
]);

/** Events whose listener runs per request or per connection for the server's life. */
const SERVER_EVENTS = new Set(['request', 'connection', 'upgrade']);

/**
 * The arguments of a call that registers long-lived handlers, or undefined when it is no registration:
 * `x.use/get/…(…, fn)` on an app, router or server (or on a receiver we cannot tell, with a path first),
 * `fastify.addHook(name, fn)`, `fastify.route({ handler })`, `http.createServer(fn)`, `server.on('request', fn)`,
 * socket.io's and ws's `io.on('connection', fn)`, `Bun.serve({ fetch })`.
 */
export function registeredArguments(
  call: ts.CallExpression,
  kindOf: (receiver: ts.Expression) => ReceiverKind,
): readonly ts.Node[] | undefined {
  const name = calleeName(call);
  if (!name) return undefined;
  const args = call.arguments;
  const receiver = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
  if (receiver && REGISTER_METHODS.has(name)) {
    const kind = kindOf(receiver);
    return kind === 'router' || (kind === 'unknown' && isPathArgument(args[0])) ? args : undefined;
  }
  // Fastify's application hooks (`onRoute`, `onClose`, `onReady`, …) run at start-up or shutdown, not per request.
  if (name === 'addHook' && args.length >= 2)
    return ts.isStringLiteralLike(args[0]!) && !FASTIFY_ROUTE_HANDLER_KEYS.has(args[0].text) ? undefined : args.slice(1);
  if (name === 'createServer' || name === 'createSecureServer') return args.filter((a) => !ts.isObjectLiteralExpression(a));
  if (
    (name === 'on' || name === 'addListener') &&
    args.length === 2 &&
    ts.isStringLiteralLike(args[0]!) &&
    SERVER_EVENTS.has(args[0].text)
  ) {
    return receiver && kindOf(receiver) === 'not-router' ? undefined : args.slice(1);
  }
  if (name === 'serve' && args.length === 1 && ts.isObjectLiteralExpression(args[0]!)) return functionProperties(args[0], SERVE_KEYS);
  if (name === 'route' && args.length === 1) return objectsOf(args[0]!).flatMap((o) => functionProperties(o, ROUTE_OPTION_KEYS));
  if (name === 'ext' && receiver && kindOf(receiver) !== 'not-router') return hapiExtensions(args);
  return undefined;
}

/** `{ … }` or `[{ … }, { … }]`: the object literals of a route table. */
function objectsOf(e: ts.Expression): ts.ObjectLiteralExpression[] {
  if (ts.isObjectLiteralExpression(e)) return [e];
  return ts.isArrayLiteralExpression(e) ? e.elements.filter(ts.isObjectLiteralExpression) : [];
}

/** `server.ext('onRequest', fn)`, `server.ext({ type: 'onPreResponse', method })` and arrays of those. */
function hapiExtensions(args: ts.NodeArray<ts.Expression>): ts.Node[] {
  const [first, second] = args;
  if (first && ts.isStringLiteralLike(first)) return HAPI_REQUEST_EXTENSIONS.has(first.text) && second ? [second] : [];
  return (first ? objectsOf(first) : []).flatMap((o) => {
    const type = o.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'type');
    const event = type && ts.isPropertyAssignment(type) && ts.isStringLiteralLike(type.initializer) ? type.initializer.text : '';
    return HAPI_REQUEST_EXTENSIONS.has(event) ? functionProperties(o, METHOD_KEY) : [];
  });
}

const METHOD_KEY = new Set(['method']);

/** `Bun.serve({ fetch, websocket: { message } })`, Deno's and srvx's `serve({ fetch })`. */
const SERVE_KEYS = new Set(['fetch', 'websocket', 'message', 'open', 'close']);

function functionProperties(object: ts.ObjectLiteralExpression, keys: ReadonlySet<string>): ts.Node[] {
  return object.properties.flatMap((p): ts.Node[] => {
    if (!p.name || !ts.isIdentifier(p.name) || !keys.has(p.name.text)) return [];
    if (ts.isMethodDeclaration(p)) return [p];
    if (ts.isPropertyAssignment(p))
      return ts.isObjectLiteralExpression(p.initializer) ? functionProperties(p.initializer, keys) : [p.initializer];
    return ts.isShorthandPropertyAssignment(p) ? [p.name] : [];
  });
}
