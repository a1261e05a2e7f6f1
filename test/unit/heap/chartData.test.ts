import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SampleFlag } from '../../../src/heap/series/sampleRing';
import type { WireSample } from '../../../src/protocol/heap';
import { formatBytes, formatBytesCompact } from '../../../src/common/format';
import { decimate, formatClock, SampleStore, tickStep, toChartData, type XY } from '../../../webview/heap/chartData';

const samples = (n: number, at = 0): WireSample[] => Array.from({ length: n }, (_, i) => [at + i * 1000, 100 + i, 1000, 0]);

test('decimation keeps the extremes of every bucket, in time order, within the budget', () => {
  const points: XY[] = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: i % 100 === 50 ? 1000 : i % 7 }));
  const out = decimate(points, 500);
  assert.ok(out.length <= 500);
  assert.equal(Math.max(...out.map((p) => p.y)), 1000);
  assert.equal(out.filter((p) => p.y === 1000).length, 100, 'every spike survives');
  assert.ok(out.every((p, i) => i === 0 || p.x > out[i - 1]!.x));
  assert.equal(decimate(points.slice(0, 10), 500).length, 10, 'small series untouched');
});

test('the time window cuts from the newest sample; markers and trend line follow', () => {
  const store = new SampleStore(1000);
  const all = samples(300);
  all[100]![3] = SampleFlag.Gc;
  all[250]![3] = SampleFlag.Gc | SampleFlag.Restart;
  store.reset(all, 1000);
  const minute = toChartData(
    store,
    { state: 'growing', text: '', bytesPerMinute: 60_000, line: { from: 0, to: 299_000, slope: 0.001, intercept: 100 } },
    60_000,
  );
  assert.equal(minute.used.length, 61);
  assert.equal(minute.used[0]!.x, 239_000);
  assert.deepEqual(minute.gcPoints, [{ x: 250_000, y: 350 }]);
  assert.deepEqual(minute.restarts, [250_000]);
  assert.deepEqual(minute.trend, [
    { x: 239_000, y: 339 },
    { x: 299_000, y: 399 },
  ]);
  const everything = toChartData(store, undefined, 0);
  assert.equal(everything.used.length, 300);
  assert.equal(everything.gcPoints.length, 2);
  assert.deepEqual(everything.trend, []);
});

test('the store stays bounded under appends', () => {
  const store = new SampleStore(100);
  store.reset([], 100);
  for (let i = 0; i < 1000; i++) store.append(samples(1, i * 1000));
  assert.ok(store.size <= 110);
  assert.equal(store.lastTime, 999_000);
  assert.equal(store.since(995_000).length, 5);
});

test('Go samples give a goroutine line within the window; Node samples none', () => {
  const store = new SampleStore(100);
  store.reset(samples(10), 100);
  assert.deepEqual(toChartData(store, undefined, 0).goroutines, []);
  store.reset(
    Array.from({ length: 10 }, (_, i): WireSample => [i * 5000, 1e6 + i, 1e6 + i, 0, 4 + (i % 3)]),
    100,
  );
  const data = toChartData(store, undefined, 20_000);
  assert.deepEqual(data.goroutines, [
    { x: 25_000, y: 6 },
    { x: 30_000, y: 4 },
    { x: 35_000, y: 5 },
    { x: 40_000, y: 6 },
    { x: 45_000, y: 4 },
  ]);
  assert.deepEqual(
    data.used.map((p) => p.x),
    data.goroutines.map((p) => p.x),
  );
});

test('x range: the chosen window whole (1 h looks like an hour), ticks a round step apart, never repeating a label', () => {
  const store = new SampleStore(1000);
  const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
  store.reset(
    Array.from({ length: 120 }, (_, i) => [t0 + i * 1000, 1e6, 2e6, 0] as [number, number, number, number]),
    1000,
  );
  const hour = toChartData(store, undefined, 3_600_000);
  assert.equal(hour.xMax - hour.xMin, 3_600_000);
  assert.equal(hour.xStep, 600_000);
  const all = toChartData(store, undefined, 0);
  assert.equal(all.xMin, t0);
  // Two samples a second apart: the step stays a whole second, so no two ticks read the same.
  const short = new SampleStore(10);
  short.reset(
    [
      [t0, 1, 1, 0],
      [t0 + 300, 1, 1, 0],
    ],
    10,
  );
  const s = toChartData(short, undefined, 0);
  assert.ok(s.xStep >= 1000 && s.xMax - s.xMin >= 1000);
  const labels = Array.from({ length: 6 }, (_, i) => formatClock(t0 + i * tickStep(300_000), tickStep(300_000)));
  assert.equal(new Set(labels).size, labels.length);
});

test('compact byte labels for narrow panels', () => {
  assert.deepEqual([0, 999, 1500, 23_000_000, 120_000_000, 2_100_000_000].map(formatBytesCompact), [
    '0 B',
    '999 B',
    '1.5 kB',
    '23 MB',
    '120 MB',
    '2.1 GB',
  ]);
  // The one formatter: the panel and the snapshot views agree (issue: 1500 read "2 kB" in one, "1.5 kB" in the other).
  assert.equal(formatBytes(1500), '1.5 kB');
});
