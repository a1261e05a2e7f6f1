// A comparison on two workers (one per file) gives the comparison of the one-worker path, and fails or is
// cancelled as cleanly; when it runs by itself is decided by file sizes and the host's memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compareSnapshotFiles, compareSchedule, SnapshotAnalysisError, SnapshotCancelledError } from '../../../src/heap/snapshot/runWorker';
import { leakyHeap } from './syntheticSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-parallel-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const before = join(dir, 'before.heapsnapshot');
const afterFile = join(dir, 'after.heapsnapshot');
writeFileSync(before, leakyHeap(3));
writeFileSync(afterFile, leakyHeap(2003));

test('every schedule of the two workers gives the same comparison, with progress from both', async () => {
  const fractions: number[] = [];
  const [sequential, staggered, parallel] = await Promise.all([
    compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { schedule: 'sequential' }),
    compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { schedule: 'staggered' }),
    compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { schedule: 'parallel', onProgress: (_, f) => fractions.push(f) }),
  ]);
  assert.deepEqual(staggered, sequential);
  assert.deepEqual(parallel, sequential);
  assert.equal(parallel.attributions[0]!.variable, 'logs');
  assert.equal(parallel.attributions[0]!.countDelta, 2000);
  assert.ok(fractions.length > 0 && fractions.every((f) => f >= 0 && f <= 1));
});

test('a bad first file fails the comparison with its message; a cancel stops both workers', async () => {
  const missing = join(dir, 'missing.heapsnapshot');
  await assert.rejects(
    compareSnapshotFiles(missing, afterFile, {}, { schedule: 'parallel' }),
    (e: unknown) => e instanceof SnapshotAnalysisError && /No such file/.test((e as Error).message),
  );
  const abort = new AbortController();
  const running = compareSnapshotFiles(before, afterFile, {}, { schedule: 'parallel', signal: abort.signal });
  abort.abort();
  await assert.rejects(running, SnapshotCancelledError);
});

test('staggered by itself, only for big files, with an idle core and the memory; sequential otherwise', () => {
  const MB = 1024 * 1024;
  const idle = { availableBytes: 20_000 * MB, idleCores: 1.2 };
  assert.equal(compareSchedule(60 * MB, 60 * MB, idle), 'sequential');
  assert.equal(compareSchedule(2500 * MB, 2600 * MB, idle), 'staggered');
  assert.equal(compareSchedule(2500 * MB, 2600 * MB, { ...idle, availableBytes: 4_000 * MB }), 'sequential');
  assert.equal(compareSchedule(2500 * MB, 2600 * MB, { ...idle, idleCores: 0.3 }), 'sequential');
});
