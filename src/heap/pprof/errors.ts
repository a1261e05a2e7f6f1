// Failures of talking to a Go service's /debug/pprof, each with a stable code; the message says what to do.

export type PprofErrorCode =
  | 'bad-address' // the URL cannot be parsed
  | 'remote-refused' // host is not loopback and remote hosts are not allowed
  | 'unreachable' // nothing listens, reset, DNS failure …
  | 'not-pprof' // something answers, but not net/http/pprof
  | 'bad-profile' // the bytes are not a gzip'd pprof heap profile
  | 'timeout';

export class PprofError extends Error {
  constructor(
    readonly code: PprofErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PprofError';
  }
}
