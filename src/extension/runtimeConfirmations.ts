// Runtime evidence on the linter's own findings: a comparison that confirms a finding marks that finding's
// Problems row ("Confirmed at runtime: …") instead of adding a second row for the same bug. Kept per kind of
// target — a Go profile comparison does not wipe what a JS heap snapshot comparison confirmed.
export interface RuntimeConfirmation {
  /** Absolute path of the file of the finding, its 1-based line and column, and its rule. */
  file: string;
  line: number;
  column: number;
  rule: string;
  /** e.g. "Confirmed at runtime: `entries` grew by 9,812 elements (+1.4 MB)." */
  message: string;
}

export type ConfirmationTarget = 'heapsnapshot' | 'pprof';

const keyOf = (file: string, line: number, column: number, rule: string) => `${file}\0${line}\0${column}\0${rule}`;

export class RuntimeConfirmations {
  private readonly byTarget = new Map<ConfirmationTarget, Map<string, RuntimeConfirmation>>();
  private readonly listeners = new Set<() => void>();

  /** Replaces what the comparisons of `target` confirmed. */
  set(target: ConfirmationTarget, confirmations: RuntimeConfirmation[]): void {
    this.byTarget.set(target, new Map(confirmations.map((c) => [keyOf(c.file, c.line, c.column, c.rule), c])));
    this.emit();
  }

  clear(): void {
    this.byTarget.clear();
    this.emit();
  }

  find(file: string, line: number, column: number, rule: string): RuntimeConfirmation | undefined {
    const key = keyOf(file, line, column, rule);
    for (const confirmed of this.byTarget.values()) {
      const c = confirmed.get(key);
      if (c) return c;
    }
    return undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** One per extension host: the snapshot feature writes it, the linter's diagnostics read it. */
export const runtimeConfirmations = new RuntimeConfirmations();
