// The slice of a Chrome DevTools Protocol connection that LeakLens's heap features use. Implemented over
// chrome-remote-interface (Node inspector) and over js-debug's CDP proxy; consumers depend only on this.

export interface CdpSession {
  /** Sends a command; rejects with an Error naming `method` when the target answers with an error or the connection closes. */
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on(event: string, listener: (params: any) => void): () => void;
  /** Settles when the connection is gone, for whatever reason (never rejects). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}
