// Does a shrink really bound a growth? Only when it runs on every path that grows (not on one branch),
// on a size check tied to the collection, when the request ends (a `defer`, a callback), or away from
// the request path (a ticker goroutine, a close or unregister method). A delete of the very key being
// read, under a condition (`if expired(m[k]) { delete(m, k) }`), only fires for keys that come back.
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, compact, contains } from './syntax';

const BRANCHES = new Set(['if_statement', 'expression_case', 'type_case', 'default_case', 'communication_case']);

/** The innermost function holding `node` (the node itself excluded). */
function functionOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.includes(n.type)) return n;
  return undefined;
}

/**
 * The conditional regions between `node` and `fn`, innermost first: the block of an `if` (then or else)
 * holding the node, or the case clause holding it. An `if`'s condition always runs, so it is no region;
 * nor is a condition inside a sweep (`for k, v := range m { if expired(v) { delete(m, k) } }`): it is the
 * sweep's policy, and the sweep as a whole visits every entry.
 */
function branchesOf(node: Node, fn: Node, target?: string): Node[] {
  let out: Node[] = [];
  for (let n = node.parent, child: Node = node; n && n.id !== fn.id; child = n, n = n.parent) {
    if (target && n.type === 'for_statement' && rangesOver(n, target)) {
      out = [];
      continue;
    }
    if (!BRANCHES.has(n.type)) continue;
    if (n.type !== 'if_statement') out.push(n);
    else if (n.childForFieldName('consequence')?.id === child.id || n.childForFieldName('alternative')?.id === child.id) out.push(child);
  }
  return out;
}

function rangesOver(loop: Node, target: string): boolean {
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
  return !!clause && compact(clause.childForFieldName('right')) === target;
}

