// The state behind the panel against a real service: attach, samples flow, Collect Garbage marks a post-GC
// point, pause stops polling, detach closes the source but keeps the history; the CSV export has it all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseInspectorAddress } from '../../../src/heap/inspector';
import { HeapMonitor, type MonitorChange } from '../../../src/heap/monitor';
import { samplesToCsv } from '../../../src/heap/series/csv';
import { SampleFlag } from '../../../src/heap/series/sampleRing';
import { NodeInspectorSource } from '../../../src/heap/sources/nodeInspectorSource';
import { startService } from '../../fixtures/services/spawnService';

function until(monitor: HeapMonitor, accept: (c: MonitorChange) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const off = monitor.onChange((c) => {
      if (accept(c)) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

test('attach, sample, collect garbage, pause, resume, detach', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  const monitor = new HeapMonitor({ intervalMs: 200, gcEveryMs: 0 }, 1000);
  try {
    const threeSamples = until(monitor, () => monitor.ring.size >= 3, 'three samples');
    const kinds: string[] = [];
    monitor.onChange((c) => kinds.push(c.kind));
    await monitor.attach(await NodeInspectorSource.open(parseInspectorAddress(String(service.inspectPort))));
    assert.equal(kinds[0], 'reset', 'a new target tells the views to reload, not append');
    assert.equal(monitor.status, 'attached');
    assert.match(monitor.target!, /^middleware-service\.mjs \(127\.0\.0\.1:\d+\)$/);
    await threeSamples;

    await monitor.collectGarbage();
    assert.ok(monitor.ring.last()!.flags & SampleFlag.Gc, 'the sample after Collect Garbage is marked');

    monitor.setPaused(true);
    await sleep(300); // a tick in flight may still land
    const paused = monitor.ring.size;
    await sleep(1000);
    assert.equal(monitor.ring.size, paused, 'no sampling while paused');

    monitor.setPaused(false);
    await until(monitor, () => monitor.ring.size > paused, 'sampling to resume');

    await monitor.detach();
    assert.equal(monitor.status, 'detached');
    assert.equal(monitor.target, null);
    const kept = monitor.ring.size;
    await sleep(500);
    assert.equal(monitor.ring.size, kept, 'no sampling after detach; the history stays');
    await assert.rejects(monitor.collectGarbage(), /Nothing is attached/);

    const csv = samplesToCsv(monitor.ring.slice()).trim().split('\n');
    assert.equal(csv[0], 'time,epoch_ms,used_bytes,total_bytes,gc,restart');
    assert.equal(csv.length, kept + 1);
    assert.ok(csv.slice(1).some((line) => line.endsWith(',1,0')), 'the forced GC is in the export');
    assert.match(csv[1]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,\d+,\d+,[01],[01]$/);
  } finally {
    await monitor.dispose();
    await service.kill();
  }
});

test('the target going away shows as reconnecting, with the reason', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  const monitor = new HeapMonitor({ intervalMs: 200, gcEveryMs: 0 }, 1000);
  try {
    await monitor.attach(await NodeInspectorSource.open(parseInspectorAddress(String(service.inspectPort))));
    const away = until(monitor, (c) => c.kind === 'meta' && monitor.status === 'reconnecting', 'the reconnecting status');
    await service.kill();
    await away;
    assert.match(monitor.error!, /connection to 127\.0\.0\.1:\d+ closed; re-attaching when it comes back/);
  } finally {
    await monitor.dispose();
    await service.kill();
  }
});
