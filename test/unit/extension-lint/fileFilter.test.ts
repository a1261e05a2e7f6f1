import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExcludeMatcher, SCAN_INCLUDE_GLOB, engineFileName, isLintedDocument, isScannedFile } from '../../../src/extension/lint/fileFilter';

test('every JS/TS extension is scanned, other files are not', () => {
  const none = new ExcludeMatcher([]);
  for (const ext of ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'JS']) assert.ok(isScannedFile(`src/a.${ext}`, none), ext);
  for (const name of ['src/a.json', 'src/a.go', 'README.md', 'src/js', 'types/index.d.ts', 'types/x.d.mts']) assert.ok(!isScannedFile(name, none), name);
  assert.equal(SCAN_INCLUDE_GLOB, '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}');
});

test('node_modules is always skipped, at any depth', () => {
  const none = new ExcludeMatcher([]);
  assert.ok(none.excludes('node_modules/express/index.js'));
  assert.ok(none.excludes('packages/api/node_modules/koa/lib/app.js'));
  assert.ok(!none.excludes('src/node_modules_helper.js'));
});

test('user globs match workspace-relative paths, with either separator and dot folders', () => {
  const m = new ExcludeMatcher(['**/dist/**', 'generated/*.ts', '**/*.min.js']);
  assert.ok(m.excludes('dist/server.js'));
  assert.ok(m.excludes('packages\\web\\dist\\app.js'));
  assert.ok(m.excludes('generated/api.ts'));
  assert.ok(!m.excludes('generated/deep/api.ts'));
  assert.ok(m.excludes('.cache/vendor.min.js'));
  assert.ok(!m.excludes('src/server.js'));
  assert.ok(!isScannedFile('dist/server.js', m));
});

test('the engine gets a file name whose extension matches the language', () => {
  assert.equal(engineFileName('/w/src/app.mts', 'typescript'), '/w/src/app.mts');
  assert.equal(engineFileName('Untitled-1', 'typescriptreact'), 'Untitled-1.tsx');
  assert.equal(engineFileName('Untitled-2', 'javascript'), 'Untitled-2.js');
  assert.equal(engineFileName('/w/server.es6', 'javascript'), '/w/server.es6.js');
});

test('open documents are linted by language, declaration files excepted', () => {
  assert.ok(isLintedDocument('/w/a.jsx', 'javascriptreact'));
  assert.ok(isLintedDocument('Untitled-1', 'typescript'));
  assert.ok(isLintedDocument('/w/server.es6', 'javascript'));
  assert.ok(!isLintedDocument('/w/package.json', 'json'));
  assert.ok(!isLintedDocument('/w/types/index.d.ts', 'typescript'));
  assert.ok(!isLintedDocument('/w/types/index.d.mts', 'typescript'));
});
