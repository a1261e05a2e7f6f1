// Options of the engine: includeTests, growingApis (the user's own table entries), and the partial analysis
// of a file with a local syntax error (Flow annotations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/analysis/index';
import { isTestFile } from '../../../src/analysis/testCode';
import { IncrementalLinter } from '../../../src/analysis/incremental';

const IN_A_TEST = `
describe('api', () => {
  it('counts', () => {
    const calls = [];
    app.use((req, res, next) => { calls.push(req.url); next(); });
  });
});`;

test('handlers in test code are reported with includeTests', () => {
  assert.equal(lintText('a.js', IN_A_TEST).findings.length, 0);
  assert.equal(lintText('a.js', IN_A_TEST, { includeTests: true }).findings.length, 1);
  assert.equal(lintText('test/a.js', 'const l = [];\napp.get("/", (req, res) => { l.push(req.url); });').findings.length, 0);
  assert.equal(
    lintText('test/a.js', 'const l = [];\napp.get("/", (req, res) => { l.push(req.url); });', { includeTests: true }).findings.length,
    1,
  );
});

test("the user's growing-API entries are judged like the built-in ones", () => {
  const code = `import { track } from 'my-analytics';\napp.use((req, res, next) => { track(req.originalUrl); next(); });\n`;
  assert.equal(lintText('a.mjs', code).findings.length, 0);
  const r = lintText('a.mjs', code, {
    growingApis: [
      { language: 'js', module: 'my-analytics', call: 'track', grows: 'series', requestDataArgs: [0], why: 'each URL is a new series' },
    ],
  });
  assert.deepEqual(
    r.findings.map((f) => [f.rule, f.range.line]),
    [['unbounded-capture', 2]],
  );
  assert.match(r.findings[0]!.message, /each URL is a new series/);
  // A Go entry is not the JS engine's business.
  assert.equal(
    lintText('a.mjs', code, { growingApis: [{ language: 'go', call: 'track', grows: 'always', what: 'x' }] }).findings.length,
    0,
  );
});

test('a Flow-annotated file is analysed whole; one Flow cannot parse either keeps the damaged-function notice', () => {
  const code = [
    '// @flow',
    'const logs = [];',
    'function format(x: ?string): string { return (x: any) || ""; }',
    'app.use((req, res, next) => { logs.push(req.url); next(); });',
  ].join('\n');
  const r = lintText('flow.js', code);
  assert.equal(r.notice, undefined);
  assert.deepEqual(
    r.findings.map((f) => f.range.line),
    [4],
  );
  // A half-typed edit: Flow's parser rejects it too, so TypeScript's recovery and notice take over.
  const broken = lintText('flow.js', code.replace('return (x: any)', 'return (x: any'));
  assert.equal(broken.notice?.kind, 'parse-error');
  assert.equal(broken.notice?.line, 3);
  assert.deepEqual(
    broken.findings.map((f) => f.range.line),
    [4],
  );
});

test("the editor's incremental trees of a Flow document are of its blanked text, edit after edit", () => {
  const linter = new IncrementalLinter();
  const code = [
    '// @flow',
    'const logs: Array<?string> = [];',
    'app.use((req: $Request, res, next) => { logs.push(req.url); next(); });',
  ].join('\n');
  const first = linter.lint('doc', 'flow.js', code);
  assert.equal(first.notice, undefined);
  assert.deepEqual(
    first.findings.map((f) => [f.range.line, f.range.column]),
    [[3, 41]],
  );
  // Typing a Flow-only type in front of the handler moves the finding down a line, still with no notice.
  const edited = code.replace('const logs', 'type Opts = {| max: number |};\nconst logs');
  const second = linter.lint('doc', 'flow.js', edited);
  assert.equal(second.notice, undefined);
  assert.deepEqual(
    second.findings.map((f) => [f.range.line, f.range.column]),
    [[4, 41]],
  );
});

test('a finding inside the damaged function is dropped', () => {
  const code = 'const logs = [];\napp.use((req, res, next) => { logs.push((req.url: any)); next(); });\n';
  const r = lintText('flow.js', code);
  assert.equal(r.notice?.kind, 'parse-error');
  assert.deepEqual(r.findings, []);
});

test('test folders count within the project and within an installed package, not above them', () => {
  assert.equal(isTestFile('/home/u/test/shop/src/app.js', '/home/u/test/shop'), false);
  assert.equal(isTestFile('/home/u/test/shop/test/app.js', '/home/u/test/shop'), true);
  assert.equal(isTestFile('/repo/test/bench/corpus/node_modules/express/lib/router.js'), false);
  assert.equal(isTestFile('/repo/node_modules/@scope/pkg/__tests__/a.js'), true);
  assert.equal(isTestFile('src/routes.spec.ts'), true);
});
