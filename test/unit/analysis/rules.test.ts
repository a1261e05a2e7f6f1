// Table-driven rule tests: every case asserts the exact findings its markers expect (rule, line, severity,
// and column and message id where a marker gives them; the grammar is in test/support/markers.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/analysis/index';
import { assertFindingsMatchMarkers, parseMarkers } from '../../support/markers';
import { allCases } from './cases';

for (const [group, cases] of allCases) {
  describe(group, () => {
    for (const c of cases) {
      test(c.name, () => {
        const result = lintText(c.file ?? 'case.js', c.code);
        assert.equal(result.notice, undefined, `unexpected notice: ${result.notice?.message}`);
        assertFindingsMatchMarkers(c.code, result.findings, {}, result.findings.map((f) => f.message).join('\n'));
      });
    }
  });
}

// What the table covers, not how big it is: every JS rule at every severity the engine gives it, clean
// cases beside the reported ones, and every growth kind of the rules that report one.
test('the table covers each JS rule and severity, clean cases and every growth kind', () => {
  const cases = allCases.flatMap(([, group]) => group);
  const reported = new Set<string>();
  const growths = new Set<string>();
  let clean = 0;
  for (const c of cases) {
    const markers = parseMarkers(c.code);
    if (markers.length === 0) clean++;
    for (const m of markers) reported.add(`${m.rule} ${m.severity}`);
    for (const f of lintText(c.file ?? 'case.js', c.code).findings) growths.add(f.growth);
  }
  for (const needed of ['unbounded-capture warning', 'unbounded-capture error', 'listener-per-request error', 'bounded-buffer info']) {
    assert.ok(reported.has(needed), `no case expects ${needed}`);
  }
  assert.ok(clean >= 20, `only ${clean} clean cases: false positives need cases too`);
  const kinds = [
    'push',
    'unshift',
    'splice',
    'index-append',
    'concat',
    'spread',
    'Map#set',
    'Set#add',
    'computed-key',
    'string-append',
    'listener',
    'interval',
  ];
  assert.deepEqual(
    kinds.filter((k) => !growths.has(k)),
    [],
    'growth kinds no case reports',
  );
});
