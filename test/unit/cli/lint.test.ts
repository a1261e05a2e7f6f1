// `leaklens lint` run in-process over real files in a temp folder: formats, exit codes, ignores, rule settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import { lintIn as lint } from './lintRun';
import { sarifSchemaErrors } from './sarifSchema';
import { LEAK, makeTree } from './tempTree';

const CLEAN = 'export function add(a, b) { return a + b; }\n';

test('a leak is reported as file:line:col  warning  …  unbounded-capture and the run exits 1', async (t) => {
  const root = makeTree(t, { 'src/app.js': LEAK, 'src/util.js': CLEAN });
  const { code, out, err } = await lint(root);
  assert.equal(err, '');
  const lines = out.split('\n');
  assert.match(lines[0]!, /^src\/app\.js:1:\d+ {2}warning {2}.*logs.* {2}unbounded-capture$/);
  assert.equal(lines.at(-1), '✖ 1 problem (0 errors, 1 warning, 0 infos) in 2 files');
  assert.equal(code, 1);
});

test('clean files exit 0 with a summary', async (t) => {
  const root = makeTree(t, { 'a.ts': CLEAN, 'b.mjs': CLEAN, 'node_modules/dep/index.js': LEAK });
  assert.deepEqual(await lint(root), { code: 0, out: '✔ 0 problems (0 errors, 0 warnings, 0 infos) in 2 files', err: '' });
});

test('--rule changes a severity or turns a rule off; --max-warnings tolerates warnings', async (t) => {
  const root = makeTree(t, { 'app.js': LEAK });
  const off = await lint(root, '--rule', 'unbounded-capture=off');
  assert.deepEqual([off.code, off.out], [0, '✔ 0 problems (0 errors, 0 warnings, 0 infos) in 1 file']);
  const error = await lint(root, '--rule', 'unbounded-capture=error');
  assert.equal(error.code, 1);
  assert.match(error.out, /^app\.js:1:\d+ {2}error {2}.* {2}unbounded-capture$/m);
  const info = await lint(root, '--rule', 'unbounded-capture=info');
  assert.equal(info.code, 0);
  assert.match(info.out, /\(0 errors, 0 warnings, 1 info\)/);
  assert.equal((await lint(root, '--max-warnings', '1')).code, 0);
  assert.equal((await lint(root, '--max-warnings', '0')).code, 1);
});

test('--ignore and .gitignore keep files out of the run', async (t) => {
  const root = makeTree(t, { '.gitignore': 'build/\n', 'build/app.js': LEAK, 'vendor/app.js': LEAK, 'src/ok.js': CLEAN });
  assert.deepEqual(await lint(root, '--ignore', 'vendor/**'), {
    code: 0,
    out: '✔ 0 problems (0 errors, 0 warnings, 0 infos) in 1 file',
    err: '',
  });
  assert.equal((await lint(root, '--ignore', 'vendor/**', '--no-gitignore')).code, 1);
});

test('a parse error is reported with its position as a notice and the other files are still linted', async (t) => {
  const root = makeTree(t, { 'a-broken.js': 'function f( {\n  return 1;\n', 'b-app.js': LEAK });
  const { code, out } = await lint(root);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^a-broken\.js:\d+:\d+ {2}notice {2}.+ {2}parse-error$/);
  assert.match(out, /^b-app\.js:1:\d+ {2}warning {2}.+ {2}unbounded-capture$/m);
  assert.equal(lines.at(-1), '✖ 1 problem (0 errors, 1 warning, 0 infos) in 1 file; 1 file skipped');
  assert.equal(code, 1);
});

test('--format json: the results and totals as JSON, paths relative to the working folder', async (t) => {
  const root = makeTree(t, { 'src/app.js': LEAK, 'big.js': 'x'.repeat(2000) });
  const { code, out } = await lint(root, '--format', 'json', '--max-file-size', '1000');
  const report = JSON.parse(out);
  assert.deepEqual(report.summary, { errors: 0, warnings: 1, infos: 0, files: 1, skipped: 1 });
  assert.deepEqual(
    report.results.map((r: { file: string; notice?: { kind: string } }) => [r.file, r.notice?.kind]),
    [
      ['big.js', 'too-large'],
      ['src/app.js', undefined],
    ],
  );
  assert.deepEqual(
    report.results[1].findings.map((f: { rule: string; range: { line: number } }) => [f.rule, f.range.line]),
    [['unbounded-capture', 1]],
  );
  assert.equal(code, 1);
});

test('--format sarif: a SARIF 2.1.0 log with one result per finding', async (t) => {
  const root = makeTree(t, { 'src/app.js': LEAK });
  const { code, out } = await lint(root, '--format=sarif');
  const log = JSON.parse(out) as Sarif.Log;
  assert.equal(sarifSchemaErrors(log), 'No errors');
  assert.deepEqual(
    log.runs[0]!.results!.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.artifactLocation!.uri]),
    [['unbounded-capture', 'warning', 'src/app.js']],
  );
  assert.equal(code, 1);
});

test('--help prints the options and exits 0; usage mistakes exit 2 with one line on stderr', async (t) => {
  const root = makeTree(t, { 'a.js': CLEAN });
  const help = await lint(root, '--help');
  assert.equal(help.code, 0);
  for (const option of ['--format', '--ignore', '--no-gitignore', '--rule', '--max-warnings', '--max-file-size'])
    assert.ok(help.out.includes(option), option);
  assert.deepEqual(await lint(root, 'missing'), { code: 2, out: '', err: 'leaklens lint: no such file or folder: missing' });
  assert.deepEqual(await lint(root, '--format', 'xml'), {
    code: 2,
    out: '',
    err: "leaklens lint: --format must be one of text|json|sarif, got 'xml'",
  });
});
