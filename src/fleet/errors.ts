// Failures of talking to Prometheus, each with a stable code; the message says what happened and what to do.

export type FleetErrorCode =
  | 'bad-address' // the URL cannot be parsed or is not http(s)
  | 'remote-refused' // host is not loopback and remote hosts are not allowed
  | 'unreachable' // nothing listens, reset, DNS or TLS failure …
  | 'not-prometheus' // something answers, but not Prometheus's HTTP API
  | 'query-failed' // Prometheus refused the query (bad selector, limits)
  | 'too-many' // more instances than the bounded query allows
  | 'timeout';

export class FleetError extends Error {
  constructor(
    readonly code: FleetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FleetError';
  }
}
