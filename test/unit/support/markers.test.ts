// The rule tables' marker grammar (test/support/markers.ts): today's forms parse as before, the optional
// column and message id are checked when given, and every kind of mismatch fails.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintGoText, loadGoParser } from '../../../src/analysis/go';
import { lintText } from '../../../src/analysis/index';
import { RULES } from '../../../src/analysis/ruleInfo';
import type { RuleId } from '../../../src/findings/model';
import { assertFindingsMatchMarkers, parseMarkers, type ReportedFinding } from '../../support/markers';
import { HEADER } from '../go/cases';

before(async () => {
  await loadGoParser();
});

test("today's JS and Go forms parse as they always have", () => {
  assert.deepEqual(parseMarkers('a\n  logs.push(x); // expect: unbounded-capture warning\nb'), [
    { line: 2, rule: 'unbounded-capture', severity: 'warning' },
  ]);
  assert.deepEqual(parseMarkers('logs = append(logs, e) // want: unbounded-capture:error unsynchronized-capture'), [
    { line: 1, rule: 'unbounded-capture', severity: 'error' },
    { line: 1, rule: 'unsynchronized-capture' },
  ]);
  assert.deepEqual(parseMarkers('// want: bounded-buffer:info'), [{ line: 1, rule: 'bounded-buffer', severity: 'info' }]);
  assert.deepEqual(parseMarkers('x(); // a comment, not a marker\n'), []);
});

test('column and message id, as suffixes or as words of their own', () => {
  assert.deepEqual(parseMarkers('x // expect: unbounded-capture warning @5 #push'), [
    { line: 1, rule: 'unbounded-capture', severity: 'warning', column: 5, messageId: 'push' },
  ]);
  assert.deepEqual(parseMarkers('x // want: unbounded-capture:warning@10#append unsynchronized-capture@10'), [
    { line: 1, rule: 'unbounded-capture', severity: 'warning', column: 10, messageId: 'append' },
    { line: 1, rule: 'unsynchronized-capture', column: 10 },
  ]);
  assert.deepEqual(parseMarkers('x // expect: unbounded-capture error #Map#set'), [
    { line: 1, rule: 'unbounded-capture', severity: 'error', messageId: 'Map#set' },
  ]);
});

test('a marker that does not parse fails the case instead of expecting nothing', () => {
  assert.throws(() => parseMarkers('x // expect:'), /a marker with no expectation/);
  assert.throws(() => parseMarkers('x // expect: Unbounded-Capture warning'), /'Unbounded-Capture' is not an expectation/);
  assert.throws(() => parseMarkers('x // want: unbounded-capture:fatal'), /'unbounded-capture:fatal' is not an expectation/);
});

const finding = (line: number, column: number, rule = 'unbounded-capture', severity = 'warning', growth = 'push'): ReportedFinding => ({
  rule,
  severity,
  growth,
  range: { line, column },
});

test('every mismatch fails: missing, extra, rule, severity, column, message id', () => {
  const code = 'a\nlogs.push(x); // expect: unbounded-capture warning @1 #push\n';
  assertFindingsMatchMarkers(code, [finding(2, 1)]);
  const fails = (findings: ReportedFinding[], pattern: RegExp) => assert.throws(() => assertFindingsMatchMarkers(code, findings), pattern);
  fails([], /- +'2:1 unbounded-capture warning #push'/);
  fails([finding(2, 1), finding(1, 1)], /'1:1 unbounded-capture warning #push'/);
  fails([finding(2, 1, 'listener-per-request')], /listener-per-request/);
  fails([finding(2, 1, 'unbounded-capture', 'error')], /'2:1 unbounded-capture error #push'/);
  fails([finding(2, 7)], /'2:7 unbounded-capture warning #push'/);
  fails([finding(2, 1, 'unbounded-capture', 'warning', 'Map#set')], /#Map#set/);
});

test('parts a marker leaves out are not checked, except a severity the caller defaults', () => {
  const code = 'x // want: unsynchronized-capture\n';
  assertFindingsMatchMarkers(code, [finding(1, 9, 'unsynchronized-capture', 'info', 'append')]);
  const defaultSeverity = (rule: string) => RULES[rule as RuleId]?.defaultSeverity;
  assert.throws(
    () => assertFindingsMatchMarkers(code, [finding(1, 9, 'unsynchronized-capture', 'info', 'append')], { defaultSeverity }),
    /unsynchronized-capture info/,
  );
  assertFindingsMatchMarkers(code, [finding(1, 9, 'unsynchronized-capture', 'error', 'append')], { defaultSeverity });
});

test('the whole grammar on the JS engine: two findings on one line told apart by column and message id', () => {
  const code = `function requestLogger() {
  const logs = [];
  const hits = new Map();
  return (req, res, next) => {
    logs.push(req.url); hits.set(req, 1); // expect: unbounded-capture warning @5 #push unbounded-capture error @25 #Map#set
    next();
  };
}
app.use(requestLogger());
`;
  assertFindingsMatchMarkers(code, lintText('case.js', code).findings);
  const swapped = code.replace('@5 #push', '@25 #push').replace('@25 #Map#set', '@5 #Map#set');
  assert.throws(() => assertFindingsMatchMarkers(swapped, lintText('case.js', swapped).findings));
});

test('the whole grammar on the Go engine', async () => {
  const code = `${HEADER}
func Logger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath()) // want: unbounded-capture:error@10#append
	}
}
`;
  assertFindingsMatchMarkers(code, (await lintGoText('case.go', code)).findings);
  const shifted = code.replace('unbounded-capture:error@10', 'unbounded-capture:error@11');
  await assert.rejects(async () => assertFindingsMatchMarkers(shifted, (await lintGoText('case.go', shifted)).findings));
});
