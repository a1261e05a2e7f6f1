import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingStore } from '../../../src/extension/lint/findingStore';
import { finding, range } from './findings';

test('findings are offered only for the document version they were computed for', () => {
  const store = new FindingStore();
  const f = finding();
  store.set('file:///a.js', 3, [f]);
  assert.deepEqual(store.current('file:///a.js', 3), [f]);
  assert.deepEqual(store.current('file:///a.js', 4), []);
  assert.deepEqual(store.current('file:///b.js', 3), []);
});

test('an empty result or a delete forgets the document', () => {
  const store = new FindingStore();
  store.set('file:///a.js', 1, [finding()]);
  store.set('file:///b.js', undefined, [finding()]);
  store.set('file:///a.js', 2, []);
  assert.deepEqual(store.uris(), ['file:///b.js']);
  store.delete('file:///b.js');
  assert.deepEqual(store.uris(), []);
});

test('rows list every diagnostic, sorted by uri and line, 1-based, with VS Code level names', () => {
  const store = new FindingStore();
  store.set('file:///b.js', 1, [
    finding({ range: range(9, 1, 9, 4) }),
    finding({ severity: 'info', rule: 'bounded-buffer', message: 'm', range: range(2, 1, 2, 4) }),
  ]);
  store.set('file:///a.js', undefined, [finding({ severity: 'error' })]);
  assert.deepEqual(
    store.rows().map((r) => [r.uri, r.line, r.rule, r.severity, r.source]),
    [
      ['file:///a.js', 5, 'unbounded-capture', 'error', 'leaklens'],
      ['file:///b.js', 2, 'bounded-buffer', 'information', 'leaklens'],
      ['file:///b.js', 9, 'unbounded-capture', 'warning', 'leaklens'],
    ],
  );
  assert.equal(store.rows()[1]!.message, 'm');
});
