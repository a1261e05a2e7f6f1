// Closure → context → captured variable, with the function's source location and script URL. This is what
// lets LeakLens name the variable that holds growth, and the function (file:line) that captures it.
import type { HeapGraph } from './graph';

/** Where a function is, as the snapshot says (0-based line and column). */
export interface FunctionSite {
  name: string;
  /** Script URL or path as V8 knows it; '' when unknown. */
  url: string;
  line: number;
  column: number;
}

export interface CapturedVariable {
  /** The context (scope) object that holds the binding. */
  context: number;
  name: string;
  /** The value's node. */
  target: number;
  /** The closure whose own scope chain starts at this context (or reaches it), i.e. the capturing function. */
  closure: number;
}

/** How many entries a container holds, by its kind; -1 for values that are not containers. */
export function entryCount(g: HeapGraph, n: number, t: GraphTypes): number {
  const cls = g.name(n);
  const type = g.type(n);
  if (type === t.object && (cls === 'Map' || cls === 'Set' || cls === 'WeakMap' || cls === 'WeakSet')) {
    const table = g.child(n, t.internal, 'table');
    if (table < 0) return 0;
    let slots = 0;
    for (let e = g.firstEdge.get(table), end = g.firstEdge.get(table + 1); e < end; e++) {
      if (g.edgeType(e) === t.internal && /^\d+$/.test(g.edgeName(e))) slots++;
    }
    // A Map entry holds a key and a value, a Set entry one value (primitive keys/values have no edge: an estimate).
    return cls.endsWith('Map') ? Math.ceil(slots / 2) : slots;
  }
  if (type === t.object || type === t.array) {
    let count = 0;
    for (let e = g.firstEdge.get(n), end = g.firstEdge.get(n + 1); e < end; e++) {
      const et = g.edgeType(e);
      if (et === t.element || (et === t.property && g.edgeName(e) !== '__proto__')) count++;
    }
    return count;
  }
  return -1;
}

/** Type indices looked up once per snapshot. */
export interface GraphTypes {
  object: number;
  array: number;
  closure: number;
  string: number;
  context: number; // edge type
  element: number;
  property: number;
  internal: number;
}

export function graphTypes(g: HeapGraph): GraphTypes {
  return {
    object: g.typeIndex('object'),
    array: g.typeIndex('array'),
    closure: g.typeIndex('closure'),
    string: g.typeIndex('string'),
    context: g.edgeTypeIndex('context'),
    element: g.edgeTypeIndex('element'),
    property: g.edgeTypeIndex('property'),
    internal: g.edgeTypeIndex('internal'),
  };
}

const MAX_CONTEXT_DEPTH = 32;

/**
 * Every (context, variable) pair reachable from a closure through `context` and its `previous` chain, each
 * once; the capturing function is a closure whose own context it is, when there is one.
 */
export function capturedVariables(g: HeapGraph, t: GraphTypes): CapturedVariable[] {
  const owner = new Map<number, { closure: number; direct: boolean }>();
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.type(n) !== t.closure) continue;
    let ctx = g.child(n, t.internal, 'context');
    for (let depth = 0; ctx >= 0 && depth < MAX_CONTEXT_DEPTH; depth++) {
      if (g.name(ctx) === 'system / NativeContext') break;
      const known = owner.get(ctx);
      const direct = depth === 0;
      if (!known || preferredOwner(g, n, direct, known.closure, known.direct)) owner.set(ctx, { closure: n, direct });
      ctx = g.child(ctx, t.internal, 'previous');
    }
  }
  const out: CapturedVariable[] = [];
  for (const [context, { closure }] of owner) {
    for (let e = g.firstEdge.get(context), end = g.firstEdge.get(context + 1); e < end; e++) {
      if (g.edgeType(e) !== t.context) continue;
      out.push({ context, name: g.edgeName(e), target: g.edgeTarget(e), closure });
    }
  }
  return out;
}

/**
 * The owner must not depend on node order, which changes between snapshots (comparisons key on it): a
 * closure of this very scope first, then one with a location, then the earliest in the source, then the oldest.
 */
function preferredOwner(g: HeapGraph, n: number, direct: boolean, known: number, knownDirect: boolean): boolean {
  if (direct !== knownDirect) return direct;
  const a = g.location(n);
  const b = g.location(known);
  if (!a || !b) return !!a && !b;
  if (a.scriptId !== b.scriptId) return a.scriptId < b.scriptId;
  if (a.line !== b.line) return a.line < b.line;
  if (a.column !== b.column) return a.column < b.column;
  return g.id(n) < g.id(known);
}

/** A closure's function name and location, with the script URL from `shared → script`. */
export function functionSite(g: HeapGraph, closure: number, t: GraphTypes, scriptNames: Map<number, string>): FunctionSite | undefined {
  const loc = g.location(closure);
  if (!loc) return undefined;
  let url = scriptNames.get(loc.scriptId);
  if (url === undefined) {
    url = scriptUrl(g, closure, t);
    scriptNames.set(loc.scriptId, url);
  }
  return { name: g.name(closure), url, line: loc.line, column: loc.column };
}

function scriptUrl(g: HeapGraph, closure: number, t: GraphTypes): string {
  const shared = g.child(closure, t.internal, 'shared');
  if (shared < 0) return '';
  let script = g.child(shared, t.internal, 'script_or_debug_info');
  if (script < 0) script = g.child(shared, t.internal, 'script');
  if (script < 0) return '';
  const name = g.name(script);
  if (name && !name.startsWith('system /')) return name;
  const nameNode = g.child(script, t.internal, 'name');
  return nameNode >= 0 ? g.name(nameNode) : '';
}
