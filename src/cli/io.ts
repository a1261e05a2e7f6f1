// What a CLI command may touch of the outside world, so tests can run commands in-process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}
