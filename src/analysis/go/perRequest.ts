// Types whose values live for one request: a framework's context, a struct that holds the request or
// its writer, a type taken from a pool, a type a handler receives next to the request or builds itself.
// Their fields are not state shared between requests, so writing them is neither growth nor a race
// (e.g. `func (c *Context) Reset(w http.ResponseWriter, r *http.Request)` clearing its own fields).
import type { Node, Tree } from 'web-tree-sitter';
import { packageIdentity, packageTrees, resolve, structsOf } from './scope';
import { compact, unparen } from './syntax';

/** Request-scoped types of the frameworks LeakLens knows (pointer stars dropped). */
const FRAMEWORK_REQUEST_TYPES = new Set([
  'http.Request',
  'http.ResponseWriter',
  'gin.Context',
  'echo.Context',
  'fiber.Ctx',
  'web.C',
  'fasthttp.RequestCtx',
  'iris.Context',
  'context.Context',
  'httptest.ResponseRecorder',
]);

function bare(type: string): string {
  return type.replace(/^[*&]+/, '');
}

/** `pool.Get()`, or a variable holding it (`cs := pool.Get(); … cs.(*T)`). */
function fromPool(expr: Node): boolean {
  const value = expr.type === 'identifier' ? resolve(expr)?.value : expr;
  const v = value && unparen(value);
  return v?.type === 'call_expression' && /\.Get$/.test(compact(v.childForFieldName('function')));
}

/** One walk per package: the local type names that are request-scoped. */
function collect(trees: readonly Tree[]): Set<string> {
  const out = new Set<string>();
  const local = new Set<string>();
  for (const tree of trees) for (const name of structsOf(tree.rootNode).keys()) local.add(name);
  for (const tree of trees) {
    // Structs holding the request or the writer (wrappers, contexts).
    for (const [name, struct] of structsOf(tree.rootNode)) {
      for (const field of struct.descendantsOfType('field_declaration')) {
        const type = bare(compact(field?.childForFieldName('type')));
        if (FRAMEWORK_REQUEST_TYPES.has(type)) {
          out.add(name);
          break;
        }
      }
    }
    for (const n of tree.rootNode.descendantsOfType(['type_assertion_expression', 'parameter_list'])) {
      if (!n) continue;
      if (n.type === 'type_assertion_expression') {
        // `pool.Get().(*T)`: a pooled value is handed to one request at a time.
        const operand = unparen(n.childForFieldName('operand')!);
        const type = bare(compact(n.childForFieldName('type')));
        if (local.has(type) && fromPool(operand)) out.add(type);
        continue;
      }
      // `func(c C, w http.ResponseWriter, r *http.Request)`: what a handler receives next to the request.
      if (n.parent?.childForFieldName('parameters')?.id !== n.id) continue;
      const types = n.namedChildren.map((p) => bare(compact(p?.childForFieldName('type'))));
      if (!types.includes('http.Request') && !types.some((t) => FRAMEWORK_REQUEST_TYPES.has(t) && t !== 'context.Context')) continue;
      for (const t of types) if (local.has(t)) out.add(t);
      // `catcher := &errorCatcher{…}` in the handler's body: made for this request.
      for (const lit of n.parent.childForFieldName('body')?.descendantsOfType('composite_literal') ?? []) {
        const t = bare(compact(lit?.childForFieldName('type')));
        if (local.has(t)) out.add(t);
      }
    }
  }
  return out;
}

const cache = new WeakMap<object, Set<string>>();

/** Whether values of `type` (as written: `*Context`, `web.C`) live for one request. */
export function isPerRequestType(type: string, at: Node): boolean {
  const t = bare(type);
  if (FRAMEWORK_REQUEST_TYPES.has(t)) return true;
  const key = packageIdentity(at);
  let local = cache.get(key);
  if (!local) cache.set(key, (local = collect(packageTrees(at))));
  return local.has(t);
}
