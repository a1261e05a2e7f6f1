// Bad input to `leaklens check`: a command that exits at once, a URL that never answers, a non-loopback URL
// without --allow-remote (and a URL something else already answers). Each: exit 2, one clear message (no stack trace), nothing left running.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { freePort, leaklensCheck, processesMentioning } from './checkCli';

function assertOneMessage(err: string, pattern: RegExp): void {
  assert.match(err, pattern);
  assert.equal(err.match(/^leaklens check:/gm)?.length, 1, `one message: ${err}`);
  assert.doesNotMatch(err, /\n\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
}

test('a command that exits at once: its exit code and output are quoted, exit 2', { timeout: 60_000 }, async () => {
  const run = await leaklensCheck([
    '--start',
    `node -e "console.error('cannot open config.yml'); process.exit(3)"`,
    '--url',
    `http://127.0.0.1:${await freePort()}/`,
  ]);
  assert.equal(run.code, 2);
  assertOneMessage(run.err, /exited with code 3; its last output:\ncannot open config\.yml/);
});

test(
  'a URL that never answers: the limit and the service output are named, the service is stopped, exit 2',
  { timeout: 60_000 },
  async () => {
    const marker = `never-answers-${process.pid}-${Date.now()}`;
    const url = `http://127.0.0.1:${await freePort()}/`;
    const run = await leaklensCheck([
      '--start',
      `node -e "console.log('up, but elsewhere'); setInterval(() => {}, 1000)" ${marker}`,
      '--url',
      url,
      '--startup-timeout',
      '3',
    ]);
    assert.equal(run.code, 2);
    assertOneMessage(
      run.err,
      new RegExp(`${url.replace(/[.]/g, '\\.')} did not answer within 3 s[\\s\\S]*--startup-timeout[\\s\\S]*up, but elsewhere`),
    );
    assert.deepEqual(processesMentioning(marker), [], 'the service was stopped');
  },
);

test('a non-loopback URL without --allow-remote is refused before anything starts, exit 2', { timeout: 60_000 }, async () => {
  const marker = `remote-${process.pid}-${Date.now()}`;
  const run = await leaklensCheck(['--start', `node -e "setInterval(() => {}, 1000)" ${marker}`, '--url', 'http://192.0.2.10:8080/']);
  assert.equal(run.code, 2);
  assertOneMessage(run.err, /Refusing to load 192\.0\.2\.10:8080[\s\S]*--allow-remote/);
  assert.deepEqual(processesMentioning(marker), [], 'nothing was started');
});

test('a URL something else already answers is refused before the service starts, exit 2', { timeout: 60_000 }, async () => {
  const stale = createServer((_req, res) => res.end('a stale server'));
  stale.listen(0, '127.0.0.1');
  await once(stale, 'listening');
  const marker = `already-${process.pid}-${Date.now()}`;
  try {
    const url = `http://127.0.0.1:${(stale.address() as AddressInfo).port}/`;
    const run = await leaklensCheck(['--start', `node -e "setInterval(() => {}, 1000)" ${marker}`, '--url', url]);
    assert.equal(run.code, 2);
    assertOneMessage(run.err, /Something already answers at .* before the candidate service is started/);
    assert.deepEqual(processesMentioning(marker), [], 'nothing was started');
  } finally {
    stale.close();
  }
});
