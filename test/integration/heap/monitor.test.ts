// The state behind the panel against a real service: attach, samples flow, Collect Garbage marks a post-GC
// point, pause stops polling, detach closes the source but keeps the history; the CSV export has it all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInspectorAddress } from '../../../src/heap/inspector';
import { HeapMonitor, type MonitorChange } from '../../../src/heap/monitor';
import { HeapSampler, type SamplerEvent } from '../../../src/heap/sampler';
import { samplesToCsv } from '../../../src/heap/series/csv';
import { SampleFlag, SampleRing } from '../../../src/heap/series/sampleRing';
import { NodeInspectorSource } from '../../../src/heap/sources/nodeInspectorSource';
import { startService } from '../../fixtures/services/spawnService';
import { nextEvent } from '../../support/events';

function until(monitor: HeapMonitor, accept: (c: MonitorChange) => boolean, what: string): Promise<MonitorChange> {
  return nextEvent((listener) => monitor.onChange(listener), accept, what);
}

/**
 * A second sampler on the same target at the same cadence, the clock for "nothing happened": once it has
 * taken n samples, a sampler that was still polling would have taken about as many, at whatever pace the
 * machine allows (a fixed sleep would be too short under load, or make the test slow when idle).
 */
async function controlClock(port: number, intervalMs: number) {
  const source = await NodeInspectorSource.open(parseInspectorAddress(String(port)));
  const sampler = new HeapSampler(source, new SampleRing(100), { intervalMs, gcEveryMs: 0 });
  sampler.start();
  return {
    async samples(n: number): Promise<void> {
      for (let i = 0; i < n; i++)
        await nextEvent<SamplerEvent>(
          (listener) => sampler.onEvent(listener),
          (e) => e.kind === 'sample',
          `control sample ${i + 1} of ${n}`,
        );
    },
    async dispose(): Promise<void> {
      await sampler.dispose();
      await source.close();
    },
  };
}

test('attach, sample, collect garbage, pause, resume, detach', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  const monitor = new HeapMonitor({ intervalMs: 200, gcEveryMs: 0 }, 1000);
  const clock = await controlClock(service.inspectPort, 200);
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
    const atPause = monitor.ring.size;
    await clock.samples(3);
    const paused = monitor.ring.size;
    assert.ok(paused - atPause <= 1, `only a tick already in flight may land after the pause (${paused - atPause} did)`);
    await clock.samples(5);
    assert.equal(monitor.ring.size, paused, 'no sampling while paused');

    monitor.setPaused(false);
    await until(monitor, () => monitor.ring.size > paused, 'sampling to resume');

    await monitor.detach();
    assert.equal(monitor.status, 'detached');
    assert.equal(monitor.target, null);
    const kept = monitor.ring.size;
    await clock.samples(5);
    assert.equal(monitor.ring.size, kept, 'no sampling after detach; the history stays');
    await assert.rejects(monitor.collectGarbage(), /Nothing is attached/);

    const csv = samplesToCsv(monitor.ring.slice()).trim().split('\n');
    assert.equal(csv[0], 'time,epoch_ms,used_bytes,total_bytes,gc,restart');
    assert.equal(csv.length, kept + 1);
    assert.ok(
      csv.slice(1).some((line) => line.endsWith(',1,0')),
      'the forced GC is in the export',
    );
    assert.match(csv[1]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,\d+,\d+,[01],[01]$/);
  } finally {
    await clock.dispose();
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
