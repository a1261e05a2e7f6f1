// Inside ESLint the plugin reads the file's LeakLens configuration for what ESLint has no place for, and a bad
// configuration stops ESLint with the same one-line message as the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Linter } from 'eslint';
import plugin from '../../../src/eslint-plugin/index';
import { engineConfigForEslint } from '../../../src/config/eslintConfig';
import { LEAK, makeTree } from '../cli/tempTree';

function lint(root: string): string[] {
  return new Linter({ cwd: root })
    .verify(
      LEAK,
      [
        {
          plugins: { leaklens: plugin },
          rules: { 'leaklens/unbounded-capture': 'warn' },
          languageOptions: { globals: { app: 'readonly' } },
        },
      ],
      join(root, 'src', 'app.js'),
    )
    .map((m) => `${m.ruleId}:${m.line}`);
}

test('the plugin takes includeTests, growingApis and maxFileSize from the nearest configuration, never its rules', (t) => {
  const root = makeTree(t, {
    'leaklens.config.json': JSON.stringify({
      rules: { 'unbounded-capture': 'off' },
      includeTests: true,
      growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
      maxFileSize: 5,
    }),
  });
  assert.deepEqual(engineConfigForEslint(join(root, 'src', 'app.js')), {
    honourEslintComments: false,
    maxFileSize: 5,
    includeTests: true,
    growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
  });
  assert.deepEqual(engineConfigForEslint('<input>'), { honourEslintComments: false });
  // maxFileSize 5: the file is skipped, so nothing is reported although ESLint turned the rule on.
  assert.deepEqual(lint(root), []);
  const plain = makeTree(t, { 'leaklens.config.json': JSON.stringify({ rules: { 'unbounded-capture': 'off' } }) });
  assert.deepEqual(lint(plain), ['leaklens/unbounded-capture:1'], "ESLint's own severity applies, not the file's");
});

test('a bad configuration stops ESLint with the message that names the file and the key', (t) => {
  const root = makeTree(t, { 'package.json': JSON.stringify({ leaklens: { includeTests: 'yes' } }) });
  assert.throws(
    () => lint(root),
    (error: Error) => error.message.includes(`${join(root, 'package.json')}: "leaklens.includeTests" must be true or false, got "yes"`),
  );
});
