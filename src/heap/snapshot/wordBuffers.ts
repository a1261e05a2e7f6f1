// Scratch buffers of one word per node, handed from one phase of the analysis to the next. V8 frees a typed
// array's memory only when the garbage collector runs, and it lets off-heap garbage pile up for tens of MB
// before it does: reusing the buffers keeps the peak (what limits the snapshots we can open) at the live set.

export class WordBuffers {
  private readonly free: ArrayBuffer[] = [];

  constructor(readonly words: number) {}

  /** A buffer of `words` 32-bit words; its contents are whatever the last user left. */
  take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(this.words * 4);
  }

  /** Hands buffers back once nothing reads the views any more. */
  give(...views: ArrayBufferView[]): void {
    for (const view of views) this.free.push(view.buffer as ArrayBuffer);
  }
}
