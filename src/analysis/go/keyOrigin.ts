// Where a map key comes from. A key the server chooses — an endpoint of its configuration, a factory's
// own parameter, a field of its state, a constant — names a bounded set of entries, however many requests
// write them; a key that may come from the request (its path, a client's address, anything computed
// from them, or fresh per call like `uuid.New()`) adds one entry per distinct request. The request's
// reach is followed down the handler's call chain, parameter by parameter.
import type { Node } from 'web-tree-sitter';
import { callArgs, compact, contains, FUNCTION_TYPES, listItems, unparen } from './syntax';
import { functionsByName, resolve } from './scope';

/** How far local variables are followed back to their values. */
const MAX_DEPTH = 4;

/** `strings.ToLower(name)`: a package function's name, neutral when the call derives its result from arguments. */
function packageFunctionOperand(id: Node): boolean {
  const sel = id.parent;
  if (sel?.type !== 'selector_expression' || sel.childForFieldName('operand')?.id !== id.id) return false;
  const call = sel.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === sel.id && callArgs(call).length > 0 && !resolve(id);
}

/**
 * Whether every name `expr` is made of is chosen by the server, in `fn` where the parameters in
 * `fromRequest` receive values that may come from the request.
 */
export function serverChosen(expr: Node, fn: Node, fromRequest: ReadonlySet<number>, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (expr.type === 'selector_expression' && checkedByServer(expr, fn)) return true;
  const ids = expr.type === 'identifier' ? [expr] : expr.descendantsOfType('identifier').filter((n): n is Node => !!n);
  // A call of a function of the package without arguments makes a fresh value (`newID()`); `uuid.New()`
  // fails below on its unresolved package name, while a method without arguments (`ep.String()`) derives
  // from its value.
  if (
    expr
      .descendantsOfType('call_expression')
      .some((c) => c && callArgs(c).length === 0 && c.childForFieldName('function')?.type !== 'selector_expression')
  )
    return false;
  for (const id of ids) {
    if (packageFunctionOperand(id)) continue;
    const d = resolve(id);
    if (!d) return false;
    if (checkedByServer(id, fn)) continue;
    if (d.kind === 'const' || d.kind === 'func' || d.kind === 'type' || d.kind === 'receiver') continue;
    if (d.kind === 'param') {
      if (fromRequest.has(d.id.id)) return false;
      continue; // the function's own parameter not fed by the request, or a factory's captured one
    }
    // A package variable or one captured from outside the function: the server's state.
    if (d.scope.type === 'source_file' || !contains(fn, d.id)) continue;
    if (d.statement.type === 'range_clause') {
      const over = d.statement.childForFieldName('right');
      if (over && serverChosen(over, fn, fromRequest, depth + 1)) continue;
      return false;
    }
    if (d.value && (entryOfServerState(unparen(d.value), fn) || lookupOfServerState(unparen(d.value), fn))) continue;
    if (!d.value || !serverChosen(d.value, fn, fromRequest, depth + 1)) return false;
  }
  return true;
}

/** `s.cfg.providers` → `s`. */
function selectorRoot(expr: Node): Node {
  let root = unparen(expr);
  while (root.type === 'selector_expression') root = unparen(root.childForFieldName('operand')!);
  return root;
}

/**
 * `cfg := s.providers[arn]`: an entry the server already holds, looked up by whatever key. What is
 * derived from it (`cfg.ClientID`) is one of as many values as that collection has entries.
 */
function entryOfServerState(value: Node, fn: Node): boolean {
  if (value.type !== 'index_expression') return false;
  return serverState(selectorRoot(value.childForFieldName('operand')!), fn);
}

/**
 * `meta, err := sys.GetConfig(ctx, bucket); if err != nil { return }` before the use: the server looked the
 * key up in what it holds and gave up when it is not there, so past that check the key names one of its
 * entries (an existing bucket, a configured target), however the request spelled it.
 */
function checkedByServer(use: Node, fn: Node): boolean {
  for (let stmt: Node = use; stmt.parent && stmt.id !== fn.id; stmt = stmt.parent) {
    if (stmt.parent.type !== 'statement_list') continue;
    for (let prev = stmt.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
      const err = prev.type === 'if_statement' ? /^(\w+)!=nil$/.exec(compact(prev.childForFieldName('condition')))?.[1] : undefined;
      if (!err || !alwaysReturns(prev.childForFieldName('consequence'))) continue;
      const lookup = prev.childForFieldName('initializer') ?? prev.previousNamedSibling;
      if (lookup && serverLookupOf(lookup, err, use, fn)) return true;
    }
  }
  return false;
}

/**
 * Methods named for finding what is there (`GetConfig`, `getDriver`, `Lookup`): their error means absent.
 * Another method's error (`Terminate(id)` of a stateless ID manager) says nothing about the key.
 */
