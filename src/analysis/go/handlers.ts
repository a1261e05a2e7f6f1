// Which Go functions run once per request and live as long as the server: handler-shaped functions,
// function literals returned by handler factories, and whatever is passed to a route registration.
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, compact, FUNCTION_TYPES, listItems, unparen } from './syntax';
import { isRoutePattern, isRouter } from './routers';
import { functionsByName, isDamaged, resolve } from './scope';
import { inTestFunction } from './testCode';

export interface Handler {
  /** The function node (func_literal, function_declaration or method_declaration). */
  node: Node;
  /** Name used in messages: the factory, the function, or the registration. */
  name: string;
  /** How a message refers to it, e.g. "the handler returned by `Logger`". */
  describe: string;
  /** What makes it long-lived (a related location): the factory's name, the registration, the declaration. */
  anchor: { node: Node; message: string };
}

/**
 * Parameter types that make a function a request handler (first: the request-scoped objects a handler must
 * not keep). Fiber v3 passes `fiber.Ctx`, an interface, where v2 passed `*fiber.Ctx`.
 */
export const RETAINED_TYPES = new Set(['*gin.Context', '*http.Request', 'http.ResponseWriter', 'echo.Context', '*fiber.Ctx', 'fiber.Ctx']);
const CONTEXT_TYPES = new Set(['*gin.Context', 'echo.Context', '*fiber.Ctx', 'fiber.Ctx']);
const HANDLER_RESULT_TYPES = new Set([
  'gin.HandlerFunc',
  'http.HandlerFunc',
  'http.Handler',
  'echo.HandlerFunc',
  'echo.MiddlewareFunc',
  'fiber.Handler',
  'func(*gin.Context)',
  'func(http.ResponseWriter,*http.Request)',
  'func(echo.Context)error',
  'func(*fiber.Ctx)error',
  'func(fiber.Ctx)error',
]);
/** Conversions that wrap a function into a handler: `http.HandlerFunc(func(w, r) {…})`. */
const HANDLER_CONVERSIONS = new Set(['http.HandlerFunc', 'gin.HandlerFunc', 'echo.HandlerFunc']);
const REGISTRATIONS = new Set([
  'Use',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'Any',
  'Handle',
  'HandleFunc',
  'Match',
  'Group',
  'NoRoute',
  'NoMethod',
  'Get',
  'Post',
  'Put',
  'Delete',
  'Patch',
  'Head',
  'Options',
  'All',
  'Add',
]);

/** Cheap text test: files without any of these cannot hold a handler, so the tree walk is skipped. */
export const HANDLER_HINT =
  /\*gin\.Context|http\.ResponseWriter|echo\.Context|fiber\.Ctx|HandlerFunc|http\.Handler|MiddlewareFunc|fiber\.Handler/;

/** Parameter types, one entry per declared name: `(w http.ResponseWriter, r *http.Request)`. */
export function paramTypes(fn: Node): { name: Node | undefined; type: string }[] {
  const out: { name: Node | undefined; type: string }[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || !p.type.endsWith('parameter_declaration')) continue;
    const type = compact(p.childForFieldName('type'));
    const names = p.childrenForFieldName('name').filter((n): n is Node => !!n);
    if (names.length === 0) out.push({ name: undefined, type });
    for (const name of names) out.push({ name, type });
  }
  return out;
}

/** Names of handler types of frameworks LeakLens does not list: `server.JSONEndpoint`, `kit.Middleware`. */
const HANDLER_TYPE_NAME = /(Handler|HandlerFunc|Endpoint|Middleware)$/;

/** Whether a function receives the request (or a framework context carrying it). */
function takesRequest(fn: Node): boolean {
  return paramTypes(fn).some((p) => p.type === '*http.Request' || CONTEXT_TYPES.has(p.type));
}

export function isHandlerShaped(fn: Node): boolean {
  const types = paramTypes(fn).map((p) => p.type);
  return types.some((t) => CONTEXT_TYPES.has(t)) || (types.includes('http.ResponseWriter') && types.includes('*http.Request'));
}

function functionName(fn: Node): string | undefined {
  if (fn.type === 'func_literal') return undefined;
  const name = fn.childForFieldName('name')?.text;
  if (!name || fn.type !== 'method_declaration') return name;
  const recvType = compact(
    fn
      .childForFieldName('receiver')
      ?.namedChildren.find((n) => n?.type === 'parameter_declaration')
      ?.childForFieldName('type'),
  );
  return `(${recvType}).${name}`;
}

/** The nearest enclosing named function (the factory of a literal), or the function itself. */
export function namedFunction(node: Node): Node | undefined {
  for (let n: Node | null = node; n; n = n.parent) if (n.type !== 'func_literal' && FUNCTION_TYPES.includes(n.type)) return n;
  return undefined;
}

/** The innermost function that holds `node` (strictly inside it). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.includes(n.type)) return n;
  return undefined;
}

/** `http.HandlerFunc(x)` → x; an identifier bound to a literal → the literal. */
function handlerValue(expr: Node): Node | undefined {
  let e = unparen(expr);
  if (e.type === 'call_expression' || e.type === 'type_conversion_expression') {
    const fn = e.childForFieldName('function') ?? e.childForFieldName('type');
    const args = e.type === 'call_expression' ? callArgs(e) : [e.childForFieldName('operand')].filter((n): n is Node => !!n);
    if (!HANDLER_CONVERSIONS.has(compact(fn)) || args.length !== 1) return undefined;
    e = unparen(args[0]!);
  }
  if (e.type === 'func_literal') return e;
  if (e.type === 'identifier') {
    const value = resolve(e)?.value;
    return value && unparen(value).type === 'func_literal' ? unparen(value) : undefined;
  }
  return undefined;
}

