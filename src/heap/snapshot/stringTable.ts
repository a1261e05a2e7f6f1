// The snapshot's `strings`, kept as UTF-8 bytes in one buffer instead of one JS string each: a large
// snapshot has millions of strings, and as JS strings they cost several times their bytes and keep the
// garbage collector busy. A string is decoded when it is read; lookups by value compare bytes.
//
// Each string ends with a 0xFF byte, which UTF-8 never contains, and only every 16th string's offset is
// kept: a string is found from the last kept offset by skipping at most 15 ends. Per string that is one
// byte and a quarter instead of a four-byte offset.

const END = 0xff;
const MARK_SHIFT = 4;
const MARK_EVERY = 1 << MARK_SHIFT;

export class StringTableBuilder {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private marks = new Uint32Array(1 << 12);
  private count = 0;

  /** Appends the bytes of one string (already unescaped UTF-8). */
  add(source: Buffer, start: number, end: number): void {
    this.open(end - start);
    const bytes = this.bytes;
    let used = this.used;
    // Most snapshot strings are a few bytes: a plain loop beats a native copy call for those.
    if (end - start < 48) for (let k = start; k < end; k++) bytes[used++] = source[k]!;
    else used += source.copy(bytes, used, start, end);
    bytes[used++] = END;
    this.used = used;
  }

  /**
   * The fast path of the `strings` array: from buf[i], JSON strings with no escape that end before `len`,
   * separated by commas and whitespace (V8 writes `"a",\n"b"`), each copied as it is scanned. Stops at the
   * opening quote of any other string (an escape, the chunk's end), or at anything else; returns where.
   */
  addPlain(buf: Uint8Array, i: number, len: number): number {
    // The chunk's rest holds at most that many bytes of strings and ends (a closing quote per end).
    if (this.used + (len - i) > this.bytes.length) this.grow(len - i);
    const bytes = this.bytes;
    let used = this.used;
    let count = this.count;
    while (i < len) {
      let c = buf[i]!;
      while ((c === 0x2c || c === 0x0a || c === 0x20 || c === 0x0d || c === 0x09) && ++i < len) c = buf[i]!;
      if (c !== 0x22 || i === len) break;
      let j = i + 1;
      while (j < len && (c = buf[j]!) !== 0x22 && c !== 0x5c) {
        bytes[used++] = c;
        j++;
      }
      if (j === len || c !== 0x22) break;
      if ((count & (MARK_EVERY - 1)) === 0) {
        this.markRoom(count);
        this.marks[count >>> MARK_SHIFT] = this.used;
      }
      bytes[used++] = END;
      // Stored per string, not once after the loop: V8 compiles this loop while it runs, and code after it
      // that has not run yet would be compiled as a bailout taken at every call's end.
      this.used = used;
      this.count = ++count;
      i = j + 1;
    }
    return i;
  }

  /** How many strings were added. */
  get length(): number {
    return this.count;
  }

  addString(text: string): void {
    const length = Buffer.byteLength(text);
    this.open(length);
    this.bytes.write(text, this.used, 'utf8');
    this.used += length;
    this.bytes[this.used++] = END;
  }

  /**
   * Sizes the buffers once for at most `maxBytes` of JSON still to come (a string there takes at least its
   * unescaped bytes plus a quote and a comma, so at least its bytes here plus the end byte). Untouched pages
   * of a large allocation cost no memory, so this avoids the doubling copies and their garbage without
   * holding the bound in RAM.
   */
  expect(maxBytes: number): void {
    if (this.count > 0 || maxBytes <= this.bytes.length) return;
    this.bytes = Buffer.allocUnsafe(maxBytes);
    this.marks = new Uint32Array(Math.ceil(maxBytes / 3 / MARK_EVERY) + 2);
  }

  /** Room for a string of `length` bytes and its end; notes its offset when it is a marked one. */
  private open(length: number): void {
    if (this.used + length + 1 > this.bytes.length) this.grow(length + 1);
    if ((this.count & (MARK_EVERY - 1)) === 0) {
      this.markRoom(this.count);
      this.marks[this.count >>> MARK_SHIFT] = this.used;
    }
    this.count++;
  }

  /** Room for `extra` more bytes: the buffer doubles (at least) when it must grow. */
  private grow(extra: number): void {
    let size = this.bytes.length * 2;
    while (size < this.used + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  /** Room for the mark of string `count` (a multiple of MARK_EVERY). */
  private markRoom(count: number): void {
    const mark = count >>> MARK_SHIFT;
    if (mark === this.marks.length) {
      const next = new Uint32Array(this.marks.length * 2);
      next.set(this.marks);
      this.marks = next;
    }
  }

  build(): StringTable {
    if (this.used > 0xffffffff) throw new RangeError('The snapshot holds more than 4 GB of strings.');
    // Views, not copies: a copy would double the table's memory at the moment it is largest.
    return new StringTable(this.bytes.subarray(0, this.used), this.marks.subarray(0, Math.ceil(this.count / MARK_EVERY)), this.count);
  }
}

export class StringTable {
  private readonly lookups = new Map<string, number>();
  constructor(
    private readonly bytes: Buffer,
    private readonly marks: Uint32Array,
    readonly length: number,
  ) {}

  /** Byte offset where string i starts. */
  private start(i: number): number {
    const bytes = this.bytes;
    let pos = this.marks[i >>> MARK_SHIFT]!;
    for (let skip = i & (MARK_EVERY - 1); skip > 0; skip--) {
      while (bytes[pos] !== END) pos++;
      pos++;
    }
    return pos;
  }

  get(i: number): string {
    const start = this.start(i);
    return this.bytes.toString('utf8', start, this.bytes.indexOf(END, start));
  }

  /** Index of the first string equal to `text`, or -1 (V8 writes each distinct string once). */
  indexOf(text: string): number {
    let found = this.lookups.get(text);
    if (found !== undefined) return found;
    // The first match of the string with its end byte, at the very start or after another string's end.
    const body = Buffer.from(text, 'utf8');
    const needle = Buffer.alloc(body.length + 2, END);
    body.copy(needle, 1);
    if (this.length > 0 && this.bytes.subarray(0, body.length + 1).equals(needle.subarray(1))) found = 0;
    else {
      const at = this.bytes.indexOf(needle);
      found = at < 0 ? -1 : this.indexAt(at + 1);
    }
    this.lookups.set(text, found);
    return found;
  }

  /** The index of the string that starts at byte `pos`. */
  private indexAt(pos: number): number {
    const marks = this.marks;
    let lo = 0;
    let hi = marks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (marks[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    let i = lo << MARK_SHIFT;
    for (let p = marks[lo]!; p < pos; p++) if (this.bytes[p] === END) i++;
    return i;
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}
