// Streaming reader for the V8 heap snapshot JSON. It never holds the file as one string: the numeric arrays
// (`nodes`, `edges`, `locations`) go byte by byte into typed arrays, each string of `strings` is decoded on
// its own, the small `snapshot` header is JSON-parsed alone, and every other top-level value is skipped.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { SnapshotFormatError, type RawSnapshot, type SnapshotHeader } from './graph';
import { StringTableBuilder } from './stringTable';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;

const NODE_FIELDS_READ = new Set(['type', 'name', 'id', 'self_size', 'edge_count']);

const enum State {
  Start, // before the top-level '{'
  BeforeKey, // inside the top-level object: expecting a key, ',' or '}'
  Key,
  Colon,
  Value, // expecting the start of a value
  NumArray, // inside [ … ] of numbers
  StrArray, // inside [ … ] of strings, between strings
  StrInArray, // inside one string of `strings`
  Raw, // inside a value that is captured (header) or skipped
  Done,
}

/** A growable Uint32Array: exact size when the header announces the count, doubling otherwise. */
class U32Builder {
  data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(capacity, 1024));
  }
  grow(): Uint32Array {
    const next = new Uint32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
    return next;
  }
  result(): Uint32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

export class SnapshotTokenizer {
  private state = State.Start;
  private key = '';
  private keyBytes: Buffer[] = [];
  private header: SnapshotHeader | undefined;
  private nodes: U32Builder | undefined;
  private edges: U32Builder | undefined;
  private locations = new U32Builder(0);
  private strings = new StringTableBuilder();
  private stringCount = 0;
  private target: U32Builder | undefined; // the numeric array being read
  private num = 0;
  private inNum = false;
  private hasValue = false; // a number was stored since the last ',' or '['
  // Node fields the analysis never reads (trace ids, detachedness) are dropped while reading: a quarter
  // less memory for the largest array but one. Edges and locations still address nodes by the full stride.
  private nodeKeep: Uint8Array | undefined;
  private nodeStride = 0;
  private field = 0;
  private afterComma = false;
  // Raw values (header captured, others skipped): nesting depth and string state.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private capture: Buffer[] | undefined;
  // One string of `strings`, possibly across chunks.
  private strParts: Buffer[] = [];
  private strHasEscape = false;
  private seen = new Set<string>();
  private offset = 0;

  /** `totalBytes`, when known, bounds the size of the strings so that their table is allocated once. */
  constructor(private readonly totalBytes = 0) {}

  /** Feeds the next chunk. The buffer may be reused by the caller afterwards. */
  push(buf: Buffer): void {
    const len = buf.length;
    let i = 0;
    while (i < len) {
      switch (this.state) {
        case State.Start: {
          const c = buf[i++]!;
          if (c === OPEN_BRACE) this.state = State.BeforeKey;
          else if (!isSpace(c)) this.fail('a heap snapshot starts with "{"', c);
          break;
        }
        case State.BeforeKey: {
          const c = buf[i++]!;
          if (c === QUOTE) {
            this.state = State.Key;
            this.keyBytes = [];
          } else if (c === CLOSE_BRACE) this.state = State.Done;
          else if (c !== COMMA && !isSpace(c)) this.fail('expected a key', c);
          break;
        }
        case State.Key: {
          const end = buf.indexOf(QUOTE, i);
          if (end < 0) {
            this.keyBytes.push(Buffer.from(buf.subarray(i)));
            i = len;
          } else {
            this.keyBytes.push(buf.subarray(i, end));
            this.key = Buffer.concat(this.keyBytes).toString('utf8');
            this.keyBytes = [];
            i = end + 1;
            this.state = State.Colon;
          }
          break;
        }
        case State.Colon: {
          const c = buf[i++]!;
          if (c === COLON) this.state = State.Value;
          else if (!isSpace(c)) this.fail(`expected ":" after "${this.key}"`, c);
          break;
        }
        case State.Value:
          i = this.startValue(buf, i);
          break;
        case State.NumArray:
          i = this.readNumbers(buf, i);
          break;
        case State.StrArray:
        case State.StrInArray:
          i = this.readStrings(buf, i);
          break;
        case State.Raw:
          i = this.readRaw(buf, i);
          break;
        case State.Done: {
          const c = buf[i++]!;
          if (!isSpace(c)) this.fail('unexpected data after the end of the snapshot', c);
          break;
        }
      }
    }
    this.offset += len;
  }

