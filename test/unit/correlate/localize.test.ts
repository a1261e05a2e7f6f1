import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Localizer } from '../../../src/correlate/localize';
import type { SiteGrowth } from '../../../src/heap/pprof/compare';

const ws = mkdtempSync(join(tmpdir(), 'leaklens-localize-'));
after(() => rmSync(ws, { recursive: true, force: true }));
for (const f of ['svc/main.go', 'svc/vendor/github.com/lib/pool/pool.go']) {
  mkdirSync(join(ws, f, '..'), { recursive: true });
  writeFileSync(join(ws, f), 'package main\n');
}

const site = (file: string, bytesDelta: number): SiteGrowth => ({
  function: 'f',
  file,
  line: 1,
  bytesBefore: 0,
  bytesAfter: bytesDelta,
  bytesDelta,
  objectsBefore: 0,
  objectsAfter: 1,
  objectsDelta: 1,
});

test('Go sites: paths of the build machine mapped; the service code outranks vendored and outside code', () => {
  const l = new Localizer({ roots: [ws] });
  const ranked = l.sites([
    site('/build/svc/vendor/github.com/lib/pool/pool.go', 9e6),
    site('/usr/share/gocode/src/github.com/gin-gonic/gin/context.go', 5e6),
    site('/build/svc/main.go', 1e6),
  ]);
  assert.deepEqual(
    ranked.map((s) => s.file),
    [
      join(ws, 'svc/main.go'),
      join(ws, 'svc/vendor/github.com/lib/pool/pool.go'),
      '/usr/share/gocode/src/github.com/gin-gonic/gin/context.go',
    ],
  );
  assert.deepEqual(l.notes, [`Path mapping: /build → ${ws} (guessed: common path suffix with a workspace file)`]);
});

test('a function in a script with no map keeps its position; its path is still mapped', () => {
  mkdirSync(join(ws, 'app'), { recursive: true });
  writeFileSync(join(ws, 'app', 'server.js'), 'function f() {}\n');
  const l = new Localizer({ pathMaps: [{ from: '/srv', to: join(ws, 'app'), origin: 'option' }], roots: [ws] });
  const link = l.link({ url: 'file:///srv/server.js', file: '/srv/server.js', line: 1, column: 1, functionName: 'f' });
  assert.deepEqual(link, { url: 'file:///srv/server.js', file: join(ws, 'app', 'server.js'), line: 1, column: 1, functionName: 'f' });
  assert.deepEqual(l.notes, [`Path mapping: /srv → ${join(ws, 'app')} (--path-map)`]);
});

test("a summary's closures are mapped, and so is the closure a holder mostly holds", () => {
  mkdirSync(join(ws, 'app'), { recursive: true });
  writeFileSync(join(ws, 'app', 'logger.js'), 'function logRequest() {}\n');
  const l = new Localizer({ pathMaps: [{ from: '/srv', to: join(ws, 'app'), origin: 'option' }], roots: [ws] });
  const at = (functionName: string) => ({ url: 'file:///srv/logger.js', file: '/srv/logger.js', line: 1, column: 1, functionName });
  const closure = { contextId: 1, functionName: 'app', capturedSize: 10, ownSize: 1, variables: [] };
  const summary = l.summary({
    nodeCount: 1,
    edgeCount: 0,
    totalSize: 0,
    reachableSize: 0,
    byRetained: [],
    bySelf: [],
    biggestObjects: [],
    closures: [{ ...closure, site: at('app'), holds: { variable: 'entries', functionName: 'logRequest', site: at('logRequest') } }],
  });
  assert.equal(summary.closures[0]!.site?.file, join(ws, 'app', 'logger.js'));
  assert.equal(summary.closures[0]!.holds?.site?.file, join(ws, 'app', 'logger.js'));
});
