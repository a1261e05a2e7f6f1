// Failures of the inspector connection, each with a stable code so callers (panel, CLI) can react
// without parsing messages. The message itself is written for the user: what happened and what to do.

export type InspectorErrorCode =
  | 'closed-port' // nothing listens there
  | 'not-inspector' // something answers, but it is not a V8 inspector
  | 'remote-refused' // host is not loopback and remote hosts are not allowed
  | 'no-target' // an inspector with nothing to attach to
  | 'unreachable' // DNS failure, reset, unreachable network …
  | 'timeout'
  | 'bad-address'; // the typed address cannot be parsed

export class InspectorError extends Error {
  constructor(
    readonly code: InspectorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InspectorError';
  }
}