  /** Call at end of input: checks completeness and returns the arrays. */
  end(): RawSnapshot {
    if (this.offset === 0) throw new SnapshotFormatError('The file is empty.');
    if (this.state !== State.Done) throw new SnapshotFormatError(`The snapshot is truncated (it ends inside "${this.key || 'the top-level object'}" after ${this.offset} bytes).`);
    for (const required of ['snapshot', 'nodes', 'edges', 'strings']) {
      if (!this.seen.has(required)) throw new SnapshotFormatError(`This is not a V8 heap snapshot: it has no "${required}".`);
    }
    if (this.field !== 0) throw new SnapshotFormatError('The nodes array does not hold a whole number of nodes.');
    return { header: this.header!, nodes: this.nodes!.result(), nodeStride: this.nodeStride, edges: this.edges!.result(), locations: this.locations.result(), strings: this.strings.build() };
  }

  private fail(what: string, c: number): never {
    throw new SnapshotFormatError(`Malformed heap snapshot: ${what}, found ${JSON.stringify(String.fromCharCode(c))} near byte ${this.offset}.`);
  }

  private startValue(buf: Buffer, i: number): number {
    const c = buf[i]!;
    if (isSpace(c)) return i + 1;
    const key = this.key;
    this.seen.add(key);
    const numeric = key === 'nodes' || key === 'edges' || key === 'locations';
    if ((numeric || key === 'strings') && c !== OPEN_BRACKET) this.fail(`"${key}" must be an array`, c);
    if (numeric) {
      if (!this.header) throw new SnapshotFormatError(`Malformed heap snapshot: "${key}" comes before the "snapshot" header.`);
      const meta = this.header.meta;
      if (key === 'nodes') {
        this.compactNodeFields();
        this.target = this.nodes = new U32Builder((this.header.node_count ?? 0) * this.header.meta.node_fields.length);
      }
      else if (key === 'edges') this.target = this.edges = new U32Builder((this.header.edge_count ?? 0) * meta.edge_fields.length);
      else this.target = this.locations;
      this.state = State.NumArray;
      this.num = 0;
      this.inNum = false;
      this.hasValue = false;
      this.afterComma = false;
      return i + 1;
    }
    if (key === 'strings') {
      if (this.totalBytes > 0) this.strings.expect(this.totalBytes - this.offset - i);
      this.state = State.StrArray;
      return i + 1;
    }
    this.state = State.Raw;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.capture = key === 'snapshot' ? [] : undefined;
    return i;
  }

  private compactNodeFields(): void {
    const meta = this.header!.meta;
    this.nodeStride = meta.node_fields.length;
    const keep = meta.node_fields.map((f) => (NODE_FIELDS_READ.has(f) ? 1 : 0));
    this.nodeKeep = Uint8Array.from(keep);
    meta.node_fields = meta.node_fields.filter((_, i) => keep[i]);
    meta.node_types = meta.node_types.filter((_, i) => keep[i]) as typeof meta.node_types;
  }

  private readNumbers(buf: Buffer, i: number): number {
    // The hot loop of the whole parse: state in locals, digits in a tight inner loop, the typed array
    // written directly.
    const target = this.target!;
    let data = target.data;
    let n = target.length;
    let hasValue = this.hasValue;
    let afterComma = this.afterComma;
    const keep = target === this.nodes ? this.nodeKeep : undefined;
    let field = this.field;
    const len = buf.length;
    let num = this.num;
    let inNum = this.inNum;
    while (i < len) {
      let c = buf[i]!;
      if (c >= ZERO && c <= NINE) {
        if (hasValue && !inNum) this.fail(`expected "," between numbers in "${this.key}"`, c);
        num = num * 10 + (c - ZERO);
        i++;
        while (i < len && (c = buf[i]!) >= ZERO && c <= NINE) {
          num = num * 10 + (c - ZERO);
          i++;
        }
        inNum = true;
        if (i === len) break; // the number may go on in the next chunk
      }
      if (inNum) {
        // a number just ended at buf[i]
        if (num > 0xffffffff) throw new SnapshotFormatError(`Malformed heap snapshot: the number ${num} in "${this.key}" does not fit 32 bits.`);
        if (keep === undefined || keep[field] === 1) {
          if (n === data.length) {
            target.length = n;
            data = target.grow();
          }
          data[n++] = num;
        }
        if (keep !== undefined && ++field === keep.length) field = 0;
        num = 0;
        inNum = false;
        hasValue = true;
        afterComma = false;
      }
      if (c === COMMA) {
        if (!hasValue) this.fail(`expected a number in "${this.key}"`, c);
        hasValue = false;
        afterComma = true;
      } else if (c === CLOSE_BRACKET) {
        if (afterComma) this.fail(`expected a number in "${this.key}"`, c);
        this.state = State.BeforeKey;
        i++;
        break;
      } else if (!isSpace(c)) this.fail(`"${this.key}" must hold non-negative integers`, c);
      i++;
    }
    target.length = n;
    this.field = field;
    this.num = num;
    this.inNum = inNum;
    this.hasValue = hasValue;
    this.afterComma = afterComma;
    return i;
  }

