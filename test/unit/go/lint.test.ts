import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lintGoText, loadGoParser } from '../../../src/analysis/go';
import { RULES } from '../../../src/analysis/ruleInfo';
import type { RuleId } from '../../../src/findings/model';
import { assertFindingsMatchMarkers } from '../../support/markers';
import { CASES, HEADER } from './cases';

/** A `// want:` without a severity expects the rule's default one (the grammar: test/support/markers.ts). */
const defaultSeverity = (rule: string) => RULES[rule as RuleId]?.defaultSeverity;

describe('Go lint: table', () => {
  before(async () => {
    await loadGoParser();
  });
  for (const c of CASES) {
    test(c.name, async () => {
      const text = HEADER + c.code + '\n';
      const result = await lintGoText('case.go', text, {
        reportAllReturnedClosures: c.reportAllReturnedClosures,
        includeTests: c.includeTests,
      });
      assert.equal(result.notice, undefined, result.notice?.message);
      assertFindingsMatchMarkers(
        text,
        result.findings,
        { defaultSeverity },
        result.findings.map((f) => `${f.range.line}: ${f.message}`).join('\n'),
      );
    });
  }
});

describe('Go lint: findings', () => {
  const incident = `${HEADER}
func Logger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		logs = append(logs, c.FullPath())
	}
}
`;

  test('names target, handler, growth; related locations are the declaration and the factory', async () => {
    const { findings } = await lintGoText('logger.go', incident);
    const f = findings.find((x) => x.rule === 'unbounded-capture')!;
    assert.equal(f.target, 'logs');
    assert.equal(f.handler, 'Logger');
    assert.equal(f.growth, 'append');
    assert.match(f.message, /`logs` grows on every request.*returned by `Logger`.*declared in `Logger`/);
    assert.equal(incident.slice(f.range.start, f.range.end), 'append(logs, c.FullPath())');
    const [decl, factory] = f.related;
    assert.equal(incident.slice(decl!.range.start, decl!.range.end), 'logs');
    assert.equal(decl!.range.line, f.range.line - 2);
    assert.equal(incident.slice(factory!.range.start, factory!.range.end), 'Logger');
  });

  test('ranges are 1-based with UTF-16 columns after non-ASCII text', async () => {
    const text = `${HEADER}
// 日本語 😀 comment
func Logger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) { _ = "é😀"; logs = append(logs, "ü") }
}
`;
    const f = (await lintGoText('u.go', text)).findings[0]!;
    assert.equal(text.slice(f.range.start, f.range.end), 'append(logs, "ü")');
    const lineText = text.split('\n')[f.range.line - 1]!;
    assert.equal(lineText.slice(f.range.column - 1, f.range.endColumn - 1), 'append(logs, "ü")');
  });

  test('rule settings: off silences a rule, a severity overrides the default', async () => {
    const { findings } = await lintGoText('logger.go', incident, {
      rules: { 'unsynchronized-capture': 'off', 'unbounded-capture': 'error' },
    });
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['unbounded-capture', 'error']],
    );
  });

  test('bounded-buffer carries its bound', async () => {
    const text = CASES.find((c) => c.name.startsWith('bound: flush-and-reset'))!.code;
    const f = (await lintGoText('b.go', HEADER + text)).findings.find((x) => x.rule === 'bounded-buffer')!;
    assert.equal(f.bound, '100');
  });
});

describe('Go lint: the integration fixtures', () => {
  const fixture = (name: string) => join(__dirname, '..', '..', '..', 'examples', 'gin', name, 'main.go');
  test('the leaking Gin logger is reported on its append; its fixed twin is clean', async () => {
    const leaky = readFileSync(fixture('leaky'), 'utf8');
    const appendLine = leaky.split('\n').findIndex((l) => l.includes('logs = append(logs')) + 1;
    const result = await lintGoText('leaky/main.go', leaky);
    assert.deepEqual(
      result.findings.map((f) => `${f.rule}@${f.range.line}`),
      [`unbounded-capture@${appendLine}`],
    );
    assert.deepEqual((await lintGoText('fixed/main.go', readFileSync(fixture('fixed'), 'utf8'))).findings, []);
  });
});

describe('Go lint: bad input', () => {
  test('a syntax error becomes a parse-error notice with its position', async () => {
    const text = 'package main\n\nfunc main() {\n\tx := [1, 2\n}\n';
    const result = await lintGoText('bad.go', text);
    assert.deepEqual(result.findings, []);
    assert.equal(result.notice?.kind, 'parse-error');
    assert.equal(result.notice?.line, 4);
    assert.match(result.notice!.message, /^Go syntax error at 4:\d+/);
  });

  test('oversized and binary input become notices', async () => {
    assert.equal((await lintGoText('big.go', 'package main\n' + ' '.repeat(100), { maxFileSize: 50 })).notice?.kind, 'too-large');
    assert.equal((await lintGoText('bin.go', 'package main\0\0')).notice?.kind, 'binary');
  });

  test('empty and non-Go text never throw', async () => {
    for (const text of ['', '\n', 'hello world', '}}}}', 'package main\nfunc (']) {
      const result = await lintGoText('x.go', text);
      assert.ok(Array.isArray(result.findings));
    }
  });
});
