// A growable array of unsigned 32-bit values kept in three bytes each while they fit (node and string
// indices of all but huge snapshots do), widened once to four by the first value that does not. The edge
// arrays are most of a parsed snapshot's memory: this saves a quarter of them. A value is read as the
// little-endian word at its offset, masked: one load, which is why the buffer has a byte to spare at the end.

const LIMIT = 1 << 24;

export class Words24 {
  private narrow: DataView | undefined;
  private wide: Uint32Array | undefined;
  length = 0;

  /**
   * `largest`, when the caller knows it, is the largest value the array will hold: one that does not fit three
   * bytes starts wide, since widening copies the array (and holds both copies for a moment).
   */
  constructor(capacity: number, largest = 0) {
    if (largest >= LIMIT) this.wide = new Uint32Array(Math.max(capacity, 1024));
    else this.narrow = narrowView(Math.max(capacity, 1024));
  }

  push(value: number): void {
    const narrow = this.narrow;
    if (narrow !== undefined && value < LIMIT) {
      const at = this.length * 3;
      if (at + 4 > narrow.byteLength) {
        this.reserve(1);
        return this.push(value);
      }
      narrow.setUint32(at, value, true); // the fourth byte is the next value's, not written yet
      this.length++;
      return;
    }
    if (narrow !== undefined) this.widen();
    const wide = this.wide!;
    if (this.length === wide.length) {
      this.reserve(1);
      return this.push(value);
    }
    wide[this.length++] = value;
  }

  /**
   * Appends `count` values read from `source` at `from`, `from + stride`, …: a column of the tokenizer's batch
   * of rows, in one loop with the buffer and the offset in locals (a push per value costs twice as much there).
   */
  pushColumn(source: Uint32Array, from: number, stride: number, count: number): void {
    this.reserve(count);
    const narrow = this.narrow;
    let k = 0;
    let j = from;
    if (narrow !== undefined) {
      let at = this.length * 3;
      for (; k < count; k++, j += stride) {
        const value = source[j]!;
        if (value >= LIMIT) break;
        narrow.setUint32(at, value, true);
        at += 3;
      }
      this.length = at / 3;
      if (k === count) return;
      this.widen();
    }
    const wide = this.wide!;
    let n = this.length;
    for (; k < count; k++, j += stride) wide[n++] = source[j]!;
    this.length = n;
  }

  get(i: number): number {
    const narrow = this.narrow;
    return narrow !== undefined ? narrow.getUint32(i * 3, true) & (LIMIT - 1) : this.wide![i]!;
  }

  set(i: number, value: number): void {
    const narrow = this.narrow;
    if (narrow !== undefined && value < LIMIT) {
      narrow.setUint16(i * 3, value, true);
      narrow.setUint8(i * 3 + 2, value >>> 16);
      return;
    }
    if (narrow !== undefined) this.widen();
    this.wide![i] = value;
  }

  /** Room for `count` more values: the capacity doubles (at least) when it must grow. */
  private reserve(count: number): void {
    const capacity = this.narrow ? (this.narrow.byteLength - 1) / 3 : this.wide!.length;
    if (this.length + count <= capacity) return;
    let size = capacity * 2;
    while (size < this.length + count) size *= 2;
    if (this.narrow) {
      const next = narrowView(size);
      new Uint8Array(next.buffer).set(new Uint8Array(this.narrow.buffer));
      this.narrow = next;
    } else {
      const next = new Uint32Array(size);
      next.set(this.wide!);
      this.wide = next;
    }
  }

  private widen(): void {
    const narrow = this.narrow!;
    const wide = new Uint32Array((narrow.byteLength - 1) / 3);
    for (let i = 0; i < this.length; i++) wide[i] = narrow.getUint32(i * 3, true) & (LIMIT - 1);
    this.narrow = undefined;
    this.wide = wide;
  }
}

function narrowView(capacity: number): DataView {
  return new DataView(new ArrayBuffer(capacity * 3 + 1));
}
