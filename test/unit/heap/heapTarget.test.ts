import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { discoverPprof } from '../../../src/heap/pprof/discovery';
import { heapTargetProblem, parseHeapTarget } from '../../../src/heap/targetAddress';
import { closedPort } from '../../support/net';

test('typed addresses: inspector forms stay inspector, http(s) URLs and /debug/pprof paths are Go services', () => {
  assert.deepEqual(parseHeapTarget('9229'), { kind: 'inspector', address: { kind: 'http', host: '127.0.0.1', port: 9229 } });
  assert.deepEqual(parseHeapTarget('localhost:9230'), { kind: 'inspector', address: { kind: 'http', host: 'localhost', port: 9230 } });
  assert.equal(parseHeapTarget('ws://127.0.0.1:9229/abc').kind, 'inspector');
  for (const [text, href] of [
    ['http://127.0.0.1:6060/debug/pprof/', 'http://127.0.0.1:6060/debug/pprof/'],
    ['http://127.0.0.1:6060', 'http://127.0.0.1:6060/debug/pprof/'],
    [' 127.0.0.1:6060/debug/pprof/heap ', 'http://127.0.0.1:6060/debug/pprof/'],
    ['https://[::1]:8443/svc/debug/pprof', 'https://[::1]:8443/svc/debug/pprof/'],
  ]) {
    const target = parseHeapTarget(text!);
    assert.equal(target.kind, 'pprof', text);
    assert.equal(target.kind === 'pprof' && target.url.href, href, text);
  }
});

test('a bad address gets the message of the kind it looks like', () => {
  assert.match(heapTargetProblem('99999')!, /no valid port/);
  assert.match(heapTargetProblem('http://')!, /is not a pprof address/);
  assert.equal(heapTargetProblem('http://127.0.0.1:6060'), undefined);
});

function serve(t: TestContext, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  t.after(() => server.close());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

test('discovery lists the configured URLs that answer as pprof, with their goroutine count', async (t) => {
  const go = await serve(t, (req, res) => {
    if (req.url === '/debug/pprof/goroutine?debug=1') res.end('goroutine profile: total 12\n1 @ 0x1\n');
    else res.writeHead(404).end();
  });
  const notGo = await serve(t, (_req, res) => res.end('hello'));
  const closed = `127.0.0.1:${await closedPort()}`;
  const found = await discoverPprof([
    `http://${go}/debug/pprof/`,
    `http://${go}`,
    `http://${notGo}/debug/pprof/`,
    `http://${closed}`,
    'http://192.0.2.1:6060',
    'not a url ::',
  ]);
  assert.deepEqual(
    found.map((f) => [f.url.href, f.goroutines]),
    [[`http://${go}/debug/pprof/`, 12]],
  );
});
