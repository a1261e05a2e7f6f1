// The digit loop of the snapshot parse: a JSON array of non-negative integers (`nodes`, `edges`,
// `locations`: most of a snapshot's bytes), read straight from the file's bytes into a batch of 32-bit words.
// It knows nothing of rows (the tokenizer takes whole rows out of the batch after each chunk), so its loops stay
// small and monomorphic. A number or a separator split between two chunks carries over in the scanner's state.
//
// Its fast path reads the bytes four at a time (SWAR: "SIMD within a register"): which of the four are digits,
// and the value of up to four digits, come out of a few word operations, where a byte loop pays a hard-to-predict
// branch at the end of every number. It takes V8's layout (`12,345\n,6`: a number, then "," or "\n,") and
// stops, before the number, at anything else: the byte loop then reads that token and reports what is wrong.
import { SnapshotFormatError } from './graph';

const ZERO = 0x30;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CLOSE_BRACKET = 0x5d;
/** The fast path reads at most 12 bytes of a number and 2 of its separator: it stays this far from the end. */
const FAST_MARGIN = 16;
const POW10 = [1, 10, 100, 1000, 10000];

/**
 * What may come next: the array's first number or its end, a number (after a comma), a separator, or more
 * digits of the number a chunk ended in.
 */
const enum Expect {
  First,
  Number,
  Separator,
  MoreDigits,
}

/** A word's bytes that are not ASCII digits, as their high bits (0x80 in each such byte). */
function nonDigits(w: number): number {
  // byte + 0x46 reaches 0x80 above '9'; (byte | 0x80) - 0x30 drops below 0x80 under '0'; a byte of 0x80 or more
  // is no digit either. No byte carries or borrows into the next.
  return ((w + 0x46464646) | ~((w | 0x80808080) - 0x30303030) | w) & 0x80808080;
}

/** The value of the first `n` (1…4) bytes of `w`, all ASCII digits, the first the most significant. */
function digitsValue(w: number, n: number): number {
  // Shifted up, the digits take the word's last n bytes and zeros the first: leading zeros. Then pairs of
  // bytes, and pairs of pairs, combine: a*10+b in each 16-bit half, then ab*100+cd.
  let v = (w << (32 - 8 * n)) & 0x0f0f0f0f;
  v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff;
  return (Math.imul(v, 100) + (v >>> 16)) & 0xffff;
}

/** The index of the first byte flagged in a non-zero nonDigits() mask. */
const firstFlagged = (mask: number) => (31 - Math.clz32(mask & -mask)) >>> 3;

export class NumberScanner {
  /** Numbers read and not yet taken: the caller keeps a partial row at the front (see `keep`). */
  batch = new Uint32Array(0);
  count = 0;
  /** Set when the array's `]` was read. */
  closed = false;
  private expect = Expect.First;
  /** The number a chunk ended in. */
  private num = 0;
  /** The array's key, for error messages. */
  private name = '';
  /** A view of the last chunk, for the fast path's word reads (parseSnapshotFile reuses one buffer). */
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /** Starts on a new array; the batch's memory is kept. */
  start(name: string): void {
    this.name = name;
    this.count = 0;
    this.closed = false;
    this.expect = Expect.First;
    this.num = 0;
  }

