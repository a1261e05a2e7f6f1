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
