// Is this receiver a router? `X.GET("/x", fn)` registers a route only when X is an app, engine, router,
// group or mux: made by a framework's constructor, typed as one, or net/http's package-level mux. A
// callback handed to any other API (a cache's Get, a client's Post) is never a handler.
import type { Node } from 'web-tree-sitter';
import { type Declaration, fieldType, findStruct, resolve } from './scope';
import { callee, compact, unparen } from './syntax';

/** Router types of the frameworks LeakLens knows (pointer stars dropped). */
const ROUTER_TYPES = new Set([
  'gin.Engine',
  'gin.RouterGroup',
  'gin.IRouter',
  'gin.IRoutes',
  'echo.Echo',
  'echo.Group',
  'fiber.App',
  'fiber.Router',
  'fiber.Group',
  'chi.Router',
  'chi.Mux',
  'chi.Routes',
  'mux.Router',
  'http.ServeMux',
  'httprouter.Router',
  'web.Mux',
  'negroni.Negroni',
  'iris.Application',
  'iris.Party',
]);
/** Constructors and methods that return a router. */
const ROUTER_FACTORIES = new Set([
  'gin.New',
  'gin.Default',
  'echo.New',
  'fiber.New',
  'chi.NewRouter',
  'chi.NewMux',
  'mux.NewRouter',
  'http.NewServeMux',
  'httprouter.New',
  'web.New',
  'negroni.New',
  'negroni.Classic',
  'iris.New',
  'iris.Default',
]);
const SUBROUTER_METHODS = new Set(['Group', 'Subrouter', 'Route', 'Party', 'With']);
/** Package-level registration functions: `http.HandleFunc("/", fn)` uses net/http's default mux. */
const PACKAGE_REGISTRATIONS = new Set(['http', 'goji']);

function isRouterType(type: string): boolean {
  return ROUTER_TYPES.has(type.replace(/^\*/, ''));
}

function isRouterValue(value: Node | undefined, depth: number): boolean {
  if (!value || depth > 4) return false;
  const v = unparen(value);
  if (v.type === 'unary_expression') return isRouterValue(v.childForFieldName('operand') ?? undefined, depth + 1);
  if (v.type === 'composite_literal') return isRouterType(compact(v.childForFieldName('type')));
  if (v.type !== 'call_expression') return false;
  const fn = compact(v.childForFieldName('function'));
  if (ROUTER_FACTORIES.has(fn)) return true;
  const c = callee(v);
  return !!c?.operand && SUBROUTER_METHODS.has(c.name) && isRouter(c.operand, depth + 1) === true;
}

function declaredRouter(d: Declaration, depth: number): boolean {
  return (!!d.type && isRouterType(compact(d.type))) || isRouterValue(d.value, depth);
}

/**
 * true: a router; false: known not to be one (a function, a constant); undefined: cannot tell (a type or
 * constructor of a framework not listed, another package's struct) — the caller then asks the first
 * argument to be a route pattern.
 */
export function isRouter(operand: Node, depth = 0): boolean | undefined {
  const e = unparen(operand);
  if (e.type === 'identifier') {
    const d = resolve(e);
    if (!d) return PACKAGE_REGISTRATIONS.has(e.text) ? true : undefined;
    if (d.kind !== 'var' && d.kind !== 'param' && d.kind !== 'receiver') return false;
    // Any other type or constructor may still be a router of a framework not listed: the route decides.
    return declaredRouter(d, depth) || undefined;
  }
  if (e.type === 'selector_expression') {
    // `s.router`: the field's declared type, when the struct is in this package.
    const operand = unparen(e.childForFieldName('operand')!);
    const field = e.childForFieldName('field')?.text ?? '';
    const d = operand.type === 'identifier' ? resolve(operand) : undefined;
    const structName = d?.type ? compact(d.type).replace(/^\*/, '') : undefined;
    const struct = structName ? findStruct(operand, structName) : undefined;
    const f = struct ? fieldType(struct, field) : undefined;
    if (f) return isRouterType(compact(f.type));
    return undefined;
  }
  if (e.type === 'call_expression') return isRouterValue(e, depth) || undefined;
  return undefined;
}

/** A route pattern: `"/x"`, `"GET /items/{id}"` (Go 1.22), `"example.com/"`; a path-like RegExp-free string. */
export function isRoutePattern(arg: Node | undefined): boolean {
  if (!arg || !arg.type.endsWith('string_literal')) return false;
  const s = arg.text.slice(1, -1);
  return /^\//.test(s) || /^[A-Z]+ +\//.test(s) || /^[\w.-]+\.[a-z]{2,}\//.test(s) || s === '' || s === '*';
}
