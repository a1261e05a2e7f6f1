// The CLI and the ESLint plugin agree on the same code: the CLI honours ESLint's disable comments when they name a
// LeakLens rule, exactly where ESLint would, and inside ESLint the plugin leaves them to ESLint (which then reports
// none of them as unused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../../src/eslint-plugin/index';
import { lintIn } from './lintRun';
import { makeTree } from './tempTree';

/** Two leaking factories; `{A}`…`{D}` are where a case puts its comments. */
const leaks = (a: string, b: string, c: string, d: string) => `${a}
function first() { const logs = []; return (req, res, next) => {
  ${b}
  logs.push(req.url); // ${c}
  next(); }; }
${d}
function second() { const seen = []; return (req, res, next) => {
  seen.push(req.url);
  next(); }; }
app.use(first());
app.use(second());
`;
// The pushes are on lines 4 and 8.
const cases: [string, string, number[]][] = [
  ['no comment', leaks('', '', '', ''), [4, 8]],
  ['next-line naming the rule', leaks('', '// eslint-disable-next-line leaklens/unbounded-capture -- capped upstream', '', ''), [8]],
  ['next-line in a block comment', leaks('', '/* eslint-disable-next-line leaklens/unbounded-capture */', '', ''), [8]],
  ['next-line naming it among other rules', leaks('', '// eslint-disable-next-line no-console, leaklens/unbounded-capture', '', ''), [8]],
  ['next-line naming only another rule', leaks('', '// eslint-disable-next-line no-console', '', ''), [4, 8]],
  ['next-line naming another LeakLens rule', leaks('', '// eslint-disable-next-line leaklens/listener-per-request', '', ''), [4, 8]],
  ['disable-line on the line itself', leaks('', '', 'eslint-disable-line leaklens/unbounded-capture', ''), [8]],
  [
    'disable … enable around the first factory',
    leaks('/* eslint-disable leaklens/unbounded-capture */', '', '', '/* eslint-enable leaklens/unbounded-capture */'),
    [8],
  ],
  ['disable without enable: the rest of the file', leaks('', '', '', '/* eslint-disable leaklens/unbounded-capture */'), [4]],
  ['bare disable: every rule', leaks('/* eslint-disable */', '', '', ''), []],
  [
    'bare disable, then the rule enabled again',
    leaks('/* eslint-disable */', '', '', '/* eslint-enable leaklens/unbounded-capture */'),
    [8],
  ],
  [
    'eslint-disable in a line comment is not a directive (ESLint ignores it)',
    leaks('// eslint-disable leaklens/unbounded-capture', '', '', ''),
    [4, 8],
  ],
  ["LeakLens's own comment", leaks('', '// leaklens-disable-next-line unbounded-capture -- capped upstream', '', ''), [8]],
];

function eslintLines(code: string, root: string): { lines: number[]; unused: string[] } {
  const messages = new Linter({ cwd: root }).verify(
    code,
    [
      {
        plugins: { leaklens: plugin },
        rules: { 'leaklens/unbounded-capture': 'warn', 'leaklens/listener-per-request': 'error', 'no-console': 'off' },
        languageOptions: { globals: { app: 'readonly' } },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
      },
    ],
    join(root, 'app.js'),
  );
  return {
    lines: messages.filter((m) => m.ruleId === 'leaklens/unbounded-capture').map((m) => m.line),
    unused: messages.filter((m) => m.ruleId === null && m.message.includes('leaklens/unbounded-capture')).map((m) => m.message),
  };
}

for (const [name, code, expected] of cases) {
  test(`CLI and ESLint agree: ${name}`, async (t) => {
    const root = makeTree(t, { 'app.js': code });
    const run = await lintIn(root, '--format', 'json', '--max-warnings', '-1');
    const cli = (JSON.parse(run.out) as { results: { findings: { range: { line: number } }[] }[] }).results.flatMap((r) =>
      r.findings.map((f) => f.range.line),
    );
    const eslint = eslintLines(code, root);
    assert.deepEqual(cli, expected, 'CLI');
    assert.deepEqual(eslint.lines, expected, 'ESLint');
    assert.deepEqual(eslint.unused, [], 'ESLint saw a LeakLens directive as unused: the plugin swallowed a finding');
  });
}
