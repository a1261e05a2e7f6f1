// The phases of a snapshot job, shared by the worker thread (worker.ts) and the CLI's in-thread comparison
// (compareInThread.ts): reading a file with progress, and the one message a failure gives the user.
import { SnapshotAnalysis } from './analysis';
import { SnapshotFormatError, type RawSnapshot } from './graph';
import { parseSnapshotFile } from './tokenizer';

export type Progress = (message: string, fraction: number) => void;

/** Reads `file`, reporting progress from `from` to 80% of the way to `to` (the analysis takes the rest). */
export function readSnapshot(file: string, label: string, from: number, to: number, progress: Progress): RawSnapshot {
  let lastFraction = -1;
  const raw = parseSnapshotFile(file, ({ bytesRead, totalBytes }) => {
    const fraction = from + ((to - from) * 0.8 * bytesRead) / Math.max(totalBytes, 1);
    if (fraction - lastFraction >= 0.01) {
      lastFraction = fraction;
      progress(`Reading ${label}`, fraction);
    }
  });
  progress(`Computing retained sizes of ${label}`, from + (to - from) * 0.8);
  return raw;
}

export const analyzeSnapshot = (file: string, label: string, from: number, to: number, progress: Progress) =>
  new SnapshotAnalysis(readSnapshot(file, label, from, to, progress));

/** What the user is told when a job fails: the file's problem in its own words, never a stack trace. */
export function failureMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return error instanceof SnapshotFormatError
    ? error.message
    : e.code === 'ENOENT'
      ? `No such file: ${e.path}.`
      : e.code
        ? `Cannot read ${e.path ?? 'the snapshot'}: ${e.code}.`
        : `The snapshot could not be analysed: ${e.message}`;
}
