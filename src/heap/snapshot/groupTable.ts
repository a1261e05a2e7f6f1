// Count, size and an example node per group, for grouping millions of nodes by a key of two 32-bit words
// (a retainer-path shape's two hash lanes in pathGroups.ts; a class and an anchor for new objects in
// diff.ts), in an open-addressing table of typed arrays: a Map keyed by a 53-bit number cost a boxed number
// and a hash of it per node (path shapes with the single edge read in the walk: 1.31 → 1.06 s CPU on a
// 1.2 GB snapshot; a CPU profile overstates it, as it does allocation). Groups are visited in the order
// first met, as a Map keeps them.
const EMPTY = -1;

export class GroupTable {
  /** The key's two words; slot → group. */
  private keyLo = new Uint32Array(1024);
  private keyHi = new Uint32Array(1024);
  private slotGroup = new Int32Array(1024).fill(EMPTY);
  /** Per group, in the order met. */
  private counts = new Float64Array(256);
  private sizes = new Float64Array(256);
  private examples = new Uint32Array(256);
  private groupLo = new Uint32Array(256);
  private groupHi = new Uint32Array(256);
  private groups = 0;

  add(lo: number, hi: number, size: number, node: number): void {
    const mask = this.slotGroup.length - 1;
    for (let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const group = this.slotGroup[slot]!;
      if (group === EMPTY) {
        this.insert(slot, lo, hi, size, node);
        return;
      }
      if (this.keyLo[slot] === lo && this.keyHi[slot] === hi) {
        this.counts[group]!++;
        this.sizes[group]! += size;
        return;
      }
    }
  }

  /** The groups in the order first met: key words, count, size and the first node added. */
  forEach(visit: (lo: number, hi: number, count: number, size: number, example: number) => void): void {
    for (let i = 0; i < this.groups; i++) visit(this.groupLo[i]!, this.groupHi[i]!, this.counts[i]!, this.sizes[i]!, this.examples[i]!);
  }

  private insert(slot: number, lo: number, hi: number, size: number, node: number): void {
    const i = this.groups++;
    if (i === this.counts.length) this.growGroups();
    this.counts[i] = 1;
    this.sizes[i] = size;
    this.examples[i] = node;
    this.groupLo[i] = lo;
    this.groupHi[i] = hi;
    this.keyLo[slot] = lo;
    this.keyHi[slot] = hi;
    this.slotGroup[slot] = i;
    // At most half full, so that probes stay short.
    if (this.groups * 2 > this.slotGroup.length) this.rehash();
  }

  private growGroups(): void {
    const grow = <T extends Float64Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.counts = grow(this.counts);
    this.sizes = grow(this.sizes);
    this.examples = grow(this.examples);
    this.groupLo = grow(this.groupLo);
    this.groupHi = grow(this.groupHi);
  }

  private rehash(): void {
    const size = this.slotGroup.length * 2;
    const mask = size - 1;
    this.keyLo = new Uint32Array(size);
    this.keyHi = new Uint32Array(size);
    this.slotGroup = new Int32Array(size).fill(EMPTY);
    for (let i = 0; i < this.groups; i++) {
      const lo = this.groupLo[i]!;
      const hi = this.groupHi[i]!;
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (this.slotGroup[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keyLo[slot] = lo;
      this.keyHi[slot] = hi;
      this.slotGroup[slot] = i;
    }
  }
}
