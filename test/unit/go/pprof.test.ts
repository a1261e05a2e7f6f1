// The pprof heap source's pure parts over real encoded profiles, and the source itself over a real HTTP
// server that serves them.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import { lintGoText } from '../../../src/analysis/go';
import { assertPprofHostAllowed, parsePprofUrl } from '../../../src/heap/pprof/address';
import { compareProfiles } from '../../../src/heap/pprof/compare';
import { PprofError } from '../../../src/heap/pprof/errors';
import { isProfileFile, readProfileFile, writeProfileFile } from '../../../src/heap/pprof/files';
import { decodeHeapProfile, functionBaseName } from '../../../src/heap/pprof/profile';
import { matchProfileGrowth } from '../../../src/correlate/profileMatch';
import { parseGoroutineCount, PprofHeapSource } from '../../../src/heap/pprof/source';
import type { HeapSourceEvent } from '../../../src/heap/source';
import { nextEvent as nextMatching } from '../../support/events';
import { frames, GOROOT_SRC as GOROOT, heapProfile, type SampleSpec } from './profileBuilder';

const KB = 1024;
const leak = (n: number): SampleSpec => ({ stack: [frames.sprintf, frames.logger, frames.ginNext], allocObjects: n, allocSpace: n * 2304 });
const runtimeOnly: SampleSpec = { stack: [frames.malg], allocObjects: 10, allocSpace: 40 * KB };
const ginOwn: SampleSpec = {
  stack: [frames.growslice, frames.ginNext],
  allocObjects: 4,
  allocSpace: 8 * KB,
  inuseObjects: 0,
  inuseSpace: 0,
};

describe('heap profile decoding', () => {
  test('totals, and sites charged to the first frame outside the standard library', () => {
    const p = decodeHeapProfile(heapProfile([leak(100), runtimeOnly, ginOwn]));
    assert.deepEqual(p.totals, {
      inuseSpace: 100 * 2304 + 40 * KB,
      inuseObjects: 110,
      allocSpace: 100 * 2304 + 48 * KB,
      allocObjects: 114,
    });
    assert.deepEqual(p.sites, [
      {
        function: 'main.RequestLogger.func1',
        file: '/srv/app/main.go',
        line: 25,
        via: 'fmt.Sprintf',
        inuseSpace: 230400,
        inuseObjects: 100,
      },
      { function: 'runtime.malg', file: frames.malg.file, line: 4076, inuseSpace: 40 * KB, inuseObjects: 10 },
    ]);
    assert.equal(p.time, 1_700_000_000_000);
  });

  test('a site is labelled by the helper that holds most of its bytes, or by none when it holds most itself', () => {
    const pool = { fn: 'sync.(*Pool).pinSlow', file: `${GOROOT}sync/pool.go`, line: 242 };
    const viaPool: SampleSpec = { stack: [pool, frames.sprintf, frames.logger, frames.ginNext], allocObjects: 1, allocSpace: 4 * KB };
    const own: SampleSpec = { stack: [frames.logger, frames.ginNext], allocObjects: 1, allocSpace: 300 * KB };
    assert.equal(decodeHeapProfile(heapProfile([viaPool, leak(100)])).sites[0]!.via, 'fmt.Sprintf');
    const site = decodeHeapProfile(heapProfile([viaPool, leak(100), own])).sites[0]!;
    assert.equal(site.inuseSpace, 4 * KB + 230400 + 300 * KB);
    assert.equal(site.via, undefined);
  });

  test('not gzip, not protobuf, not a heap profile: a PprofError that says what was expected', () => {
    assert.throws(
      () => decodeHeapProfile(gzipSync(Buffer.from('hello, this is not protobuf at all'))),
      (e: unknown) => e instanceof PprofError && e.code === 'bad-profile',
    );
    assert.throws(
      () => decodeHeapProfile(heapProfile([], ['samples', 'cpu'])),
      /not a heap profile: its sample types are samples, cpu; expected inuse_space/,
    );
  });

  test('function base names match how Go findings name handlers', () => {
    assert.equal(functionBaseName('main.RequestLogger.func1'), 'RequestLogger');
    assert.equal(functionBaseName('main.RequestLogger.func1.2'), 'RequestLogger');
    assert.equal(functionBaseName('main.(*Server).handle'), '(*Server).handle');
    assert.equal(functionBaseName('github.com/acme/api.(*API).list.func3'), '(*API).list');
  });
});

