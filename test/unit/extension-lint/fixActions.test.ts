import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixKindPath, quickFixes } from '../../../src/extension/lint/fixActions';
import type { Fix } from '../../../src/analysis/types';
import { finding } from './findings';

const fix = (kind: Fix['kind'], title: string = kind): Fix => ({ kind, title, edits: [{ start: 1, end: 2, text: kind }] });

test('each engine fix becomes a quick fix of its own kind with its edits untouched', () => {
  const fixes = quickFixes(finding({ fixes: [fix('suppress', 'Suppress on this line'), fix('cap', 'Cap logs at MAX_LOGS')] }));
  assert.deepEqual(fixes, [
    { title: 'Suppress on this line', kind: 'suppress', isPreferred: false, edits: [{ start: 1, end: 2, text: 'suppress' }] },
    { title: 'Cap logs at MAX_LOGS', kind: 'cap', isPreferred: true, edits: [{ start: 1, end: 2, text: 'cap' }] },
  ]);
  assert.deepEqual(fixKindPath('weak'), ['leaklens', 'weak']);
});

test('only the first real fix is preferred, and suppression never is', () => {
  assert.deepEqual(quickFixes(finding({ fixes: [fix('cap'), fix('weak'), fix('suppress')] })).map((f) => f.isPreferred), [true, false, false]);
  assert.deepEqual(quickFixes(finding({ fixes: [fix('suppress')] })).map((f) => f.isPreferred), [false]);
  assert.deepEqual(quickFixes(finding()), []);
});
