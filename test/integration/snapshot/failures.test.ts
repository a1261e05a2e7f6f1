// Taking a snapshot that cannot complete, and reading files that are not snapshots: one clear error each,
// nothing left on disk, no hang.
import assert from 'node:assert/strict';
import {
  accessSync,
  constants,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SnapshotAnalysisError, summarizeSnapshotFile } from '../../../src/heap/snapshot/runWorker';
import { SnapshotTakeError, takeHeapSnapshot } from '../../../src/heap/snapshot/writer';
import { startService, type RunningService } from '../../fixtures/services/spawnService';
import { connect } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-snapfail-'));
let ballast: RunningService;
before(async () => {
  ballast = await startService('ballast-service.mjs');
});
after(async () => {
  await ballast.kill();
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function assertEmpty(folder: string): void {
  assert.deepEqual(readdirSync(folder), [], `nothing is left in ${folder}`);
}

test('cancelling mid-snapshot removes the partial file and says so', { timeout: 60_000 }, async () => {
  const out = join(dir, 'cancel');
  mkdirSync(out);
  const session = await connect(ballast.inspectPort);
  const abort = new AbortController();
  try {
    await assert.rejects(
      takeHeapSnapshot(session, join(out, 'a.heapsnapshot'), { signal: abort.signal, onBytes: () => abort.abort() }),
      (e: unknown) => e instanceof SnapshotTakeError && e.reason === 'cancelled' && /cancelled; no file was kept/.test(e.message),
    );
  } finally {
    await session.close();
  }
  assertEmpty(out);
});

test('the target dying mid-snapshot: partial file removed, the message says the target went away', { timeout: 60_000 }, async () => {
  const victim = await startService('ballast-service.mjs');
  const out = join(dir, 'kill');
  mkdirSync(out);
  const session = await connect(victim.inspectPort);
  let killed: Promise<void> | undefined;
  try {
    await assert.rejects(
      takeHeapSnapshot(session, join(out, 'a.heapsnapshot'), { onProgress: () => void (killed ??= victim.kill()) }),
      (e: unknown) => e instanceof SnapshotTakeError && e.reason === 'target-gone' && /target went away/.test(e.message),
    );
  } finally {
    await killed;
    await session.close();
  }
  assertEmpty(out);
});

/** A folder this process cannot write to: a 0555 folder, or — as root, who ignores modes — /sys. */
function readOnlyFolder(): string {
  const folder = join(dir, 'readonly');
  mkdirSync(folder);
  chmodSync(folder, 0o555);
  try {
    accessSync(folder, constants.W_OK);
    return '/sys';
  } catch {
    return folder;
  }
}

test('a read-only output folder: a clear message, no file', { timeout: 60_000 }, async () => {
  const folder = readOnlyFolder();
  const before = readdirSync(folder);
  const session = await connect(ballast.inspectPort);
  try {
    await assert.rejects(
      takeHeapSnapshot(session, join(folder, 'a.heapsnapshot')),
      (e: unknown) =>
        e instanceof SnapshotTakeError &&
        e.reason === 'write-failed' &&
        /folder is not writable \(E(ACCES|PERM|ROFS)\)\. Choose another output folder\./.test(e.message),
    );
    // The session is still usable afterwards: nothing was started on the target.
    assert.ok(await session.send('Runtime.evaluate', { expression: '1+1' }));
  } finally {
    await session.close();
  }
  assert.deepEqual(readdirSync(folder), before);
});

test('the disk filling up mid-write: the partial file is removed, the message says the disk is full', { timeout: 60_000 }, async () => {
  // /dev/full fails every write with ENOSPC: the partial file's name points there, as a full disk would behave.
  const out = join(dir, 'full');
  mkdirSync(out);
  symlinkSync('/dev/full', join(out, 'a.heapsnapshot.partial'));
  const session = await connect(ballast.inspectPort);
  try {
    await assert.rejects(
      takeHeapSnapshot(session, join(out, 'a.heapsnapshot')),
      (e: unknown) =>
        e instanceof SnapshotTakeError &&
        e.reason === 'write-failed' &&
        /^The disk is full: the snapshot could not be written to .*a\.heapsnapshot\. Free some space or choose another folder\.$/.test(
          e.message,
        ),
    );
  } finally {
    await session.close();
  }
  assertEmpty(out);
});

test(
  'truncated, malformed, empty and missing snapshot files: a clear error from the worker, no crash, no hang',
  { timeout: 60_000 },
  async () => {
    const good = join(dir, 'good.heapsnapshot');
    const small = await startService('logger-service.mjs');
    const session = await connect(small.inspectPort);
    try {
      await takeHeapSnapshot(session, good);
    } finally {
      await session.close();
      await small.kill();
    }
    const text = readFileSync(good);
    const cases: [string, Buffer | string | undefined, RegExp][] = [
      [
        'truncated',
        text.subarray(0, Math.floor(text.length / 2)),
        /^The snapshot is truncated \(it ends inside "\w+" after \d+ bytes\)\.$/,
      ],
      ['empty', '', /^The file is empty\.$/],
      ['html', '<html>not a snapshot</html>', /^Malformed heap snapshot: a heap snapshot starts with "\{"/],
      ['json', '{"hello":"world"}', /^This is not a V8 heap snapshot: it has no "snapshot"\.$/],
      ['missing', undefined, /^No such file: .*missing\.heapsnapshot\.$/],
    ];
    for (const [name, content, pattern] of cases) {
      const file = join(dir, `${name}.heapsnapshot`);
      if (content !== undefined) writeFileSync(file, content);
      await assert.rejects(
        summarizeSnapshotFile(file),
        (e: unknown) => e instanceof SnapshotAnalysisError && pattern.test(e.message),
        name,
      );
    }
    const summary = await summarizeSnapshotFile(good);
    assert.ok(summary.nodeCount > 1000 && summary.bySelf.length > 0, 'the intact file still parses');
  },
);
