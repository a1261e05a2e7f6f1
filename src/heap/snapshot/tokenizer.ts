// Streaming reader for the V8 heap snapshot JSON. It never holds the file as one string: the numeric arrays
// (`nodes`, `edges`, `locations`) are read from the bytes by the NumberScanner into a small batch, strings of
// `strings` are copied into the string table (decoded only when one has an escape), the small `snapshot`
// header is JSON-parsed alone, and every other top-level value is skipped. The whole rows of a batch are
// stored a column at a time, so that memory holds only what the analysis reads, in the narrowest array: node
// types as bytes, edge counts as the running edge offsets, each edge's target as its node ordinal with the
// edge's type in the low bits, unread fields dropped.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EDGE_TYPE_MASK, MAX_NODES, SnapshotFormatError, type RawSnapshot, type SnapshotHeader } from './graph';
import { NumberScanner } from './numberScanner';
import { StringTableBuilder } from './stringTable';
import { Words24 } from './words24';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Bytes of a `nodes` or `edges` array read before their rows are stored. */
const NUMBER_SLICE = 1 << 16;

const enum State {
  Start, // before the top-level '{'
  BeforeKey, // inside the top-level object: expecting a key, ',' or '}'
  Key,
  Colon,
  Value, // expecting the start of a value
  NumArray, // inside [ … ] of numbers (read by the NumberScanner)
  StrArray, // inside [ … ] of strings, between strings
  StrInArray, // inside one string of `strings`
  Raw, // inside a value that is captured (header) or skipped
  Done,
}

