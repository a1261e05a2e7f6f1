// Builds heap snapshot JSON in V8's format from a readable list of nodes, so tests can state a heap's
// exact shape (and so its exact counts and sizes) without a live process.
export interface SyntheticEdge {
  type: 'context' | 'element' | 'property' | 'internal' | 'hidden' | 'shortcut' | 'weak';
  name: string | number;
  /** Index of the target in the node list. */
  to: number;
}

export interface SyntheticNode {
  type: 'hidden' | 'array' | 'string' | 'object' | 'code' | 'closure' | 'synthetic';
  name: string;
  id: number;
  self: number;
  edges?: SyntheticEdge[];
}

export interface SyntheticLocation {
  node: number;
  scriptId: number;
  line: number;
  column: number;
}

const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const NODE_FIELDS = 7;

export function snapshotJson(nodes: SyntheticNode[], locations: SyntheticLocation[] = []): string {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const nodeValues: number[] = [];
  const edgeValues: number[] = [];
  for (const n of nodes) {
    const edges = n.edges ?? [];
    nodeValues.push(NODE_TYPES.indexOf(n.type), str(n.name), n.id, n.self, edges.length, 0, 0);
    for (const e of edges) {
      const numeric = e.type === 'element' || e.type === 'hidden';
      edgeValues.push(EDGE_TYPES.indexOf(e.type), numeric ? Number(e.name) : str(String(e.name)), e.to * NODE_FIELDS);
    }
  }
  const meta = {
    node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
    node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
    location_fields: ['object_index', 'script_id', 'line', 'column'],
  };
  const locs = locations.flatMap((l) => [l.node * NODE_FIELDS, l.scriptId, l.line, l.column]);
  // The same layout V8 writes: one node per line, a header first, unknown sections in between.
  return (
    `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodes.length},"edge_count":${edgeValues.length / 3},"trace_function_count":0},\n` +
    `"nodes":[${chunkLines(nodeValues, NODE_FIELDS)}],\n"edges":[${chunkLines(edgeValues, 3)}],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n` +
    `"locations":[${locs.join(',')}],\n"strings":[${strings.map((s) => JSON.stringify(s)).join(',\n')}]}\n`
  );
}

function chunkLines(values: number[], per: number): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += per) lines.push(values.slice(i, i + per).join(','));
  return lines.join('\n,');
}

/**
 * A process heap with one middleware factory's context: root → (GC roots) → global → handler closure →
 * context → `logs` (an Array of `count` 32-byte Objects) and `label` (a string). Ids are stable, and each
 * element's id derives from its index, so two calls describe two snapshots of one process.
 */
export function leakyHeap(count: number, options: { logsId?: number; labelId?: number; labelSize?: number } = {}): string {
  const nodes: SyntheticNode[] = [
    { type: 'synthetic', name: '', id: 1, self: 0, edges: [{ type: 'element', name: 1, to: 1 }] },
    { type: 'synthetic', name: '(GC roots)', id: 3, self: 0, edges: [{ type: 'element', name: 1, to: 2 }] },
    { type: 'object', name: 'global', id: 5, self: 40, edges: [{ type: 'property', name: 'handler', to: 3 }] },
    {
      type: 'closure',
      name: 'logRequest',
      id: 7,
      self: 64,
      edges: [
        { type: 'internal', name: 'context', to: 4 },
        { type: 'internal', name: 'shared', to: 5 },
      ],
    },
    {
      type: 'object',
      name: 'system / Context',
      id: 9,
      self: 72,
      edges: [
        { type: 'context', name: 'logs', to: 7 },
        { type: 'context', name: 'label', to: 8 },
      ],
    },
    { type: 'code', name: 'logRequest', id: 11, self: 56, edges: [{ type: 'internal', name: 'script_or_debug_info', to: 6 }] },
    { type: 'code', name: '/srv/app/logger.js', id: 13, self: 144 },
    { type: 'object', name: 'Array', id: options.logsId ?? 15, self: 32, edges: [] },
    { type: 'string', name: 'requests', id: options.labelId ?? 17, self: options.labelSize ?? 24 },
  ];
  const logs = nodes[7]!;
  for (let i = 0; i < count; i++) {
    logs.edges!.push({ type: 'element', name: i, to: nodes.length });
    nodes.push({ type: 'object', name: 'Object', id: 1001 + 2 * i, self: 32 });
  }
  return snapshotJson(nodes, [{ node: 3, scriptId: 42, line: 11, column: 4 }]);
}