/** The top-level declaration holding `node`. */
function topLevel(node: Node): Node {
  let top = node;
  while (top.parent && top.parent.type !== 'source_file') top = top.parent;
  return top;
}

export interface HandlerOptions {
  /** Also take closures returned by any factory (memoizers, debouncers) for handlers. */
  includeAllReturnedClosures?: boolean;
  /** Also take handlers built inside `Test*`/`Benchmark*`/`Fuzz*`/`Example*` functions. */
  includeTests?: boolean;
}

export function findHandlers(root: Node, options: HandlerOptions = {}): Handler[] {
  const includeAllReturnedClosures = !!options.includeAllReturnedClosures;
  const found = new Map<number, Handler>();
  // Test functions and declarations damaged by a syntax error are not analysed.
  const skipped = (n: Node) => isDamaged(topLevel(n)) || (!options.includeTests && inTestFunction(n));
  const add = (h: Handler) => {
    if (!found.has(h.node.id) && !skipped(h.node)) found.set(h.node.id, h);
  };
  const byName = functionsByName(root);
  // One walk of the tree for everything below.
  const nodes = root.descendantsOfType([...FUNCTION_TYPES, 'return_statement', 'call_expression']).filter((n): n is Node => !!n);

  // 1. Literals returned by factories (strongest: the message can name the factory).
  for (const ret of nodes) {
    if (ret.type !== 'return_statement') continue;
    const fn = enclosingFunction(ret);
    const result = compact(fn?.childForFieldName('result'));
    // `func JSONMiddleware(j Endpoint) Endpoint` returning `func(r *http.Request) …`: a framework's own handler type.
    const returnsHandler = HANDLER_RESULT_TYPES.has(result) || (HANDLER_TYPE_NAME.test(result) && !result.startsWith('func('));
    // A literal can only be returned as a function type (or an interface, caught by its shape in 3.).
    if (!fn || !(returnsHandler || result.startsWith('func(') || includeAllReturnedClosures)) continue;
    const factory = namedFunction(fn);
    const factoryName = (factory && functionName(factory)) ?? 'a factory';
    for (const expr of listItems(ret.namedChild(0))) {
      const lit = handlerValue(expr);
      if (
        !lit ||
        !((returnsHandler && (HANDLER_RESULT_TYPES.has(result) || takesRequest(lit))) || isHandlerShaped(lit) || includeAllReturnedClosures)
      )
        continue;
      add({
        node: lit,
        name: factoryName,
        describe: `the handler returned by \`${factoryName}\``,
        anchor: {
          node: factory?.childForFieldName('name') ?? fn,
          message: `\`${factoryName}\` returns the handler; it runs once per request for the server's lifetime`,
        },
      });
    }
  }
  // 2. Functions passed to a registration: r.GET("/x", h), http.HandleFunc("/x", s.handle), r.Use(mw()).
  for (const call of nodes) {
    const c = call.type === 'call_expression' ? callee(call) : undefined;
    if (!c || !c.operand || !REGISTRATIONS.has(c.name)) continue;
    const args = callArgs(call);
    // A router receiver, or a receiver nobody here knows with a route pattern: `cache.Get(key, fn)` is not a route.
    const router = isRouter(c.operand);
    if (router === false || (router === undefined && !isRoutePattern(args[0]))) continue;
    const route = args[0]?.type.endsWith('string_literal') ? args[0] : undefined;
    const where = `${compact(call.childForFieldName('function'))}(${route?.text ?? ''})`;
    const anchor = { node: call, message: `registered with \`${where}\`: it runs once per request for the server's lifetime` };
    for (const arg of args) {
      const lit = handlerValue(arg);
      if (lit) {
        add({ node: lit, name: where, describe: `the handler registered with \`${where}\``, anchor });
        continue;
      }
      const ref = unparen(arg);
      const named =
        ref.type === 'identifier'
          ? byName.get(ref.text)
          : ref.type === 'selector_expression'
            ? byName.get(`.${ref.childForFieldName('field')?.text}`)
            : undefined;
      for (const decl of named ?? [])
        add({ node: decl, name: functionName(decl)!, describe: `the handler \`${functionName(decl)}\``, anchor });
    }
  }
  // 3. Anything else with a handler's parameters (registered in another file, or a ServeHTTP method).
  for (const fn of nodes) {
    if (!FUNCTION_TYPES.includes(fn.type) || found.has(fn.id) || !isHandlerShaped(fn)) continue;
    const name = functionName(fn) ?? (namedFunction(fn) && functionName(namedFunction(fn)!)) ?? 'handler';
    const nameNode = fn.childForFieldName('name') ?? fn;
    add({
      node: fn,
      name,
      describe: fn.type === 'func_literal' ? `the handler literal in \`${name}\`` : `the handler \`${name}\``,
      anchor: { node: nameNode, message: `\`${name}\` has a request handler's parameters: it runs once per request` },
    });
  }
  return [...found.values()];
}
