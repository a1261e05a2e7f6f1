// What a CLI command may touch of the outside world, so tests can run commands in-process.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** Colour the human output (ANSI); decided once from the terminal and NO_COLOR/FORCE_COLOR (see color.ts). */
  color?: boolean;
  /**
   * A transient status line on stderr (replaced by the next one; '' clears it). Set only when stderr is a
   * terminal, so piped and CI output never carries it.
   */
  progress?(line: string): void;
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}
