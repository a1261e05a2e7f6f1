// The inspector connection against real processes: a Node service under --inspect, a plain HTTP server,
// a closed port and a non-loopback host.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { after, before, test } from 'node:test';
import {
  connectInspector,
  discoverTargets,
  InspectorError,
  parseInspectorAddress,
  type InspectorErrorCode,
} from '../../../src/heap/inspector';
import { startService, type RunningService } from '../../fixtures/services/spawnService';
import { closedPort } from '../../support/net';

const isCode = (code: InspectorErrorCode, pattern: RegExp) => (e: unknown) =>
  e instanceof InspectorError && e.code === code && pattern.test(e.message);

let service: RunningService;
before(async () => {
  service = await startService('middleware-service.mjs', ['steady']);
});
after(() => service.kill());

test('attaches to a real Node inspector, samples the heap and detaches', async () => {
  const [found] = await discoverTargets('127.0.0.1', [service.inspectPort]);
  assert.ok(found, 'discovery finds the target');
  assert.match(found.url, /middleware-service\.mjs$/);
  const session = await connectInspector(parseInspectorAddress(`127.0.0.1:${service.inspectPort}`));
  assert.equal(session.target.id, found.id);
  const usage = await session.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
  assert.ok(usage.usedSize > 0 && usage.totalSize >= usage.usedSize);
  await session.close();
  await session.closed;
  await assert.rejects(session.send('Runtime.getHeapUsage'), /connection is closed/);
});

test('a ws:// URL connects directly', async () => {
  const [target] = await discoverTargets('127.0.0.1', [service.inspectPort]);
  const session = await connectInspector(parseInspectorAddress(target!.webSocketDebuggerUrl));
  assert.equal(session.target.id, target!.id);
  await session.close();
});

test('a plain HTTP server is "not an inspector"', async () => {
  const server = createHttpServer((_req, res) => res.writeHead(404).end('not found'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    await assert.rejects(
      connectInspector(parseInspectorAddress(String(port))),
      isCode('not-inspector', /is not a Node inspector.*HTTP 404/),
    );
  } finally {
    server.close();
  }
});

test('the service\'s own HTTP port (200, not JSON targets) is "not an inspector"', async () => {
  await assert.rejects(connectInspector(parseInspectorAddress(String(service.httpPort))), isCode('not-inspector', /not a Node inspector/));
});

test('a closed port is "nothing listens"', async () => {
  const port = await closedPort();
  await assert.rejects(
    connectInspector(parseInspectorAddress(`127.0.0.1:${port}`)),
    isCode('closed-port', new RegExp(`Nothing listens on 127\\.0\\.0\\.1:${port}`)),
  );
});

test('a non-loopback host is refused before any connection', async () => {
  // 203.0.113.0/24 is TEST-NET-3: were a connection attempted, it would time out rather than be refused.
  await assert.rejects(connectInspector(parseInspectorAddress('203.0.113.7:9229')), isCode('remote-refused', /not a loopback address/));
  await assert.rejects(connectInspector(parseInspectorAddress('ws://203.0.113.7:9229/x')), isCode('remote-refused', /allowRemoteHosts/));
});

test('pending calls reject when the target dies, and `closed` settles', async () => {
  const victim = await startService('middleware-service.mjs', ['steady']);
  const session = await connectInspector(parseInspectorAddress(String(victim.inspectPort)));
  // A call the target never answers (an await on a promise that never settles).
  const pending = assert.rejects(
    session.send('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true }),
    /Runtime\.evaluate: the inspector connection closed/,
  );
  await victim.kill();
  await pending;
  await session.closed;
});