/**
 * An Express-shaped heap of one process: the module's function captures `app`; `app` holds its router in
 * `_router` and captures it too; the router's scope captures `stack`, whose fourth Layer's `handle` is the
 * `logRequest` middleware, whose scope captures `entries` (an Array of `count` 32-byte Objects). Every
 * closure on the way "retains" the entries; only `logRequest`'s own variable holds them. `app` also keeps
 * `cached` 32-byte Objects in its `cache` (what else a holder holds may shrink while the entries grow). Ids
 * are stable across calls (two snapshots of one process).
 */
export function expressLikeHeap(count: number, cached = 0): string {
  const nodes: SyntheticNode[] = [];
  const locations: SyntheticLocation[] = [];
  const add = (node: SyntheticNode): number => nodes.push({ edges: [], ...node }) - 1;
  const ids = { next: 101 };
  const id = () => (ids.next += 2);
  const edge = (from: number, type: SyntheticEdge['type'], name: string | number, to: number) =>
    nodes[from]!.edges!.push({ type, name, to });
  const scripts = new Map<string, number>();
  /** A closure at `script:line` (0-based) with its own context, which captures `captures`. */
  const closure = (name: string, script: string, line: number, captures: [string, number][] = []): number => {
    const fn = add({ type: 'closure', name, id: id(), self: 64 });
    const context = add({ type: 'object', name: 'system / Context', id: id(), self: 48 });
    const shared = add({ type: 'code', name, id: id(), self: 56 });
    let scriptNode = scripts.get(script);
    if (scriptNode === undefined) scripts.set(script, (scriptNode = add({ type: 'code', name: script, id: id(), self: 100 })));
    edge(fn, 'internal', 'context', context);
    edge(fn, 'internal', 'shared', shared);
    edge(shared, 'internal', 'script_or_debug_info', scriptNode);
    for (const [variable, target] of captures) edge(context, 'context', variable, target);
    locations.push({ node: fn, scriptId: [...scripts.keys()].indexOf(script) + 1, line, column: 2 });
    return fn;
  };
  const root = add({ type: 'synthetic', name: '', id: 1, self: 0 });
  const gcRoots = add({ type: 'synthetic', name: '(GC roots)', id: 3, self: 0 });
  const global = add({ type: 'object', name: 'global', id: 5, self: 40 });
  edge(root, 'element', 1, gcRoots);
  edge(gcRoots, 'element', 1, global);

  const entries = add({ type: 'object', name: 'Array', id: 51, self: 32 });
  for (let i = 0; i < count; i++) edge(entries, 'element', i, add({ type: 'object', name: 'Object', id: 100_001 + 2 * i, self: 32 }));
  const logRequest = closure('logRequest', '/srv/app/requestLogger.js', 5, [['entries', entries]]);
  const stack = add({ type: 'object', name: 'Array', id: 53, self: 32 });
  for (let i = 0; i < 4; i++) {
    const layer = add({ type: 'object', name: 'Layer', id: 61 + 2 * i, self: 40 });
    edge(stack, 'element', i, layer);
    edge(layer, 'property', 'handle', i === 3 ? logRequest : closure(`handler${i}`, '/srv/app/server.js', 20 + i));
  }
  const router = closure('router', '/srv/app/node_modules/router/index.js', 59, [['stack', stack]]);
  const app = closure('app', '/srv/app/node_modules/express/lib/express.js', 36, [['router', router]]);
  edge(app, 'property', '_router', router);
  const cache = add({ type: 'object', name: 'Array', id: 55, self: 32 });
  edge(app, 'property', 'cache', cache);
  for (let i = 0; i < cached; i++) edge(cache, 'element', i, add({ type: 'object', name: 'Object', id: 500_001 + 2 * i, self: 32 }));
  edge(global, 'property', 'main', closure('main', '/srv/app/server.js', 2, [['app', app]]));
  return snapshotJson(nodes, locations);
}
