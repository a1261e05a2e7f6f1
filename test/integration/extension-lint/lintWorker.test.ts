// The scan worker as the extension runs it: a real worker thread over real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { join } from 'node:path';
import { LintWorker } from '../../../src/extension/lint/lintWorker';
import { lintText } from '../../../src/analysis/index';
import type { FileResult } from '../../../src/findings/model';

const script = join(__dirname, '../../../src/analysis/scanWorker.ts');
const newWorker = () => new LintWorker(script, ['--require', 'tsx/cjs']);
const LIMIT_MS = 20_000;
const LEAK = `function requestLogger() {
  const entries = [];
  return function log(req, res, next) {
    entries.push(req.url);
    next();
  };
}
module.exports = { requestLogger };
`;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a file list streams one result per file, in order; big and missing files become notices', async (t) => {
  const dir = tempDir(t);
  const files = ['a.js', 'b.ts', 'big.js', 'missing.js', 'binary.js'].map((f) => join(dir, f));
  writeFileSync(files[0]!, LEAK);
  writeFileSync(files[1]!, 'export const y: number = 2;\n');
  writeFileSync(files[2]!, 'x'.repeat(5000));
  writeFileSync(files[4]!, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
  const worker = newWorker();
  t.after(() => worker.stop());
  const results: FileResult[] = [];
  await worker.lintFiles(
    files,
    { maxFileSize: 4096 },
    { onResult: (r) => results.push(r), onFailed: (f, m) => assert.fail(`${f}: ${m}`) },
    LIMIT_MS,
  );
  assert.deepEqual(
    results.map((r) => r.file),
    files,
  );
  assert.deepEqual(
    results[0]!.findings.map((f) => [f.rule, f.range.line, f.target]),
    [['unbounded-capture', 4, 'entries']],
  );
  assert.ok(results[0]!.findings[0]!.fixes.length > 0);
  assert.equal(results[1]!.notice, undefined);
  assert.equal(results[2]!.notice?.kind, 'too-large');
  assert.match(results[2]!.notice!.message, /^skipped: .* is over the .* size limit$/);
  assert.equal(results[3]!.notice?.kind, 'unreadable');
  assert.match(results[3]!.notice!.message, /ENOENT/);
  assert.equal(results[4]!.notice?.kind, 'binary');
});

test('document text is linted in the worker and comes back as one result', async (t) => {
  const worker = newWorker();
  t.after(() => worker.stop());
  const result = await worker.lintText('/virtual/app.ts', '/virtual/app.ts', LEAK, { rules: { 'unbounded-capture': 'error' } }, LIMIT_MS);
  assert.equal(result.file, '/virtual/app.ts');
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.range.line, f.severity]),
    [['unbounded-capture', 4, 'error']],
  );
});

test('successive versions of one document: each result is what a fresh lint of that version gives', async (t) => {
  const worker = newWorker();
  t.after(() => worker.stop());
  const versions = [
    LEAK,
    LEAK.replace('entries.push(req.url);', 'entries.push(req.url);\n    if (entries.length > 100) entries.shift();'),
    LEAK.replace('(req, res, next) {', '(req, res, next {'),
    LEAK,
  ];
  for (const [i, text] of versions.entries()) {
    assert.deepEqual(await worker.lintText('doc-1', '/v/app.js', text, {}, LIMIT_MS), lintText('/v/app.js', text), `version ${i}`);
  }
  worker.forget('doc-1');
  assert.deepEqual(await worker.lintText('doc-1', '/v/app.js', versions[1]!, {}, LIMIT_MS), lintText('/v/app.js', versions[1]!));
});

test('Go: document text and files are linted in the worker, the grammar loaded on first use', async (t) => {
  const dir = tempDir(t);
  const goFile = join(__dirname, '../../../examples/gin/leaky/main.go');
  const worker = newWorker();
  t.after(() => worker.stop());
  const fromText = await worker.lintText('go-doc', '/v/main.go', readFileSync(goFile, 'utf8'), {}, LIMIT_MS);
  assert.deepEqual(
    fromText.findings.map((f) => [f.rule, f.range.line, f.target]),
    [['unbounded-capture', 25, 'logs']],
  );
  const results: FileResult[] = [];
  writeFileSync(join(dir, 'broken.go'), 'package main\nfunc (\n');
  await worker.lintFiles(
    [goFile, join(dir, 'broken.go')],
    {},
    { onResult: (r) => results.push(r), onFailed: (f, m) => assert.fail(`${f}: ${m}`) },
    LIMIT_MS,
  );
  assert.deepEqual(results[0]!.findings, fromText.findings);
  assert.equal(results[1]!.notice?.kind, 'parse-error');
});

// A worker that takes requests and never answers: a real hang, seen from the extension side.
function silentWorker(dir: string): LintWorker {
  const path = join(dir, 'silent-worker.js');
  writeFileSync(path, "require('node:worker_threads').parentPort.on('message', () => {});\n");
  return new LintWorker(path);
}

