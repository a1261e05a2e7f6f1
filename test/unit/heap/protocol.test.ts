import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toWireSample } from '../../../src/heap/panelWire';
import { parseHostMessage, parseViewMessage, type HostMessage, type PanelMeta } from '../../../src/protocol/heap';

const meta: PanelMeta = {
  target: 'app.js (127.0.0.1:9229)',
  status: 'attached',
  paused: false,
  gcEveryMs: 5000,
  intervalMs: 1000,
  canSnapshot: false,
  canCollectGarbage: true,
  error: null,
};
const trend = {
  state: 'growing',
  text: 'growing ≈ 1.0 MB/min over the last 20 s',
  bytesPerMinute: 1e6,
  line: { from: 1, to: 2, slope: 3, intercept: 4 },
} as const;

test('view → host: every known message passes, with only its own fields', () => {
  for (const type of ['ready', 'attach', 'detach', 'collectGarbage', 'takeSnapshot', 'exportCsv'] as const)
    assert.deepEqual(parseViewMessage({ type }), { type });
  assert.deepEqual(parseViewMessage({ type: 'setPaused', paused: true }), { type: 'setPaused', paused: true });
  assert.deepEqual(parseViewMessage({ type: 'setGcEvery', ms: 5000 }), { type: 'setGcEvery', ms: 5000 });
});

test('view → host: malformed or unknown messages are dropped', () => {
  for (const bad of [
    null,
    'ready',
    [],
    {},
    { type: 'eval', code: '1' },
    { type: 'ready', extra: 1 },
    { type: 'setPaused', paused: 'yes' },
    { type: 'setGcEvery', ms: -1 },
    { type: 'setGcEvery', ms: Infinity },
    { type: 'setGcEvery', ms: 1e12 },
    { type: 'attach', host: '10.0.0.1' },
  ]) {
    assert.equal(parseViewMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('host → view: well-formed messages pass unchanged', () => {
  const messages: HostMessage[] = [
    {
      type: 'hydrate',
      meta,
      samples: [
        [1, 2, 3, 0],
        [2, 3, 4, 1],
      ],
      trend,
      capacity: 86400,
    },
    { type: 'append', samples: [[3, 4, 5, 2]], trend: { ...trend, state: 'collecting', bytesPerMinute: null, line: null } },
    { type: 'meta', meta: { ...meta, target: null, status: 'detached', error: 'Nothing listens on 127.0.0.1:9229' } },
  ];
  for (const m of messages) assert.deepEqual(parseHostMessage(JSON.parse(JSON.stringify(m))), m);
});

test('host → view: malformed messages are dropped', () => {
  const bad: unknown[] = [
    { type: 'hydrate', meta, samples: [[1, 2, 3]], trend, capacity: 1 },
    { type: 'hydrate', meta, samples: [], trend: { ...trend, state: 'leaking' }, capacity: 1 },
    { type: 'append', samples: [[1, 2, 3, '4']], trend },
    { type: 'append', samples: [], trend: { ...trend, line: { from: 1 } } },
    { type: 'meta', meta: { ...meta, status: 'unknown' } },
    { type: 'meta', meta: { ...meta, paused: 1 } },
    { type: 'html', html: '<script>' },
  ];
  for (const m of bad) assert.equal(parseHostMessage(m), undefined, JSON.stringify(m));
});

test('goroutines: a fifth sample element for Go services, a valid count or the message is dropped', () => {
  const go: HostMessage = {
    type: 'append',
    samples: [
      [1, 2, 2, 0, 7],
      [2, 3, 3, 1, 0],
    ],
    trend,
  };
  assert.deepEqual(parseHostMessage(JSON.parse(JSON.stringify(go))), go);
  for (const count of [-1, 1.5, null, '7', 2 ** 32]) {
    assert.equal(parseHostMessage({ type: 'append', samples: [[1, 2, 2, 0, count]], trend }), undefined, String(count));
  }
  assert.equal(parseHostMessage({ type: 'append', samples: [[1, 2, 2, 0, 7, 8]], trend }), undefined);
});

test('host side: only a valid goroutine count goes on the wire', () => {
  assert.deepEqual(toWireSample({ t: 1, used: 2, total: 3, flags: 0 }), [1, 2, 3, 0]);
  assert.deepEqual(toWireSample({ t: 1, used: 2, total: 2, flags: 1, goroutines: 12 }), [1, 2, 2, 1, 12]);
  assert.deepEqual(toWireSample({ t: 1, used: 2, total: 2, flags: 1, goroutines: NaN }), [1, 2, 2, 1]);
});
