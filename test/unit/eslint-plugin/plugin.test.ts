// The plugin as users load it: flat config `recommended` in ESLint's Linter, disable comments, AST reuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ts from 'typescript';
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../../../src/eslint-plugin/index';
import { parserSourceFile } from '../../../src/eslint-plugin/analyse';

const CODE = `const logs = [];
const timers = new Set();
let buf = [];
app.use((req, res, next) => {
  logs.push(req.url);
  // eslint-disable-next-line leaklens/unbounded-capture -- one per user, bounded elsewhere
  timers.add(req.user);
  process.on('exit', () => res.end());
  buf.push(req.url);
  if (buf.length >= 100) { flush(buf); buf = []; }
  next();
});
`;

function lint(config: Linter.Config[], filename: string): [string | null, number, number][] {
  return new Linter().verify(CODE, config, filename).map((m) => [m.ruleId, m.severity, m.line]);
}

test('recommended: unbounded-capture warns, listener-per-request errors, bounded-buffer off; ESLint disable comments apply', () => {
  const expected = [
    ['leaklens/unbounded-capture', 1, 5],
    ['leaklens/listener-per-request', 2, 8],
  ];
  assert.deepEqual(lint([plugin.configs.recommended], 'app.js'), expected);
  assert.deepEqual(lint([{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended], 'app.ts'), expected);
});

test('bounded-buffer can be turned on; the plugin names itself and links each rule to its documentation', () => {
  const config: Linter.Config[] = [plugin.configs.recommended, { rules: { 'leaklens/bounded-buffer': 'warn' } }];
  assert.deepEqual(
    lint(config, 'app.js').map(([rule, , line]) => [rule, line]),
    [
      ['leaklens/unbounded-capture', 5],
      ['leaklens/listener-per-request', 8],
      ['leaklens/bounded-buffer', 9],
    ],
  );
  assert.equal(plugin.meta.name, 'leaklens');
  for (const [id, rule] of Object.entries(plugin.rules))
    assert.equal(rule.meta?.docs?.url, `https://github.com/leaklens/leaklens/blob/main/README.md#rule-${id}`);
});

test("@typescript-eslint/parser's TypeScript AST is reused: the very SourceFile object, with parents", () => {
  const parsed = tsParser.parseForESLint(CODE, { filePath: 'app.ts' });
  const own = parsed.services.esTreeNodeToTSNodeMap.get(parsed.ast);
  assert.equal(parserSourceFile(parsed.services, parsed.ast), own);
  assert.equal(ts.isSourceFile(own), true);
});

test('no reuse (so the text is parsed again) without parser services or without parent pointers', () => {
  assert.equal(parserSourceFile(undefined, {}), undefined);
  assert.equal(parserSourceFile({}, {}), undefined);
  const orphan = ts.createSourceFile('app.ts', CODE, ts.ScriptTarget.Latest, false);
  const program = {};
  assert.equal(parserSourceFile({ esTreeNodeToTSNodeMap: new Map([[program, orphan]]) }, program), undefined);
  const parented = ts.createSourceFile('app.ts', CODE, ts.ScriptTarget.Latest, true);
  assert.equal(parserSourceFile({ esTreeNodeToTSNodeMap: new Map([[program, parented]]) }, program), parented);
});

test('test files are left out as in the CLI, unless settings.leaklens.includeTests', () => {
  // (ESLint itself still reports the file's disable comment as unused: rule id null.)
  const rules = (config: Linter.Config[]) =>
    lint(config, 'test/app.test.js')
      .map(([rule]) => rule)
      .filter((rule) => rule !== null);
  assert.deepEqual(rules([plugin.configs.recommended]), []);
  assert.deepEqual(rules([plugin.configs.recommended, { settings: { leaklens: { includeTests: true } } }]), [
    'leaklens/unbounded-capture',
    'leaklens/listener-per-request',
  ]);
});
