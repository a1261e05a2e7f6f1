// The snapshot's `strings`, kept as UTF-8 bytes in one buffer with offsets instead of one JS string each:
// a large snapshot has millions of strings, and as JS strings they cost several times their bytes and
// keep the garbage collector busy. A string is decoded when it is read; lookups by value compare bytes.

export class StringTableBuilder {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offsets = new Uint32Array(1 << 16);
  private count = 0;

  /** Appends the bytes of one string (already unescaped UTF-8). */
  add(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    const bytes = this.bytes;
    let used = this.used;
    // Most snapshot strings are a few bytes: a plain loop beats a native copy call for those.
    if (end - start < 48) for (let k = start; k < end; k++) bytes[used++] = source[k]!;
    else used += source.copy(bytes, used, start, end);
    this.used = used;
    this.close();
  }

  addString(text: string): void {
    const length = Buffer.byteLength(text);
    this.reserve(length);
    this.bytes.write(text, this.used, 'utf8');
    this.used += length;
    this.close();
  }

  /**
   * Sizes the buffers once for at most `maxBytes` of JSON still to come (its strings cannot take more bytes
   * unescaped, nor be more than one per 3 bytes). Untouched pages of a large allocation cost no memory, so
   * this avoids the doubling copies and their garbage without holding the bound in RAM.
   */
  expect(maxBytes: number): void {
    if (this.count > 0 || maxBytes <= this.bytes.length) return;
    this.bytes = Buffer.allocUnsafe(maxBytes);
    this.offsets = new Uint32Array(Math.ceil(maxBytes / 3) + 2);
  }

  private reserve(length: number): void {
    if (this.used + length <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.used + length) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  private close(): void {
    if (this.count + 1 >= this.offsets.length) {
      const next = new Uint32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.offsets[++this.count] = this.used;
  }

  build(): StringTable {
    if (this.used > 0xffffffff) throw new RangeError('The snapshot holds more than 4 GB of strings.');
    // Views, not copies: a copy would double the table's memory at the moment it is largest.
    return new StringTable(this.bytes.subarray(0, this.used), this.offsets.subarray(0, this.count + 1));
  }
}

export class StringTable {
  private readonly lookups = new Map<string, number>();
  constructor(private readonly bytes: Buffer, private readonly offsets: Uint32Array) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    return this.bytes.toString('utf8', this.offsets[i], this.offsets[i + 1]);
  }

  /** Index of the first string equal to `text`, or -1 (V8 writes each distinct string once). */
  indexOf(text: string): number {
    let found = this.lookups.get(text);
    if (found !== undefined) return found;
    found = -1;
    const needle = Buffer.from(text, 'utf8');
    for (let i = 0; i < this.length; i++) {
      const start = this.offsets[i]!;
      if (this.offsets[i + 1]! - start === needle.length && this.bytes.compare(needle, 0, needle.length, start, start + needle.length) === 0) {
        found = i;
        break;
      }
    }
    this.lookups.set(text, found);
    return found;
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}
