import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baselineOf, compareSnapshots } from '../../../src/heap/snapshot/diff';
import { describeAttribution } from '../../../src/heap/snapshot/describe';
import { summarize } from '../../../src/heap/snapshot/summary';
import { analyzeText } from './analysisHelpers';
import { leakyHeap } from './syntheticSnapshot';

test('growth of a captured array is attributed to the variable and to the capturing function (1-based)', () => {
  const before = baselineOf(analyzeText(leakyHeap(3)));
  const c = compareSnapshots(before, analyzeText(leakyHeap(103)), { minGrowthBytes: 1 });
  assert.equal(c.attributions.length, 1);
  const [a] = c.attributions;
  assert.equal(a!.variable, 'logs');
  assert.equal(a!.className, 'Array');
  assert.deepEqual(a!.function, { url: '/srv/app/logger.js', file: '/srv/app/logger.js', line: 12, column: 5, functionName: 'logRequest' });
  assert.equal(a!.countBefore, 3);
  assert.equal(a!.countAfter, 103);
  assert.equal(a!.countDelta, 100);
  assert.equal(a!.sizeDelta, 100 * 32);
  assert.equal(a!.sameObject, true);
  assert.equal(
    describeAttribution(a!, '/srv/app'),
    '`logs` (Array), captured by `logRequest` at logger.js:12:5, grew by 100 elements (+3.2 kB)',
  );
  // The 100 new Objects, grouped under the array that holds them.
  assert.deepEqual(c.newObjects, { count: 100, size: 3200 });
  assert.equal(c.groups.length, 1);
  assert.equal(c.groups[0]!.className, 'Object');
  assert.equal(c.groups[0]!.count, 100);
  assert.equal(c.groups[0]!.retainerPath, '`logs` in logRequest() (logger.js:12) ← `handler` of global ← (GC roots)');
});

test('a container that grew in place outranks a bigger value that was merely replaced', () => {
  const before = baselineOf(analyzeText(leakyHeap(3)));
  // `label` was replaced by a new, much bigger string (another id): churn, ranked after the in-place growth.
  const replaced = compareSnapshots(before, analyzeText(leakyHeap(103, { labelId: 77_777, labelSize: 500_000 })), { minGrowthBytes: 1 });
  assert.deepEqual(
    replaced.attributions.map((a) => [a.variable, a.sameObject, a.sizeDelta]),
    [
      ['logs', true, 3200],
      ['label', false, 500_000 - 24],
    ],
  );
  const swapped = compareSnapshots(before, analyzeText(leakyHeap(103, { logsId: 99_999 })), { minGrowthBytes: 1 });
  assert.equal(swapped.attributions[0]!.sameObject, false, 'a new array under the same name is a replacement');
});

test('growth below the noise threshold is not attributed', () => {
  const before = baselineOf(analyzeText(leakyHeap(3)));
  assert.equal(compareSnapshots(before, analyzeText(leakyHeap(103))).attributions.length, 0, '3.2 kB is below the 64 KiB default');
  assert.equal(compareSnapshots(before, analyzeText(leakyHeap(3))).attributions.length, 0);
});

test('summary: counts, self and retained sizes per constructor, closures with their captured variables', () => {
  const s = summarize(analyzeText(leakyHeap(10)));
  const objects = s.byRetained.find((c) => c.name === 'Object')!;
  assert.deepEqual(objects, { name: 'Object', count: 10, selfSize: 320, retainedSize: 320 });
  const arrays = s.bySelf.find((c) => c.name === 'Array')!;
  assert.deepEqual(arrays, { name: 'Array', count: 1, selfSize: 32, retainedSize: 352 });
  assert.equal(s.totalSize, 40 + 64 + 72 + 56 + 144 + 32 + 24 + 320);
  assert.equal(s.reachableSize, s.totalSize);
  assert.equal(s.closures.length, 1);
  const [c] = s.closures;
  assert.equal(c!.functionName, 'logRequest');
  assert.deepEqual(c!.site, { url: '/srv/app/logger.js', file: '/srv/app/logger.js', line: 12, column: 5, functionName: 'logRequest' });
  assert.deepEqual(c!.variables, [
    { name: 'logs', className: 'Array', count: 10, retainedSize: 352 },
    { name: 'label', className: '(string)', count: -1, retainedSize: 24 },
  ]);
  assert.equal(s.biggestObjects[0]!.name, 'global');
  assert.equal(s.biggestObjects[0]!.retainedSize, s.totalSize);
});
