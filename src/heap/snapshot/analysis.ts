// One parsed snapshot with everything the views derive from it, computed once.
import { capturedVariables, entryCount, functionSite, graphTypes, type CapturedVariable, type GraphTypes } from './closures';
import { computeDominators, type Dominators } from './dominators';
import { HeapGraph, type RawSnapshot } from './graph';
import { retainerPath, rootParents } from './retainers';
import { toSourceLink, type SourceLink } from './sites';
import { WordBuffers } from './wordBuffers';

/** A captured variable with its value measured: entries (for containers) and retained bytes. */
export interface MeasuredVariable {
  name: string;
  /** Node id of the context and of the value (stable between snapshots of one process). */
  contextId: number;
  targetId: number;
  className: string;
  /** Entries of an array, Map, Set or dictionary; -1 for other values. */
  count: number;
  retainedSize: number;
  /** The capturing function, when the snapshot locates it. */
  site?: SourceLink;
}

export class SnapshotAnalysis {
  readonly graph: HeapGraph;
  readonly dom: Dominators;
  readonly types: GraphTypes;
  /** Scratch buffers shared by the phases, so that the peak memory is the live set (see wordBuffers.ts). */
  readonly buffers: WordBuffers;
  private parents: Uint32Array | undefined;
  private readonly scriptNames = new Map<number, string>();

  constructor(raw: RawSnapshot) {
    this.graph = new HeapGraph(raw);
    this.buffers = new WordBuffers(this.graph.nodeCount);
    this.dom = computeDominators(this.graph, this.buffers);
    this.types = graphTypes(this.graph);
  }

  retainerPath(n: number): string {
    this.parents ??= rootParents(this.graph, this.buffers);
    return retainerPath(this.graph, this.parents, n, (closure) => this.site(closure));
  }

  site(closure: number): SourceLink | undefined {
    const site = functionSite(this.graph, closure, this.types, this.scriptNames);
    return site && toSourceLink(site);
  }

  capturedVariables(): CapturedVariable[] {
    return capturedVariables(this.graph, this.types);
  }

  measure(v: CapturedVariable): MeasuredVariable {
    const g = this.graph;
    const site = this.site(v.closure);
    return {
      name: v.name,
      contextId: g.id(v.context),
      targetId: g.id(v.target),
      className: g.className(v.target),
      count: entryCount(g, v.target, this.types),
      retainedSize: this.dom.retained[v.target]!,
      ...(site ? { site } : {}),
    };
  }
}
