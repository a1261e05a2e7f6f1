// A growable array of unsigned 32-bit values kept in three bytes each while they fit (string-table and
// element indices of all but huge snapshots do), widened once to four by the first value that does not.
// Edge names are a quarter of a parsed snapshot's memory: this saves a quarter of them.

const LIMIT = 1 << 24;

export class Words24 {
  private narrow: Uint8Array | undefined;
  private wide: Uint32Array | undefined;
  length = 0;

  constructor(capacity: number) {
    this.narrow = new Uint8Array(Math.max(capacity, 1024) * 3);
  }

  push(value: number): void {
    const narrow = this.narrow;
    if (narrow !== undefined && value < LIMIT) {
      let i = this.length * 3;
      if (i === narrow.length) return this.grow(value);
      narrow[i++] = value;
      narrow[i++] = value >>> 8;
      narrow[i] = value >>> 16;
      this.length++;
      return;
    }
    if (narrow !== undefined) this.widen();
    const wide = this.wide!;
    if (this.length === wide.length) return this.grow(value);
    wide[this.length++] = value;
  }

  get(i: number): number {
    const narrow = this.narrow;
    if (narrow === undefined) return this.wide![i]!;
    const j = i * 3;
    return narrow[j]! | (narrow[j + 1]! << 8) | (narrow[j + 2]! << 16);
  }

  private grow(value: number): void {
    if (this.narrow) {
      const next = new Uint8Array(this.narrow.length * 2);
      next.set(this.narrow);
      this.narrow = next;
    } else {
      const next = new Uint32Array(this.wide!.length * 2);
      next.set(this.wide!);
      this.wide = next;
    }
    this.push(value);
  }

  private widen(): void {
    const narrow = this.narrow!;
    const wide = new Uint32Array(narrow.length / 3);
    for (let i = 0; i < this.length; i++) wide[i] = this.get(i);
    this.narrow = undefined;
    this.wide = wide;
  }
}
