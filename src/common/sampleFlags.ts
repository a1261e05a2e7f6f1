// What a heap sample carries besides its numbers, shared by the sample ring (engine side) and the panel's wire
// format (protocol and webview): a leaf module that imports nothing.

/** Per-sample marks, a bit set. */
export const SampleFlag = {
  /** Taken right after a forced GC: a post-GC baseline point. */
  Gc: 1,
  /** First sample of a new process (the target restarted). */
  Restart: 2,
  /** First sample after the connection came back to the same process. */
  Gap: 4,
} as const;

/** Marks "this sample has no goroutine count" in the ring's 32-bit column. */
export const NO_GOROUTINES = 0xffffffff;
/** A goroutine count is a non-negative integer that fits the ring's 32-bit column (below its "absent" mark). */
export const isGoroutineCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < NO_GOROUTINES;
