import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import {
  ExcludeMatcher,
  LINTED_LANGUAGES,
  SCAN_INCLUDE_GLOB,
  engineFileName,
  isLintedDocument,
  isScannedFile,
} from '../../../src/extension/lint/fileFilter';

test('every JS/TS and Go extension is scanned, other files are not', () => {
  const none = new ExcludeMatcher([]);
  for (const ext of ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'JS', 'go', 'GO'])
    assert.ok(isScannedFile(`src/a.${ext}`, none), ext);
  for (const name of ['src/a.json', 'go.mod', 'go.sum', 'README.md', 'src/js', 'src/go', 'types/index.d.ts', 'types/x.d.mts'])
    assert.ok(!isScannedFile(name, none), name);
  assert.equal(SCAN_INCLUDE_GLOB, '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,go}');
});

test('the scan glob finds exactly the files the scan keeps', () => {
  const none = new ExcludeMatcher([]);
  for (const path of ['main.go', 'cmd/api/middleware.go', 'src/app.ts', 'web/a.jsx', 'go.mod', 'notes.md', 'src/gojs', 'handler_test.go']) {
    assert.equal(minimatch(path, SCAN_INCLUDE_GLOB), isScannedFile(path, none), path);
  }
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
  assert.equal(engineFileName('/w/cmd/main.go', 'go'), '/w/cmd/main.go');
  assert.equal(engineFileName('Untitled-3', 'go'), 'Untitled-3.go');
});

test('the language decides the engine when the name says otherwise', () => {
  assert.equal(engineFileName('/w/snippet.txt', 'go'), '/w/snippet.txt.go');
  assert.equal(engineFileName('/w/app.js', 'go'), '/w/app.js.go');
  assert.equal(engineFileName('/w/main.go', 'javascript'), '/w/main.go.js');
  assert.equal(engineFileName('/w/server.ts', 'javascript'), '/w/server.ts', 'a JS/TS name keeps its own JS/TS engine');
});

test('open documents are linted by language, declaration files excepted', () => {
  assert.ok(isLintedDocument('/w/a.jsx', 'javascriptreact'));
  assert.ok(isLintedDocument('Untitled-1', 'typescript'));
  assert.ok(isLintedDocument('/w/server.es6', 'javascript'));
  assert.ok(!isLintedDocument('/w/package.json', 'json'));
  assert.ok(!isLintedDocument('/w/types/index.d.ts', 'typescript'));
  assert.ok(!isLintedDocument('/w/types/index.d.mts', 'typescript'));
  assert.ok(isLintedDocument('/w/cmd/main.go', 'go'));
  assert.ok(isLintedDocument('Untitled-1', 'go'));
  assert.ok(!isLintedDocument('/w/go.mod', 'go.mod'));
  assert.ok(!isLintedDocument('/w/main.go', 'plaintext'));
});

test('the linted languages are those the manifest activates on', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };
  const activating = manifest.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
  assert.deepEqual([...activating].sort(), [...LINTED_LANGUAGES].sort());
});
