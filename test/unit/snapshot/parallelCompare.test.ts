// A comparison on two workers (one per file), or on the caller's thread, gives the same comparison, and fails or
// is cancelled as cleanly; when it runs by itself is decided by file sizes and the host's memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compareInThread } from '../../../src/heap/snapshot/compareInThread';
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

test("on the caller's thread, with forced collections, the comparison is the workers' one", async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void; // the real collector, as the CLI's tuned process has it
  const fractions: number[] = [];
  const inThread = compareInThread(before, afterFile, { minGrowthBytes: 1 }, gc, (_, f) => fractions.push(f));
  assert.deepEqual(inThread, await compareSnapshotFiles(before, afterFile, { minGrowthBytes: 1 }, { schedule: 'sequential' }));
  assert.ok(fractions.length > 0 && fractions.every((f, i) => f >= 0 && f <= 1 && f >= (fractions[i - 1] ?? 0)));
  assert.throws(
    () => compareInThread(join(dir, 'missing.heapsnapshot'), afterFile, {}, gc),
    (e: unknown) => e instanceof SnapshotAnalysisError && /No such file/.test((e as Error).message),
  );
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
