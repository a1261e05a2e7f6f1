// takeHeapSnapshot on a long-lived (pooled) session: what each snapshot attaches to the session goes away
// with the snapshot. The target here is a scripted CDP peer that answers takeHeapSnapshot with a few
// chunks; the real-inspector paths (cancel, target gone, disk full) are in test/integration/snapshot.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CdpSession } from '../../../src/heap/cdpSession';
import { SnapshotTakeError, takeHeapSnapshot } from '../../../src/heap/snapshot/writer';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-writer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A session whose target sends `chunks` for each snapshot. `continuations` counts the callbacks ever
 * attached to its `closed` promise (by `.then`, which `await`, `Promise.race` and `.catch` all go through):
 * a promise keeps each of them until it settles, and a pooled session's settles only when it closes.
 */
function scriptedSession(chunks = ['{"snapshot":', '{}}']) {
  const listeners = new Map<string, Set<(params: object) => void>>();
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const counter = { continuations: 0 };
  const then = closed.then.bind(closed);
  closed.then = ((onFulfilled, onRejected) => {
    counter.continuations++;
    return then(onFulfilled, onRejected);
  }) as typeof closed.then;
  const emit = (event: string, params: object) => listeners.get(event)?.forEach((l) => l(params));
  const session: CdpSession = {
    closed,
    async send<T>(method: string): Promise<T> {
      assert.equal(method, 'HeapProfiler.takeHeapSnapshot');
      await new Promise((resolve) => setImmediate(resolve));
      chunks.forEach((chunk, i) => {
        emit('HeapProfiler.reportHeapSnapshotProgress', { done: i + 1, total: chunks.length });
        emit('HeapProfiler.addHeapSnapshotChunk', { chunk });
      });
      return {} as T;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    close() {
      close();
      return Promise.resolve();
    },
  };
  return { session, counter, listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0), close };
}

test('many snapshots on one session attach one close watch, not one per snapshot', async () => {
  const { session, counter, listenerCount } = scriptedSession();
  const snapshots = 200;
  for (let i = 0; i < snapshots; i++) {
    const bytes = await takeHeapSnapshot(session, join(dir, `pooled-${i}.heapsnapshot`));
    assert.equal(bytes, '{"snapshot":{}}'.length);
  }
  assert.equal(counter.continuations, 1, `continuations on session.closed after ${snapshots} snapshots`);
  assert.equal(listenerCount(), 0, 'every event listener is removed after its snapshot');
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('pooled-')).length, snapshots);
});

test('failed snapshots on a pooled session do not attach continuations either', async () => {
  const { session, counter } = scriptedSession([]);
  const refusing: CdpSession = { ...session, send: () => Promise.reject(new Error('HeapProfiler.takeHeapSnapshot: busy')) };
  for (let i = 0; i < 5; i++) {
    await assert.rejects(
      takeHeapSnapshot(session, join(dir, `empty-${i}.heapsnapshot`)),
      (e: unknown) => e instanceof SnapshotTakeError && /empty snapshot/.test(e.message),
    );
    await assert.rejects(
      takeHeapSnapshot(refusing, join(dir, `empty-r${i}.heapsnapshot`)),
      (e: unknown) => e instanceof SnapshotTakeError && /refused the snapshot: .*busy/.test(e.message),
    );
  }
  assert.ok(counter.continuations <= 1, `continuations on session.closed: ${counter.continuations}`);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('empty-')),
    [],
    'no partial file is left',
  );
});

test('the session closing mid-snapshot still fails that snapshot as target-gone', async () => {
  const scripted = scriptedSession();
  await takeHeapSnapshot(scripted.session, join(dir, 'before-close.heapsnapshot'));
  const hanging: CdpSession = { ...scripted.session, send: () => new Promise(() => {}) };
  const taking = takeHeapSnapshot(hanging, join(dir, 'closing.heapsnapshot'));
  setImmediate(scripted.close);
  await assert.rejects(taking, (e: unknown) => e instanceof SnapshotTakeError && e.reason === 'target-gone');
  await assert.rejects(
    takeHeapSnapshot(hanging, join(dir, 'after-close.heapsnapshot')),
    (e: unknown) => e instanceof SnapshotTakeError && e.reason === 'target-gone',
    'a snapshot on an already closed session fails at once too',
  );
  assert.equal(scripted.counter.continuations, 1);
});
