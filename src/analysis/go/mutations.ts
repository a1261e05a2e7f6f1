// The operations that grow, bound or otherwise write a collection, recognised syntactically. Whether the
// collection is long-lived (and of the kind the operation needs) is decided by the caller.
import type { Node } from 'web-tree-sitter';
import {
  apiOf,
  fixedByModule,
  fromRequest,
  type GoGrowingApi,
  isRequestArg,
  WRAPPABLE_TYPE,
  wrapsArgument,
  wrapsItself,
} from './growingApis';
import { importsPath } from './imports';
import { packageGoMod, resolve } from './scope';
import { callArgs, callee, compact, listItems, unparen } from './syntax';

/** Which kind of collection an operation applies to; `any` also accepts an unknown declaration. */
export type CollectionKind = 'slice' | 'map' | 'syncmap' | 'builder' | 'string' | 'unknown';

export interface Mutation {
  /** The operation (the finding's primary range). */
  node: Node;
  /** Expression naming the collection: an identifier or a field selector. */
  target: Node;
  /** `grow` adds, `bound` removes or resets, `write` changes without growing (a constant-key map write). */
  effect: 'grow' | 'bound' | 'write';
  /** Short name of the operation, e.g. `append`, `m[k] = v`, `delete`. */
  op: string;
  /** The kinds of collection the operation applies to. */
  kinds: CollectionKind[];
  /** Values stored (to tell whether a request object is retained). */
  values: Node[];
  /** A reset to empty (`x = x[:0]`, `x = nil`, `x = make(…)`): with a size check it makes a flush-and-reset buffer. */
  reset?: boolean;
  /** The key of a map write (`m[k] = v`). */
  key?: Node;
  /** The key of the entry appended to (`m[k] = append(m[k], v)`) or trimmed. */
  entry?: Node;
  /** A write that empties or trims one entry (`m[k] = nil`, `m[k] = m[k][i:]`): it bounds appends to that entry. */
  trimsEntry?: boolean;
  /** The growing API the operation calls (its state is synchronised by the API, so never a race). */
  api?: GoGrowingApi;
  /** The API's hidden state the operation grows or clears (e.g. `gorilla/context`), instead of `target`. */
  state?: string;
}

const SLICE_OR_MAP: CollectionKind[] = ['slice', 'map', 'unknown'];
const STRINGY = /string_literal$|binary_expression/;
const ANY_KIND: CollectionKind[] = ['slice', 'map', 'syncmap', 'builder', 'string', 'unknown'];
const MAP_LIKE: CollectionKind[] = ['map', 'unknown'];
const BUILDER_WRITES = new Set(['WriteString', 'Write', 'WriteByte', 'WriteRune', 'ReadFrom']);
const SYNC_MAP_GROWTH = new Set(['Store', 'LoadOrStore', 'Swap']);
const SYNC_MAP_REMOVAL = new Set(['Delete', 'LoadAndDelete', 'CompareAndDelete', 'Clear']);

/** The collection an lvalue belongs to: `s.logs` → `s.logs`, `m[a][b]` → `m`, `*p` → `p`. */
export function targetOf(expr: Node): Node | undefined {
  const e = unparen(expr);
  switch (e.type) {
    case 'identifier':
      return e.text === '_' ? undefined : e;
    case 'selector_expression': {
      const operand = e.childForFieldName('operand');
      return operand && (unparen(operand).type === 'identifier' || targetOf(operand)?.id === unparen(operand).id) ? e : undefined;
    }
    case 'index_expression': {
      const operand = e.childForFieldName('operand');
      return operand ? targetOf(operand) : undefined;
    }
    case 'unary_expression': {
      const operand = e.childForFieldName('operand');
      return operand && e.childForFieldName('operator')?.text === '*' ? targetOf(operand) : undefined;
    }
    default:
      return undefined;
  }
}

/** A key that is the same on every request: a literal (constant identifiers are checked by the caller). */
export function isLiteralKey(key: Node): boolean {
  return /literal$|^true$|^false$|^nil$/.test(unparen(key).type);
}

function isEmptyValue(value: Node): boolean {
  const v = unparen(value);
  if (v.type === 'nil' || v.text === '""' || v.text === '``') return true;
  if (v.type === 'composite_literal') return (v.childForFieldName('body')?.namedChildCount ?? 0) === 0;
  if (v.type === 'call_expression') return compact(v.childForFieldName('function')) === 'make';
  return false;
}

/** Re-wrapping a captured handler in middleware on each request (`h = mw(h)`): one more closure per request. */
const HANDLER_REWRAP: GoGrowingApi = {
  language: 'go',
  call: '(handler re-wrap)',
  grows: 'self-wrap',
  what: 'each request wraps the captured handler in one more layer, and every layer keeps the one before',
};

