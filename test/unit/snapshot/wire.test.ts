// What the snapshot view receives: the protocol's own types, filled field by field from the engines'
// results, with the CLI's wording already applied, and accepted by the view's parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wireComparison, wireSummary } from '../../../src/extension/snapshot/wire';
import { baselineOf, compareSnapshots } from '../../../src/heap/snapshot/diff';
import { describeAttribution } from '../../../src/heap/snapshot/describe';
import { summarize } from '../../../src/heap/snapshot/summary';
import { parseSnapshotHostMessage } from '../../../src/protocol/snapshot';
import { analyzeText } from './analysisHelpers';
import { expressLikeHeap } from './syntheticSnapshot';

test('summary on the wire: only what the view renders, innermost closure first, accepted by the view', () => {
  const summary = summarize(analyzeText(expressLikeHeap(100)));
  const wire = wireSummary(summary);
  assert.equal('edgeCount' in wire, false);
  assert.equal('contextId' in wire.closures[0]!, false);
  assert.equal(wire.closures[0]!.functionName, 'logRequest');
  assert.deepEqual(wire.closures.find((c) => c.functionName === 'app')!.holds?.variable, 'entries');
  assert.ok(parseSnapshotHostMessage({ type: 'summary', fileName: 'a.heapsnapshot', summary: wire }));
});

test('comparison on the wire: each attribution is the sentence the CLI prints, with its link', () => {
  const after = analyzeText(expressLikeHeap(3000));
  const c = compareSnapshots(baselineOf(analyzeText(expressLikeHeap(10))), after, { minGrowthBytes: 1 });
  const wire = wireComparison(c);
  assert.deepEqual(
    wire.attributions.map((a) => a.text),
    c.attributions.map((a) => describeAttribution(a)),
  );
  assert.equal(wire.attributions[0]!.function?.line, 6);
  const message = { type: 'comparison', before: 'a', after: 'b', comparison: wire, verdicts: [] };
  assert.ok(parseSnapshotHostMessage(message));
  assert.equal(
    parseSnapshotHostMessage({ ...message, comparison: { ...wire, attributions: [{ variable: 'entries' }] } }),
    undefined,
    'an attribution without its sentence is refused',
  );
});
