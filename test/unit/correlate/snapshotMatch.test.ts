import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintText } from '../../../src/analysis';
import type { Attribution } from '../../../src/heap/snapshot/diff';
import type { FindingsOf } from '../../../src/correlate/findings';
import { matchRuntimeGrowth } from '../../../src/correlate/snapshotMatch';

const services = join(__dirname, '../../fixtures/services');
/** As the CLI lints files a comparison names: test code included (the fixtures live under test/). */
const lintFromDisk: FindingsOf = (file) => {
  const text = readFileSync(file, 'utf8');
  return { text, findings: lintText(file, text, { includeTests: true }).findings };
};

function attribution(file: string, variable: string, line: number, column: number, sameObject = true): Attribution {
  return {
    variable,
    className: 'Array',
    function: { url: file, file, line, column, functionName: 'f' },
    countBefore: 10,
    countAfter: 310,
    countDelta: 300,
    sizeBefore: 1000,
    sizeAfter: 2_001_000,
    sizeDelta: 2_000_000,
    sameObject,
  };
}

test('growth of a variable the linter flagged confirms that finding, with the figures', () => {
  const file = join(services, 'logger-service.mjs');
  const m = matchRuntimeGrowth([attribution(file, 'logs', 8, 10)], lintFromDisk);
  assert.equal(m.unflagged.length, 0);
  assert.equal(m.confirmed.length, 1);
  assert.equal(m.confirmed[0]!.finding.rule, 'unbounded-capture');
  assert.equal(m.confirmed[0]!.finding.range.line, 9);
  assert.equal(m.confirmed[0]!.message, 'Confirmed at runtime: `logs` grew by 300 elements (+2.0 MB) between two heap snapshots.');
});

test('growth the linter did not flag becomes a runtime-growth finding at the capturing function', () => {
  const file = join(services, 'middleware-service.mjs');
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('return (req, res, next)')) + 1;
  const column = text.split('\n')[line - 1]!.indexOf('(req') + 1;
  const m = matchRuntimeGrowth([attribution(file, 'seen', line, column)], lintFromDisk);
  assert.equal(m.confirmed.length, 0);
  assert.equal(m.unflagged.length, 1);
  const f = m.unflagged[0]!.finding;
  assert.equal(f.rule, 'runtime-growth');
  assert.equal(f.target, 'seen');
  assert.equal(f.range.line, line);
  assert.equal(f.range.column, column);
  assert.equal(text.slice(f.range.start, f.range.start + 4), '(req');
  assert.match(f.message, /^`seen` grew by 300 elements \(\+2\.0 MB\) between two heap snapshots; it is captured by `f` here/);
});

test('replaced values and files out of reach are not evidence about the code', () => {
  const file = join(services, 'logger-service.mjs');
  assert.deepEqual(matchRuntimeGrowth([attribution(file, 'logs', 8, 10, false)], lintFromDisk), { confirmed: [], unflagged: [] });
  assert.deepEqual(
    matchRuntimeGrowth([attribution(file, 'logs', 8, 10)], () => undefined),
    { confirmed: [], unflagged: [] },
  );
});
