// The slice of a Chrome DevTools Protocol connection that LeakLens's heap features use. Implemented over
// chrome-remote-interface (Node inspector) and over js-debug's CDP proxy; consumers depend only on this.

export interface CdpSession {
  /** Sends a command; rejects with an Error naming `method` when the target answers with an error or the connection closes. */
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /** Subscribes to an event; returns the unsubscribe function. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CDP event payloads are typed by each listener.
  on(event: string, listener: (params: any) => void): () => void;
  /**
   * Settles when the connection is gone, for whatever reason (never rejects). A continuation added to it
   * cannot be removed: code that runs per call on a long-lived session uses `onSessionClosed` instead.
   */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

interface CloseWatch {
  settled: boolean;
  readonly listeners: Set<() => void>;
}

// One continuation per session, whatever the number of subscribers: a pooled session serves many
// snapshots, and a `closed.then(...)` per snapshot would keep every snapshot's callback (and what it
// captures) until the session closes.
const watches = new WeakMap<Promise<void>, CloseWatch>();

/**
 * Calls `listener` once when `session` closes (soon after, if it is already closed). Returns the
 * unsubscribe function; after it, nothing of the listener stays reachable from the session.
 */
export function onSessionClosed(session: CdpSession, listener: () => void): () => void {
  let watch = watches.get(session.closed);
  if (!watch) {
    const created: CloseWatch = { settled: false, listeners: new Set() };
    watch = created;
    watches.set(session.closed, created);
    void session.closed.then(() => {
      created.settled = true;
      for (const call of [...created.listeners]) call();
      created.listeners.clear();
    });
  }
  if (watch.settled) {
    let cancelled = false;
    queueMicrotask(() => cancelled || listener());
    return () => void (cancelled = true);
  }
  const listeners = watch.listeners;
  const once = (): void => listener();
  listeners.add(once);
  return () => void listeners.delete(once);
}
