// Growth one call away in another module of the project: relative imports, tsconfig `paths`, package.json
// `imports`, CommonJS and ESM, with the call chain as related locations; and what a change affects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintProject, listProjectFiles, ProjectAnalysis } from '../../../src/analysis/project';

function project(files: Record<string, string>): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'leaklens-project-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

function findings(root: string): string[] {
  const results = lintProject(root, listProjectFiles(root), {}, (p) => p.slice(root.length + 1));
  return [...results.values()].flatMap((r) => r.findings.map((f) => `${r.file}:${f.range.line} ${f.rule}`));
}

const AUTH = `
const renewals = {};
function renew(user) {
  renewals[user.id] = Date.now();
}
export function getAuth(req) {
  renew(req.user);
  return req.user;
}
`;

test('a middleware calling a helper of another module that fills a module-level object, two calls deep', () => {
  const p = project({
    'src/app.js': `import { getAuth } from './auth.js';\napp.use((req, res, next) => { getAuth(req); next(); });\n`,
    'src/auth.js': AUTH,
  });
  try {
    assert.deepEqual(findings(p.root), ['src/auth.js:4 unbounded-capture']);
    const result = lintProject(p.root, listProjectFiles(p.root), {}, (f) => f.slice(p.root.length + 1)).get(join(p.root, 'src/auth.js'))!;
    const chain = result.findings[0]!.related.filter((r) => r.file === 'src/app.js');
    assert.equal(chain.length, 2, 'the registration and the call, in app.js');
    assert.match(chain[1]!.message, /calls `getAuth`/);
  } finally {
    p.done();
  }
});

test('CommonJS require, tsconfig paths and package.json imports resolve', () => {
  const p = project({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }',
    'package.json': '{ "imports": { "#store": "./src/store.js" } }',
    'src/routes.ts':
      `import { remember } from '@lib/audit';\nimport store from '#store';\nconst { track } = require('./track');\n` +
      `app.get('/x', (req, res) => { remember(req.url); store(req.ip); track(req.path); res.end(); });\n`,
    'src/lib/audit.ts': `const audit: string[] = [];\nexport function remember(u: string) {\n  audit.push(u);\n}\n`,
    'src/store.js': `const seen = new Set();\nexport default function add(ip) {\n  seen.add(ip);\n}\n`,
    'src/track.js': `const paths = [];\nexports.track = function (p) {\n  paths.push(p);\n};\n`,
  });
  try {
    assert.deepEqual(findings(p.root).sort(), [
      'src/lib/audit.ts:3 unbounded-capture',
      'src/store.js:3 unbounded-capture',
      'src/track.js:3 unbounded-capture',
    ]);
  } finally {
    p.done();
  }
});

test('a default import of a CommonJS module: its members are the functions module.exports names', () => {
  const p = project({
    'src/session.js': `import sessions from './sessions';\nexport const loadSession = async (req, res, next) => {\n  req.session = await sessions.lookup(req.headers.token);\n  next();\n};\n`,
    'src/sessions.js':
      `const pending = {};\nconst touch = (token) => {\n  clearTimeout(pending[token]);\n  pending[token] = setTimeout(() => save(token), 500);\n};\n` +
      `const lookup = async (token) => {\n  touch(token);\n  return token;\n};\nmodule.exports = { lookup };\n`,
  });
  try {
    assert.deepEqual(findings(p.root), ['src/sessions.js:4 unbounded-capture']);
  } finally {
    p.done();
  }
});

test('a helper nobody calls from a handler is not reported, nor one that bounds what it adds', () => {
  const p = project({
    'app.js': `const { add } = require('./cache');\napp.get('/', (req, res) => { add(req.url); res.end(); });\n`,
    'cache.js': `const items = [];\nexports.add = (x) => { items.push(x); if (items.length > 100) items.shift(); };\nexports.unused = (x) => { items.push(x); };\n`,
  });
  try {
    assert.deepEqual(findings(p.root), []);
  } finally {
    p.done();
  }
});

test('the index says which files a change affects, and a change re-reads the chain', () => {
  const index = new ProjectAnalysis('/p');
  index.set('/p/app.js', `import { getAuth } from './auth.js';\napp.use((req, res, next) => { getAuth(req); next(); });\n`);
  index.set('/p/auth.js', AUTH);
  assert.equal(index.lint('/p/auth.js').findings.length, 1);
  assert.deepEqual(index.affected('/p/app.js').sort(), ['/p/app.js', '/p/auth.js']);
  // The handler stops calling the helper: the helper's finding goes.
  index.set('/p/app.js', `app.use((req, res, next) => { next(); });\n`);
  assert.equal(index.lint('/p/auth.js').findings.length, 0);
});

test("a function another module's factory made once: its closure's cache grows on every call, a made-per-call one does not", () => {
  const MEMOIZE = `export function memoize(fn, { cache = new Map() } = {}) {\n  return (key) => {\n    if (!cache.has(key)) cache.set(key, fn(key));\n    return cache.get(key);\n  };\n}\n`;
  const p = project({
    'src/memoize.js': MEMOIZE,
    'src/app.js':
      `import { memoize } from './memoize.js';\nconst parse = memoize((u) => new URL(u, 'http://x'));\n` +
      `app.get('/a', (req, res) => { res.end(parse(req.url).pathname); });\n` +
      `app.get('/b', (req, res) => { const once = memoize((u) => u.length); res.end(String(once(req.url))); });\n`,
  });
  try {
    assert.deepEqual(findings(p.root), ['src/memoize.js:3 unbounded-capture']);
    const result = lintProject(p.root, listProjectFiles(p.root), {}, (f) => f.slice(p.root.length + 1)).get(
      join(p.root, 'src/memoize.js'),
    )!;
    assert.match(result.findings[0]!.message, /`memoize\(\)`/);
    assert.ok(result.findings[0]!.related.some((r) => r.file === 'src/app.js' && /calls `parse`, the function `memoize`/.test(r.message)));
  } finally {
    p.done();
  }
});

test('released files keep only their calls: findings and affected files are the same, the trees read again from disk', () => {
  const p = project({
    'app.js': `import { getAuth } from './auth.js';\napp.use((req, res, next) => { getAuth(req); next(); });\n`,
    'auth.js': AUTH,
    'other.js': `export const x = 1;\n`,
  });
  try {
    const files = listProjectFiles(p.root);
    const whole = lintProject(p.root, files);
    const index = new ProjectAnalysis(p.root);
    for (const file of files) {
      index.set(file, readFileSync(file, 'utf8'));
      index.release(file);
    }
    assert.deepEqual(
      files.map((f) => index.lint(f)),
      files.map((f) => whole.get(f)),
    );
    assert.deepEqual(index.affected(join(p.root, 'app.js')).sort(), [join(p.root, 'app.js'), join(p.root, 'auth.js')]);
    // Declared only, each read when the analysis needs it: the same again.
    const declared = new ProjectAnalysis(p.root);
    declared.declare(files);
    assert.deepEqual(
      files.map((f) => declared.lintAlone(f).findings.length),
      [0, 0, 0],
    );
    assert.deepEqual(declared.reachedFiles(), [join(p.root, 'auth.js')]);
    assert.deepEqual(declared.lint(join(p.root, 'auth.js')), whole.get(join(p.root, 'auth.js')));
  } finally {
    p.done();
  }
});
