import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasId, idSetOf } from '../../../src/heap/snapshot/idSet';

test('an id set answers like a Set of the ids: dense ids in the bitmap, address-like ones apart', () => {
  let state = 7;
  const random = (below: number): number => {
    state = (Math.imul(state, 0x41c64e6d) + 12345) >>> 0;
    return state % below;
  };
  for (const count of [1, 2, 31, 32, 33, 100, 5000]) {
    const ids = Array.from({ length: count }, () => (random(10) === 0 ? 0x80000000 + random(0x3fffffff) * 2 : 2 * random(3 * count) + 1));
    const set = idSetOf(count, (i) => ids[i]!);
    const expected = new Set(ids);
    for (const id of [...ids, 0, 1, 2, 31, 32, 33, 64 * count, 0xffffffff, ...ids.map((x) => x + 1), ...ids.map((x) => x - 1)]) {
      assert.equal(hasId(set, id), expected.has(id), `count ${count}, id ${id}`);
    }
    assert.ok(set.bits.length <= count + 1, 'the bitmap is no bigger than a word per node');
  }
});
