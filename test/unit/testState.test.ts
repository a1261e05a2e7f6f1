import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEST_STATE_ENV, writeTestState } from '../../src/extension/testState';

test('writeTestState writes <name>.json into the folder named by the variable, replacing it whole', (t) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'leaklens-state-')), 'nested');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { [TEST_STATE_ENV]: dir };
  writeTestState('diagnostics', [{ rule: 'unbounded-capture', line: 7 }], env);
  writeTestState('diagnostics', [{ rule: 'bounded-buffer', line: 3 }], env);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8')), [{ rule: 'bounded-buffer', line: 3 }]);
  assert.deepEqual(readdirSync(dir), ['diagnostics.json'], 'no temporary file is left behind');
});

test('writeTestState refuses a name that is a path', () => {
  assert.throws(() => writeTestState('../x', {}, { [TEST_STATE_ENV]: tmpdir() }), /not a plain file name/);
});