/** `logger = log.With(logger, …)`, `l = l.With()…Logger()`: a call of the chain wraps the assigned value in itself. */
function selfWrap(value: Node, lhs: string, apis: readonly GoGrowingApi[]): { call: Node; api: GoGrowingApi } | undefined {
  for (let v: Node | null = value; v?.type === 'call_expression'; v = callee(v)?.operand ?? null) {
    const api = apiOf(v, apis);
    if (api?.grows === 'self-wrap' && wrapsItself(v, lhs)) return { call: v, api };
  }
  return undefined;
}

/** `m[k] = nil`, `m[k] = m[k][i:]`, `m[k] = entry[i:]` (entry read from m[k]): writes that empty or trim an entry, never growth. */
function trimsEntry(lhs: Node, value: Node): boolean {
  if (isEmptyValue(value)) return true;
  if (value.type !== 'slice_expression') return false;
  const operand = unparen(value.childForFieldName('operand')!);
  if (compact(operand) === compact(lhs)) return true;
  const read = operand.type === 'identifier' ? resolve(operand)?.value : undefined;
  return !!read && compact(read) === compact(lhs);
}

/** `cur - 1`: a count going down (a release), never a new entry. */
function isDecrement(value: Node): boolean {
  return value.type === 'binary_expression' && value.childForFieldName('operator')?.text === '-';
}

function assignment(stmt: Node, out: Mutation[], apis: readonly GoGrowingApi[]): void {
  const op = stmt.childForFieldName('operator')?.text ?? '=';
  const left = listItems(stmt.childForFieldName('left'));
  const right = listItems(stmt.childForFieldName('right'));
  left.forEach((l, i) => {
    const target = targetOf(l);
    const r = right[i] ? unparen(right[i]!) : undefined;
    if (!target) return;
    const lhs = unparen(l);
    if (op !== '=') {
      if (lhs.type === 'index_expression') out.push(indexWrite(stmt, lhs, target, `m[k] ${op} v`, r ? [r] : []));
      // `s += x` on a string: a counter `n += 1` is a scalar and never counts, so an undeclared kind needs a string on the right.
      else if (op === '+=' && r)
        out.push({
          node: stmt,
          target,
          effect: 'grow',
          op: 's += x',
          kinds: STRINGY.test(r.type) || /\.String\(\)|Sprint/.test(r.text) ? ['string', 'unknown'] : ['string'],
          values: [r],
        });
      return;
    }
    if (!r) return;
    if (r.type === 'call_expression' && compact(r.childForFieldName('function')) === 'append') {
      const [first, ...values] = callArgs(r);
      // `x = append(x[:i], x[i+1:]...)`: one element spliced out (an unsubscribe).
      const head = first && unparen(first);
      if (head?.type === 'slice_expression' && compact(head.childForFieldName('operand')) === compact(lhs)) {
        out.push({ node: stmt, target, effect: 'bound', op: 'append(x[:i], x[i+1:]...)', kinds: ['slice', 'unknown'], values: [] });
        return;
      }
      if (first && compact(first) === compact(lhs)) {
        const key = lhs.type === 'index_expression' ? lhs.childForFieldName('index') : null;
        out.push({
          node: r,
          target,
          effect: 'grow',
          op: 'append',
          kinds: lhs.type === 'index_expression' ? MAP_LIKE : SLICE_OR_MAP,
          values,
          ...(key ? { entry: key } : {}),
        });
        return;
      }
    }
    if (lhs.type === 'index_expression') {
      if (trimsEntry(lhs, r) || isDecrement(r))
        out.push({
          node: stmt,
          target,
          effect: 'write',
          op: `m[k] = ${r.type === 'slice_expression' ? 'm[k][i:]' : isDecrement(r) ? 'n - 1' : r.text}`,
          kinds: MAP_LIKE,
          values: [],
          ...(isDecrement(r) ? {} : { trimsEntry: true, entry: lhs.childForFieldName('index') ?? undefined }),
        });
      else out.push(indexWrite(stmt, lhs, target, 'm[k] = v', [r]));
      return;
    }
    const wrap = r.type === 'call_expression' ? selfWrap(r, compact(lhs), apis) : undefined;
    if (wrap) {
      out.push({
        node: stmt,
        target,
        effect: 'grow',
        op: `${compact(lhs)} = ${compact(wrap.call.childForFieldName('function'))}(…)`,
        kinds: ANY_KIND,
        values: [],
        api: wrap.api,
      });
      return;
    }
    if (
      r.type === 'call_expression' &&
      lhs.type === 'identifier' &&
      wrapsArgument(r, lhs.text) &&
      WRAPPABLE_TYPE.test(compact(resolve(lhs)?.type))
    ) {
      out.push({
        node: stmt,
        target,
        effect: 'grow',
        op: `${lhs.text} = ${compact(r.childForFieldName('function'))}(…${lhs.text}…)`,
        kinds: ANY_KIND,
        values: [],
        api: HANDLER_REWRAP,
      });
      return;
    }
    if (r.type === 'slice_expression' && compact(r.childForFieldName('operand')) === compact(lhs)) {
      const start = r.childForFieldName('start');
      const reset = !start && compact(r.childForFieldName('end')) === '0';
      out.push({
        node: stmt,
        target,
        effect: 'bound',
        op: reset ? 'x = x[:0]' : 're-slice',
        kinds: ['slice', 'unknown'],
        values: [],
        reset,
      });
      return;
    }
    if (isEmptyValue(r))
      out.push({
        node: stmt,
        target,
        effect: 'bound',
        op: `${compact(lhs)} = ${r.text}`,
        kinds: SLICE_OR_MAP.concat('builder', 'string'),
        values: [],
        reset: true,
      });
  });
}

