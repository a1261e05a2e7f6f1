import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeMapping, parsePathMap, PathMapper } from '../../../src/correlate/pathMap';

const ws = mkdtempSync(join(tmpdir(), 'leaklens-pathmap-'));
after(() => rmSync(ws, { recursive: true, force: true }));
for (const f of [
  'svc/dist/server.js',
  'svc/src/server.ts',
  'other/server.js',
  'gosvc/go.mod',
  'gosvc/handlers/log.go',
  'node_modules/x/server.js',
]) {
  mkdirSync(join(ws, f, '..'), { recursive: true });
  writeFileSync(join(ws, f), f.endsWith('go.mod') ? 'module example.com/gosvc\n\ngo 1.19\n' : '');
}

test('--path-map REMOTE=LOCAL: LOCAL relative to the working folder; bad specs are one sentence', () => {
  assert.deepEqual(parsePathMap('/app/=svc', ws), { from: '/app', to: join(ws, 'svc'), origin: 'option' });
  assert.throws(() => parsePathMap('/app', ws), /a path mapping is REMOTE=LOCAL, e\.g\. \/app=\. \(got '\/app'\)/);
  assert.throws(() => parsePathMap('=.', ws), /REMOTE=LOCAL/);
});

test('a given mapping wins (longest prefix), and only mappings that mapped something are reported', () => {
  const m = new PathMapper([parsePathMap('/app=svc', ws), parsePathMap('/app/dist=svc/dist', ws), parsePathMap('/unused=.', ws)], [ws]);
  assert.equal(m.toLocal('/app/dist/server.js'), join(ws, 'svc/dist/server.js'));
  assert.equal(m.toLocal('/app/src/server.ts'), join(ws, 'svc/src/server.ts'));
  assert.deepEqual(m.applied.map(describeMapping), [
    `/app/dist → ${join(ws, 'svc/dist')} (--path-map)`,
    `/app → ${join(ws, 'svc')} (--path-map)`,
  ]);
});

test('guesses: the longest common suffix with a workspace file, then reused for the same prefix', () => {
  const m = new PathMapper([], [ws]);
  assert.equal(m.toLocal('/app/dist/server.js'), join(ws, 'svc/dist/server.js'));
  assert.equal(
    m.toLocal('/app/node_modules/express/index.js'),
    join(ws, 'svc/node_modules/express/index.js'),
    'the same prefix, though not indexed',
  );
  assert.deepEqual(m.applied.map(describeMapping), [`/app → ${join(ws, 'svc')} (guessed: common path suffix with a workspace file)`]);
  // `server.js` alone names two workspace files: no guess rather than a wrong one.
  assert.equal(new PathMapper([], [ws]).toLocal('/elsewhere/server.js'), '/elsewhere/server.js');
  assert.equal(new PathMapper([], []).toLocal('/app/dist/server.js'), '/app/dist/server.js', 'no workspace, no guess');
});

test('a -trimpath Go path: the module of the workspace go.mod that declares it', () => {
  const m = new PathMapper([], [ws]);
  assert.equal(m.toLocal('example.com/gosvc/handlers/log.go'), join(ws, 'gosvc/handlers/log.go'));
  assert.deepEqual(m.applied.map(describeMapping), [`example.com/gosvc → ${join(ws, 'gosvc')} (guessed: Go module path of the workspace)`]);
});
