// The part of autocannon's API that leaklens check uses (the package ships no typings).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    connections?: number;
    /** Requests per second over all connections. */
    overallRate?: number;
    /** Seconds. */
    duration?: number;
    /** Stop after this many requests (instead of `duration`). */
    amount?: number;
    headers?: Record<string, string>;
    /** Per-request timeout, seconds. */
    timeout?: number;
    skipAggregateResult?: boolean;
  }

  interface Result {
    totalCompletedRequests: number;
    totalRequests: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }

  interface Instance extends EventEmitter {
    stop(): void;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export = autocannon;
}