/** A growable typed array: exact size when the header announces the count, doubling otherwise. */
class Growable<T extends Uint8Array | Uint32Array> {
  data: T;
  length = 0;
  constructor(
    private readonly make: (length: number) => T,
    capacity: number,
  ) {
    this.data = make(Math.max(capacity, 1024));
  }
  /** Appends `source[from]`, `source[from + stride]`, … (`count` values): a column of the batch of rows. */
  pushColumn(source: Uint32Array, from: number, stride: number, count: number): void {
    if (this.length + count > this.data.length) this.grow(count);
    const data = this.data;
    let n = this.length;
    for (let k = 0, j = from; k < count; k++, j += stride) data[n++] = source[j]!;
    this.length = n;
  }
  private grow(count: number): void {
    let size = this.data.length * 2;
    while (size < this.length + count) size *= 2;
    const next = this.make(size);
    next.set(this.data);
    this.data = next;
  }
  /** A view, not a copy: untouched capacity costs no memory, a copy would double the array at its peak. */
  result(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const words = (capacity: number) => new Growable((n) => new Uint32Array(n), capacity);
const bytes = (capacity: number) => new Growable((n) => new Uint8Array(n), capacity);

/** Where each field the analysis reads sits in a row of the meta's fields. */
function columns<F extends string>(fields: string[], wanted: readonly F[], what: string): Record<F, number> {
  const out = {} as Record<F, number>;
  for (const name of wanted) {
    out[name] = fields.indexOf(name);
    if (out[name] < 0) throw new SnapshotFormatError(`The snapshot's meta has no ${what} field "${name}".`);
  }
  return out;
}
const NODE_COLUMNS = ['type', 'name', 'id', 'self_size', 'edge_count'] as const;
const EDGE_COLUMNS = ['type', 'name_or_index', 'to_node'] as const;

export class SnapshotTokenizer {
  private state = State.Start;
  private key = '';
  private keyBytes: Buffer[] = [];
  private header: SnapshotHeader | undefined;
  private nodeNames: Words24 | undefined;
  private nodeIds: Growable<Uint32Array> | undefined;
  private selfSizes: Words24 | undefined;
  private nodeKinds: Growable<Uint8Array> | undefined;
  private firstEdge: Words24 | undefined;
  private edgeNames: Words24 | undefined;
  private edgeTargets: Words24 | undefined;
  private locations = words(0);
  private strings = new StringTableBuilder();
  private numbers = new NumberScanner();
  private nodeColumns: Record<(typeof NODE_COLUMNS)[number], number> | undefined;
  private edgeColumns: Record<(typeof EDGE_COLUMNS)[number], number> | undefined;
  // Edges and locations address nodes by the file's full stride.
  private nodeStride = 0;
  private edgeStride = 0;
  /** How many types meta.node_types[0] and meta.edge_types[0] list: a node's or edge's type indexes them. */
  private nodeTypeCount = 0;
  private edgeTypeCount = 0;
  private edgeTotal = 0;
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
    if (this.state !== State.Done)
      throw new SnapshotFormatError(
        `The snapshot is truncated (it ends inside "${this.key || 'the top-level object'}" after ${this.offset} bytes).`,
      );
    for (const required of ['snapshot', 'nodes', 'edges', 'strings']) {
      if (!this.seen.has(required)) throw new SnapshotFormatError(`This is not a V8 heap snapshot: it has no "${required}".`);
    }
    return {
      header: this.header!,
      nodeNames: this.nodeNames!,
      nodeIds: this.nodeIds!.result(),
      selfSizes: this.selfSizes!,
      nodeKinds: this.nodeKinds!.result(),
      firstEdge: this.firstEdge!,
      nodeStride: this.nodeStride,
      edgeNames: this.edgeNames!,
      edgeTargets: this.edgeTargets!,
      locations: this.locations.result(),
      strings: this.strings.build(),
    };
  }

  private fail(what: string, c: number): never {
    throw new SnapshotFormatError(
      `Malformed heap snapshot: ${what}, found ${JSON.stringify(String.fromCharCode(c))} near byte ${this.offset}.`,
    );
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
      const nodeCount = this.header.node_count ?? 0;
      const edgeCount = this.header.edge_count ?? 0;
      if (key === 'nodes') {
        // Node types are stored as bytes.
        if (meta.node_types[0].length > 0x100)
          throw new SnapshotFormatError(
            `The snapshot's meta lists ${meta.node_types[0].length} node types: LeakLens reads at most ${0x100}.`,
          );
        this.nodeTypeCount = meta.node_types[0].length;
        this.nodeStride = meta.node_fields.length;
        this.nodeColumns = columns(meta.node_fields, NODE_COLUMNS, 'node');
        this.nodeIds = words(nodeCount);
        this.nodeNames = new Words24(nodeCount);
        this.selfSizes = new Words24(nodeCount);
        this.nodeKinds = bytes(nodeCount);
        this.firstEdge = new Words24(nodeCount + 1, edgeCount);
        this.firstEdge.push(0);
      } else if (key === 'edges') {
        if (!this.nodeKinds) throw new SnapshotFormatError('Malformed heap snapshot: "edges" comes before "nodes".');
        if (this.nodeKinds.length >= MAX_NODES)
          throw new SnapshotFormatError(`The snapshot has ${this.nodeKinds.length} nodes: LeakLens reads at most ${MAX_NODES}.`);
        if (meta.edge_types[0].length > EDGE_TYPE_MASK + 1)
          throw new SnapshotFormatError(
            `The snapshot's meta lists ${meta.edge_types[0].length} edge types: LeakLens reads at most ${EDGE_TYPE_MASK + 1}.`,
          );
        this.edgeTypeCount = meta.edge_types[0].length;
        this.edgeColumns = columns(meta.edge_fields, EDGE_COLUMNS, 'edge');
        this.edgeStride = meta.edge_fields.length;
        this.edgeNames = new Words24(edgeCount);
        // The targets of a big snapshot's edges reach its last nodes.
        this.edgeTargets = new Words24(edgeCount, this.nodeKinds.length * (EDGE_TYPE_MASK + 1) - 1);
      }
      this.numbers.start(key);
      this.state = State.NumArray;
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

  /**
   * Numbers up to the end of a slice of the chunk or the array's; whole rows go to the graph's arrays, a partial
   * row waits. A slice's numbers fit a small batch (128 kB), which stays in the cache for the rows' pass.
   */
  private readNumbers(buf: Buffer, i: number): number {
    const numbers = this.numbers;
    i = numbers.scan(buf, i, Math.min(buf.length, i + NUMBER_SLICE), this.offset);
    const key = this.key;
    if (key === 'nodes') numbers.keep(this.storeNodes(numbers.batch, numbers.count));
    else if (key === 'edges') numbers.keep(this.storeEdges(numbers.batch, numbers.count));
    else {
      this.locations.pushColumn(numbers.batch, 0, 1, numbers.count);
      numbers.keep(numbers.count);
    }
    if (numbers.closed) {
      if (numbers.count !== 0) throw new SnapshotFormatError(`The ${key} array does not hold a whole number of ${key}.`);
      this.state = State.BeforeKey;
    }
    return i;
  }

  /**
   * The whole rows of `nodes` in the batch: each node's type, name, id and self size; its edge count makes the
   * running total the next node's first edge (written over the count, in the batch). Returns how many numbers
   * it took. The rows are checked first, then stored a column at a time.
   */
  private storeNodes(batch: Uint32Array, count: number): number {
    const { type: typeCol, name: nameCol, id: idCol, self_size: selfCol, edge_count: countCol } = this.nodeColumns!;
    const stride = this.nodeStride;
    const rows = Math.floor(count / stride);
    const typeCount = this.nodeTypeCount;
    let edgeTotal = this.edgeTotal;
    for (let row = 0, end = rows * stride; row < end; row += stride) {
      const type = batch[row + typeCol]!;
      if (type >= typeCount)
        throw new SnapshotFormatError(`Malformed heap snapshot: type ${type} in "nodes" is not one of the meta's types.`);
      edgeTotal += batch[row + countCol]!;
      if (edgeTotal > 0xffffffff) throw new SnapshotFormatError('Malformed heap snapshot: the nodes declare more than 2^32 edges.');
      batch[row + countCol] = edgeTotal;
    }
    this.edgeTotal = edgeTotal;
    this.nodeKinds!.pushColumn(batch, typeCol, stride, rows);
    this.nodeNames!.pushColumn(batch, nameCol, stride, rows);
    this.nodeIds!.pushColumn(batch, idCol, stride, rows);
    this.selfSizes!.pushColumn(batch, selfCol, stride, rows);
    this.firstEdge!.pushColumn(batch, countCol, stride, rows);
    return rows * stride;
  }

  /**
   * The whole rows of `edges` in the batch: each edge's name, and its target (a file offset: node index × node
   * fields) as an ordinal with the type in the low bits (written over the target, in the batch). Returns how
   * many numbers it took.
   */
  private storeEdges(batch: Uint32Array, count: number): number {
    const { type: typeCol, name_or_index: nameCol, to_node: toCol } = this.edgeColumns!;
    const stride = this.edgeStride;
    const rows = Math.floor(count / stride);
    const typeCount = this.edgeTypeCount;
    const nodeStride = this.nodeStride;
    // A multiplication and a check instead of a division: an exact multiple of the stride rounds back to
    // its ordinal (the product's error is far below a half for 32-bit offsets), anything else fails the check.
    const perNode = 1 / nodeStride;
    const nodeCount = this.nodeKinds!.length;
    for (let row = 0, end = rows * stride; row < end; row += stride) {
      const type = batch[row + typeCol]!;
      if (type >= typeCount)
        throw new SnapshotFormatError(`Malformed heap snapshot: type ${type} in "edges" is not one of the meta's types.`);
      const to = batch[row + toCol]!;
      const ordinal = Math.round(to * perNode);
      if (ordinal * nodeStride !== to || ordinal >= nodeCount)
        throw new SnapshotFormatError(`Edge ${this.edgeTargets!.length + row / stride} points outside the nodes array.`);
      batch[row + toCol] = ordinal * (EDGE_TYPE_MASK + 1) + type;
    }
    this.edgeNames!.pushColumn(batch, nameCol, stride, rows);
    this.edgeTargets!.pushColumn(batch, toCol, stride, rows);
    return rows * stride;
  }

  /** The `strings` array: plain strings through the table's fast path, separators, escapes and strings a chunk cuts here. */
  private readStrings(buf: Buffer, i: number): number {
    const len = buf.length;
    while (i < len) {
      if (this.state === State.StrArray) {
        i = this.strings.addPlain(buf, i, len);
        if (i === len) break;
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
      const text = (this.strParts.length === 0 ? buf.subarray(i, j) : Buffer.concat([...this.strParts, buf.subarray(i, j)])).toString(
        'utf8',
      );
      try {
        this.strings.addString(JSON.parse(`"${text}"`) as string);
      } catch {
        throw new SnapshotFormatError(`Malformed heap snapshot: string ${this.strings.length} has an invalid escape.`);
      }
    } else if (this.strParts.length === 0) this.strings.add(buf, i, j);
    else {
      const whole = Buffer.concat([...this.strParts, buf.subarray(i, j)]);
      this.strings.add(whole, 0, whole.length);
    }
    if (this.strParts.length > 0) this.strParts = [];
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
    if (
      !meta ||
      !Array.isArray(meta.node_fields) ||
      !Array.isArray(meta.edge_fields) ||
      !Array.isArray(meta.node_types?.[0]) ||
      !Array.isArray(meta.edge_types?.[0])
    ) {
      throw new SnapshotFormatError(
        'This is not a V8 heap snapshot: the "snapshot.meta" header lacks node_fields, node_types, edge_fields or edge_types.',
      );
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
export function parseSnapshotFile(path: string, onProgress?: (p: ParseProgress) => void, chunkSize = 1 << 20): RawSnapshot {
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
