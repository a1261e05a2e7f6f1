// What the heap view needs from a running service, whatever the runtime. The Node inspector source
// implements it over CDP; a Go source will implement it over /debug/pprof (no vscode import here).

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

export interface HeapSource {
  /** What the user sees as the attached target, e.g. `server.js (127.0.0.1:9229)`. */
  readonly label: string;
  /** Rejects while disconnected; the caller just skips that tick. */
  sample(): Promise<HeapSample>;
  /** Forces a full garbage collection, so the next sample is a post-GC point. */
  collectGarbage(): Promise<void>;
  /** Subscribes to connection events; returns the unsubscribe function. */
  onEvent(listener: (event: HeapSourceEvent) => void): () => void;
  /** Stops reconnecting and releases every socket and timer. */
  close(): Promise<void>;
}
