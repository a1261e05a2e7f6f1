// A bounded HTTP load over autocannon: a fixed overall rate for a fixed time against one URL, with a running
// count of the responses, so that heap samples can be set against the number of requests served.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Requests per second over all connections. */
  rate: number;
  durationMs: number;
  headers: Record<string, string>;
}

export interface LoadResult {
  /** Requests answered (any status). */
  requests: number;
  /** Answers outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export interface RunningLoad {
  /** Requests answered so far. */
  readonly answered: number;
  readonly done: Promise<LoadResult>;
  /** Ends the load early; `done` resolves with what was sent. */
  stop(): void;
}

/** Enough connections that a slow answer does not hold the rate back, few enough to stay gentle. */
const MAX_CONNECTIONS = 10;
/** A request that takes this long counts as an error (autocannon's unit: seconds). */
const REQUEST_TIMEOUT_S = 10;

export function startLoad(options: LoadOptions): RunningLoad {
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let instance: ReturnType<typeof autocannon> | undefined;
  const done = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: Math.max(1, Math.min(MAX_CONNECTIONS, Math.ceil(options.rate / 10))),
        overallRate: options.rate,
        duration: options.durationMs / 1000,
        headers: options.headers,
        timeout: REQUEST_TIMEOUT_S,
        skipAggregateResult: true,
      },
      (error) => (error ? reject(error) : resolve({ requests: answered, non2xx, errors })),
    );
    instance.on('response', (_client: unknown, status: number) => {
      answered++;
      if (status < 200 || status > 299) non2xx++;
    });
    instance.on('reqError', () => errors++);
  });
  return {
    get answered() {
      return answered;
    },
    done,
    stop: () => instance?.stop(),
  };
}