function indexWrite(stmt: Node, lhs: Node, target: Node, op: string, values: Node[]): Mutation {
  const key = lhs.childForFieldName('index') ?? undefined;
  // A literal key writes the same entry every time; the caller also demotes keys that name constants.
  return { node: stmt, target, effect: key && isLiteralKey(key) ? 'write' : 'grow', op, kinds: MAP_LIKE, values, key };
}

/** A call of a growing API (growth), or of what clears one (a bound). */
function apiCall(
  node: Node,
  c: { operand: Node | null; name: string },
  args: Node[],
  apis: readonly GoGrowingApi[],
  out: Mutation[],
): boolean {
  const target = c.operand && targetOf(c.operand);
  if (!target) return false;
  const qualified = c.operand?.type === 'identifier' ? `${c.operand.text}.${c.name}` : undefined;
  const clears = apis.find((a) => a.clearedBy?.includes(c.name) || (qualified && a.clearedBy?.includes(qualified)));
  if (clears) {
    out.push({ node, target, effect: 'bound', op: qualified ?? c.name, kinds: ANY_KIND, values: [], api: clears, state: clears.state });
    return true;
  }
  const api = apiOf(node, apis);
  if (!api || api.grows === 'self-wrap' || (api.imports && !importsPath(node, api.imports))) return false;
  if (api.grows === 'request-data' && !args.some((a) => fromRequest(a))) return false;
  if ((api.requestKeyed && !isRequestArg(args[0])) || fixedByModule(api, packageGoMod(node))) return false;
  out.push({ node, target, effect: 'grow', op: qualified ?? c.name, kinds: ANY_KIND, values: [], api, state: api.state });
  return true;
}

function call(node: Node, out: Mutation[], apis: readonly GoGrowingApi[]): void {
  const c = callee(node);
  if (!c) return;
  const args = callArgs(node);
  if (apiCall(node, c, args, apis, out)) return;
  const targetArg = (i: number) =>
    args[i]
      ? targetOf(
          args[i]!.type === 'unary_expression' && args[i]!.childForFieldName('operator')?.text === '&'
            ? args[i]!.childForFieldName('operand')!
            : args[i]!,
        )
      : undefined;
  if (!c.operand) {
    const target = targetArg(0);
    if (target && (c.name === 'delete' || c.name === 'clear'))
      out.push({ node, target, effect: 'bound', op: c.name, kinds: SLICE_OR_MAP, values: [] });
    return;
  }
  if (c.operand.text === 'fmt' && c.name.startsWith('Fprint')) {
    const target = targetArg(0);
    if (target) out.push({ node, target, effect: 'grow', op: `fmt.${c.name}`, kinds: ['builder'], values: args.slice(1) });
    return;
  }
  const target = targetOf(c.operand);
  if (!target) return;
  if (SYNC_MAP_GROWTH.has(c.name))
    out.push({
      node,
      target,
      effect: 'grow',
      op: `sync.Map#${c.name}`,
      kinds: ['syncmap'],
      values: args.slice(1),
      ...(args[0] ? { key: args[0] } : {}),
    });
  else if (SYNC_MAP_REMOVAL.has(c.name))
    out.push({ node, target, effect: 'bound', op: `sync.Map#${c.name}`, kinds: ['syncmap'], values: [] });
  else if (BUILDER_WRITES.has(c.name)) out.push({ node, target, effect: 'grow', op: c.name, kinds: ['builder'], values: args });
  else if (c.name === 'Reset' || c.name === 'Truncate')
    out.push({ node, target, effect: 'bound', op: c.name, kinds: ['builder'], values: [], reset: c.name === 'Reset' });
}

/** Every mutation inside `region` (nested function literals included: goroutines, defers, callbacks). */
export function mutationsIn(region: Node, apis: readonly GoGrowingApi[] = []): Mutation[] {
  const out: Mutation[] = [];
  for (const node of region.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'])) {
    if (!node) continue;
    if (node.type === 'assignment_statement') assignment(node, out, apis);
    else if (node.type === 'call_expression') call(node, out, apis);
    else {
      const lhs = node.namedChild(0) && unparen(node.namedChild(0)!);
      const target = lhs?.type === 'index_expression' ? targetOf(lhs) : undefined;
      if (lhs && target) out.push(indexWrite(node, lhs, target, node.type === 'inc_statement' ? 'm[k]++' : 'm[k]--', []));
    }
  }
  return out;
}
