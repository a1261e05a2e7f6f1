import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedDebouncer } from '../../../src/extension/lint/debounce';

test('a burst of calls for one key runs only the last, once the delay has passed since it', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const runs: string[] = [];
  const d = new KeyedDebouncer<string>(300);
  d.schedule('a', () => runs.push('a1'));
  t.mock.timers.tick(200);
  d.schedule('a', () => runs.push('a2'));
  t.mock.timers.tick(299);
  assert.deepEqual(runs, []);
  t.mock.timers.tick(1);
  assert.deepEqual(runs, ['a2']);
  t.mock.timers.tick(1000);
  assert.deepEqual(runs, ['a2']);
});

test('keys are independent, and cancel or dispose drop what is pending', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const runs: string[] = [];
  const d = new KeyedDebouncer<string>(300);
  d.schedule('a', () => runs.push('a'));
  d.schedule('b', () => runs.push('b'));
  d.schedule('c', () => runs.push('c'));
  d.cancel('b');
  t.mock.timers.tick(300);
  assert.deepEqual(runs, ['a', 'c']);
  d.schedule('a', () => runs.push('a again'));
  d.dispose();
  t.mock.timers.tick(1000);
  assert.deepEqual(runs, ['a', 'c']);
});