  /**
   * Reads numbers from buf[i] on, up to `len` (the chunk's end, or less) or past the array's `]`; returns where
   * it stopped. `offset` is the file offset of buf[0].
   */
  scan(buf: Uint8Array, i: number, len: number, offset: number): number {
    // At most one number per two bytes, plus the one a chunk ended in.
    const room = this.count + ((len - i + 1) >>> 1) + 1;
    if (this.batch.length < room) this.growBatch(room);
    const fastEnd = len - FAST_MARGIN;
    if (fastEnd > i) this.viewOf(buf);
    const batch = this.batch;
    let count = this.count;
    let expect = this.expect;
    let num = this.num;
    while (i < len) {
      if ((expect === Expect.Number || expect === Expect.First) && i < fastEnd) {
        this.count = count;
        const from = i;
        i = this.fastNumbers(buf, i, fastEnd);
        count = this.count;
        if (i !== from) expect = Expect.Number;
      }
      let c = buf[i]!;
      if (c - ZERO <= 9 && c >= ZERO) {
        if (expect === Expect.Separator) this.fail('expected "," between numbers in', c, offset + i);
        num = num * 10 + (c - ZERO);
        while (++i < len && (c = buf[i]!) - ZERO <= 9 && c >= ZERO) num = num * 10 + (c - ZERO);
        if (i === len) {
          expect = Expect.MoreDigits;
          break;
        }
      } else if (expect !== Expect.MoreDigits) {
        if (c === COMMA) {
          if (expect !== Expect.Separator) this.fail('expected a number in', c, offset + i);
          expect = Expect.Number;
        } else if (c === CLOSE_BRACKET) {
          if (expect === Expect.Number) this.fail('expected a number in', c, offset + i);
          this.closed = true;
          i++;
          break;
        } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) this.fail('non-negative integers only in', c, offset + i);
        i++;
        continue;
      }
      // A number ended at buf[i], which the next turn reads as a separator.
      if (num > 0xffffffff)
        throw new SnapshotFormatError(`Malformed heap snapshot: the number ${num} in "${this.name}" does not fit 32 bits.`);
      batch[count++] = num;
      num = 0;
      expect = Expect.Separator;
    }
    this.count = count;
    this.expect = expect;
    this.num = num;
    return i;
  }

  /**
   * From buf[i], where a number is expected, up to `end`: numbers of 1 to 10 digits, each followed by "," or
   * "\n,", into the batch. Returns where it stopped: before the first number it does not take whole.
   */
  private fastNumbers(buf: Uint8Array, i: number, end: number): number {
    const view = this.view;
    const batch = this.batch;
    let count = this.count;
    while (i < end) {
      const w = view.getUint32(i, true);
      const mask = nonDigits(w);
      let value: number;
      let digits: number;
      if (mask !== 0) {
        digits = firstFlagged(mask);
        if (digits === 0) break;
        value = digitsValue(w, digits);
      } else {
        const w2 = view.getUint32(i + 4, true);
        const mask2 = nonDigits(w2);
        value = digitsValue(w, 4);
        if (mask2 !== 0) {
          const more = firstFlagged(mask2);
          digits = 4 + more;
          if (more !== 0) value = value * POW10[more]! + digitsValue(w2, more);
        } else {
          // 8 digits or more: 32-bit values have at most 10.
          const w3 = view.getUint32(i + 8, true);
          const more = firstFlagged(nonDigits(w3) | 0x80000000);
          if (more > 2) break;
          digits = 8 + more;
          value = value * 10000 + digitsValue(w2, 4);
          if (more !== 0) value = value * POW10[more]! + digitsValue(w3, more);
          if (value > 0xffffffff) break;
        }
      }
      const c = buf[i + digits]!;
      if (c === COMMA) i += digits + 1;
      else if (c === NEWLINE && buf[i + digits + 1] === COMMA) i += digits + 2;
      else break;
      batch[count++] = value;
      this.count = count; // per number: see StringTableBuilder.addPlain
    }
    return i;
  }

  /** Drops the first `taken` numbers of the batch, keeping the rest (less than a row) at its front. */
  keep(taken: number): void {
    if (taken < this.count) this.batch.copyWithin(0, taken, this.count);
    this.count -= taken;
  }

  private viewOf(buf: Uint8Array): void {
    const view = this.view;
    if (view.buffer !== buf.buffer || view.byteOffset !== buf.byteOffset || view.byteLength !== buf.length)
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }

  private growBatch(size: number): void {
    const next = new Uint32Array(size);
    next.set(this.batch.subarray(0, this.count));
    this.batch = next;
  }

  private fail(what: string, c: number, at: number): never {
    throw new SnapshotFormatError(
      `Malformed heap snapshot: ${what} "${this.name}", found ${JSON.stringify(String.fromCharCode(c))} at byte ${at}.`,
    );
  }
}