  /** The `strings` array: separators and strings in one loop (millions of short strings). */
  private readStrings(buf: Buffer, i: number): number {
    const len = buf.length;
    while (i < len) {
      if (this.state === State.StrArray) {
        const c = buf[i++]!;
        if (c === QUOTE) {
          this.state = State.StrInArray;
          this.strHasEscape = false;
        } else if (c === CLOSE_BRACKET) {
          this.state = State.BeforeKey;
          return i;
        } else if (c !== COMMA && !isSpace(c)) this.fail('expected a string in "strings"', c);
        continue;
      }
      let j = i;
      let escaped = this.escaped;
      for (; j < len; j++) {
        const c = buf[j]!;
        if (escaped) escaped = false;
        else if (c === BACKSLASH) {
          escaped = true;
          this.strHasEscape = true;
        } else if (c === QUOTE) break;
      }
      this.escaped = escaped;
      if (j === len) {
        this.strParts.push(Buffer.from(buf.subarray(i, j)));
        return len;
      }
      this.endString(buf, i, j);
      i = j + 1;
    }
    return i;
  }

  private endString(buf: Buffer, i: number, j: number): void {
    if (this.strHasEscape) {
      const text = (this.strParts.length === 0 ? buf.subarray(i, j) : Buffer.concat([...this.strParts, buf.subarray(i, j)])).toString('utf8');
      try {
        this.strings.addString(JSON.parse(`"${text}"`) as string);
      } catch {
        throw new SnapshotFormatError(`Malformed heap snapshot: string ${this.stringCount} has an invalid escape.`);
      }
    } else if (this.strParts.length === 0) this.strings.add(buf, i, j);
    else {
      const whole = Buffer.concat([...this.strParts, buf.subarray(i, j)]);
      this.strings.add(whole, 0, whole.length);
    }
    if (this.strParts.length > 0) this.strParts = [];
    this.stringCount++;
    this.state = State.StrArray;
  }

  private readRaw(buf: Buffer, i: number): number {
    const len = buf.length;
    const start = i;
    for (; i < len; i++) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACE)) {
        // a scalar value ended; the separator is left to the caller
        this.finishRaw(buf.subarray(start, i));
        return i;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.depth === 0) this.fail(`unbalanced value for "${this.key}"`, c);
        this.depth--;
        if (this.depth === 0) {
          i++;
          this.finishRaw(buf.subarray(start, i));
          return i;
        }
      }
    }
    this.capture?.push(Buffer.from(buf.subarray(start, i)));
    return i;
  }

  private finishRaw(last: Buffer): void {
    this.state = State.BeforeKey;
    if (!this.capture) return;
    const text = Buffer.concat([...this.capture, last]).toString('utf8');
    this.capture = undefined;
    let header: SnapshotHeader;
    try {
      header = JSON.parse(text) as SnapshotHeader;
    } catch (error) {
      throw new SnapshotFormatError(`Malformed heap snapshot: the "snapshot" header is not valid JSON (${(error as Error).message}).`);
    }
    const meta = header?.meta;
    if (!meta || !Array.isArray(meta.node_fields) || !Array.isArray(meta.edge_fields) || !Array.isArray(meta.node_types?.[0]) || !Array.isArray(meta.edge_types?.[0])) {
      throw new SnapshotFormatError('This is not a V8 heap snapshot: the "snapshot.meta" header lacks node_fields, node_types, edge_fields or edge_types.');
    }
    this.header = header;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export interface ParseProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Reads a snapshot file in chunks (synchronously: it runs in a worker thread). */
export function parseSnapshotFile(path: string, onProgress?: (p: ParseProgress) => void, chunkSize = 4 << 20): RawSnapshot {
  const fd = openSync(path, 'r');
  try {
    const totalBytes = fstatSync(fd).size;
    const tokenizer = new SnapshotTokenizer(totalBytes);
    const buf = Buffer.allocUnsafe(chunkSize);
    let bytesRead = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      tokenizer.push(n === chunkSize ? buf : buf.subarray(0, n));
      bytesRead += n;
      onProgress?.({ bytesRead, totalBytes });
    }
    return tokenizer.end();
  } finally {
    closeSync(fd);
  }
}
