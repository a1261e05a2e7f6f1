import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isLintable, lintFile } from '../../../src/analysis/lintFile';
import { LEAK, makeTree } from './tempTree';

test('a file over the size limit is skipped with a too-large notice naming both sizes', (t) => {
  const root = makeTree(t, { 'big.js': 'x'.repeat(3 * 1024 * 1024) });
  const result = lintFile(join(root, 'big.js'), {}, 'big.js');
  assert.deepEqual(result, {
    file: 'big.js',
    findings: [],
    notice: { kind: 'too-large', message: 'skipped: 3.0 MB is over the 2.0 MB size limit' },
  });
  assert.equal(lintFile(join(root, 'big.js'), { maxFileSize: 4 * 1024 * 1024 }).notice?.kind, undefined);
});

test('binary content is skipped: a NUL byte, or bytes that are not UTF-8', (t) => {
  const root = makeTree(t, {
    'nul.js': Buffer.from([0x61, 0x3d, 0x31, 0x00, 0x3b]),
    'latin1.js': Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]), // "// é" in Latin-1
  });
  assert.deepEqual(lintFile(join(root, 'nul.js')).notice, { kind: 'binary', message: 'skipped: binary content (NUL byte at offset 3)' });
  assert.deepEqual(lintFile(join(root, 'latin1.js')).notice, { kind: 'binary', message: 'skipped: not UTF-8 text' });
});

test('an empty file is analysed: no findings, no notice', (t) => {
  const root = makeTree(t, { 'empty.js': '' });
  assert.deepEqual(lintFile(join(root, 'empty.js'), {}, 'empty.js'), { file: 'empty.js', findings: [] });
});

test('an unreadable path becomes an unreadable notice with the system error code', (t) => {
  const root = makeTree(t, { 'dir.js/inner.txt': '' });
  assert.deepEqual(lintFile(join(root, 'dir.js')).notice, { kind: 'unreadable', message: 'cannot read the file (EISDIR)' });
  assert.deepEqual(lintFile(join(root, 'gone.js')).notice, { kind: 'unreadable', message: 'cannot read the file (ENOENT)' });
  assert.match(lintFile(join(root, 'dir.js/inner.txt')).notice?.message ?? '', /^not a kind of file leaklens lints \(\.js .*\.go\)$/);
});

test('a UTF-8 file with a byte-order mark reaches the engine and its findings carry the given name', (t) => {
  const root = makeTree(t, { 'app.js': '\uFEFF' + LEAK });
  const result = lintFile(join(root, 'app.js'), {}, 'src/app.js');
  assert.equal(result.file, 'src/app.js');
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.range.line]),
    [['unbounded-capture', 1]],
  );
});

test('isLintable: JS/TS extensions in any case, never declaration files', () => {
  const cases: [string, boolean][] = [
    ['a.js', true],
    ['a.CJS', true],
    ['a.mjs', true],
    ['a.jsx', true],
    ['a.ts', true],
    ['a.tsx', true],
    ['a.mts', true],
    ['a.cts', true],
    ['a.d.ts', false],
    ['a.d.cts', false],
    ['a.json', false],
    ['js', false],
    ['a.go', true],
    ['A.GO', true],
  ];
  for (const [path, expected] of cases) assert.equal(isLintable(path), expected, path);
});
