// `leaklens watch` against real services under the same bounded load: the leaking one is reported
// growing and the steady twin not, each within 30 s; connection problems give one clear error.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { test } from 'node:test';
import { startLoad } from '../../fixtures/services/load';
import { startService } from '../../fixtures/services/spawnService';
import { runCliLines } from '../../support/cli';
import { closedPort as releasedPort } from '../../support/net';

const watch = (args: string[]) => runCliLines(['watch', ...args]);

async function watchUnderLoad(mode: 'leaky' | 'steady') {
  const service = await startService('middleware-service.mjs', [mode]);
  const load = startLoad(service.httpPort, { concurrency: 2, pauseMs: 10 });
  try {
    const result = await watch(['--port', String(service.inspectPort), '--duration', '25', '--format', 'json']);
    const lines = result.out.map((l) => JSON.parse(l));
    return { ...result, lines, summary: lines.at(-1), served: await load.stop() };
  } finally {
    await load.stop();
    await service.kill();
  }
}

test('leaky service: growing; steady twin: not growing (25 s each, side by side)', { timeout: 90_000 }, async () => {
  const [leaky, steady] = await Promise.all([watchUnderLoad('leaky'), watchUnderLoad('steady')]);
  for (const [name, run] of Object.entries({ leaky, steady })) {
    console.log(`${name}: ${run.served.requests} requests; summary ${JSON.stringify(run.summary)}`);
    assert.deepEqual(run.err, []);
    assert.ok(run.served.requests > 500, `${name}: the load really ran`);
    const samples = run.lines.filter((l) => l.type === 'sample');
    assert.ok(samples.length >= 20, `${name}: a sample per second`);
    assert.ok(samples.some((s) => s.gc) && samples.every((s) => s.used > 0 && s.total >= s.used));
  }
  assert.equal(leaky.summary.type, 'summary');
  assert.equal(leaky.summary.growing, true);
  assert.ok(leaky.summary.bytesPerMinute > 1e6);
  assert.equal(leaky.code, 1);
  assert.equal(steady.summary.growing, false);
  assert.equal(steady.summary.state, 'steady');
  assert.equal(steady.code, 0);
});

test('watch: a plain HTTP server, a closed port and a remote host each give one clear error (exit 2)', async () => {
  const http = createHttpServer((_req, res) => res.end('hello'));
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const closedPort = await releasedPort();
  try {
    const plain = await watch(['--port', String((http.address() as AddressInfo).port), '--duration', '1']);
    assert.equal(plain.code, 2);
    assert.match(plain.err.join('\n'), /^leaklens watch: 127\.0\.0\.1:\d+ is not a Node inspector/);
    const closed = await watch(['--port', String(closedPort), '--duration', '1']);
    assert.equal(closed.code, 2);
    assert.match(closed.err.join('\n'), /Nothing listens on 127\.0\.0\.1:\d+ \(connection refused\)/);
    const remote = await watch(['--host', '203.0.113.7', '--port', '9229', '--duration', '1']);
    assert.equal(remote.code, 2);
    assert.match(remote.err.join('\n'), /Refusing to connect to 203\.0\.113\.7: it is not a loopback address.*--allow-remote/);
    for (const r of [plain, closed, remote]) assert.equal(r.err.length, 1);
  } finally {
    http.close();
  }
});

test('watch: usage errors name the option', async () => {
  assert.match((await watch([])).err[0]!, /--port is required/);
  assert.match((await watch(['--port', 'x'])).err[0]!, /--port must be a port number/);
  assert.match((await watch(['--port', '70000'])).err[0]!, /has no valid port \(expected 1–65535\)/);
  assert.match((await watch(['--port', '9229', '--format', 'xml'])).err[0]!, /--format must be text or json/);
  assert.match((await watch(['--port', '9229', '--interval', '10'])).err[0]!, /--interval must be a number ≥ 50/);
  assert.match((await watch(['--port', '9229', '--bogus'])).err[0]!, /Unknown option '--bogus'/);
  const help = await watch(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out[0]!, /^Usage: leaklens watch/);
});
