import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { discoverFiles, type DiscoverOptions } from '../../../src/cli/files';
import { UsageError } from '../../../src/cli/io';
import { makeTree } from './tempTree';

function discover(root: string, paths: string[], options: Partial<DiscoverOptions> = {}): string[] {
  return discoverFiles(paths, { cwd: root, ignore: [], gitignore: true, ...options }).map((p) => relative(root, p));
}

test('folders are searched recursively for every JS/TS extension, declaration files and other files skipped', (t) => {
  const root = makeTree(t, {
    'a.js': '',
    'b.cjs': '',
    'c.mjs': '',
    'd.jsx': '',
    'e.ts': '',
    'f.tsx': '',
    'g.mts': '',
    'h.cts': '',
    'deep/er/i.JS': '',
    'types.d.ts': '',
    'm.d.mts': '',
    'notes.md': '',
    'data.json': '',
  });
  assert.deepEqual(discover(root, []), ['a.js', 'b.cjs', 'c.mjs', 'd.jsx', 'deep/er/i.JS', 'e.ts', 'f.tsx', 'g.mts', 'h.cts']);
});

test('node_modules and .git are never entered, at any depth', (t) => {
  const root = makeTree(t, { 'src/a.js': '', 'node_modules/x/i.js': '', 'src/node_modules/y.js': '', '.git/hooks/h.js': '' });
  assert.deepEqual(discover(root, ['.']), ['src/a.js']);
});

test('.gitignore files apply at their level; a deeper !pattern re-includes', (t) => {
  const root = makeTree(t, {
    '.gitignore': 'dist/\n*.gen.js\n',
    'dist/out.js': '',
    'src/a.js': '',
    'src/b.gen.js': '',
    'src/keep/.gitignore': '!*.gen.js\nlocal.js\n',
    'src/keep/c.gen.js': '',
    'src/keep/local.js': '',
    'local.js': '',
  });
  assert.deepEqual(discover(root, []), ['local.js', 'src/a.js', 'src/keep/c.gen.js']);
  assert.deepEqual(discover(root, [], { gitignore: false }), [
    'dist/out.js',
    'local.js',
    'src/a.js',
    'src/b.gen.js',
    'src/keep/c.gen.js',
    'src/keep/local.js',
  ]);
});

test('.gitignore files above the named folder apply up to the repository root', (t) => {
  const root = makeTree(t, { '.git/HEAD': '', '.gitignore': 'generated/\n', 'pkg/src/generated/g.js': '', 'pkg/src/a.js': '' });
  assert.deepEqual(discover(root, ['pkg/src']), ['pkg/src/a.js']);
});

test('outside a repository, .gitignore files above the named folder do not apply', (t) => {
  const root = makeTree(t, { '.gitignore': 'generated/\n', 'pkg/generated/g.js': '' });
  // The temp folder is not in a repository, so only .gitignore files inside pkg/ would count.
  assert.deepEqual(discover(root, ['pkg']), ['pkg/generated/g.js']);
});

test('--ignore globs match files and whole folders, relative to the working folder; no slash matches any depth', (t) => {
  const root = makeTree(t, { 'src/a.js': '', 'src/vendor/v.js': '', 'src/x.min.js': '', 'test/t.js': '' });
  assert.deepEqual(discover(root, [], { ignore: ['test/**', 'src/vendor'] }), ['src/a.js', 'src/x.min.js']);
  assert.deepEqual(discover(root, [], { ignore: ['*.min.js'] }), ['src/a.js', 'src/vendor/v.js', 'test/t.js']);
  assert.deepEqual(discover(root, [], { ignore: ['./src/**'] }), ['test/t.js']);
});

test('a file named explicitly is linted even when git ignores it, but not when --ignore matches it', (t) => {
  const root = makeTree(t, { '.gitignore': '*.js\n', 'a.js': '', 'b.js': '', 'c.js': '' });
  assert.deepEqual(discover(root, ['a.js', 'c.js', 'a.js']), ['a.js', 'c.js']);
  assert.deepEqual(discover(root, ['c.js', 'a.js'], { ignore: ['c.js'] }), ['a.js']);
  assert.throws(() => discover(root, ['b.js'], { ignore: ['b.js'] }), /^Error: nothing to lint in b\.js: its one lintable file is ignored/);
});

test('symbolic links to files are followed, to folders are not (no loops)', (t) => {
  const root = makeTree(t, { 'src/a.js': '', 'src/loop': { symlinkTo: '..' }, 'src/alias.js': { symlinkTo: 'a.js' } });
  assert.deepEqual(discover(root, []), ['src/a.js', 'src/alias.js']);
});

test('a missing path or a named non-JS file is a usage error that names it', (t) => {
  const root = makeTree(t, { 'README.md': '' });
  assert.throws(
    () => discover(root, ['nope']),
    (e: unknown) => e instanceof UsageError && e.message === 'no such file or folder: nope',
  );
  assert.throws(
    () => discover(root, ['README.md']),
    (e: unknown) => e instanceof UsageError && /README\.md is not a kind of file leaklens lints \(\.js /.test(e.message),
  );
});
