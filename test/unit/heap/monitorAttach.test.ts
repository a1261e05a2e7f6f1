// Attach and detach are serialized: a second attach while the first source is still answering a slow sample
// leaves exactly one sampler feeding the history (issue: two samplers and sockets fed one ring).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeapMonitor, type MonitorChange } from '../../../src/heap/monitor';
import type { HeapSample, HeapSource, HeapSourceEvent } from '../../../src/heap/source';

/** A heap source whose samples carry its own id as `total`, answering after `delayMs`. */
function source(id: number, delayMs: number) {
  let closed = false;
  let samples = 0;
  const s: HeapSource & { closed: () => boolean; samples: () => number } = {
    label: `source ${id}`,
    capabilities: { collectGarbage: true, snapshot: false, profile: false },
    sample: () =>
      new Promise<HeapSample>((resolve) => setTimeout(() => (samples++, resolve({ t: Date.now(), used: 1000, total: id })), delayMs)),
    collectGarbage: async () => {},
    onEvent: (_listener: (event: HeapSourceEvent) => void) => () => {},
    close: () => {
      closed = true;
      return Promise.resolve();
    },
    closed: () => closed,
    samples: () => samples,
  };
  return s;
}

test('a second attach while the first waits on a slow sample: only the second feeds the ring', async () => {
  const monitor = new HeapMonitor({ intervalMs: 50, gcEveryMs: 0 });
  const slow = source(1, 300);
  const fast = source(2, 1);
  const first = monitor.attach(slow);
  const second = monitor.attach(fast);
  await Promise.all([first, second]);
  assert.equal(monitor.target, 'source 2');
  assert.ok(slow.closed(), 'the replaced source is closed');
  // Wait on state: five samples of the second source.
  await new Promise<void>((resolve) => {
    const off = monitor.onChange((c: MonitorChange) => c.kind === 'samples' && monitor.ring.size >= 5 && (off(), resolve()));
  });
  assert.deepEqual(new Set(monitor.ring.slice().map((s) => s.total)), new Set([2]));
  await monitor.detach('the debug session "x" ended.');
  assert.equal(monitor.status, 'detached');
  assert.equal(monitor.ended, 'the debug session "x" ended.');
  assert.equal(monitor.error, null);
  assert.ok(monitor.ring.size >= 5, 'the history stays after the target ended');
  await monitor.dispose();
});
