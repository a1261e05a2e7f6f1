import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GO_RULE_ADVICE } from '../../../src/analysis/go/advice';
import { RULE_ADVICE } from '../../../src/analysis/index';
import { explainFinding } from '../../../src/extension/lint/explain';
import { finding } from './findings';

test('an unbounded capture: what grows and why it lives on, then the rule advice', () => {
  const text = explainFinding(finding());
  assert.match(
    text,
    /^`logs` grows \(`push`\) on every request handled by `logger`, and since it is declared outside the handler it lives as long as the server, so nothing it collects is ever freed\. /,
  );
  assert.ok(text.endsWith(' ' + RULE_ADVICE['unbounded-capture']));
});

test('holding the request itself is said in the first sentence', () => {
  assert.match(explainFinding(finding({ severity: 'error' })), /each entry keeps a whole request's object graph alive\. /);
});

test('listeners, intervals and bounded buffers each get their own first sentence', () => {
  const listener = explainFinding(finding({ rule: 'listener-per-request', target: 'bus', growth: 'listener' }));
  assert.match(listener, /^`logger` adds a listener to the long-lived `bus` on every request and no path removes it/);
  const timer = explainFinding(finding({ rule: 'listener-per-request', growth: 'interval' }));
  assert.match(timer, /^`logger` starts a `setInterval` timer on every request and never clears it/);
  const buffer = explainFinding(finding({ rule: 'bounded-buffer', target: 'batch', bound: '100' }));
  assert.match(buffer, /^`batch` collects data .* once it reaches `100`, so it stays bounded\. /);
  for (const [text, rule] of [
    [listener, 'listener-per-request'],
    [timer, 'listener-per-request'],
    [buffer, 'bounded-buffer'],
  ] as const) {
    assert.ok(text.endsWith(' ' + RULE_ADVICE[rule]), text);
  }
});

test('backticks in names cannot break the markdown code spans', () => {
  assert.match(explainFinding(finding({ target: 'a`b' })), /^`a'b` grows/);
});

test('a Go race finding says why concurrent handlers make it a data race, and gives the Go advice', () => {
  const text = explainFinding(
    finding({ rule: 'unsynchronized-capture', severity: 'error', target: 'logs', handler: 'RequestLogger', growth: 'append' }),
    'go',
  );
  assert.match(
    text,
    /^`logs` is written \(`append`\) on every request handled by `RequestLogger` with no mutex held, .*a goroutine per request.*data race/,
  );
  assert.ok(text.endsWith(' ' + GO_RULE_ADVICE['unsynchronized-capture']), text);
});

test('Go findings get Go advice where the JS/TS advice would not apply, and share it where it does', () => {
  const leak = explainFinding(finding({ handler: 'RequestLogger', growth: 'append' }), 'go');
  assert.ok(leak.endsWith(' ' + GO_RULE_ADVICE['unbounded-capture']), leak);
  assert.doesNotMatch(leak, /WeakMap|res\.on/);
  const buffer = explainFinding(finding({ rule: 'bounded-buffer', target: 'batch', bound: 'maxBatch' }), 'go');
  assert.ok(buffer.endsWith(' ' + RULE_ADVICE['bounded-buffer']), buffer);
  assert.ok(explainFinding(finding(), 'js').endsWith(' ' + RULE_ADVICE['unbounded-capture']));
});

test('a Go write that grows and races is one finding: the hover explains the leak, then the race with its advice', () => {
  const racing = finding({
    severity: 'error',
    handler: 'RequestLogger',
    growth: 'append',
    fixes: [
      { kind: 'cap', title: 'Cap', edits: [] },
      { kind: 'mutex', title: 'Hold logsMu', edits: [] },
    ],
  });
  const text = explainFinding(racing, 'go');
  assert.match(text, /`logs` grows \(`append`\) .* so nothing it collects is ever freed\./);
  assert.match(text, /\n\n`logs` is written \(`append`\) .*no mutex held.*data race.*hand the data to one goroutine over a channel/s);
  assert.doesNotMatch(explainFinding({ ...racing, fixes: [] }, 'go'), /data race/);
});
