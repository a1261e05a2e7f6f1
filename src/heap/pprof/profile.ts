// A heap profile (gzip'd pprof protobuf: a Go service's `/debug/pprof/heap`, or a Node process's sampled heap
// written by `leaklens profile`) decoded with pprof-format and reduced to what LeakLens shows: totals, and
// in-use memory by allocation site. A site is the first frame of the stack that is not the runtime's own
// (Go's standard library; Node's `node:` internals and V8 builtins), so `fmt.Sprintf` or `Array.prototype.push`
// are charged to the line of the service that called them; it is identified by function, file and line.
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { V8_PROFILE_COMMENT } from '../sampling/toPprof';
import { PprofError } from './errors';

export interface ProfileTotals {
  inuseSpace: number;
  inuseObjects: number;
  /** Cumulative since the process started: it only grows, so a drop means a new process. */
  allocSpace: number;
  allocObjects: number;
}

export interface AllocationSite {
  /** Fully qualified Go function name, e.g. `main.RequestLogger.func1`; a JS function's name, or `(anonymous)`. */
  function: string;
  /** Source file as recorded by the Go toolchain (absolute path on the build machine), or a JS script's path. */
  file: string;
  /** Go: the allocating line. Node: the line where the function starts (V8 samples name functions, not lines). */
  line: number;
  /** Node only: the column where the function starts (1-based), which tells apart functions on one line. */
  column?: number;
  /**
   * The innermost frame (e.g. `fmt.Sprintf`) that allocated most of the site's in-use bytes on its behalf;
   * absent when the site allocated most of them itself.
   */
  via?: string;
  inuseSpace: number;
  inuseObjects: number;
}

/** Whose heap: a Go service's, or a Node process's sampled by V8 (`leaklens profile`). */
export type ProfileRuntime = 'go' | 'node';

export interface HeapProfile {
  runtime: ProfileRuntime;
  /** Profile time, ms since the epoch (0 when the profile does not say). */
  time: number;
  /** The sampling interval in bytes (pprof's `period`; 0 when the profile does not say). */
  period: number;
  totals: ProfileTotals;
  /** By in-use bytes, largest first. */
  sites: AllocationSite[];
}

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

interface Frame {
  function: string;
  file: string;
  line: number;
  column: number;
}

/** GOROOT/src as seen in the profile, from where the runtime's own functions live. */
function goRootSrc(frames: Iterable<Frame>): string | undefined {
  for (const f of frames) {
    const at = f.function.startsWith('runtime.') ? f.file.lastIndexOf('/src/runtime/') : -1;
    if (at >= 0) return f.file.slice(0, at + '/src/'.length);
  }
  return undefined;
}

/** Without a GOROOT hint: standard packages have no dot in their first path element (and are not main). */
function isStandardByName(fn: string): boolean {
  const dot = fn.indexOf('.', fn.lastIndexOf('/') + 1);
  const pkg = dot < 0 ? fn : fn.slice(0, dot);
  return pkg !== 'main' && !pkg.split('/')[0]!.includes('.');
}

/** Node's own JS (`node:…`) and what has no script: V8 builtins (`push`, `repeat`), `(V8 API)`, `(GC)`. */
function isNodeInternal(f: Frame): boolean {
  return f.file === '' || f.file.startsWith('node:') || f.line === 0;
}

/**
 * Whether a site is in code the user does not own — Node's internals, installed packages, Go's standard
 * library, vendored code — so that it never outranks the service's own growing line.
 */
export function isLibrarySite(s: { function: string; file: string }, runtime: HeapProfile['runtime']): boolean {
  if (/[\\/](node_modules|vendor)[\\/]/.test(s.file)) return true;
  return runtime === 'node' ? s.file === '' || s.file.startsWith('node:') : isStandardByName(s.function);
}

/** Identity of a site (the column only where the profile records one). */
export function siteKey(s: { function: string; file: string; line: number; column?: number }): string {
  return `${s.function}\0${s.file}\0${s.line}\0${s.column ?? 0}`;
}

