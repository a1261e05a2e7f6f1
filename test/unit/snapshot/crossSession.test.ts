// Two snapshots of two sessions: V8 numbered their objects independently, so an id names unrelated objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baselineOf, compareSnapshots } from '../../../src/heap/snapshot/diff';
import { describeAttribution } from '../../../src/heap/snapshot/describe';
import { analyzeText } from './analysisHelpers';
import { leakyHeap } from './syntheticSnapshot';

const NODE_FIELDS = 7;
const ID_FIELD = 2;

/** The same heap as another process would number it: every id moved by `map`. */
function renumbered(json: string, map: (id: number, index: number) => number): string {
  const snapshot = JSON.parse(json) as { nodes: number[] };
  for (let i = 0; i * NODE_FIELDS < snapshot.nodes.length; i++)
    snapshot.nodes[i * NODE_FIELDS + ID_FIELD] = map(snapshot.nodes[i * NODE_FIELDS + ID_FIELD]!, i);
  return JSON.stringify(snapshot);
}

test('ids of another session: the variable is matched by function, name and kind, new objects by retainer path', () => {
  const before = baselineOf(analyzeText(leakyHeap(3)));
  // Same ids reused for other objects: the ids are a rotation of those of the first snapshot's nodes.
  const after = analyzeText(renumbered(leakyHeap(103), (id, i) => (i < 9 ? [3, 5, 7, 9, 11, 13, 15, 17, 1][i]! : id + 1_000_000)));
  const c = compareSnapshots(before, after, { minGrowthBytes: 1 });
  assert.equal(c.matchedBy, 'retainer-path');
  assert.deepEqual(
    c.attributions.map((a) => [a.variable, a.countDelta, a.sizeDelta, a.sameObject]),
    [['logs', 100, 3200, true]],
  );
  assert.doesNotMatch(describeAttribution(c.attributions[0]!), /replaced/);
  assert.deepEqual(c.newObjects, { count: 100, size: 3200 });
  assert.deepEqual(
    c.groups.map((g) => [g.className, g.count, g.size]),
    [['Object', 100, 3200]],
  );
  assert.match(c.groups[0]!.retainerPath, /^`logs\[\]` in logRequest\(\) \(logger\.js:12\) ← /);
});

test('ids of the same session: objects the first snapshot lacks, as before', () => {
  const c = compareSnapshots(baselineOf(analyzeText(leakyHeap(3))), analyzeText(leakyHeap(103)), { minGrowthBytes: 1 });
  assert.equal(c.matchedBy, 'object-id');
  assert.deepEqual(c.newObjects, { count: 100, size: 3200 });
});
