// Heap profiles as snapshot files: written whole or not at all (FILE.partial, then renamed), and
// recognised by their gzip header when read back.
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PprofError } from './errors';
import { decodeHeapProfile, type HeapProfile, isGzip } from './profile';

export function writeProfileFile(file: string, bytes: Uint8Array): void {
  decodeHeapProfile(bytes); // never leave a file that compare cannot read
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Whether a file starts like a gzip'd pprof profile (heap snapshots start with `{`). */
export function isProfileFile(file: string): boolean {
  const head = Buffer.alloc(2);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false; // the snapshot reader reports missing files in its own words
  }
  try {
    return readSync(fd, head, 0, 2, 0) === 2 && isGzip(head);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

export function readProfileFile(file: string): HeapProfile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new PprofError('bad-profile', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return decodeHeapProfile(bytes);
  } catch (error) {
    throw new PprofError('bad-profile', `${file}: ${(error as Error).message}`);
  }
}

/** `.leaklens/snapshots/<host>-<port>-<time>.pb.gz`-style name for a profile of `host`. */
export function profileFileName(host: string, at: Date): string {
  return `${host.replace(/[^\w.-]+/g, '-')}-${at.toISOString().replace(/[:.]/g, '-')}.pb.gz`;
}
