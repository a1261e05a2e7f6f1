import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeTrend } from '../../../src/heap/format';
import { columnsOf, SampleFlag, type StoredSample } from '../../../src/heap/series/sampleRing';
import { theilSen } from '../../../src/heap/trend/theilSen';
import { DEFAULT_VERDICT_OPTIONS, judgeTrend, type VerdictOptions } from '../../../src/heap/trend/verdict';

const MB = 1e6;
const judge = (samples: StoredSample[], options?: VerdictOptions) => judgeTrend(columnsOf(samples), options);
/** 1 Hz samples for `seconds`; `baseline(s)` is the post-GC level, GC forced every `gcEvery` s when given. */
function series(
  seconds: number,
  baseline: (s: number) => number,
  opts: { gcEvery?: number; garbagePerSecond?: number; naturalGcEvery?: number } = {},
): StoredSample[] {
  const out: StoredSample[] = [];
  let sinceGc = 0;
  for (let s = 0; s < seconds; s++) {
    const forced = opts.gcEvery !== undefined && s > 0 && s % opts.gcEvery === 0;
    const natural = opts.naturalGcEvery !== undefined && s > 0 && s % opts.naturalGcEvery === 0;
    if (forced || natural) sinceGc = 0;
    out.push({
      t: 1_700_000_000_000 + s * 1000,
      used: baseline(s) + sinceGc * (opts.garbagePerSecond ?? 0),
      total: 64 * MB,
      flags: forced ? SampleFlag.Gc : 0,
    });
    sinceGc++;
  }
  return out;
}

test('Theil–Sen: exact on a line, unmoved by one wild point', () => {
  const line = [0, 1, 2, 3, 4, 5, 6].map((t) => ({ t, y: 3 * t + 2 }));
  assert.deepEqual(theilSen(line), { slope: 3, intercept: 2 });
  line[3] = { t: 3, y: 1000 };
  assert.equal(theilSen(line).slope, 3);
  assert.ok(Number.isNaN(theilSen([{ t: 1, y: 1 }]).slope));
});

test('flat post-GC baseline with garbage piling up between forced GCs: steady', () => {
  const trend = judge(series(60, () => 3 * MB, { gcEvery: 5, garbagePerSecond: 0.4 * MB }));
  assert.equal(trend.state, 'steady');
  assert.equal(trend.baselineKind, 'forced');
  assert.ok(Math.abs(trend.bytesPerMinute) < 1e3);
  assert.match(describeTrend(trend, 4), /^steady: post-GC heap 3\.0 MB/);
});

test('linear growth of the post-GC baseline: growing, with the right rate', () => {
  const trend = judge(series(30, (s) => 6 * MB + s * 2 * MB, { gcEvery: 5, garbagePerSecond: 1 * MB }));
  assert.equal(trend.state, 'growing');
  assert.ok(Math.abs(trend.bytesPerMinute - 120 * MB) < 1, String(trend.bytesPerMinute));
  assert.equal(describeTrend(trend, 4), 'growing ≈ 120.0 MB/min over the last 20 s');
});

test('sawtooth of natural GCs (no forced GC): judged on the minima', () => {
  const flat = judge(series(120, () => 3 * MB, { naturalGcEvery: 15, garbagePerSecond: 0.5 * MB }));
  assert.equal(flat.baselineKind, 'natural');
  assert.equal(flat.state, 'steady');
  const rising = judge(series(120, (s) => 3 * MB + s * 0.1 * MB, { naturalGcEvery: 15, garbagePerSecond: 0.5 * MB }));
  assert.equal(rising.state, 'growing');
  assert.ok(Math.abs(rising.bytesPerMinute - 6 * MB) < 0.1 * MB, String(rising.bytesPerMinute));
});

test('no GC seen yet: collecting, and says what it waits for', () => {
  const trend = judge(series(30, (s) => 3 * MB + s * MB)); // raw rise, no drop, no forced GC
  assert.equal(trend.state, 'collecting');
  assert.match(describeTrend(trend, 4), /waiting for garbage collections/);
});

test('one spike is not a leak', () => {
  const samples = series(60, () => 3 * MB, { gcEvery: 5 });
  const spike = samples.findIndex((s, i) => i > 30 && s.flags & SampleFlag.Gc);
  samples[spike]!.used = 40 * MB;
  assert.equal(judge(samples).state, 'steady');
});

test('warm-up that levels off is not a leak', () => {
  const trend = judge(series(90, (s) => 3 * MB + Math.min(s, 25) * 0.4 * MB, { gcEvery: 5 }));
  assert.equal(trend.state, 'steady');
});

