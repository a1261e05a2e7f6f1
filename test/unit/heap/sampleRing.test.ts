import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { samplesToCsv } from '../../../src/heap/series/csv';
import { DAY_AT_1HZ, isGoroutineCount, SampleFlag, SampleRing } from '../../../src/heap/series/sampleRing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const footprint = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

test('keeps the newest `capacity` samples in order, with their flags', () => {
  const ring = new SampleRing(3);
  for (let i = 1; i <= 5; i++) ring.push({ t: i * 1000, used: i, total: 10 * i }, i === 5 ? SampleFlag.Gc : 0);
  assert.equal(ring.size, 3);
  assert.deepEqual(
    ring.slice().map((s) => s.t),
    [3000, 4000, 5000],
  );
  assert.deepEqual(ring.last(), { t: 5000, used: 5, total: 50, flags: SampleFlag.Gc });
  assert.equal(ring.indexAtOrAfter(3500), 1);
  assert.equal(ring.indexAtOrAfter(0), 0);
  assert.equal(ring.indexAtOrAfter(9999), 3);
  assert.throws(() => ring.at(3), RangeError);
  ring.clear();
  assert.equal(ring.size, 0);
  assert.equal(ring.last(), undefined);
});

test('a day at 1 Hz fits, and 1e6 pushes keep memory flat', () => {
  // The ring's columns are typed arrays: counted alone, as the JS heap can move by a few hundred kB between
  // two measurements for reasons of its own (code compiled on first use), which once failed this check.
  const arrayBuffers = () => (gc(), process.memoryUsage().arrayBuffers);
  const before = arrayBuffers();
  const ring = new SampleRing(DAY_AT_1HZ);
  const allocated = arrayBuffers() - before;
  let sinceFilled = 0;
  for (let i = 0; i < 1_000_000; i++) {
    ring.push({ t: i * 1000, used: 1e6 + i, total: 2e6 + i }, i % 5 === 0 ? SampleFlag.Gc : 0);
    if (i === DAY_AT_1HZ) sinceFilled = footprint();
  }
  const growthAfterFull = footprint() - sinceFilled;
  console.log(
    `ring of ${DAY_AT_1HZ} samples: ${(allocated / 1e6).toFixed(2)} MB allocated; growth over the next ${1_000_000 - DAY_AT_1HZ} pushes: ${(growthAfterFull / 1e3).toFixed(0)} kB`,
  );
  assert.equal(ring.size, DAY_AT_1HZ);
  assert.equal(ring.last()!.t, 999_999_000);
  assert.equal(ring.at(0).t, (1_000_000 - DAY_AT_1HZ) * 1000);
  // 3 float columns, the flags byte and the 32-bit goroutine column: 29 bytes a sample, 2.5 MB a day.
  assert.ok(allocated < 2.6e6, `a day of samples takes ${allocated} bytes`);
  // The bound sits between the noise and the smallest leak: the JS heap moves by a few hundred kB between
  // two measurements on its own, while a ring that kept anything per push (a number is 8 bytes) would grow
  // by at least 8 bytes a push, over 7 MB here. One byte a push (~0.9 MB) is well clear of both.
  const pushesAfterFull = 1_000_000 - DAY_AT_1HZ;
  assert.ok(
    growthAfterFull < pushesAfterFull,
    `memory grew by ${growthAfterFull} bytes over ${pushesAfterFull} pushes after the ring was full`,
  );
});

test('keeps the goroutine count of Go samples; Node samples have none, invalid counts are dropped', () => {
  const ring = new SampleRing(4);
  ring.push({ t: 1000, used: 10, total: 20 });
  ring.push({ t: 2000, used: 11, total: 20, goroutines: 7 });
  ring.push({ t: 3000, used: 12, total: 20, goroutines: 0 });
  ring.push({ t: 4000, used: 13, total: 20, goroutines: -1 });
  ring.push({ t: 5000, used: 14, total: 20, goroutines: 9 }); // overwrites the oldest slot
  assert.deepEqual(
    ring.slice().map((s) => s.goroutines),
    [7, 0, undefined, 9],
  );
  assert.equal('goroutines' in ring.at(2), false);
  for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 32, '7', null]) assert.equal(isGoroutineCount(bad), false, String(bad));
  assert.equal(isGoroutineCount(2 ** 32 - 2), true);
});

test('CSV export: a goroutines column only when the samples have counts', () => {
  const node = samplesToCsv([{ t: 0, used: 1, total: 2, flags: SampleFlag.Gc }])
    .trim()
    .split('\n');
  assert.deepEqual(node, ['time,epoch_ms,used_bytes,total_bytes,gc,restart', '1970-01-01T00:00:00.000Z,0,1,2,1,0']);
  const go = samplesToCsv([
    { t: 0, used: 1, total: 1, flags: 0, goroutines: 5 },
    { t: 1000, used: 2, total: 2, flags: SampleFlag.Restart },
  ])
    .trim()
    .split('\n');
  assert.deepEqual(go, [
    'time,epoch_ms,used_bytes,total_bytes,gc,restart,goroutines',
    '1970-01-01T00:00:00.000Z,0,1,1,0,0,5',
    '1970-01-01T00:00:01.000Z,1000,2,2,0,1,',
  ]);
});
