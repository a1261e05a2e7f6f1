// What users of any CLI expect: --version, exit 2 when a path holds nothing to lint, --max-warnings that says why
// it fails, colours only when wanted, .git/info/exclude honoured, the configuration file and --include-tests, and
// SARIF that GitHub code scanning takes as it is (run from a subfolder too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { version } from '../../../package.json';
import { useColor } from '../../../src/cli/color';
import { main } from '../../../src/cli/main';
import { lintIn } from './lintRun';
import { githubSarifProblems, sarifSchemaErrors } from './sarifSchema';
import { LEAK, makeTree } from './tempTree';

test('--version prints the package version and exits 0', async () => {
  for (const flag of ['--version', '-v']) {
    const out: string[] = [];
    assert.equal(await main([flag], { out: (s) => out.push(s), err: () => assert.fail('stderr'), cwd: '.' }), 0);
    assert.deepEqual(out, [version]);
  }
});

test('nothing to lint is exit 2 with the reason, never a green run', async (t) => {
  const root = makeTree(t, { 'docs/README.md': '', 'dist/a.js': LEAK, '.gitignore': 'dist/\n', 'src/app.js': LEAK });
  const cases: [string[], string][] = [
    [
      ['docs'],
      'leaklens lint: nothing to lint in docs: no .js .cjs .mjs .jsx .ts .cts .mts .tsx .go files there (outside node_modules, .git and ignored folders)',
    ],
    [
      ['src', '--ignore', 'src/**'],
      'leaklens lint: nothing to lint in src: its one lintable file is ignored (by --ignore, .gitignore, .git/info/exclude or the configuration\'s "ignores")',
    ],
    [['no-such-js/'], 'leaklens lint: no such file or folder: no-such-js/'],
  ];
  for (const [argv, err] of cases) assert.deepEqual(await lintIn(root, ...argv), { code: 2, out: '', err }, argv.join(' '));
});

test('--max-warnings: a run failed by it says why on stderr (in every format); -1 allows any number', async (t) => {
  const root = makeTree(t, { 'app.js': LEAK });
  const cases: [string[], number, string][] = [
    [[], 1, ''],
    [['--max-warnings', '0', '--format', 'json'], 1, 'leaklens lint: failed: too many warnings: 1, and --max-warnings allows 0'],
    [['--max-warnings', '1'], 0, ''],
    [['--max-warnings', '-1'], 0, ''],
    [['--rule', 'unbounded-capture=error', '--max-warnings', '-1', '--format', 'sarif'], 1, ''],
  ];
  for (const [argv, code, err] of cases) {
    const run = await lintIn(root, ...argv);
    assert.deepEqual([run.code, run.err], [code, err], argv.join(' '));
  }
});

test('colour: FORCE_COLOR wins, NO_COLOR turns it off, otherwise a terminal that is not dumb', () => {
  const cases: [NodeJS.ProcessEnv, boolean, boolean][] = [
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ];
  for (const [env, tty, expected] of cases) assert.equal(useColor(env, tty), expected, `${JSON.stringify(env)} tty=${tty}`);
});

