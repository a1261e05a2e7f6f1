import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintGoText } from '../../../src/analysis/go';
import { FIX_KINDS, fixKindPath, quickFixes } from '../../../src/extension/lint/fixActions';
import type { Fix } from '../../../src/findings/model';
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
  assert.deepEqual(
    quickFixes(finding({ fixes: [fix('cap'), fix('weak'), fix('suppress')] })).map((f) => f.isPreferred),
    [true, false, false],
  );
  assert.deepEqual(
    quickFixes(finding({ fixes: [fix('suppress')] })).map((f) => f.isPreferred),
    [false],
  );
  assert.deepEqual(quickFixes(finding()), []);
});

test("the Go engine's fixes reach the Quick Fix menu: one finding for a write that grows and races, the cap preferred, the mutex offered", async () => {
  const source = [
    'package main',
    '',
    'import "github.com/gin-gonic/gin"',
    '',
    'func RequestLogger() gin.HandlerFunc {',
    '\tvar logs []string',
    '\treturn func(c *gin.Context) {',
    '\t\tlogs = append(logs, c.Request.URL.Path)',
    '\t}',
    '}',
    '',
  ].join('\n');
  const { findings } = await lintGoText('main.go', source);
  const menu = Object.fromEntries(findings.map((f) => [f.rule, quickFixes(f).map((q) => [q.kind, q.isPreferred])]));
  assert.deepEqual(menu, {
    'unbounded-capture': [
      ['cap', true],
      ['mutex', false],
      ['suppress', false],
    ],
  });
  // Every kind offered is declared to VS Code (providedCodeActionKinds), so `only` filters keep it.
  for (const f of findings) for (const q of quickFixes(f)) assert.ok(FIX_KINDS.includes(q.kind), q.kind);
  const mutex = quickFixes(findings[0]!).find((q) => q.kind === 'mutex')!;
  assert.equal(mutex.title, 'Hold logsMu around this write (declare logsMu)');
});
