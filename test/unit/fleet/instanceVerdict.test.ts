// One instance's verdict from its Prometheus series: post-GC points from the GC counter, the envelope when
// there is none, restarts, the restart sawtooth and the time left to the limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeInstance, resample, type InstanceSeries } from '../../../src/fleet/instanceVerdict';

const MB = 1024 * 1024;
const STEP = 5; // seconds
const T0 = 1_800_000_000;

/**
 * `minutes` of 5 s steps: garbage piles up between full GCs (every `gcEvery` steps) and drops back to a
 * post-GC level that rises by `leakPerMinute`.
 */
function series(options: { minutes: number; leakPerMinute: number; gcEvery?: number; withGc?: boolean; base?: number }): InstanceSeries {
  const { minutes, leakPerMinute, gcEvery = 4, withGc = true, base = 40 * MB } = options;
  const heap: Array<[number, number]> = [];
  const gcCounts = new Map<number, number>();
  let gcs = 0;
  for (let i = 0; i < (minutes * 60) / STEP; i++) {
    const t = T0 + i * STEP;
    const live = base + (leakPerMinute * i * STEP) / 60;
    const sinceGc = i % gcEvery;
    if (sinceGc === 0 && i > 0) gcs++;
    heap.push([t, live + sinceGc * 3 * MB]);
    if (gcs > 0) gcCounts.set(t, gcs);
  }
  return { instance: '10.0.0.1:9100', job: 'api', runtime: 'node', heap, ...(withGc ? { gcCounts } : {}) };
}

test('a post-GC level rising 10 MB/min is growing, at about that rate', () => {
  const v = judgeInstance(series({ minutes: 5, leakPerMinute: 10 * MB }));
  assert.equal(v.growing, true);
  assert.equal(v.pattern, 'growing');
  assert.equal(v.baselineKind, 'gc');
  assert.ok(Math.abs(v.bytesPerMinute! - 10 * MB) < 0.5 * MB, `rate ${v.bytesPerMinute}`);
});

test('garbage between GCs with a flat post-GC level is steady', () => {
  const v = judgeInstance(series({ minutes: 5, leakPerMinute: 0 }));
  assert.equal(v.growing, false);
  assert.equal(v.pattern, 'steady');
});

test('a counter that appears at the first major GC (prom-client) counts that GC', () => {
  const s = series({ minutes: 5, leakPerMinute: 10 * MB });
  assert.ok(!s.gcCounts!.has(T0), 'no counter before the first GC');
  assert.equal(judgeInstance(s).baselinePoints, judgeInstance({ ...s, gcCounts: new Map([[T0, 0], ...s.gcCounts!]) }).baselinePoints);
});

test('no GC metrics: the lower envelope alone, and said so', () => {
  const v = judgeInstance(series({ minutes: 5, leakPerMinute: 10 * MB, withGc: false }));
  assert.equal(v.baselineKind, 'envelope');
  assert.equal(v.growing, true);
});

test('an instance with a GC counter but no full GC yet is still collecting', () => {
  const s = series({ minutes: 2, leakPerMinute: 10 * MB });
  const v = judgeInstance({ ...s, gcCounts: new Map() });
  assert.equal(v.pattern, 'collecting');
  assert.equal(v.growing, false);
  assert.equal(v.bytesPerMinute, null);
});

/** Three lives of `minutes` each, every one climbing from 40 MB by `leakPerMinute`. */
function restartingSeries(minutes: number, leakPerMinute: number, lives: number): InstanceSeries {
  const one = series({ minutes, leakPerMinute });
  const perLife = one.heap.length;
  const heap: Array<[number, number]> = [];
  const gcCounts = new Map<number, number>();
  const startTimes = new Map<number, number>();
  const rss = new Map<number, number>();
  for (let life = 0; life < lives; life++) {
    one.heap.forEach(([t, v]) => {
      const at = t + life * perLife * STEP;
      heap.push([at, v]);
      const count = one.gcCounts!.get(t);
      if (count !== undefined) gcCounts.set(at, count);
      startTimes.set(at, T0 + life * perLife * STEP);
      rss.set(at, v + 30 * MB);
    });
  }
  return { instance: '10.0.0.2:9100', job: 'api', runtime: 'go', heap, gcCounts, startTimes, rss };
}

test('restarts split the series: only the current life is judged, and they are counted', () => {
  const v = judgeInstance(restartingSeries(3, 0, 3));
  assert.equal(v.restarts, 2);
  assert.equal(v.pattern, 'steady');
});

test('lives that each end near the memory limit are a restart sawtooth, and growing', () => {
  const s = restartingSeries(3, 20 * MB, 3);
  const peakRss = Math.max(...s.rss!.values());
  const v = judgeInstance({ ...s, limitBytes: Math.round(peakRss / 0.9) });
  assert.equal(v.pattern, 'restart-sawtooth');
  assert.equal(v.growing, true);
  assert.equal(v.restarts, 2);
});

test('lives far below the limit are not a sawtooth', () => {
  const s = restartingSeries(3, 0, 3);
  const v = judgeInstance({ ...s, limitBytes: 10 * Math.max(...s.rss!.values()) });
  assert.equal(v.pattern, 'steady');
});

test('minutes to the limit: the headroom over the rate, only when growing', () => {
  const s = series({ minutes: 5, leakPerMinute: 10 * MB });
  const lastT = s.heap[s.heap.length - 1]![0];
  const v = judgeInstance({ ...s, rss: new Map([[lastT, 200 * MB]]), limitBytes: 500 * MB });
  assert.ok(v.minutesToLimit !== null && Math.abs(v.minutesToLimit - 30) < 2, `minutes ${v.minutesToLimit}`);
  const steady = series({ minutes: 5, leakPerMinute: 0 });
  assert.equal(judgeInstance({ ...steady, rss: new Map([[lastT, 200 * MB]]), limitBytes: 500 * MB }).minutesToLimit, null);
});

test('the sparkline keeps the envelope: bucket minima, not spikes', () => {
  assert.deepEqual(resample([5, 1, 9, 2, 8, 3], 3), [1, 2, 3]);
  assert.deepEqual(resample([1, 2], 5), [1, 2]);
});
