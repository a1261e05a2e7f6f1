// The configuration file: found from the linted file upwards, merged with a front end's own settings, and every
// mistake one ConfigError naming the file and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { ConfigError, lintConfigOf, parseConfig } from '../../../src/config/configFile';
import { findConfig, ignoredByConfig } from '../../../src/config/findConfig';
import { makeTree } from '../cli/tempTree';

test('found upwards: the nearest leaklens.config.json or package.json "leaklens" key; package.json without the key is passed over', (t) => {
  const root = makeTree(t, {
    'leaklens.config.json': '{ "rules": { "bounded-buffer": "off" } }',
    'pkg/package.json': '{ "name": "pkg", "leaklens": { "includeTests": true } }',
    'pkg/src/deep/a.js': '',
    'plain/package.json': '{ "name": "plain" }',
    'plain/src/b.js': '',
    'both/leaklens.config.json': '{ "maxFileSize": 10 }',
    'both/package.json': '{ "leaklens": { "maxFileSize": 20 } }',
  });
  const cases: [string, string | undefined, object][] = [
    ['pkg/src/deep', 'pkg/package.json', { rules: {}, ignores: [], includeTests: true }],
    ['plain/src', 'leaklens.config.json', { rules: { 'bounded-buffer': 'off' }, ignores: [] }],
    ['both', 'both/leaklens.config.json', { rules: {}, ignores: [], maxFileSize: 10 }],
  ];
  for (const [dir, file, config] of cases) {
    const found = findConfig(join(root, dir));
    assert.equal(found?.file, file && join(root, file), dir);
    assert.deepEqual(found?.config, config, dir);
  }
});

test('an edited file is read again (cached by size and time, so long-lived hosts see changes)', async (t) => {
  const root = makeTree(t, { 'leaklens.config.json': '{ "maxFileSize": 1 }' });
  assert.equal(findConfig(root)?.config.maxFileSize, 1);
  const { writeFileSync, utimesSync } = await import('node:fs');
  writeFileSync(join(root, 'leaklens.config.json'), '{ "maxFileSize": 22 }');
  utimesSync(join(root, 'leaklens.config.json'), new Date(), new Date(Date.now() + 5000));
  assert.equal(findConfig(root)?.config.maxFileSize, 22);
});

test("merged: the front end's settings override the file's, rule by rule; unset ones keep the file's", () => {
  const file = parseConfig(
    {
      rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error' },
      maxFileSize: 100,
      includeTests: true,
      growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
    },
    'leaklens.config.json',
  );
  const cases: [Parameters<typeof lintConfigOf>[1], object][] = [
    [
      {},
      {
        rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error' },
        maxFileSize: 100,
        includeTests: true,
        growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
      },
    ],
    [
      { rules: { 'unbounded-capture': 'info' }, maxFileSize: 5, includeTests: false },
      {
        rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'info' },
        maxFileSize: 5,
        includeTests: false,
        growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
      },
    ],
  ];
  for (const [overrides, expected] of cases) assert.deepEqual(lintConfigOf(file, overrides), expected);
  assert.deepEqual(lintConfigOf(undefined, {}), { rules: {}, maxFileSize: 2097152 });
});

test("ignores are relative to the configuration's folder; a folder pattern skips everything below it", (t) => {
  const root = makeTree(t, { 'leaklens.config.json': '{ "ignores": ["dist", "gen/**", "*.min.js", "./legacy/"] }' });
  const found = findConfig(root);
  const cases: [string, boolean][] = [
    ['dist/a.js', true],
    ['dist/deep/b.js', true],
    ['gen/x.ts', true],
    ['src/app.min.js', true],
    ['legacy/old.js', true],
    ['src/app.js', false],
    ['src/dist.js', false],
    ['../elsewhere/dist/a.js', false],
  ];
  for (const [path, ignored] of cases) assert.equal(ignoredByConfig(found, join(root, path)), ignored, path);
});

