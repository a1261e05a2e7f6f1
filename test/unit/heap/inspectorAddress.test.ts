import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHostAllowed, InspectorError, isLoopbackHost, parseInspectorAddress } from '../../../src/heap/inspector';
import { heapTargetProblem } from '../../../src/heap/targetAddress';

test('loopback policy: 127.0.0.0/8, ::1 in any spelling, localhost; nothing else', () => {
  for (const host of [
    '127.0.0.1',
    '127.9.8.7',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    'localhost',
    'LOCALHOST',
    'localhost.',
  ]) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of [
    '10.0.0.1',
    '128.0.0.1',
    '0.0.0.0',
    '::',
    '::2',
    'example.com',
    'localhost.example.com',
    '192.168.1.10',
    '::ffff:10.0.0.1',
  ]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('a remote host is refused with the setting named, and allowed when the setting is on', () => {
  assert.throws(
    () => assertHostAllowed('10.1.2.3', false),
    (e: unknown) => e instanceof InspectorError && e.code === 'remote-refused' && /leaklens\.allowRemoteHosts/.test(e.message),
  );
  assert.doesNotThrow(() => assertHostAllowed('10.1.2.3', true));
});

test('addresses: port, host:port, [v6]:port, ws:// URL', () => {
  assert.deepEqual(parseInspectorAddress('9230'), { kind: 'http', host: '127.0.0.1', port: 9230 });
  assert.deepEqual(parseInspectorAddress(' localhost:9229 '), { kind: 'http', host: 'localhost', port: 9229 });
  assert.deepEqual(parseInspectorAddress('[::1]:9229'), { kind: 'http', host: '::1', port: 9229 });
  assert.deepEqual(parseInspectorAddress('ws://127.0.0.1:9229/abc-def'), {
    kind: 'ws',
    host: '127.0.0.1',
    port: 9229,
    url: 'ws://127.0.0.1:9229/abc-def',
  });
  assert.deepEqual(parseInspectorAddress('ws://[::1]:9229/x'), { kind: 'ws', host: '::1', port: 9229, url: 'ws://[::1]:9229/x' });
});

test('bad addresses get one clear message', () => {
  for (const text of ['', 'host', 'host:0', 'host:70000', ':9229', 'http://127.0.0.1:9229', 'a b:9229']) {
    assert.throws(
      () => parseInspectorAddress(text),
      (e: unknown) => e instanceof InspectorError && e.code === 'bad-address',
      text,
    );
  }
});

test('input-box validation: undefined for a good address, the message for a bad one', () => {
  assert.equal(heapTargetProblem('127.0.0.1:9229'), undefined);
  assert.match(heapTargetProblem('nope')!, /is not an inspector address/);
});
