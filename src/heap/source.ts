// A heap target: what the heap view, the status bar, Take Snapshot and Compare need from a running service,
// whatever the runtime. NodeInspectorSource implements it over CDP (a Node inspector or a VS Code debug
// session through js-debug's proxy), PprofHeapSource over a Go service's /debug/pprof. Each says what it can
// do, so the callers ask the attached target itself instead of reconnecting from an address (no vscode here).

export interface HeapSample {
  /** Wall-clock time of the sample, ms since the epoch. */
  t: number;
  /** Bytes of live (and not yet collected) objects on the heap. */
  used: number;
  /** Bytes the heap has reserved. */
  total: number;
  /** Optional runtime extras (V8: embedder and backing-store sizes) — absent when the runtime does not say. */
  embedder?: number;
  backingStorage?: number;
  /** Go services: live goroutines (from /debug/pprof/goroutine), drawn as a second series. */
  goroutines?: number;
  /** Go services: live objects (inuse_objects of the heap profile). */
  objects?: number;
}

export type HeapSourceEvent =
  /** The connection to the target dropped; the source keeps trying to get it back. */
  | { kind: 'disconnected'; t: number; reason: string }
  /** The connection is back. `restarted`: it is a new process (e.g. a new inspector target id). */
  | { kind: 'reconnected'; t: number; restarted: boolean; label: string }
  /** The source gave up or was closed: no more samples. */
  | { kind: 'closed'; t: number; reason: string };

/** What a target can do beyond sampling its heap. */
export interface HeapTargetCapabilities {
  /** Force a full GC (V8's HeapProfiler.collectGarbage, Go's `heap?gc=1`). */
  collectGarbage: boolean;
  /** Take a V8 heap snapshot (`.heapsnapshot`) over the attached connection. */
  snapshot: boolean;
  /** Save a heap profile (Go's pprof `.pb.gz`). */
  profile: boolean;
}

export interface HeapSource {
  /** What the user sees as the attached target, e.g. `server.js (127.0.0.1:9229)`. */
  readonly label: string;
  /** Absent: it can only be sampled (e.g. a read-only metrics source). */
  readonly capabilities?: HeapTargetCapabilities;
  /** Rejects while disconnected; the caller just skips that tick. */
  sample(): Promise<HeapSample>;
  /** Forces a full garbage collection, so the next sample is a post-GC point. */
  collectGarbage(): Promise<void>;
  /** Subscribes to connection events; returns the unsubscribe function. */
  onEvent(listener: (event: HeapSourceEvent) => void): () => void;
  /** Stops reconnecting and releases every socket and timer. */
  close(): Promise<void>;
}
