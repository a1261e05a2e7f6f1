// Bad input to the engine: one clear notice, never a throw, a stack overflow or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/analysis/index';
import type { FileResult, Notice } from '../../../src/findings/model';

/** The whole result: no findings, exactly this notice, its message one line of plain words (no stack). */
function assertSkipped(r: FileResult, file: string, notice: Notice): void {
  assert.deepEqual(r, { file, findings: [], notice });
  assert.doesNotMatch(notice.message, /\n|\bat .*:\d+:\d+|Error:/, 'one line, no stack trace');
}

test('a syntax error is a parse-error notice with its 1-based position', () => {
  const r = lintText('bad.js', 'const a = 1;\nfunction (req, res {\n');
  assertSkipped(r, 'bad.js', {
    kind: 'parse-error',
    message: 'syntax error: Identifier expected. (the code around it is skipped; the rest of the file is analysed)',
    line: 2,
    column: 10,
  });
});

test('an empty file is clean', () => {
  assert.deepEqual(lintText('empty.ts', ''), { file: 'empty.ts', findings: [] });
});

test('20,000 levels of nesting are skipped with a notice, without a stack overflow', () => {
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
    ['{a:', '}'],
  ]) {
    const r = lintText('deep.js', 'x = ' + open!.repeat(20000) + '1' + close!.repeat(20000));
    assertSkipped(r, 'deep.js', { kind: 'too-deep', message: 'skipped: nested too deeply to parse' });
  }
});

test('a file over the size limit is skipped with a notice naming the limit', () => {
  const r = lintText('big.js', 'x'.repeat(101), { maxFileSize: 100 });
  assertSkipped(r, 'big.js', { kind: 'too-large', message: 'skipped: 101 characters is over the 100-byte limit (maxFileSize)' });
});

test('binary garbage named .js is a notice, not a crash', () => {
  let seed = 7;
  const garbage = Array.from({ length: 64 * 1024 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) & 0xffff) & 0xff)).join(
    '',
  );
  const r = lintText('garbage.js', garbage);
  // TypeScript's parser recovers from almost anything: the first error it reports, with its position.
  assertSkipped(r, 'garbage.js', {
    kind: 'parse-error',
    message: "syntax error: ';' expected. (the code around it is skipped; the rest of the file is analysed)",
    line: 1,
    column: 2,
  });
});

test('a 10 MB minified file within the limit is analysed', () => {
  const leak = 'function f(a){var b=[];return function(req,res,next){b.push(req.url);next()}}app.use(f());';
  const filler = 'var o={a:function(x){return x*2},b:[1,2,3].map(function(y){return y+1}),c:"s"};';
  const text = leak + filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length)) + leak;
  const r = lintText('min.js', text, { maxFileSize: 20 * 1024 * 1024 });
  assert.equal(r.notice, undefined);
  assert.deepEqual(
    r.findings.map((f) => `${f.rule}@${f.range.line}:${f.range.column}`),
    ['unbounded-capture@1:54', `unbounded-capture@1:${text.length - leak.length + 54}`],
  );
});
