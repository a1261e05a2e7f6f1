import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSnapshotHostMessage, parseSnapshotViewMessage } from '../../../src/protocol/snapshot';
import { snapshotFileName } from '../../../src/heap/snapshot/writer';
import { fileOfScriptUrl } from '../../../src/heap/snapshot/sites';

test('view → host: only well-formed ready/openSource messages pass', () => {
  assert.deepEqual(parseSnapshotViewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseSnapshotViewMessage({ type: 'openSource', file: '/w/a.js', line: 3, column: 1 }), {
    type: 'openSource',
    file: '/w/a.js',
    line: 3,
    column: 1,
  });
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'ready', extra: 1 },
    { type: 'openSource', file: '', line: 1, column: 1 },
    { type: 'openSource', file: '/a', line: 0, column: 1 },
    { type: 'openSource', file: '/a', line: 1.5, column: 1 },
    { type: 'openSource', file: 7, line: 1, column: 1 },
    { type: 'runCommand', command: 'x' },
  ]) {
    assert.equal(parseSnapshotViewMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('host → view: the shapes the renderer relies on', () => {
  const summary = {
    nodeCount: 1,
    edgeCount: 0,
    totalSize: 0,
    reachableSize: 0,
    byRetained: [],
    bySelf: [],
    biggestObjects: [],
    closures: [],
  };
  assert.ok(parseSnapshotHostMessage({ type: 'summary', fileName: 'a.heapsnapshot', summary }));
  assert.ok(parseSnapshotHostMessage({ type: 'progress', message: 'Reading', fraction: 0.5 }));
  assert.ok(
    parseSnapshotHostMessage({ type: 'comparison', before: 'a', after: 'b', comparison: { attributions: [], groups: [] }, verdicts: [] }),
  );
  assert.equal(parseSnapshotHostMessage({ type: 'summary', fileName: 'a', summary: { ...summary, closures: 'x' } }), undefined);
  assert.equal(parseSnapshotHostMessage({ type: 'comparison', before: 'a', after: 'b', comparison: { attributions: [] } }), undefined);
  assert.equal(parseSnapshotHostMessage({ type: 'html', html: '<script>' }), undefined);
});

test('snapshot file names are safe and sortable; script URLs become paths only for local files', () => {
  assert.equal(snapshotFileName('/srv/app/server.js', new Date('2026-11-26T17:05:09.123Z')), 'server-2026-11-26T17-05-09.heapsnapshot');
  assert.equal(
    snapshotFileName('node[1234] <weird>:name', new Date('2026-01-02T03:04:05Z')),
    'node-1234-weird-name-2026-01-02T03-04-05.heapsnapshot',
  );
  assert.equal(snapshotFileName('', new Date('2026-01-02T03:04:05Z')), 'node-2026-01-02T03-04-05.heapsnapshot');
  assert.equal(fileOfScriptUrl('file:///srv/my%20app/a.mjs'), '/srv/my app/a.mjs');
  assert.equal(fileOfScriptUrl('file:///C:/w/a.js'), 'C:/w/a.js');
  assert.equal(fileOfScriptUrl('/srv/a.js'), '/srv/a.js');
  assert.equal(fileOfScriptUrl('node:internal/bootstrap/realm'), undefined);
  assert.equal(fileOfScriptUrl('https://example.com/a.js'), undefined);
});
