// The parsed heap snapshot: V8's flat `nodes`/`edges` arrays kept as typed arrays (DevTools and memlab do the
// same), with the field offsets resolved from the snapshot's own `meta` so that any V8 version's layout works.
import type { StringTable } from './stringTable';
import type { Words24 } from './words24';

export interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
  location_fields?: string[];
}

export interface SnapshotHeader {
  meta: SnapshotMeta;
  node_count?: number;
  edge_count?: number;
}

/** Edge types take the low bits of an edge's target word, the target ordinal the rest. */
export const EDGE_TYPE_BITS = 4;
export const EDGE_TYPE_MASK = (1 << EDGE_TYPE_BITS) - 1;
/** Node ordinals must fit the rest of the word. */
export const MAX_NODES = 2 ** (32 - EDGE_TYPE_BITS);

/** The snapshot as read: only the fields the analysis uses, node types as bytes, edge counts as offsets. */
export interface RawSnapshot {
  header: SnapshotHeader;
  /** Per node, its name (a string-table index), id and self size. */
  nodeNames: Words24;
  nodeIds: Uint32Array;
  selfSizes: Words24;
  /** Per node, its kind: its index in meta.node_types[0] (whose names HeapGraph.nodeTypes holds). */
  nodeKinds: Uint8Array;
  /** Edge number of the first edge of each node; firstEdge[nodeCount] = the edges the nodes declare. */
  firstEdge: Words24;
  /** Fields per node in the file: locations' `object_index` are offsets in this unit. */
  nodeStride: number;
  /** Per edge, its name_or_index. */
  edgeNames: Words24;
  /** Per edge, target ordinal << EDGE_TYPE_BITS | index in meta.edge_types[0]: the loops over edges read one word. */
  edgeTargets: Words24;
  locations: Uint32Array;
  strings: StringTable;
}

/** Thrown for anything that is not a well-formed V8 heap snapshot; the message says what is wrong. */
export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
}

/** A source position, 0-based as in the snapshot. */
export interface ScriptLocation {
  scriptId: number;
  line: number;
  column: number;
}

/**
 * Read access to one snapshot by node *ordinal* (0 … nodeCount-1). Edges are stored as two arrays, not
 * interleaved, so that the walks over the graph, which need only targets and types, read a third of the bytes.
 */
export class HeapGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  private readonly nodeNames: Words24;
  private readonly nodeIds: Uint32Array;
  private readonly selfSizes: Words24;
  /** Per node, its kind: one byte, an index into nodeTypes. */
  readonly nodeKinds: Uint8Array;
  readonly edgeNames: Words24;
  /** Per edge: target ordinal << EDGE_TYPE_BITS | type (index into edgeTypes). */
  readonly edgeTargets: Words24;
  readonly strings: StringTable;
  /** Edge number of the first edge of each node; firstEdge[nodeCount] = edgeCount. */
  readonly firstEdge: Words24;
  /** The names of the node kinds (meta.node_types[0]) and of the edge types (meta.edge_types[0]). */
  readonly nodeTypes: string[];
  readonly edgeTypes: string[];
  private readonly locations: Map<number, ScriptLocation>;

  constructor(raw: RawSnapshot) {
    const meta = raw.header.meta;
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.nodeNames = raw.nodeNames;
    this.nodeIds = raw.nodeIds;
    this.selfSizes = raw.selfSizes;
    this.nodeKinds = raw.nodeKinds;
    this.edgeNames = raw.edgeNames;
    this.edgeTargets = raw.edgeTargets;
    this.strings = raw.strings;
    this.firstEdge = raw.firstEdge;
    this.nodeCount = raw.nodeKinds.length;
    this.edgeCount = raw.edgeNames.length;
    const n = this.nodeCount;
    if (raw.nodeNames.length !== n || raw.nodeIds.length !== n || raw.selfSizes.length !== n || raw.firstEdge.length !== n + 1)
      throw new SnapshotFormatError('The nodes array does not hold a whole number of nodes.');
    if (raw.edgeTargets.length !== this.edgeCount) throw new SnapshotFormatError('The edges array does not hold a whole number of edges.');
    if (this.nodeCount === 0) throw new SnapshotFormatError('The snapshot has no nodes.');

    // Edge targets were checked by the tokenizer; node names are checked once here so later walks need not.
    const edge = this.firstEdge.get(this.nodeCount);
    if (edge !== this.edgeCount) {
      throw new SnapshotFormatError(`The nodes declare ${edge} edges but the edges array holds ${this.edgeCount}.`);
    }
    const stride = raw.nodeStride;
    const stringCount = raw.strings.length;
    for (let v = 0; v < n; v++) {
      if (raw.nodeNames.get(v) >= stringCount)
        throw new SnapshotFormatError(`Node ${v} names string ${raw.nodeNames.get(v)} but there are only ${stringCount} strings.`);
    }
    this.locations = new Map();
    const lf = meta.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
    const lo = lf.indexOf('object_index');
    const ls = lf.indexOf('script_id');
    const ll = lf.indexOf('line');
    const lc = lf.indexOf('column');
    for (let i = 0; i + lf.length <= raw.locations.length; i += lf.length) {
      this.locations.set(raw.locations[i + lo]! / stride, {
        scriptId: raw.locations[i + ls]!,
        line: raw.locations[i + ll]!,
        column: raw.locations[i + lc]!,
      });
    }
  }

  typeIndex(name: string): number {
    return this.nodeTypes.indexOf(name);
  }
  edgeTypeIndex(name: string): number {
    return this.edgeTypes.indexOf(name);
  }
  type(n: number): number {
    return this.nodeKinds[n]!;
  }
  typeName(n: number): string {
    return this.nodeTypes[this.type(n)] ?? 'unknown';
  }
  name(n: number): string {
    return this.strings.get(this.nodeNames.get(n));
  }
  id(n: number): number {
    return this.nodeIds[n]!;
  }
  selfSize(n: number): number {
    return this.selfSizes.get(n);
  }
  location(n: number): ScriptLocation | undefined {
    return this.locations.get(n);
  }
  edgeType(e: number): number {
    return this.edgeTargets.get(e) & EDGE_TYPE_MASK;
  }
  edgeTarget(e: number): number {
    return this.edgeTargets.get(e) >>> EDGE_TYPE_BITS;
  }
  /** Element and hidden edges carry an index, the others a string-table index. */
  edgeName(e: number): string {
    const raw = this.edgeNames.get(e);
    const t = this.edgeTypes[this.edgeType(e)];
    return t === 'element' || t === 'hidden' || raw >= this.strings.length ? String(raw) : this.strings.get(raw);
  }
  /** The target of the first edge of `n` with this type and name, or -1. */
  child(n: number, edgeType: number, name: string): number {
    const wanted = this.strings.indexOf(name);
    if (wanted < 0) return -1;
    for (let e = this.firstEdge.get(n), end = this.firstEdge.get(n + 1); e < end; e++) {
      if (this.edgeType(e) === edgeType && this.edgeNames.get(e) === wanted) return this.edgeTarget(e);
    }
    return -1;
  }
  /** String-table index of a node's name: equal names have equal indices. */
  nameIndex(n: number): number {
    return this.nodeNames.get(n);
  }
  /** DevTools' grouping: objects by constructor name, everything else by kind, e.g. `(closure)`, `(string)`. */
  className(n: number): string {
    const type = this.typeName(n);
    switch (type) {
      case 'object':
      case 'native':
        return this.name(n);
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        return '(string)';
      case 'code':
        return '(compiled code)';
      case 'hidden':
        return '(system)';
      default:
        return `(${type})`;
    }
  }
}
