// Snapshot and profile folders LeakLens creates are ignored by git, so a heap dump is never committed by accident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeOutputFolder } from '../../../src/heap/outputFolder';
import { makeTree } from './tempTree';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

test('a new snapshot folder in a git repository: the dump is ignored, git status stays clean', (t) => {
  const root = makeTree(t, { 'app.js': '' });
  git(root, 'init', '-q');
  git(root, 'add', 'app.js');
  makeOutputFolder(join(root, '.leaklens', 'snapshots'));
  writeFileSync(join(root, '.leaklens', 'snapshots', 'app-1.heapsnapshot'), '{}');
  assert.equal(git(root, 'status', '--porcelain', '--untracked-files=all'), 'A  app.js\n');
  assert.match(readFileSync(join(root, '.leaklens', '.gitignore'), 'utf8'), /^\*$/m);
});

test("a folder that already existed is the user's: no .gitignore is added to it", (t) => {
  const root = makeTree(t, { 'dumps/keep.txt': '' });
  makeOutputFolder(join(root, 'dumps'));
  makeOutputFolder(join(root, 'dumps', 'today'));
  assert.throws(() => readFileSync(join(root, 'dumps', '.gitignore')), { code: 'ENOENT' });
  assert.match(readFileSync(join(root, 'dumps', 'today', '.gitignore'), 'utf8'), /^\*$/m);
  mkdirSync(join(root, 'again'));
  makeOutputFolder(join(root, 'again'));
  assert.throws(() => readFileSync(join(root, 'again', '.gitignore')), { code: 'ENOENT' });
});
