import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Words24 } from '../../../src/heap/snapshot/words24';

const read = (w: Words24) => Array.from({ length: w.length }, (_, i) => w.get(i));

test('values below 2^24 read back as pushed, across growth', () => {
  const w = new Words24(0);
  const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % (1 << 24));
  values.push(0, (1 << 24) - 1);
  for (const v of values) w.push(v);
  assert.deepEqual(read(w), values);
});

test('the first value of 2^24 or more widens the array without losing those before it', () => {
  for (const at of [0, 1, 1023, 1024, 3000]) {
    const w = new Words24(2000);
    const values = Array.from({ length: 4000 }, (_, i) => (i === at ? 2 ** 32 - 1 : i === at + 1 ? 1 << 24 : i * 3));
    for (const v of values) w.push(v);
    assert.deepEqual(read(w), values, `widened at ${at}`);
  }
});

test('set overwrites in place, and widens for a value of 2^24 or more', () => {
  const w = new Words24(10);
  for (let i = 0; i < 10; i++) w.push(i);
  w.set(3, 0xabcdef);
  assert.deepEqual(read(w), [0, 1, 2, 0xabcdef, 4, 5, 6, 7, 8, 9]);
  w.set(9, 2 ** 31);
  assert.deepEqual(read(w), [0, 1, 2, 0xabcdef, 4, 5, 6, 7, 8, 2 ** 31]);
});

test('pushColumn appends every stride-th value, across growth and widening mid-column', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => [i, i * 5, (i * 7919) % (1 << 24)]);
  const flat = Uint32Array.from(rows.flat());
  for (const wideAt of [-1, 0, 1500, 2999]) {
    const w = new Words24(0);
    w.push(9);
    const source = flat.slice();
    if (wideAt >= 0) source[wideAt * 3 + 2] = 2 ** 32 - 1;
    w.pushColumn(source, 2, 3, 1000);
    w.pushColumn(source, 3002, 3, 2000);
    const expected = [9, ...rows.map((r, i) => (i === wideAt ? 2 ** 32 - 1 : r[2]!))];
    assert.deepEqual(read(w), expected, `wide value at ${wideAt}`);
  }
});

test('an array told its largest value does not fit three bytes starts wide and reads back the same', () => {
  const w = new Words24(10, 1 << 24);
  const values = [0, 5, (1 << 24) - 1, 1 << 24, 2 ** 32 - 1, 7];
  for (const v of values) w.push(v);
  w.pushColumn(Uint32Array.from(values), 1, 2, 3);
  w.set(0, 2 ** 31);
  assert.deepEqual(read(w), [2 ** 31, ...values.slice(1), 5, 1 << 24, 7]);
});
