// Small numbers for DevTools' class names (HeapGraph.className), for grouping many nodes by class without
// decoding a name or building a string key per node: each distinct class name gets the next number, so two
// nodes share a number exactly when they share a class name.
import type { HeapGraph } from './graph';

export class ClassIds {
  private readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  /** Per node type, and per name for objects and natives (whose class is their name): the number, once known. */
  private readonly byType = new Map<number, number>();
  private readonly byNameIndex = new Map<number, number>();
  private readonly object: number;
  private readonly native: number;

  constructor(private readonly g: HeapGraph) {
    this.object = g.typeIndex('object');
    this.native = g.typeIndex('native');
  }

  /** The class number of node n: below the string table's length plus the node types' count. */
  of(n: number): number {
    const type = this.g.type(n);
    const named = type === this.object || type === this.native;
    const cache = named ? this.byNameIndex : this.byType;
    const key = named ? this.g.nameIndex(n) : type;
    let id = cache.get(key);
    if (id === undefined) {
      const name = this.g.className(n);
      id = this.byName.get(name);
      if (id === undefined) {
        id = this.names.length;
        this.names.push(name);
        this.byName.set(name, id);
      }
      cache.set(key, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }
}
