// Table-driven rule tests: every case asserts the exact set of (rule, line, severity) it must produce.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/analysis/index';
import { allCases, type Case } from './cases';

const EXPECT = /\/\/ expect: ([\w-]+) (error|warning|info)\s*$/;

function expected(c: Case): string[] {
  return c.code.split('\n').flatMap((line, i) => {
    const m = EXPECT.exec(line);
    return m ? [`${m[1]} ${m[2]} @${i + 1}`] : [];
  });
}

let total = 0;
for (const [group, cases] of allCases) {
  describe(group, () => {
    for (const c of cases) {
      total++;
      test(c.name, () => {
        const result = lintText(c.file ?? 'case.js', c.code);
        assert.equal(result.notice, undefined, `unexpected notice: ${result.notice?.message}`);
        const actual = result.findings.map((f) => `${f.rule} ${f.severity} @${f.range.line}`);
        assert.deepEqual(actual, expected(c), result.findings.map((f) => f.message).join('\n'));
      });
    }
  });
}

test('the table has at least 80 cases', () => {
  assert.ok(total >= 80, `only ${total} cases`);
});