const LOOKUP_METHOD = /^(get|lookup|find|load|fetch|resolve)/i;

/** `oi.Tier` here and `oi.Tier` there, their roots declared by the same statement. */
function sameValue(a: Node, b: Node): boolean {
  if (compact(a) !== compact(b)) return false;
  const ra = selectorRoot(a);
  const rb = selectorRoot(b);
  return ra.type === 'identifier' && rb.type === 'identifier' && resolve(ra)?.id.id === resolve(rb)?.id.id;
}

/** A block whose last statement returns. */
function alwaysReturns(block: Node | null): boolean {
  const list = block?.namedChildren.find((c) => c?.type === 'statement_list');
  const last = list?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').at(-1);
  return last?.type === 'return_statement';
}

/** `…, err := sys.Method(…, key, …)`: a method of the server's state given the key (`use`, the same value), its error in `err`. */
function serverLookupOf(stmt: Node, err: string, use: Node, fn: Node): boolean {
  if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') return false;
  if (listItems(stmt.childForFieldName('left')).at(-1)?.text !== err) return false;
  const call = listItems(stmt.childForFieldName('right'))[0];
  const f = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (f?.type !== 'selector_expression' || !LOOKUP_METHOD.test(f.childForFieldName('field')?.text ?? '')) return false;
  return serverState(selectorRoot(f.childForFieldName('operand')!), fn) && callArgs(call!).some((a) => sameValue(a, use));
}

/** Whether `id` names state the server keeps: the receiver, a package variable or one captured from outside `fn`. */
function serverState(id: Node, fn: Node): boolean {
  const d = id.type === 'identifier' ? resolve(id) : undefined;
  return !!d && (d.kind === 'receiver' || (d.kind === 'var' && (d.scope.type === 'source_file' || !contains(fn, d.id))));
}

/**
 * `tgt := sys.GetRemoteTargetClient(bucket, arn)`: a method of the server's state whose every result is
 * an entry it already holds (`t := sys.clients[arn]; return t.Client`) or nil. Whatever key the request
 * passes, what comes back is one of that collection's entries, so it is as bounded as the entry itself.
 */
function lookupOfServerState(value: Node, fn: Node): boolean {
  const f = value.type === 'call_expression' ? value.childForFieldName('function') : null;
  const operand = f?.type === 'selector_expression' ? unparen(f.childForFieldName('operand')!) : undefined;
  if (!f || !operand || !serverState(operand, fn)) return false;
  const methods = functionsByName(value.tree.rootNode).get(`.${f.childForFieldName('field')?.text}`) ?? [];
  return methods.length > 0 && methods.every(returnsEntriesOnly);
}

function innermostFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.includes(n.type)) return n;
  return undefined;
}

/** Every `return` of `method` gives nil or a field of an entry its receiver's collections hold. */
function returnsEntriesOnly(method: Node): boolean {
  const body = method.childForFieldName('body');
  const returns = body?.descendantsOfType('return_statement').filter((r): r is Node => !!r && innermostFunction(r)?.id === method.id) ?? [];
  return (
    returns.length > 0 &&
    returns.every((r) => {
      const first = listItems(r.namedChild(0))[0] ?? r.namedChild(0);
      if (!first) return false;
      if (first.type === 'nil') return true;
      const root = selectorRoot(first);
      const d = root.type === 'identifier' ? resolve(root) : undefined;
      return !!d?.value && d.kind === 'var' && entryOfServerState(unparen(d.value), method);
    })
  );
}

/** The parameters of `fn` (in order, variadic included) that receive a value that may come from the request at `call`. */
export function requestArguments(call: Node, caller: Node, fromRequest: ReadonlySet<number>, params: (Node | undefined)[]): Set<number> {
  const out = new Set<number>();
  callArgs(call).forEach((arg, i) => {
    const param = params[Math.min(i, params.length - 1)];
    if (param && !serverChosen(arg, caller, fromRequest)) out.add(param.id);
  });
  return out;
}

/**
 * `if h, ok := m[k]; ok { …; m[k] = h }`: a write under the test that the key is already there updates
 * an entry, it never adds one.
 */
export function updatesPresentKey(write: Node, target: string, key: Node): boolean {
  const entry = `${target}[${compact(key)}]`;
  for (let n = write.parent, child: Node = write; n; child = n, n = n.parent) {
    if (n.type !== 'if_statement' || n.childForFieldName('consequence')?.id !== child.id) continue;
    const init = n.childForFieldName('initializer');
    if (init?.type !== 'short_var_declaration' || compact(init.childForFieldName('right')) !== entry) continue;
    const names = listItems(init.childForFieldName('left'));
    const ok = names[1]?.text;
    const cond = compact(n.childForFieldName('condition'));
    if (ok && ok !== '_' && (cond === ok || cond.startsWith(`${ok}&&`))) return true;
  }
  return false;
}
