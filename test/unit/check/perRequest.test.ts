import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareWithBaseline, readSavedRun } from '../../../src/check/baseline';
import { CheckError } from '../../../src/check/errors';
import { senSlope } from '../../../src/check/perRequest';
import type { SavedRun } from '../../../src/check/types';

/** A deterministic wobble (no Math.random: a failing case must fail the same way twice). */
const wobble = (i: number, amplitude: number) => amplitude * Math.sin(i * 2.7 + 1);

test('senSlope: the slope of an exact line, with a zero-width interval', () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ x: i * 400, y: 5e6 + 1200 * i * 400 }));
  assert.deepEqual(senSlope(points), { slope: 1200, low: 1200, high: 1200, points: 10 });
});

test('senSlope: the interval holds the true slope under noise, and one wild point moves nothing much', () => {
  const points = Array.from({ length: 15 }, (_, i) => ({ x: i * 300, y: 8e6 + 50 * i * 300 + wobble(i, 300_000) }));
  points[7]!.y += 5e6; // a GC that did not finish, say
  const s = senSlope(points);
  assert.ok(s.low <= 50 && 50 <= s.high, JSON.stringify(s));
  assert.ok(s.low < s.slope && s.slope < s.high);
  assert.ok(Math.abs(s.slope - 50) < 300, JSON.stringify(s));
});

test('senSlope: no distinct x, no slope', () => {
  assert.ok(
    Number.isNaN(
      senSlope([
        { x: 5, y: 1 },
        { x: 5, y: 2 },
      ]).slope,
    ),
  );
  assert.ok(Number.isNaN(senSlope([]).slope));
});

const run = (slope: number, low: number, high: number, runtime: SavedRun['runtime'] = 'node'): SavedRun => ({
  label: 'svc',
  runtime,
  requests: 4000,
  bytesPerMinute: 0,
  perRequest: { slope, low, high, points: 12 },
  points: [],
});

test('compareWithBaseline: a service against itself passes; more per request than the noise band fails', () => {
  const steady = run(20, -150, 240);
  const itself = compareWithBaseline(run(-30, -200, 180), steady, 64);
  assert.equal(itself.regressed, false);
  assert.equal(itself.noiseBand, 220 + 170);
  const leak = compareWithBaseline(run(1250, 1150, 1400), steady, 64);
  assert.equal(leak.regressed, true);
  assert.equal(leak.difference, 1230);
  // Tight intervals never make a tiny difference fail: the minimum applies.
  assert.equal(compareWithBaseline(run(40, 39, 41), run(0, -1, 1), 64).regressed, false);
  assert.throws(
    () => compareWithBaseline(run(0, 0, 0, 'go'), steady, 64),
    (e: unknown) => e instanceof CheckError && /same service/.test(e.message),
  );
});

test('readSavedRun: reads the last line of --format json output and check.json; refuses anything else clearly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-saved-'));
  const summary = { type: 'summary', growing: false, run: run(12, -80, 90) };
  writeFileSync(join(dir, 'lines.json'), `{"type":"progress","message":"x"}\n${JSON.stringify(summary)}\n`);
  writeFileSync(join(dir, 'check.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
  assert.equal(readSavedRun(join(dir, 'lines.json')).perRequest.slope, 12);
  assert.equal(readSavedRun(join(dir, 'check.json')).perRequest.high, 90);
  assert.throws(() => readSavedRun(join(dir, 'other.json')), /is not a saved leaklens check run \(no summary object\)/);
  assert.throws(() => readSavedRun(join(dir, 'missing.json')), /Cannot read the baseline .*ENOENT/);
});