describe('profile comparison', () => {
  test('growth by function and line above the threshold, largest first', () => {
    const before = decodeHeapProfile(heapProfile([leak(100), runtimeOnly]));
    const after = decodeHeapProfile(
      heapProfile([leak(1100), runtimeOnly, { stack: [frames.ginNext], allocObjects: 1, allocSpace: 70 * KB }]),
    );
    const c = compareProfiles(before, after);
    assert.deepEqual(
      c.growth.map((g) => [g.function, g.line, g.bytesDelta, g.objectsDelta]),
      [
        ['main.RequestLogger.func1', 25, 1000 * 2304, 1000],
        ['github.com/gin-gonic/gin.(*Context).Next', 173, 70 * KB, 1],
      ],
    );
    assert.equal(compareProfiles(before, after, 100 * KB).growth.length, 1);
    assert.deepEqual(compareProfiles(after, before).growth, []);
  });

  test('runtime meets static: a growing site on a finding confirms it; other growth becomes runtime-growth', async () => {
    const text = `package main

import "github.com/gin-gonic/gin"

func RequestLogger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath())
	}
}

func cacheWarm() []byte {
	return make([]byte, 1<<20)
}
`;
    const file = '/srv/app/main.go';
    const { findings } = await lintGoText(file, text);
    const site = (fn: string, line: number) => ({
      function: fn,
      file,
      line,
      bytesBefore: 0,
      bytesAfter: 1e6,
      bytesDelta: 1e6,
      objectsBefore: 0,
      objectsAfter: 10,
      objectsDelta: 10,
    });
    const growth = [site('main.RequestLogger.func1', 8), site('main.cacheWarm', 13), { ...site('main.other', 1), file: '/elsewhere/x.go' }];
    const match = matchProfileGrowth(growth, (f) => (f === file ? { text, findings } : undefined));
    assert.deepEqual(
      match.confirmed.map((c) => [c.site.line, c.finding.rule, c.finding.range.line]),
      [[8, 'unbounded-capture', 8]],
    );
    assert.match(match.confirmed[0]!.message, /^Confirmed at runtime: `main.RequestLogger.func1` \(line 8\) holds 1\.0 MB more/);
    assert.equal(match.unflagged.length, 1);
    const extra = match.unflagged[0]!.finding;
    assert.equal(extra.rule, 'runtime-growth');
    assert.equal(text.slice(extra.range.start, extra.range.end), 'return make([]byte, 1<<20)');
    assert.deepEqual([extra.range.line, extra.range.column], [13, 2]);
  });
});

describe('pprof addresses and goroutines', () => {
  test('URLs are normalised to the /debug/pprof/ prefix', () => {
    for (const [input, base] of [
      ['127.0.0.1:6060', 'http://127.0.0.1:6060/debug/pprof/'],
      ['http://localhost:6060', 'http://localhost:6060/debug/pprof/'],
      ['http://[::1]:6060/debug/pprof', 'http://[::1]:6060/debug/pprof/'],
      ['http://127.0.0.1:8080/admin/debug/pprof/heap?gc=1', 'http://127.0.0.1:8080/admin/debug/pprof/'],
      ['https://127.0.0.1/svc/', 'https://127.0.0.1/svc/debug/pprof/'],
    ])
      assert.equal(parsePprofUrl(input!).href, base, input);
    assert.throws(
      () => parsePprofUrl('http://'),
      (e: unknown) => e instanceof PprofError && e.code === 'bad-address',
    );
    assert.throws(() => parsePprofUrl('ws://127.0.0.1:6060'), /served over http\(s\), not ws/);
  });

  test('loopback only unless allowed', () => {
    assert.doesNotThrow(() => assertPprofHostAllowed(parsePprofUrl('127.0.0.2:6060'), false));
    assert.doesNotThrow(() => assertPprofHostAllowed(parsePprofUrl('[::1]:6060'), false));
    assert.throws(
      () => assertPprofHostAllowed(parsePprofUrl('10.0.0.5:6060'), false),
      (e: unknown) => e instanceof PprofError && e.code === 'remote-refused',
    );
    assert.throws(() => assertPprofHostAllowed(parsePprofUrl('localhost.evil.example:6060'), false), /not a loopback address/);
    assert.doesNotThrow(() => assertPprofHostAllowed(parsePprofUrl('10.0.0.5:6060'), true));
  });

  test('goroutine count from debug=1 text', () => {
    assert.equal(parseGoroutineCount('goroutine profile: total 12\n3 @ 0x1 0x2\n'), 12);
    assert.throws(() => parseGoroutineCount('<html>not found</html>'), /goroutine profile: total N/);
  });
});

