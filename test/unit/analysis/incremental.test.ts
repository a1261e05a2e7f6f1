// The incremental re-lint must give exactly what a fresh lint of the same text gives, whatever the edit:
// every fixture is edited step by step (random mutations applied on top of each other, then a deleted line
// typed back one keystroke at a time, half-typed states included) and each version is linted both ways.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeRange, IncrementalLinter } from '../../../src/analysis/incremental';
import { lintText } from '../../../src/analysis/index';
import { allCases } from './cases';
import { mutate, rng } from './mutations';

const STEPS_PER_CASE = 8;

test('random edit chains: every version lints the same incrementally as from scratch', () => {
  const linter = new IncrementalLinter();
  let versions = 0;
  let withFindings = 0;
  let seed = 1000;
  for (const [, cases] of allCases) {
    for (const c of cases) {
      const file = c.file ?? 'case.js';
      const random = rng(seed++);
      let code = c.code;
      for (let step = 0; step <= STEPS_PER_CASE; step++) {
        const expected = lintText(file, code);
        assert.deepEqual(linter.lint(c.name, file, code), expected, `${c.name}, step ${step}, seed ${seed - 1}:\n${code}`);
        if (expected.findings.length > 0) withFindings++;
        versions++;
        // Half the steps go back to the fixture, so edits also land on trees that analyse cleanly.
        code = random() < 0.5 ? mutate(code, random) : c.code;
      }
    }
  }
  assert.ok(versions > 1000, `only ${versions} versions`);
  assert.ok(withFindings > versions * 0.2, `only ${withFindings} of ${versions} versions had findings`);
});

test('typing a line back one keystroke at a time', () => {
  const linter = new IncrementalLinter();
  let keystrokes = 0;
  for (const [, cases] of allCases) {
    for (const c of cases.slice(0, 10)) {
      const file = c.file ?? 'case.js';
      const lines = c.code.split('\n');
      const at = lines.findIndex((l) => l.includes('// expect:'));
      if (at < 0) continue;
      const line = lines[at]!;
      for (let typed = 0; typed <= line.length; typed++) {
        const code = [...lines.slice(0, at), line.slice(0, typed), ...lines.slice(at + 1)].join('\n');
        assert.deepEqual(linter.lint(c.name, file, code), lintText(file, code), `${c.name} after ${typed} characters`);
        keystrokes++;
      }
    }
  }
  assert.ok(keystrokes > 500, `only ${keystrokes} keystrokes`);
});

test('changeRange spans exactly the replaced text', () => {
  const cases: [string, string, number, number, number][] = [
    ['abcdef', 'abXdef', 2, 1, 1],
    ['abcdef', 'abcdef', 6, 0, 0],
    ['aaaa', 'aaaaa', 4, 0, 1],
    ['abc', '', 0, 3, 0],
    ['', 'xyz', 0, 0, 3],
  ];
  for (const [before, after, start, oldLength, newLength] of cases) {
    const r = changeRange(before, after);
    assert.deepEqual([r.span.start, r.span.length, r.newLength], [start, oldLength, newLength], `${before} → ${after}`);
    assert.equal(
      before.slice(0, r.span.start) + after.slice(r.span.start, r.span.start + r.newLength) + before.slice(r.span.start + r.span.length),
      after,
    );
  }
});

test('a document renamed (language changed) is parsed as its new kind', () => {
  const linter = new IncrementalLinter();
  // An angle-bracket cast: TypeScript syntax, but a JSX element in a .tsx file.
  const code = 'const logs = [];\nexport const h = (req, res) => { logs.push(<any>req.url); };\napp.use(h);\n';
  assert.equal(linter.lint('doc', 'doc.tsx', code).notice?.kind, 'parse-error');
  const asTs = linter.lint('doc', 'doc.ts', code);
  assert.deepEqual(asTs, lintText('doc.ts', code));
  assert.equal(asTs.findings[0]?.rule, 'unbounded-capture');
});

test('absurd nesting is a notice and the next version of the document lints normally', () => {
  const linter = new IncrementalLinter();
  const good = allCases[0]![1][0]!.code;
  linter.lint('doc', 'doc.js', good);
  const deep = `${'('.repeat(20_000)}1${')'.repeat(20_000)}`;
  assert.equal(linter.lint('doc', 'doc.js', deep).notice?.kind, 'too-deep');
  assert.deepEqual(linter.lint('doc', 'doc.js', good), lintText('doc.js', good));
});

test('over maxFileSize: the same notice as a full lint', () => {
  const linter = new IncrementalLinter();
  const code = allCases[0]![1][0]!.code;
  assert.deepEqual(linter.lint('doc', 'doc.js', code, { maxFileSize: 10 }), lintText('doc.js', code, { maxFileSize: 10 }));
});

test('keeps at most `capacity` trees, dropping the least recently linted, and forgets closed documents', () => {
  const linter = new IncrementalLinter(2);
  const code = allCases[0]![1][0]!.code;
  for (const key of ['a', 'b', 'a', 'c']) linter.lint(key, 'doc.js', code);
  assert.deepEqual(linter.documents(), ['a', 'c']);
  linter.forget('a');
  assert.deepEqual(linter.documents(), ['c']);
});
