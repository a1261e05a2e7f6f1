import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../src/analysis/index';

test('an empty file has no findings', () => {
  assert.deepEqual(lintText('a.js', '').findings, []);
});
