// The closure to look at is the one whose own captured variable holds the growth, not the app, router and
// module scope that hold that closure (each of them "retains" everything below it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baselineOf, compareSnapshots } from '../../../src/heap/snapshot/diff';
import { summarize } from '../../../src/heap/snapshot/summary';
import { analyzeText } from './analysisHelpers';
import { expressLikeHeap } from './syntheticSnapshot';

test('summary: the innermost closure holding the growth comes first, its holders after it, saying what they hold', () => {
  const s = summarize(analyzeText(expressLikeHeap(1000)));
  const names = s.closures.map((c) => c.functionName);
  assert.equal(names[0], 'logRequest');
  assert.deepEqual(
    s.closures[0]!.variables.map((v) => [v.name, v.count]),
    [['entries', 1000]],
  );
  assert.equal(s.closures[0]!.ownSize, s.closures[0]!.capturedSize, 'logRequest holds its entries itself');
  assert.equal(s.closures[0]!.holds, undefined);
  for (const holder of ['router', 'app', 'main']) {
    const c = s.closures.find((x) => x.functionName === holder)!;
    assert.ok(c.capturedSize > 32_000, `${holder} retains the entries`);
    assert.ok(c.ownSize < 1000, `${holder} holds little itself (${c.ownSize} B)`);
    assert.equal(c.holds?.variable, 'entries');
    assert.equal(c.holds?.functionName, 'logRequest');
    assert.equal(c.holds?.site?.line, 6);
    assert.ok(names.indexOf(holder) > 0);
  }
});

test('comparison: the growth is attributed to `entries` alone, not to the router, app or module that hold it', () => {
  const before = baselineOf(analyzeText(expressLikeHeap(10)));
  const c = compareSnapshots(before, analyzeText(expressLikeHeap(3010)), { minGrowthBytes: 1 });
  assert.deepEqual(
    c.attributions.map((a) => [a.variable, a.function?.functionName, a.countDelta]),
    [['entries', 'logRequest', 3000]],
  );
});

test('comparison: a holder whose other contents shrank while `entries` grew is still only a holder', () => {
  // The module's `app` grew by a little less than `entries` did (its cache emptied): noise, not a second leak.
  const before = baselineOf(analyzeText(expressLikeHeap(10, 200)));
  const c = compareSnapshots(before, analyzeText(expressLikeHeap(3010, 0)), { minGrowthBytes: 1 });
  assert.deepEqual(
    c.attributions.map((a) => a.variable),
    ['entries'],
  );
});
