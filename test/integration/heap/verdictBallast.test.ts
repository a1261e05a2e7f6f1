// The verdict on real services holding 50 MB of live ballast (Node, and Go with a ballast slice): the leak of a
// few MB/min reads "growing" within 60 s of forced GCs, the steady twin never reads growing. The same trial at
// 500 MB and 2 GB, ten times each, is `npm run soak:verdict` (too heavy for the regular suite).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { requireGo } from '../go/goService';
import { buildGoBallast, runTrial } from '../../soak/verdictRun';

before(async () => {
  requireGo();
  await buildGoBallast();
});

test('50 MB ballast, Node and Go: each leak growing within 60 s, each steady twin never growing', { timeout: 300_000 }, async () => {
  const trials = await Promise.all([
    runTrial('node', 'leaky', 50),
    runTrial('node', 'steady', 50),
    runTrial('go', 'leaky', 50),
    runTrial('go', 'steady', 50),
  ]);
  for (const t of trials) console.log(`${t.runtime} ${t.mode}: growing after ${t.growingAfterMs ?? 'never'} ms; ${t.finalText}`);
  for (const t of trials.filter((t) => t.mode === 'leaky')) {
    assert.ok(t.growingAfterMs !== null && t.growingAfterMs <= 60_000, `${t.runtime} leak: ${t.finalText}`);
    assert.match(t.finalText, /^growing ≈ \d/);
  }
  for (const t of trials.filter((t) => t.mode === 'steady')) {
    assert.equal(t.growingAfterMs, null, `${t.runtime} twin read growing: ${t.finalText}`);
    assert.match(t.finalText, /^steady: post-GC heap \d/);
  }
});
