import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/analysis/ruleInfo';
import { DEFAULT_MAX_FILE_SIZE } from '../../../src/analysis/lintConfig';
import { EDITOR_RULES, readLintSettings } from '../../../src/extension/lint/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('unset settings give the defaults and no problems', () => {
  const { settings, problems } = readLintSettings(reader({}));
  assert.deepEqual(settings, {
    enable: true,
    config: { rules: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE },
    exclude: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  });
  assert.deepEqual(problems, []);
});

test('valid values reach the engine config', () => {
  const { settings, problems } = readLintSettings(
    reader({
      enable: false,
      rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error', 'unsynchronized-capture': 'warning' },
      exclude: [' **/dist/** ', ''],
      maxFileSize: 1000,
    }),
  );
  assert.deepEqual(problems, []);
  assert.equal(settings.enable, false);
  assert.deepEqual(settings.config, {
    rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error', 'unsynchronized-capture': 'warning' },
    maxFileSize: 1000,
  });
  assert.deepEqual(settings.exclude, ['**/dist/**']);
});

test('each bad value is ignored with a message naming the setting and what it accepts', () => {
  const { settings, problems } = readLintSettings(
    reader({
      enable: 'yes',
      rules: { 'bounded-buffer': 'loud', 'no-such-rule': 'off', 'listener-per-request': 'info' },
      exclude: '**/dist/**',
      maxFileSize: -5,
    }),
  );
  assert.equal(settings.enable, true);
  assert.deepEqual(settings.config.rules, { 'listener-per-request': 'info' });
  assert.deepEqual(settings.exclude, []);
  assert.equal(settings.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  assert.deepEqual(problems, [
    'leaklens.enable must be true or false; using true.',
    'leaklens.rules.bounded-buffer must be one of off, info, warning, error; ignored.',
    "leaklens.rules: unknown rule 'no-such-rule' (known: unbounded-capture, listener-per-request, bounded-buffer, unsynchronized-capture); ignored.",
    'leaklens.exclude must be a list of glob strings such as ["**/dist/**"]; ignored.',
    `leaklens.maxFileSize must be a positive whole number of bytes; using ${DEFAULT_MAX_FILE_SIZE}.`,
  ]);
});

test('rules that are not an object are rejected as a whole', () => {
  const { settings, problems } = readLintSettings(reader({ rules: ['off'] }));
  assert.deepEqual(settings.config.rules, {});
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^leaklens\.rules must be an object/);
});

test('the manifest offers a severity setting for exactly the rules the settings accept, described as the engine does', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const properties: Record<string, { description: string }> = manifest.contributes.configuration.properties['leaklens.rules'].properties;
  assert.deepEqual(Object.keys(properties).sort(), [...EDITOR_RULES].sort());
  for (const rule of EDITOR_RULES) assert.equal(properties[rule]!.description, RULES[rule].description, rule);
});

test("the folder's configuration file is the base; a setting the user made overrides it, rule by rule", () => {
  const file = {
    file: '/w/leaklens.config.json',
    dir: '/w',
    config: {
      rules: { 'bounded-buffer': 'off' as const, 'unbounded-capture': 'error' as const },
      ignores: ['dist'],
      maxFileSize: 10,
      includeTests: true,
      growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
    },
  };
  const cases: [Record<string, unknown>, object][] = [
    [
      {},
      {
        rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'error' },
        maxFileSize: 10,
        includeTests: true,
        growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
      },
    ],
    [
      { rules: { 'unbounded-capture': 'info' }, maxFileSize: 99, includeTests: false },
      {
        rules: { 'bounded-buffer': 'off', 'unbounded-capture': 'info' },
        maxFileSize: 99,
        includeTests: false,
        growingApis: [{ language: 'js' as const, module: 'my-cache', call: 'Cache#put', grows: 'entry' as const, why: 'Every key stays.' }],
      },
    ],
  ];
  for (const [values, config] of cases) {
    const { settings, problems } = readLintSettings(reader(values), file);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.config, config);
    assert.equal(settings.configFile, file);
  }
  assert.deepEqual(readLintSettings(reader({ includeTests: 'yes' })).problems, ['leaklens.includeTests must be true or false; ignored.']);
});