test('too few points or too short a span: collecting', () => {
  assert.equal(judge(series(16, (s) => s * 5 * MB, { gcEvery: 5 })).state, 'collecting'); // 3 points
  assert.equal(
    judge(
      series(12, (s) => s * 5 * MB, { gcEvery: 2 }),
      { ...DEFAULT_VERDICT_OPTIONS, minSpanMs: 30_000 },
    ).state,
    'collecting',
  );
});

test('a restart starts the judgement over: growth before it is forgotten', () => {
  const before = series(40, (s) => 5 * MB + s * 2 * MB, { gcEvery: 5 });
  assert.equal(judge(before).state, 'growing');
  const after = series(12, () => 4 * MB, { gcEvery: 5 }).map((s) => ({ ...s, t: s.t + 40_000 }));
  after[0]!.flags |= SampleFlag.Restart;
  const trend = judge([...before, ...after]);
  assert.equal(trend.state, 'collecting');
  assert.ok(trend.baseline.every((p) => p.t >= after[0]!.t));
});

/** Deterministic noise in [-1, 1) (a small LCG), so the cases below are the same on every run. */
function noise(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1;
}

for (const heap of [20 * MB, 500 * MB, 2000 * MB]) {
  const label = `${heap / MB} MB`;
  test(`heap of ${label}: a 3 MB/min leak is growing within a minute; its steady twin never is`, () => {
    const jitter = noise(heap);
    const leak = series(60, (s) => heap + s * 0.05 * MB + jitter() * 0.3 * MB, { gcEvery: 5, garbagePerSecond: 2 * MB });
    const trend = judge(leak);
    assert.equal(trend.state, 'growing', describeTrend(trend, 4));
    assert.ok(Math.abs(trend.bytesPerMinute - 3 * MB) < 1 * MB, String(trend.bytesPerMinute));
    const twinJitter = noise(heap + 1);
    const steady = series(600, () => heap + twinJitter() * 0.3 * MB, { gcEvery: 5, garbagePerSecond: 2 * MB });
    // Judged after every sample, as the panel does: not once growing.
    for (let n = 20; n <= steady.length; n += 5) assert.notEqual(judge(steady.slice(0, n)).state, 'growing', `after ${n} s`);
  });
}

test('growth that levelled off: the rate, the words and the line all come from the recent, flat points', () => {
  const trend = judge(series(120, (s) => 20 * MB + Math.min(s, 60) * 0.15 * MB, { gcEvery: 5 }));
  assert.equal(trend.state, 'steady');
  assert.ok(Math.abs(trend.bytesPerMinute) < 0.1 * MB, String(trend.bytesPerMinute));
  assert.ok(trend.judgedFrom! > trend.baseline[0]!.t, 'the line starts where the judged points start');
  assert.match(describeTrend(trend, 4), /^steady: post-GC heap 29\.0 MB, [+-]\d+(\.\d)? (kB|B)\/min over the last \d+ s$/);
});

test('a noisy rise that is not sustained is steady, and the words say why instead of quoting a bare rate', () => {
  const values = [0, 3, 0.2, 2.8, 0.1, 3.1, 0.3, 3.3].map((v) => 50 * MB + v * MB);
  const samples = values.map((used, i) => ({ t: 1_700_000_000_000 + i * 5000, used, total: 64 * MB, flags: SampleFlag.Gc }));
  const trend = judge(samples);
  assert.equal(trend.state, 'steady');
  assert.ok(trend.bytesPerMinute >= DEFAULT_VERDICT_OPTIONS.minBytesPerMinute);
  assert.match(describeTrend(trend, 4), /is not a sustained rise \(yet\)$/);
});

test("a leak seen through pprof's sampled steps, slower in the recent half, is still growing", () => {
  // 512 kB steps (one pprof sample each): ten in the first 30 s, two in the next 30 s.
  const stepsAt = [3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 40, 55];
  const samples = Array.from({ length: 13 }, (_, i) => {
    const s = i * 5;
    return {
      t: 1_700_000_000_000 + s * 1000,
      used: 2000 * MB + 0.512 * MB * stepsAt.filter((at) => at <= s).length,
      total: 2100 * MB,
      flags: SampleFlag.Gc,
    };
  });
  const trend = judge(samples);
  assert.equal(trend.state, 'growing', describeTrend(trend, 4));
  assert.equal(trend.judgedFrom, samples[0]!.t, 'judged on the whole window: the recent half still rises above 1 MB/min');
});
