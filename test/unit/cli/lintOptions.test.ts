import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/io';
import { parseLintArgs } from '../../../src/cli/lintOptions';

test('defaults: current folder, text, git-ignores honoured, size limit and tests from the configuration, every warning fails', () => {
  assert.deepEqual(parseLintArgs([]), {
    paths: [],
    ignore: [],
    gitignore: true,
    format: 'text',
    maxWarnings: undefined,
    rules: {},
    maxFileSize: undefined,
    help: false,
  });
});

test('every option, repeatable ones repeated', () => {
  const options = parseLintArgs([
    'src',
    '--ignore',
    'dist/**',
    '--ignore=*.min.js',
    '--no-gitignore',
    '--format',
    'sarif',
    '--max-warnings',
    '0',
    '--rule',
    'bounded-buffer=off',
    '--rule',
    'unbounded-capture=error',
    '--max-file-size',
    '500',
    'lib',
    '-h',
    '--include-tests',
  ]);
  assert.deepEqual(options, {
    paths: ['src', 'lib'],
    ignore: ['dist/**', '*.min.js'],
    gitignore: false,
    format: 'sarif',
    maxWarnings: 0,
    rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error' },
    maxFileSize: 500,
    includeTests: true,
    help: true,
  });
});

const mistakes: [string[], string][] = [
  [['--bogus'], "Unknown option '--bogus' (see leaklens lint --help)"],
  [['--format'], "Option '--format <value>' argument missing (see leaklens lint --help)"],
  [['--format', 'xml'], "--format must be one of text|json|sarif, got 'xml'"],
  [['--max-warnings', '-2'], "--max-warnings needs a whole number of warnings (0 or more), or -1 for no limit; got '-2'"],
  [['--max-warnings=1.5'], "--max-warnings needs a whole number of warnings (0 or more), or -1 for no limit; got '1.5'"],
  [['--max-warnings', 'many'], "--max-warnings needs a whole number of warnings (0 or more), or -1 for no limit; got 'many'"],
  [['--max-file-size', '0'], "--max-file-size needs a whole number of at least 1, got '0'"],
  [['--max-file-size', '2MB'], "--max-file-size needs a whole number of at least 1, got '2MB'"],
  [
    ['--rule', 'no-such-rule=off'],
    "--rule: unknown rule 'no-such-rule' (rules: unbounded-capture, listener-per-request, bounded-buffer, unsynchronized-capture, runtime-growth)",
  ],
  [['--rule', 'bounded-buffer'], "--rule bounded-buffer: severity must be one of off|info|warning|error, got ''"],
  [['--rule', 'bounded-buffer=warn'], "--rule bounded-buffer: severity must be one of off|info|warning|error, got 'warn'"],
];

for (const [argv, message] of mistakes) {
  test(`usage error: ${argv.join(' ')}`, () => {
    assert.throws(
      () => parseLintArgs(argv),
      (e: unknown) => e instanceof UsageError && e.message === message,
    );
  });
}

test('--max-warnings -1 means no limit, as in ESLint, written either way', () => {
  assert.equal(parseLintArgs(['--max-warnings', '-1']).maxWarnings, -1);
  assert.equal(parseLintArgs(['--max-warnings=-1', 'src']).maxWarnings, -1);
  assert.deepEqual(parseLintArgs(['--max-warnings', '-1', 'src']).paths, ['src']);
});