test('coloured text output has the same columns once the colour codes are taken out', async (t) => {
  const root = makeTree(t, { 'app.js': LEAK });
  const out: string[] = [];
  const plain = await lintIn(root);
  await main(['lint'], { out: (s) => out.push(s), err: () => {}, cwd: root, color: true });
  const coloured = out.join('\n');
  assert.match(coloured, /\u001b\[33mwarning\u001b\[39m/);
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain.out);
});

test('progress goes to io.progress only for runs over a second, and is cleared at the end', async (t) => {
  const tree: Record<string, string> = {};
  for (let i = 0; i < 400; i++) tree[`src/f${i}.js`] = LEAK.repeat(20);
  const root = makeTree(t, tree);
  const lines: string[] = [];
  await main(['lint', '--max-warnings', '-1'], { out: () => {}, err: () => {}, cwd: root, progress: (s) => lines.push(s) });
  // On a fast machine the run may finish within the second: then nothing transient is shown at all.
  if (lines.length > 0) {
    assert.match(lines[0]!, /^leaklens: linting \d+ of 400 files… src\/f\d+\.js$/);
    assert.equal(lines.at(-1), '');
  }
});

test('.git/info/exclude is honoured like a .gitignore at the repository root', async (t) => {
  const root = makeTree(t, { '.git/info/exclude': '# local\ngenerated/\n', 'generated/a.js': LEAK, 'src/b.js': LEAK });
  const run = await lintIn(root, '--format', 'json');
  assert.deepEqual(
    JSON.parse(run.out).results.map((r: { file: string }) => r.file),
    ['src/b.js'],
  );
  const all = await lintIn(root, '--format', 'json', '--no-gitignore');
  assert.deepEqual(
    JSON.parse(all.out).results.map((r: { file: string }) => r.file),
    ['generated/a.js', 'src/b.js'],
  );
});

test('the configuration file applies to the files below it; flags override it; a bad one is exit 2 naming file and key', async (t) => {
  const root = makeTree(t, {
    'leaklens.config.json': '{ "rules": { "unbounded-capture": "error" }, "ignores": ["vendor"] }',
    'app.js': LEAK,
    'vendor/lib.js': LEAK,
    'pkg/package.json': '{ "leaklens": { "rules": { "unbounded-capture": "off" } } }',
    'pkg/index.js': LEAK,
  });
  const severities = async (...argv: string[]) => {
    const run = await lintIn(root, '--format', 'json', ...argv);
    return JSON.parse(run.out).results.map((r: { file: string; findings: { severity: string }[] }) => [
      r.file,
      r.findings.map((f) => f.severity),
    ]);
  };
  assert.deepEqual(await severities(), [
    ['app.js', ['error']],
    ['pkg/index.js', []],
  ]);
  assert.deepEqual(await severities('--rule', 'unbounded-capture=info'), [
    ['app.js', ['info']],
    ['pkg/index.js', ['info']],
  ]);
  const bad = makeTree(t, { 'leaklens.config.json': '{ "maxFileSize": -1 }', 'a.js': LEAK });
  assert.deepEqual(await lintIn(bad), {
    code: 2,
    out: '',
    err: 'leaklens lint: invalid configuration: leaklens.config.json: "maxFileSize" must be a positive whole number of bytes (default 2097152), got -1',
  });
});

test('SARIF run from a subfolder: URIs relative to the repository root, rules and results as GitHub wants them', async (t) => {
  const root = makeTree(t, { '.git/HEAD': 'ref: refs/heads/main\n', 'src/buf.js': LEAK, 'src/other.js': `\n\n${LEAK}` });
  const run = await lintIn(join(root, 'src'), '--format', 'sarif');
  const log = JSON.parse(run.out) as Sarif.Log;
  assert.equal(sarifSchemaErrors(log), 'No errors');
  assert.deepEqual(githubSarifProblems(log), []);
  const results = log.runs[0]!.results!;
  assert.deepEqual(
    results.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri),
    ['src/buf.js', 'src/other.js'],
  );
  assert.equal(log.runs[0]!.originalUriBaseIds!.SRCROOT!.uri, `file://${root}/`);
  // The same code two lines lower in another file is another alert; the same line moved keeps its fingerprint.
  const [a, b] = results.map((r) => r.partialFingerprints!.primaryLocationLineHash);
  assert.notEqual(a, b);
  const moved = makeTree(t, { '.git/HEAD': '', 'src/buf.js': `\n\n\n${LEAK}` });
  const again = JSON.parse((await lintIn(join(moved, 'src'), '--format', 'sarif')).out) as Sarif.Log;
  assert.equal(again.runs[0]!.results![0]!.partialFingerprints!.primaryLocationLineHash, a);
});
