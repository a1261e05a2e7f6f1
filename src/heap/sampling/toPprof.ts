// V8's sampling heap profile (`HeapProfiler.getSamplingProfile`) as a gzipped pprof heap profile, laid out as
// Go's runtime lays out its own: sample types `inuse_objects`/`inuse_space`, one sample per allocation stack
// (leaf first), locations with function, file and 1-based line (and column, which tells apart functions that
// share a line). `go tool pprof`, Pyroscope and LeakLens then read Node and Go profiles alike.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Profile, StringTable } from 'pprof-format';

/** The CDP types (HeapProfiler.SamplingHeapProfile*), as far as they are read here. */
export interface SamplingHeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  /** Bytes of the live objects sampled in this frame itself, already scaled up by V8 to an estimate. */
  selfSize: number;
  id: number;
  children: SamplingHeapProfileNode[];
}

export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  /** One entry per sampled live object: its size times the objects it stands for, and the node that allocated it. */
  samples?: { size: number; nodeId: number; ordinal: number }[];
}

/** Marks a profile as written from V8's sampler: read back, its sites are JS functions, not Go ones. */
export const V8_PROFILE_COMMENT = 'leaklens: V8 sampling heap profile';

export interface PprofOptions {
  /** The sampling interval the profile was taken with (bytes): pprof's `period`. */
  intervalBytes: number;
  /** When the profile was read, ms since the epoch. */
  time: number;
  /** How long sampling had been running, ms. */
  durationMs: number;
}

/**
 * A script URL as a file name: `file:///srv/app.mjs` → `/srv/app.mjs` (CommonJS scripts already have a path);
 * `node:internal/…` and other URLs stay as they are.
 */
export function scriptFile(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/**
 * How many objects one sample stands for. V8 scales a sampled object of `size` bytes up to the
 * c = 1 / (1 − e^(−size/interval)) objects of its size it represents, and the protocol reports only the
 * product size·c; c is recovered by solving x / (1 − e^(−x)) = product/interval for x = size/interval
 * (monotonic: bisection). A small object sampled at 16 KiB reports ~16 KiB and stands for hundreds.
 */
export function objectsPerSample(product: number, intervalBytes: number): number {
  const p = product / intervalBytes;
  if (!(p > 1)) return 1;
  let [low, high] = [0, p];
  for (let i = 0; i < 50; i++) {
    const x = (low + high) / 2;
    if (x / -Math.expm1(-x) < p) low = x;
    else high = x;
  }
  const x = (low + high) / 2;
  return x > 0 ? 1 / -Math.expm1(-x) : p;
}

export function samplingProfileToPprof(profile: SamplingHeapProfile, options: PprofOptions): Buffer {
  const strings = new StringTable();
  const objectsByNode = new Map<number, number>();
  for (const s of profile.samples ?? [])
    objectsByNode.set(s.nodeId, (objectsByNode.get(s.nodeId) ?? 0) + objectsPerSample(s.size, options.intervalBytes));

  const functionIds = new Map<string, number>();
  const functions: { id: number; name: number; filename: number; startLine: number }[] = [];
  const locations: { id: number; line: { functionId: number; line: number; column: number }[] }[] = [];
  const locationIds = new Map<string, number>();
  const locationOf = (frame: SamplingHeapProfileNode['callFrame']): number => {
    const file = scriptFile(frame.url);
    // pprof tools group by function name: an anonymous function gets its place in its name, as Go's closures do.
    const name =
      frame.functionName || (file ? `(anonymous ${file.slice(file.lastIndexOf('/') + 1)}:${frame.lineNumber + 1})` : '(anonymous)');
    const line = frame.lineNumber + 1; // CDP is 0-based, pprof 1-based (0: unknown, e.g. a builtin)
    const column = frame.columnNumber + 1;
    const key = `${name}\0${file}\0${line}\0${column}`;
    let id = locationIds.get(key);
    if (id !== undefined) return id;
    let functionId = functionIds.get(key);
    if (functionId === undefined) {
      functionId = functions.length + 1;
      functionIds.set(key, functionId);
      functions.push({ id: functionId, name: strings.dedup(name), filename: strings.dedup(file), startLine: Math.max(line, 0) });
    }
    id = locations.length + 1;
    locationIds.set(key, id);
    locations.push({ id, line: [{ functionId, line: Math.max(line, 0), column: Math.max(column, 0) }] });
    return id;
  };

  const samples: { locationId: number[]; value: number[] }[] = [];
  // Depth-first with the stack of location ids (root first); the tree is as deep as the deepest JS stack.
  const walk = (node: SamplingHeapProfileNode, stack: number[]): void => {
    const isRoot = stack.length === 0 && node.callFrame.functionName === '(root)';
    const here = isRoot ? stack : [...stack, locationOf(node.callFrame)];
    if (node.selfSize > 0 && here.length > 0) {
      samples.push({ locationId: [...here].reverse(), value: [Math.round(objectsByNode.get(node.id) ?? 1), Math.round(node.selfSize)] });
    }
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head, []);

  const pprof = new Profile({
    sampleType: [
      { type: strings.dedup('inuse_objects'), unit: strings.dedup('count') },
      { type: strings.dedup('inuse_space'), unit: strings.dedup('bytes') },
    ],
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
    timeNanos: BigInt(Math.round(options.time)) * 1_000_000n,
    durationNanos: BigInt(Math.round(options.durationMs)) * 1_000_000n,
    periodType: { type: strings.dedup('space'), unit: strings.dedup('bytes') },
    period: options.intervalBytes,
    comment: [strings.dedup(V8_PROFILE_COMMENT)],
    defaultSampleType: strings.dedup('inuse_space'),
  });
  return gzipSync(pprof.encode());
}
