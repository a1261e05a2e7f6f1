// Streaming reader for the V8 heap snapshot JSON. It never holds the file as one string: the numeric arrays
// (`nodes`, `edges`, `locations`) go byte by byte into typed arrays, each string of `strings` is decoded on
// its own, the small `snapshot` header is JSON-parsed alone, and every other top-level value is skipped.
// A node's or edge's fields are collected as a row and stored when the row is complete, so that memory holds
// only what the analysis reads, in the narrowest array: node types as bytes, edge counts as the running edge
// offsets, each edge's target as its node ordinal with the edge's type in the low bits, unread fields dropped.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EDGE_TYPE_MASK, MAX_NODES, SnapshotFormatError, type RawSnapshot, type SnapshotHeader } from './graph';
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
const ZERO = 0x30;
const NINE = 0x39;
/** The fast row loop stays this far from a chunk's end: a row of numbers and separators is shorter. */
const FAST_ROW_MARGIN = 256;

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
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }
  grow(): T {
    const next = this.make(this.data.length * 2);
    next.set(this.data);
    this.data = next;
    return next;
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
  private stringCount = 0;
  private target: Growable<Uint32Array> | undefined; // the array being read, when its numbers are kept as they are
  /** The row of the node or edge being read, and where its fields sit in it. */
  private row = new Uint32Array(0);
  private nodeColumns: Record<(typeof NODE_COLUMNS)[number], number> | undefined;
  private edgeColumns: Record<(typeof EDGE_COLUMNS)[number], number> | undefined;
  private num = 0;
  private inNum = false;
  private hasValue = false; // a number was stored since the last ',' or '['
  // Edges and locations address nodes by the file's full stride.
  private nodeStride = 0;
  /** How many types meta.node_types[0] and meta.edge_types[0] list: a node's or edge's type indexes them. */
  private nodeTypeCount = 0;
  private edgeTypeCount = 0;
  private field = 0;
  private edgeTotal = 0;
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
        this.row = new Uint32Array(meta.node_fields.length);
        this.target = undefined;
        this.nodeIds = words(nodeCount);
        this.nodeNames = new Words24(nodeCount);
        this.selfSizes = new Words24(nodeCount);
        this.nodeKinds = bytes(nodeCount);
        this.firstEdge = new Words24(nodeCount + 1);
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
        this.row = new Uint32Array(meta.edge_fields.length);
        this.edgeNames = new Words24(edgeCount);
        this.target = undefined;
        this.edgeTargets = new Words24(edgeCount);
      } else {
        this.target = this.locations;
      }
      this.field = 0;
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

  private readNumbers(buf: Buffer, i: number): number {
    // The hot loop of the whole parse: state in locals, digits in a tight inner loop, the typed array
    // written directly.
    const target = this.target;
    let data = target?.data;
    let n = target?.length ?? 0;
    let hasValue = this.hasValue;
    let afterComma = this.afterComma;
    const isNodes = this.key === 'nodes';
    const row = this.row;
    let field = this.field;
    const len = buf.length;
    const fastEnd = target === undefined ? len - FAST_ROW_MARGIN : 0;
    let num = this.num;
    let inNum = this.inNum;
    while (i < len) {
      if (field === 0 && !hasValue && i < fastEnd) {
        const rowsFrom = i;
        i = this.readRows(buf, i, fastEnd, isNodes);
        if (i !== rowsFrom) afterComma = true;
        if (i >= len) break;
      }
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
        if (num > 0xffffffff)
          throw new SnapshotFormatError(`Malformed heap snapshot: the number ${num} in "${this.key}" does not fit 32 bits.`);
        if (target !== undefined) {
          if (n === data!.length) {
            target.length = n;
            data = target.grow();
          }
          data![n++] = num;
        } else {
          row[field] = num;
          if (++field === row.length) {
            field = 0;
            if (isNodes) this.storeNode(row);
            else this.storeEdge(row);
          }
        }
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
        if (field !== 0) throw new SnapshotFormatError(`The ${this.key} array does not hold a whole number of ${this.key}.`);
        this.state = State.BeforeKey;
        i++;
        break;
      } else if (!isSpace(c)) this.fail(`"${this.key}" must hold non-negative integers`, c);
      i++;
    }
    if (target) target.length = n;
    this.field = field;
    this.num = num;
    this.inNum = inNum;
    this.hasValue = hasValue;
    this.afterComma = afterComma;
    return i;
  }

  /**
   * The fast path of readNumbers, for whole rows of nodes or edges: each number followed by its comma (V8
   * writes `1,2,3\n,4,5,6\n,…`), no state kept between numbers. It stops, before the row, at anything else
   * (the array's last row, a malformed number, the end of the safe part of the chunk) and leaves that row to
   * the general loop, which also reports what is wrong. Rows are stored here with the columns and arrays
   * in locals (storeNode and storeEdge, the general loop's, look them up per row: 11% slower overall).
   */
  private readRows(buf: Buffer, i: number, end: number, isNodes: boolean): number {
    const row = this.row;
    const width = row.length;
    const ec = this.edgeColumns;
    const typeCol = ec ? ec.type : 0;
    const nameCol = ec ? ec.name_or_index : 0;
    const toCol = ec ? ec.to_node : 0;
    const stride = this.nodeStride;
    const nodeCount = this.nodeKinds ? this.nodeKinds.length : 0;
    const edgeTypeCount = this.edgeTypeCount;
    const names = this.edgeNames!;
    const targets = this.edgeTargets!;
    const nc = this.nodeColumns;
    const kindCol = nc ? nc.type : 0;
    const nodeNameCol = nc ? nc.name : 0;
    const idCol = nc ? nc.id : 0;
    const selfCol = nc ? nc.self_size : 0;
    const countCol = nc ? nc.edge_count : 0;
    const nodeTypeCount = this.nodeTypeCount;
    const kinds = this.nodeKinds;
    const nodeNames = this.nodeNames;
    const ids = this.nodeIds;
    const selfSizes = this.selfSizes;
    const firstEdge = this.firstEdge;
    while (i < end) {
      const rowStart = i;
      for (let f = 0; f < width; f++) {
        // (c - ZERO) >>> 0 > 9: not a digit, in one comparison; whitespace is looked for only then.
        let c = buf[i]!;
        if ((c - ZERO) >>> 0 > 9) {
          while (isSpace(c)) c = buf[++i]!;
          if ((c - ZERO) >>> 0 > 9) return rowStart;
        }
        let num = c - ZERO;
        while ((c = buf[++i]!) - ZERO <= 9 && c >= ZERO) num = num * 10 + (c - ZERO);
        if (c !== COMMA) {
          while (isSpace(c)) c = buf[++i]!;
          if (c !== COMMA) return rowStart;
        }
        if (num > 0xffffffff) return rowStart;
        i++;
        row[f] = num;
      }
      if (isNodes) {
        const type = row[kindCol]!;
        const edgeTotal = this.edgeTotal + row[countCol]!;
        if (type >= nodeTypeCount || edgeTotal > 0xffffffff) return rowStart;
        this.edgeTotal = edgeTotal;
        kinds!.push(type);
        nodeNames!.push(row[nodeNameCol]!);
        ids!.push(row[idCol]!);
        selfSizes!.push(row[selfCol]!);
        firstEdge!.push(edgeTotal);
      } else {
        const type = row[typeCol]!;
        const ordinal = row[toCol]! / stride;
        if (type >= edgeTypeCount || ordinal !== Math.floor(ordinal) || ordinal >= nodeCount) return rowStart;
        names.push(row[nameCol]!);
        targets.push(ordinal * (EDGE_TYPE_MASK + 1) + type);
      }
    }
    return i;
  }

  /** A node's type, name, id and self size; its edge count makes the running total the next node's first edge. */
  private storeNode(row: Uint32Array): void {
    const c = this.nodeColumns!;
    const type = row[c.type]!;
    if (type >= this.nodeTypeCount)
      throw new SnapshotFormatError(`Malformed heap snapshot: type ${type} in "nodes" is not one of the meta's types.`);
    this.nodeKinds!.push(type);
    this.nodeNames!.push(row[c.name]!);
    this.nodeIds!.push(row[c.id]!);
    this.selfSizes!.push(row[c.self_size]!);
    this.edgeTotal += row[c.edge_count]!;
    if (this.edgeTotal > 0xffffffff) throw new SnapshotFormatError('Malformed heap snapshot: the nodes declare more than 2^32 edges.');
    this.firstEdge!.push(this.edgeTotal);
  }

  /** An edge's name, and its target (a file offset: node index × node fields) as an ordinal with the type. */
  private storeEdge(row: Uint32Array): void {
    const c = this.edgeColumns!;
    const type = row[c.type]!;
    if (type >= this.edgeTypeCount)
      throw new SnapshotFormatError(`Malformed heap snapshot: type ${type} in "edges" is not one of the meta's types.`);
    const ordinal = row[c.to_node]! / this.nodeStride;
    if (ordinal !== Math.floor(ordinal) || ordinal >= this.nodeKinds!.length)
      throw new SnapshotFormatError(`Edge ${this.edgeTargets!.length} points outside the nodes array.`);
    this.edgeNames!.push(row[c.name_or_index]!);
    this.edgeTargets!.push(ordinal * (EDGE_TYPE_MASK + 1) + type);
  }

  /** The `strings` array: separators and strings in one loop (millions of short strings). */
  private readStrings(buf: Buffer, i: number): number {
    const len = buf.length;
    while (i < len) {
      if (this.state === State.StrArray) {
        i = this.readPlainStrings(buf, i);
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

  /**
   * The fast path of readStrings: strings that end in this chunk and have no escape (nearly all) go from
   * the chunk to the table in one scan, with no state kept between them. It stops, at the opening quote,
   * at anything else and leaves it to the general loop.
   */
  private readPlainStrings(buf: Buffer, i: number): number {
    const len = buf.length;
    const strings = this.strings;
    let count = this.stringCount;
    while (i < len) {
      let c = buf[i]!;
      while (c === COMMA || isSpace(c)) c = buf[++i]!;
      if (c !== QUOTE) break;
      let j = i + 1;
      while (j < len && (c = buf[j]!) !== QUOTE && c !== BACKSLASH) j++;
      if (j === len || c !== QUOTE) break;
      strings.add(buf, i + 1, j);
      count++;
      i = j + 1;
    }
    this.stringCount = count;
    return Math.min(i, len);
  }

  private endString(buf: Buffer, i: number, j: number): void {
    if (this.strHasEscape) {
      const text = (this.strParts.length === 0 ? buf.subarray(i, j) : Buffer.concat([...this.strParts, buf.subarray(i, j)])).toString(
        'utf8',
      );
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
