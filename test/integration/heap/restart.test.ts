// kill -9 the target and start it again on the same inspector port, 20 times: every restart is marked,
// the source re-attaches by itself, and afterwards no socket or timer is left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInspectorAddress } from '../../../src/heap/inspector';
import { HeapSampler, type SamplerEvent } from '../../../src/heap/sampler';
import { SampleFlag, SampleRing } from '../../../src/heap/series/sampleRing';
import { NodeInspectorSource } from '../../../src/heap/sources/nodeInspectorSource';
import { startService } from '../../fixtures/services/spawnService';
import { nextEvent as nextMatching, until } from '../../support/events';

/** Kinds of live handles (sockets, timers, …) with their counts. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds whose count must come back to where it was: sockets, pipes, child processes and timers. */
const tracked = (kind: string): boolean => kind === 'Timeout' || /TCP|Pipe|Process/.test(kind);

function leftBehind(before: Record<string, number>, after: Record<string, number>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((kind) => tracked(kind) && (after[kind] ?? 0) > (before[kind] ?? 0))
    .map((kind) => `${kind}: ${before[kind] ?? 0} before, ${after[kind] ?? 0} after`);
}

function nextEvent(sampler: HeapSampler, accept: (e: SamplerEvent) => boolean, what: string): Promise<SamplerEvent> {
  return nextMatching((listener) => sampler.onEvent(listener), accept, what);
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
      const restartSample = nextEvent(
        sampler,
        (e) => e.kind === 'sample' && Boolean(e.sample.flags & SampleFlag.Restart),
        `the restart-marked sample #${i + 1}`,
      );
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
  // Closed sockets leave the handle list on later turns of the loop (how many depends on the machine's
  // load): wait for the counts to come back; a leak keeps them up and fails with the counts.
  await until(() => leftBehind(before, resources()).length === 0, 'the sockets and timers to be released', { timeoutMs: 10_000 }).catch(
    () => {
      assert.fail(`left behind: ${leftBehind(before, resources()).join('; ')}`);
    },
  );
  console.log('live resources before', JSON.stringify(before), 'after', JSON.stringify(resources()));
});