test('a FIFO named .js is skipped with a notice instead of blocking the scan', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'pipe.js');
  execFileSync('mkfifo', [path]);
  const worker = newWorker();
  t.after(() => worker.stop());
  const results: FileResult[] = [];
  await worker.lintFiles([path], {}, { onResult: (r) => results.push(r), onFailed: () => {} }, LIMIT_MS);
  assert.deepEqual(
    results.map((r) => r.notice),
    [{ kind: 'unreadable', message: 'skipped: not a regular file' }],
  );
});

test('a worker that stops answering is ended by the timeout, with a message saying what it waited for', async (t) => {
  const worker = silentWorker(tempDir(t));
  t.after(() => worker.stop());
  await assert.rejects(worker.lintText('/v/a.js', '/v/a.js', '', {}, 500), {
    message: 'LeakLens worker gave no answer within 0.5 s while linting /v/a.js',
  });
  await assert.rejects(worker.lintFiles(['/v/a.js'], {}, { onResult: () => {}, onFailed: () => {} }, 500), {
    message: 'LeakLens worker gave no answer within 0.5 s while linting /v/a.js',
  });
});

test('stop() cancels a running scan at once and rejects it with the given reason', async (t) => {
  const worker = silentWorker(tempDir(t));
  t.after(() => worker.stop());
  const scan = worker.lintFiles(['/v/a.js'], {}, { onResult: () => {}, onFailed: () => {} }, LIMIT_MS);
  setTimeout(() => worker.stop(new Error('cancelled by the user')), 100);
  await assert.rejects(scan, { message: 'cancelled by the user' });
});

test('after a stop the next request runs on a fresh thread', async (t) => {
  const worker = newWorker();
  t.after(() => worker.stop());
  await worker.lintText('/v/a.js', '/v/a.js', '', {}, LIMIT_MS);
  worker.stop();
  assert.equal((await worker.lintText('/v/b.js', '/v/b.js', '', {}, LIMIT_MS)).file, '/v/b.js');
});

test('a worker script that cannot load fails the request with a clear message instead of hanging', async () => {
  const worker = new LintWorker(join(tmpdir(), 'no-such-leaklens-worker.js'));
  await assert.rejects(
    worker.lintText('/v/a.js', '/v/a.js', '', {}, LIMIT_MS),
    /^Error: LeakLens worker crashed: .*no-such-leaklens-worker/,
  );
});

test('a malformed request gets a failure and a done, so no caller waits for ever', { timeout: LIMIT_MS }, async (t) => {
  const worker = new Worker(script, { execArgv: ['--require', 'tsx/cjs'] });
  t.after(() => worker.terminate());
  const answers: unknown[] = [];
  worker.on('message', (m) => answers.push(m));
  worker.postMessage({ id: 7, kind: 'files', files: [42], config: {} });
  while (answers.length < 2) await once(worker, 'message');
  assert.deepEqual(answers, [
    { id: 7, kind: 'failed', file: '', message: 'malformed request to the LeakLens worker' },
    { id: 7, kind: 'done' },
  ]);
});

// A middleware whose growth is two calls away in another module (app.js → getAuth → renew).
const APP = `const { getAuth } = require('./lib/auth');\napp.use((req, res, next) => { getAuth(req); next(); });\n`;
const AUTH = `const renewals = {};\nfunction renew(user) {\n  renewals[user.id] = Date.now();\n}\nexports.getAuth = function (req) {\n  renew(req.user);\n  return req.user;\n};\n`;

function authProject(t: { after(fn: () => void): void }): { dir: string; app: string; auth: string } {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'lib'));
  const app = join(dir, 'app.js');
  const auth = join(dir, 'lib', 'auth.js');
  writeFileSync(app, APP);
  writeFileSync(auth, AUTH);
  return { dir, app, auth };
}

test('a scan with a root finds growth in another module; the helper file comes again with it', async (t) => {
  const { dir, app, auth } = authProject(t);
  const worker = newWorker();
  t.after(() => worker.stop());
  const scan = async (root?: string) => {
    const results: FileResult[] = [];
    const callbacks = { onResult: (r: FileResult) => results.push(r), onFailed: (f: string, m: string) => assert.fail(`${f}: ${m}`) };
    await worker.lintFiles([auth, app], {}, callbacks, LIMIT_MS, root);
    return results.map((r) => [
      r.file,
      r.findings.map((f) => `${f.range.line} ${f.rule} via ${f.related.filter((x) => x.file === app).length}`),
    ]);
  };
  // Alone, neither file has a finding; as a project, auth.js's second result carries the chain from app.js.
  assert.deepEqual(await scan(), [
    [auth, []],
    [app, []],
  ]);
  assert.deepEqual(await scan(dir), [
    [auth, []],
    [app, []],
    [auth, ['3 unbounded-capture via 2']],
  ]);
});

test('a big document linted in the worker with a root is analysed with the modules on disk, told of changes', async (t) => {
  const { dir, app, auth } = authProject(t);
  const worker = newWorker();
  t.after(() => worker.stop());
  const lines = async () => (await worker.lintText(auth, auth, AUTH, {}, LIMIT_MS, dir)).findings.map((f) => f.range.line);
  assert.deepEqual(await lines(), [3]);
  // The handler stops calling the helper on disk: once the worker is told, the finding goes.
  writeFileSync(app, `app.use((req, res, next) => { next(); });\n`);
  worker.fileChanged(app, false);
  assert.deepEqual(await lines(), []);
});
