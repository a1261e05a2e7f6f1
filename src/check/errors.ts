// Failures of a check that are the user's to fix (a service that does not start, a URL that never answers,
// a refused host …): each has a stable code and a message that says what happened and what to do. The CLI
// prints the message alone and exits 2.

export type CheckErrorCode =
  | 'bad-input' // an option or a baseline file that cannot be used
  | 'remote-refused' // a non-loopback URL without --allow-remote
  | 'service-exited' // the started command ended before or during the check
  | 'not-answering' // the URL never answered
  | 'no-inspector' // a Node service printed no inspector address
  | 'heap-source' // the inspector or pprof endpoint could not be used
  | 'load-failed' // the load could not be driven (no request succeeded)
  | 'cancelled';

export class CheckError extends Error {
  constructor(
    readonly code: CheckErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckError';
  }
}