/** A condition on elapsed time: `if now.Sub(s.lastCleanup) > s.expiresIn { s.sweep() }` runs like a timer. */
const TIME_GATE = /time\.Since\(|\.Sub\(|\.Before\(|\.After\(|time\.Now\(\)/;

/**
 * A region entered on a size check of the collection (`if len(m) > max { … }`) or on elapsed time (a
 * sweep that runs once per interval while requests come: a timer driven by the traffic).
 */
function sizeChecked(branch: Node, target: string): boolean {
  if (branch.parent?.type !== 'if_statement') return false;
  const cond = compact(branch.parent.childForFieldName('condition'));
  if (TIME_GATE.test(cond)) return true;
  return cond.includes(`len(${target})`) || cond.includes(`${target}.Len()`);
}

/** Runs when the request (or the function) ends: inside a `defer` statement or a deferred literal. */
function deferred(node: Node, fn: Node): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'defer_statement') return true;
  return false;
}

/** `c.Add(-1)`, `atomic.AddInt64(&n, -1)`: an atomic count going down. */
const ATOMIC_DECREMENT = /(^|\.)Add(U?Int(32|64)|Uintptr)?\(.*,?\s*-\s*\w+\)$/;

/**
 * A release of a reference count (`n--`, `m[k] = cur - 1`, `-=`, an atomic `Add(-1)`): its delete at zero is
 * the pairing of an acquire.
 */
function releasesCount(fn: Node): boolean {
  return fn
    .descendantsOfType(['dec_statement', 'assignment_statement', 'call_expression'])
    .some(
      (n) =>
        !!n &&
        (n.type === 'dec_statement' ||
          (n.type === 'call_expression' && ATOMIC_DECREMENT.test(compact(n))) ||
          n.childForFieldName('operator')?.text === '-=' ||
          /-\s*1$/.test(n.childForFieldName('right')?.text ?? '')),
    );
}

/** `if … m[k] … { delete(m, k) }`: the delete of the key the function reads, under a condition (a refcount release aside). */
function lazyDelete(bound: Node, target: string, fn: Node): boolean {
  if (bound.type !== 'call_expression' || compact(bound.childForFieldName('function')) !== 'delete' || releasesCount(fn)) return false;
  const key = compact(bound.childForFieldName('arguments')?.namedChild(1));
  if (!key || branchesOf(bound, fn).length === 0) return false;
  // A sweep ranges over the collection, around the delete or in a first pass that gathers the stale keys
  // (`for k, ts := range m.seen { … stale = append(stale, k) }` then a locked delete of each); a lazy
  // delete looks one key up.
  if (fn.descendantsOfType('for_statement').some((n) => n && rangesOver(n, target))) return false;
  return (
    fn.descendantsOfType('index_expression').some((ix) => ix && compact(ix) === `${target}[${key}]`) ||
    fn.descendantsOfType('call_expression').some((c) => c && compact(c).startsWith(`${target}.Get(${key}`))
  );
}

/**
 * Whether `bound` bounds a growth whose path from the handler is `chain` (each function on the way with the
 * node standing for the growth in it: the growth itself, or the call that leads to it).
 */
export function boundsGrowth(
  bound: Node,
  target: string,
  chain: { fn: Node; at: Node }[],
  callers: (fn: Node) => Node[],
  inHandler: (n: Node) => boolean,
): boolean {
  const fn = functionOf(bound);
  if (!fn) return true; // package-level initialisation
  if (lazyDelete(bound, target, fn)) return false;
  const onChain = chain.find((c) => c.fn.id === fn.id);
  if (onChain) return dominates(bound, onChain.at, fn, target);
  // A function literal inside a function of the chain: a defer, a goroutine, a completion callback.
  if (chain.some((c) => contains(c.fn, fn))) return true;
  // A function the chain calls: as good as its call sites there (a call in a literal of a chain function,
  // a defer or a goroutine, runs when the request ends or apart from it).
  const sites = callers(fn).flatMap((call) => {
    const c = chain.find((x) => contains(x.fn, call));
    return c ? [{ call, c }] : [];
  });
  if (sites.length > 0) {
    if (branchesOf(bound, fn, target).some((b) => !sizeChecked(b, target)) && !deferred(bound, fn) && !releasesCount(fn)) return false;
    return sites.some(({ call, c }) => functionOf(call)?.id !== c.fn.id || dominates(call, c.at, c.fn, target));
  }
  // Another handler's request path (a logout, a DELETE) only runs when clients call it: keys of clients
  // that never do stay. Away from requests (a ticker goroutine, a close or unregister method that
  // something other than a handler calls, an exported method for the user) it bounds.
  if (inHandler(bound)) return false;
  const all = callers(fn);
  return all.length === 0 || !all.every(inHandler);
}

/** In one function: `bound` runs whenever `growth` does, or on a size check of the target, or when the function ends. */
function dominates(bound: Node, growth: Node, fn: Node, target: string): boolean {
  if (deferred(bound, fn)) return true;
  return branchesOf(bound, fn, target).every((b) => sizeChecked(b, target) || contains(b, growth));
}

/** `len(x)`, `x.Len()`: what a size comparison measures. */
function measured(side: Node): string | undefined {
  const t = compact(side);
  return /^len\((.+)\)$/.exec(t)?.[1] ?? /^(.+)\.Len\(\)$/.exec(t)?.[1];
}

/** The object a field belongs to: `h.indices` → `h.` (fields of one struct grow together). */
function owner(target: string): string {
  return target.slice(0, target.lastIndexOf('.') + 1);
}

/** Whether `cond` compares the size of `target` or of a sibling field against something other than 0 or 1. */
function comparesSize(cond: Node | null, target: string): boolean {
  for (const cmp of cond?.descendantsOfType('binary_expression') ?? []) {
    if (!cmp || !['<', '<=', '>', '>='].includes(cmp.childForFieldName('operator')?.text ?? '')) continue;
    const [left, right] = [cmp.childForFieldName('left'), cmp.childForFieldName('right')];
    if (!left || !right) continue;
    for (const [side, other] of [
      [left, right],
      [right, left],
    ] as const) {
      const x = measured(side);
      if (!x || /^[01]$/.test(compact(other))) continue;
      if (x === target || (owner(target) !== '' && owner(x) === owner(target))) return true;
    }
  }
  return false;
}

/** `if len(x) > max { return }`: a guard clause that leaves before what follows it. */
function sizeGuard(stmt: Node, target: string): boolean {
  if (stmt.type !== 'if_statement' || !comparesSize(stmt.childForFieldName('condition'), target)) return false;
  const body = stmt.childForFieldName('consequence')?.namedChildren.find((c) => c?.type === 'statement_list');
  const last = body?.namedChildren.at(-1);
  return last?.type === 'return_statement';
}

/**
 * Growth decided by a size comparison of the collection or of a sibling field: a cap (`if len(m) < max
 * { m[k] = v }`, or a guard `if len(x) > max { return }` before it) or a slot table that grows only once
 * every slot is taken (`if len(h.entries) < h.maxidx { reuse } else { h.indices = append(h.indices, i) }`).
 * Emptiness checks (against 0 or 1) are no cap.
 */
export function grownUnderSizeCheck(growth: Node, fn: Node, target: string): boolean {
  for (let n = growth.parent, child: Node = growth; n && n.id !== fn.id; child = n, n = n.parent) {
    if (n.type === 'statement_list') {
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) if (sizeGuard(s, target)) return true;
      continue;
    }
    if (
      n.type === 'if_statement' &&
      n.childForFieldName('condition')?.id !== child.id &&
      comparesSize(n.childForFieldName('condition'), target)
    )
      return true;
  }
  return false;
}
