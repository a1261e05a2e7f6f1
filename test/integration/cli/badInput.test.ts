// The bad inputs, linted by a real `leaklens lint` process next to a leaking file: each gets one notice
// line, none crashes or hangs the run, and the leak is still found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LEAK, makeTree } from '../../unit/cli/tempTree';

const ENTRY = join(__dirname, 'leaklens.ts');
// Resolved here: the process runs in a temp folder, where `--import tsx` would not find the package.
const TSX = pathToFileURL(require.resolve('tsx')).href;
/** Generous: the whole run takes about a second; this only turns a hang into a failure. */
const HANG_LIMIT_MS = 120_000;

function leaklens(cwd: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX, ENTRY, 'lint', ...args],
      { cwd, timeout: HANG_LIMIT_MS, maxBuffer: 64 << 20 },
      (error, out, err) => {
        if (error && error.killed) reject(new Error(`leaklens lint ${args.join(' ')} did not finish within ${HANG_LIMIT_MS} ms`));
        else resolve({ code: error ? (error.code as number) : 0, out, err });
      },
    );
  });
}

/** About 10 MB of minified-looking code on one line. */
function minified(): string {
  const chunk = 'var a=function(b,c){return b.map(function(d){return d+c})},e={f:1,g:[2,3]};';
  return chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length));
}

const DEPTH = 20_000;
const tree = {
  'app.js': LEAK,
  'bad/syntax.js': 'function broken( {\n  const = ;\n',
  'bad/minified.min.js': minified(),
  'bad/garbage.js': randomBytes(64 * 1024),
  'bad/empty.js': '',
  'bad/deep.js': `module.exports = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\n`,
};

function assertNoCrash(run: { out: string; err: string }): void {
  assert.equal(run.err, '');
  assert.doesNotMatch(run.out, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(run.out, /RangeError|Maximum call stack/);
}

test('bad inputs: one notice line each, the leak next to them still reported', async (t) => {
  const root = makeTree(t, tree);
  const run = await leaklens(root);
  assertNoCrash(run);
  const notices = run.out.split('\n').filter((line) => / {2}notice {2}/.test(line));
  assert.deepEqual(
    notices.map((line) => line.split(/\s{2,}/).map((part, i) => (i === 2 ? '…' : part.replace(/:\d+:\d+$/, ':L:C')))),
    [
      ['bad/deep.js', 'notice', '…', 'too-deep'],
      ['bad/garbage.js', 'notice', '…', 'binary'],
      ['bad/minified.min.js', 'notice', '…', 'too-large'],
      ['bad/syntax.js:L:C', 'notice', '…', 'parse-error'],
    ],
  );
  assert.ok(
    notices.every((line) => line.length < 200),
    'each notice is one short line',
  );
  assert.match(run.out, /^app\.js:1:\d+ {2}warning .* {2}unbounded-capture$/m);
  assert.match(run.out, /✖ 1 problem \(0 errors, 1 warning, 0 infos\) in 2 files; 4 files skipped$/m);
  assert.equal(run.code, 1);
});