describe('profile files', () => {
  test('written whole or not at all; recognised by their header; read errors say which file', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-prof-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const good = join(dir, 'a.pb.gz');
    writeProfileFile(good, heapProfile([leak(3)]));
    assert.equal(readProfileFile(good).totals.inuseObjects, 3);
    assert.equal(isProfileFile(good), true);
    assert.throws(() => writeProfileFile(join(dir, 'bad.pb.gz'), Buffer.from('{"snapshot":{}}')), PprofError);
    assert.deepEqual(readdirSync(dir), ['a.pb.gz']);
    writeFileSync(join(dir, 'x.heapsnapshot'), '{"snapshot":{}}');
    assert.equal(isProfileFile(join(dir, 'x.heapsnapshot')), false);
    assert.equal(isProfileFile(join(dir, 'missing.pb.gz')), false);
    assert.throws(() => readProfileFile(join(dir, 'missing.pb.gz')), /cannot read .*missing\.pb\.gz \(ENOENT\)/);
  });
});

/** A stand-in Go service over real HTTP: serves the current profile and goroutine text, counts requests. */
async function fakePprofServer(
  t: TestContext,
  state: { profile: Buffer; goroutines: number; requests: string[] },
  port = 0,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    state.requests.push(req.url!);
    if (req.url!.startsWith('/debug/pprof/heap')) res.end(state.profile);
    else if (req.url === '/debug/pprof/goroutine?debug=1') res.end(`goroutine profile: total ${state.goroutines}\n`);
    else res.writeHead(404).end('404 page not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function nextEvent(source: PprofHeapSource, kind: HeapSourceEvent['kind']): Promise<HeapSourceEvent> {
  return nextMatching(
    (listener) => source.onEvent(listener),
    (e) => e.kind === kind,
    `a '${kind}' event`,
  );
}

describe('PprofHeapSource over HTTP', () => {
  test('samples in-use bytes, objects and goroutines; a forced GC is ?gc=1 and feeds the next sample', async (t) => {
    const state = { profile: heapProfile([leak(10)]), goroutines: 7, requests: [] as string[] };
    const { url } = await fakePprofServer(t, state);
    const source = await PprofHeapSource.open(url);
    t.after(() => source.close());
    assert.match(source.label, /^Go service \(127\.0\.0\.1:\d+\/debug\/pprof\/\)$/);
    const s = await source.sample();
    assert.deepEqual([s.used, s.total, s.objects, s.goroutines], [23040, 23040, 10, 7]);
    state.requests.length = 0;
    state.profile = heapProfile([leak(20)]);
    await source.collectGarbage();
    const after = await source.sample();
    assert.equal(after.used, 46080);
    assert.deepEqual(state.requests.sort(), ['/debug/pprof/goroutine?debug=1', '/debug/pprof/heap?gc=1']);
  });

  test('a 404 means no pprof there; a closed port is unreachable', async (t) => {
    const { server, url } = await fakePprofServer(t, { profile: Buffer.alloc(0), goroutines: 0, requests: [] });
    await assert.rejects(
      PprofHeapSource.open(`${url}/elsewhere/`),
      (e: unknown) => e instanceof PprofError && e.code === 'not-pprof' && /import _ "net\/http\/pprof"/.test(e.message),
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await assert.rejects(
      PprofHeapSource.open(url),
      (e: unknown) => e instanceof PprofError && e.code === 'unreachable' && e.message.includes('ECONNREFUSED'),
    );
  });

  test('the service going away and coming back as a new process: disconnected, then reconnected (restarted)', async (t) => {
    const state = { profile: heapProfile([leak(500)]), goroutines: 3, requests: [] as string[] };
    const first = await fakePprofServer(t, state);
    const port = Number(new URL(first.url).port);
    const source = await PprofHeapSource.open(first.url, { retryMs: 50 });
    t.after(() => source.close());
    const disconnected = nextEvent(source, 'disconnected');
    first.server.closeAllConnections();
    await new Promise<void>((resolve) => first.server.close(() => resolve()));
    await assert.rejects(source.sample(), PprofError);
    assert.match(((await disconnected) as { reason: string }).reason, /Nothing answers/);
    await assert.rejects(source.sample(), /not answering; waiting for it to come back/);
    const reconnected = nextEvent(source, 'reconnected');
    state.profile = heapProfile([leak(5)]); // a fresh process has allocated less since it started
    await fakePprofServer(t, state, port);
    assert.equal(((await reconnected) as { restarted: boolean }).restarted, true);
    assert.equal((await source.sample()).used, 5 * 2304);
    const closed = nextEvent(source, 'closed');
    await source.close();
    await closed;
  });
});