test('an invalid file is one ConfigError that names the file and the key', (t) => {
  const cases: [string, string, string][] = [
    [
      'leaklens.config.json',
      '{ "rules": { "unbounded-capture": "warn" } }',
      'leaklens.config.json: "rules.unbounded-capture" must be one of off, info, warning, error, got "warn"',
    ],
    [
      'leaklens.config.json',
      '{ "rules": { "no-such-rule": "off" } }',
      'leaklens.config.json: "rules.no-such-rule" is not a rule (rules: unbounded-capture, listener-per-request, bounded-buffer, unsynchronized-capture)',
    ],
    [
      'leaklens.config.json',
      '{ "rule": {} }',
      'leaklens.config.json: "rule" is not a LeakLens setting (known: rules, ignores, maxFileSize, includeTests, growingApis)',
    ],
    [
      'leaklens.config.json',
      '{ "maxFileSize": "2MB" }',
      'leaklens.config.json: "maxFileSize" must be a positive whole number of bytes (default 2097152), got "2MB"',
    ],
    ['leaklens.config.json', '{ "includeTests": "yes" }', 'leaklens.config.json: "includeTests" must be true or false, got "yes"'],
    ['leaklens.config.json', '{ "ignores": "dist" }', 'leaklens.config.json: "ignores" must be a list of glob strings such as ["dist/**"]'],
    [
      'leaklens.config.json',
      '{ "growingApis": "cache.put" }',
      'leaklens.config.json: "growingApis" must be a list of objects, one per growing API',
    ],
    ['leaklens.config.json', '{ "growingApis": ["cache.put"] }', 'leaklens.config.json: "growingApis[0]" must be an object'],
    [
      'leaklens.config.json',
      '{ "growingApis": [{ "language": "js", "module": "m", "call": "f", "grows": "forever", "why": "w" }] }',
      'leaklens.config.json: "growingApis[0]" grows must be one of "series", "listener", "entry"',
    ],
    ['leaklens.config.json', '[]', 'leaklens.config.json must be an object such as { "rules": { "bounded-buffer": "off" } }, got []'],
    ['leaklens.config.json', '{ "rules": ', 'leaklens.config.json is not valid JSON: '],
    [
      'package.json',
      '{ "leaklens": { "maxFileSize": 0 } }',
      'package.json: "leaklens.maxFileSize" must be a positive whole number of bytes (default 2097152), got 0',
    ],
    [
      'package.json',
      '{ "leaklens": true }',
      'package.json: "leaklens" must be an object such as { "rules": { "bounded-buffer": "off" } }, got true',
    ],
  ];
  for (const [name, text, message] of cases) {
    const root = makeTree(t, { [name]: text, 'src/a.js': '' });
    assert.throws(
      () => findConfig(join(root, 'src')),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError, `${text}: ${String(error)}`);
        const shown = error.message.replace(root + sep, '');
        // JSON.parse's own wording after the prefix differs between Node versions.
        if (message.endsWith('JSON: ')) assert.ok(shown.startsWith(message), shown);
        else assert.equal(shown, message);
        assert.equal(error.file, join(root, name));
        return true;
      },
    );
  }
});

test('growingApis entries are checked by language: a JS entry and a Go entry each in their own terms', () => {
  const go = {
    language: 'go',
    call: 'context.Set',
    grows: 'always',
    imports: 'github.com/gorilla/context',
    clearedBy: ['context.Clear'],
    what: 'an entry per request',
  };
  const js = { language: 'js', module: 'my-cache', call: 'Cache#put', grows: 'entry', why: 'Every key stays.' };
  assert.deepEqual(parseConfig({ growingApis: [js, go] }, 'leaklens.config.json').growingApis, [js, go]);
  assert.throws(
    () => parseConfig({ growingApis: [{ ...go, grows: 'entry' }] }, 'leaklens.config.json'),
    /"growingApis\[0\]" grows must be one of "request-data", "always", "self-wrap"/,
  );
  assert.throws(
    () => parseConfig({ growingApis: [{ ...js, what: 'x' }] }, 'leaklens.config.json'),
    /"growingApis\[0\]" has an unknown key 'what'/,
  );
});
