// `leaklens fleet` against a real Prometheus scraping real services: it names exactly the leaking instances,
// and no steady one is ever called growing on the way there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/cli';
import { FLEET_JOB_GO, FLEET_JOB_NODE, startFleet, type FleetMember } from './fleetServices';

/** The leaks grow by ~1 MB/s; the issue gives the fleet view three minutes to name them. */
const VERDICT_LIMIT_MS = 180_000;
const POLL_EVERY_MS = 5_000;

interface JsonInstance {
  instance: string;
  job: string;
  runtime: string;
  growing: boolean;
  pattern: string;
  bytesPerMinute: number | null;
}

const fleet = (args: string[]) => runCli(['fleet', ...args]);

const key = (m: { job: string; instance: string }) => `${m.job}/${m.instance}`;

test('fleet: names exactly the leaking Node and Go instances, never a steady one', { timeout: 420_000 }, async (t) => {
  const { prometheus, members } = await startFleet(t, { node: 4, leakingNode: 2, go: 2, leakingGo: 1 });
  const leaking = new Set(members.filter((m) => m.leaking).map(key));
  const selector = `{job=~"${FLEET_JOB_NODE}|${FLEET_JOB_GO}"}`;
  const started = Date.now();
  let last: JsonInstance[] = [];
  let code = -1;
  for (;;) {
    const result = await fleet(['--prometheus', prometheus.url, '--selector', selector, '--window', '3m', '--format', 'json']);
    if (result.code !== 2) {
      code = result.code;
      last = (JSON.parse(result.out) as { instances: JsonInstance[] }).instances;
      const wronglyGrowing = last.filter((v) => v.growing && !leaking.has(key(v)));
      assert.deepEqual(wronglyGrowing, [], `steady instances called growing after ${Date.now() - started} ms`);
      const growing = new Set(last.filter((v) => v.growing).map(key));
      if (growing.size === leaking.size && last.length === members.length) break;
    }
    assert.ok(
      Date.now() - started < VERDICT_LIMIT_MS,
      `not every leak named within ${VERDICT_LIMIT_MS} ms; last answer: ${JSON.stringify(last)} ${result.err}`,
    );
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
  assert.equal(code, 1, 'exit 1 when an instance grows');
  const runtimes = new Map(last.map((v) => [key(v), v.runtime]));
  for (const m of members as FleetMember[]) assert.equal(runtimes.get(key(m)), m.job === FLEET_JOB_GO ? 'go' : 'node', key(m));
  // Ranked: every growing instance before every other one, each with a positive rate.
  const firstSteady = last.findIndex((v) => !v.growing);
  assert.ok(last.slice(0, firstSteady).every((v) => v.bytesPerMinute !== null && v.bytesPerMinute > 0));
  assert.ok(last.slice(firstSteady).every((v) => !v.growing));

  const text = await fleet(['--prometheus', prometheus.url, '--selector', selector, '--window', '3m']);
  assert.equal(text.code, 1);
  for (const m of members.filter((x) => x.leaking))
    assert.match(text.out, new RegExp(`✖ ${m.instance.replace(/\./g, '\\.')} \\(${m.job}\\): growing`));
  assert.match(text.out, /3 of 6 instances growing\./);
});
