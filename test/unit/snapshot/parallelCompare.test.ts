// A comparison on two workers (one per file) gives the comparison of the one-worker path, and fails or is
// cancelled as cleanly; when it runs by itself is decided by file sizes and the host's memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  compareSnapshotFiles,
  comparesInParallel,
  SnapshotAnalysisError,
  SnapshotCancelledError,
} from '../../../src/heap/snapshot/runWorker';
import { leakyHeap } from './syntheticSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-parallel-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const before = join(dir, 'before.heapsnapshot');
const afterFile = join(dir, 'after.heapsnapshot');
writeFileSync(before, leakyHeap(3));
writeFileSync(afterFile, leakyHeap(2003));

test('two workers give the same comparison as one, with progress from both', async () => {
  const fractions: number[] = [];
  const [one, two] = await Promise.all([
    compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { parallel: false }),
    compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { parallel: true, onProgress: (_, f) => fractions.push(f) }),
  ]);
  assert.deepEqual(two, one);
  assert.equal(two.attributions[0]!.variable, 'logs');
  assert.equal(two.attributions[0]!.countDelta, 2000);
  assert.ok(fractions.length > 0 && fractions.every((f) => f >= 0 && f <= 1));
});

test('a bad first file fails the comparison with its message; a cancel stops both workers', async () => {
  const missing = join(dir, 'missing.heapsnapshot');
  await assert.rejects(
    compareSnapshotFiles(missing, afterFile, {}, { parallel: true }),
    (e: unknown) => e instanceof SnapshotAnalysisError && /No such file/.test((e as Error).message),
  );
  const abort = new AbortController();
  const running = compareSnapshotFiles(before, afterFile, {}, { parallel: true, signal: abort.signal });
  abort.abort();
  await assert.rejects(running, SnapshotCancelledError);
});

test('by itself, only for big files and when the host has memory for both graphs', () => {
  const MB = 1024 * 1024;
  assert.equal(comparesInParallel(60 * MB, 60 * MB, 20_000 * MB), false);
  assert.equal(comparesInParallel(2500 * MB, 2600 * MB, 20_000 * MB), true);
  assert.equal(comparesInParallel(2500 * MB, 2600 * MB, 8_000 * MB), false);
});