export function decodeHeapProfile(bytes: Uint8Array): HeapProfile {
  let profile: Profile;
  try {
    profile = Profile.decode(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  } catch (error) {
    throw new PprofError(
      'bad-profile',
      `not a pprof profile (${(error as Error).message}); expected the gzip'd protobuf that /debug/pprof/heap serves.`,
    );
  }
  const str = (i: unknown) => profile.stringTable.strings[Number(i)] ?? '';
  const index = (type: string) => profile.sampleType.findIndex((t) => str(t.type) === type);
  const [inuseSpace, inuseObjects, allocSpace, allocObjects] = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'].map(
    index,
  ) as [number, number, number, number];
  if (inuseSpace < 0 || inuseObjects < 0) {
    const types = profile.sampleType.map((t) => str(t.type)).join(', ') || 'none';
    throw new PprofError(
      'bad-profile',
      `not a heap profile: its sample types are ${types}; expected inuse_space and inuse_objects (from /debug/pprof/heap).`,
    );
  }
  const functions = new Map(profile.function.map((f) => [Number(f.id), f]));
  /** Each location's frames, innermost (inlined) first. */
  const frames = new Map<number, Frame[]>();
  for (const loc of profile.location) {
    frames.set(
      Number(loc.id),
      loc.line.map((l) => {
        const f = functions.get(Number(l.functionId));
        return { function: str(f?.name) || '?', file: str(f?.filename), line: Number(l.line), column: Number(l.column ?? 0) };
      }),
    );
  }
  const runtime: ProfileRuntime = profile.comment.some((c) => str(c) === V8_PROFILE_COMMENT) ? 'node' : 'go';
  const root = runtime === 'go' ? goRootSrc([...frames.values()].flat()) : undefined;
  const isStandard = (f: Frame) => (runtime === 'node' ? isNodeInternal(f) : root ? f.file.startsWith(root) : isStandardByName(f.function));

  const totals: ProfileTotals = { inuseSpace: 0, inuseObjects: 0, allocSpace: 0, allocObjects: 0 };
  const sites = new Map<string, AllocationSite>();
  // Per site, in-use bytes by innermost frame ('' for the site itself): a site reached through several
  // helpers (a sync.Pool refill, then the Sprintf that does the work) is labelled by the one that holds most.
  const leaves = new Map<AllocationSite, Map<string, number>>();
  for (const sample of profile.sample) {
    const v = (i: number) => (i >= 0 ? Number(sample.value[i] ?? 0) : 0);
    totals.inuseSpace += v(inuseSpace);
    totals.inuseObjects += v(inuseObjects);
    totals.allocSpace += v(allocSpace);
    totals.allocObjects += v(allocObjects);
    if (v(inuseSpace) === 0) continue;
    const stack = sample.locationId.flatMap((id) => frames.get(Number(id)) ?? []);
    const leaf = stack[0];
    if (!leaf) continue;
    const site = stack.find((f) => !isStandard(f)) ?? leaf;
    const key = siteKey(site);
    const row = sites.get(key) ?? {
      function: site.function,
      file: site.file,
      line: site.line,
      ...(site.column ? { column: site.column } : {}),
      inuseSpace: 0,
      inuseObjects: 0,
    };
    row.inuseSpace += v(inuseSpace);
    row.inuseObjects += v(inuseObjects);
    sites.set(key, row);
    const byLeaf = leaves.get(row) ?? new Map<string, number>();
    const via = leaf === site ? '' : leaf.function;
    byLeaf.set(via, (byLeaf.get(via) ?? 0) + v(inuseSpace));
    leaves.set(row, byLeaf);
  }
  for (const [row, byLeaf] of leaves) {
    const [via] = [...byLeaf].reduce((best, next) => (next[1] > best[1] ? next : best));
    if (via) row.via = via;
  }
  return {
    runtime,
    time: Math.round(Number(profile.timeNanos) / 1e6),
    period: Number(profile.period),
    totals,
    sites: [...sites.values()].sort((a, b) => b.inuseSpace - a.inuseSpace),
  };
}

/** `main.RequestLogger.func1` → `RequestLogger`; `main.(*Server).handle` → `(*Server).handle` (as Go findings name handlers). */
export function functionBaseName(fn: string): string {
  const afterPath = fn.slice(fn.lastIndexOf('/') + 1);
  const local = afterPath.slice(afterPath.indexOf('.') + 1);
  return local.replace(/(\.func\d+)+(\.\d+)*$/, '');
}
