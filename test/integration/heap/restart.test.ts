// kill -9 the target and start it again on the same inspector port, 20 times: every restart is marked,
// the source re-attaches by itself, and afterwards no socket or timer is left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInspectorAddress } from '../../../src/heap/inspector';
import { HeapSampler, type SamplerEvent } from '../../../src/heap/sampler';
import { SampleFlag, SampleRing } from '../../../src/heap/series/sampleRing';
import { NodeInspectorSource } from '../../../src/heap/sources/nodeInspectorSource';
import { startService } from '../../fixtures/services/spawnService';

/** Kinds of live handles (sockets, timers, …) with their counts. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function nextEvent(sampler: HeapSampler, accept: (e: SamplerEvent) => boolean, what: string, timeoutMs = 15_000): Promise<SamplerEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = sampler.onEvent((e) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

test('20 kill -9 + restarts on the same port: each marked, re-attached, nothing leaked', { timeout: 180_000 }, async () => {
  const before = resources();
  let service = await startService('middleware-service.mjs', ['steady']);
  const port = service.inspectPort;
  const source = await NodeInspectorSource.open(parseInspectorAddress(String(port)));
  const ring = new SampleRing(1000);
  const sampler = new HeapSampler(source, ring, { intervalMs: 100, gcEveryMs: 0 });
  sampler.start();
  try {
    await nextEvent(sampler, (e) => e.kind === 'sample', 'the first sample');
    for (let i = 0; i < 20; i++) {
      const disconnected = nextEvent(sampler, (e) => e.kind === 'disconnected', `disconnect #${i + 1}`);
      await service.kill();
      await disconnected;
      const restartSample = nextEvent(sampler, (e) => e.kind === 'sample' && Boolean(e.sample.flags & SampleFlag.Restart), `the restart-marked sample #${i + 1}`);
      const reconnected = nextEvent(sampler, (e) => e.kind === 'reconnected', `re-attach #${i + 1}`);
      service = await startService('middleware-service.mjs', ['steady'], { inspectPort: port });
      const event = await reconnected;
      assert.ok(event.kind === 'reconnected' && event.restarted, 'a new process is a restart');
      await restartSample;
    }
    const marked = ring.slice().filter((s) => s.flags & SampleFlag.Restart);
    assert.equal(marked.length, 20);
  } finally {
    await sampler.dispose();
    await source.close();
    await service.kill();
  }
  // Closed sockets leave the handle list on the next turns of the loop.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = resources();
  console.log('live resources before', JSON.stringify(before), 'after', JSON.stringify(after));
  for (const kind of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (kind === 'Timeout' || /TCP|Pipe|Process/.test(kind)) assert.ok((after[kind] ?? 0) <= (before[kind] ?? 0), `${kind}: ${before[kind] ?? 0} before, ${after[kind] ?? 0} after`);
  }
});
