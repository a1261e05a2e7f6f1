// `leaklens lint` over real .go files in a temp folder (in-process): text, SARIF, parse errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as Sarif from 'sarif';
import { runCli } from '../../support/cli';
import { makeTree } from '../cli/tempTree';

const lint = (cwd: string, ...argv: string[]) => runCli(['lint', ...argv], cwd);

/** The integration tests' leaking Gin service: one unbounded-capture finding, on its append. */
const GO_LEAK = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'gin', 'leaky', 'main.go'), 'utf8');
const LINE = GO_LEAK.split('\n').findIndex((l) => l.includes('logs = append(logs')) + 1;

test('.go files are discovered and linted: file:line:col severity message rule', async (t) => {
  const root = makeTree(t, { 'svc/logger.go': GO_LEAK, 'svc/util.go': 'package main\n\nfunc add(a, b int) int { return a + b }\n' });
  const { code, out, err } = await lint(root);
  assert.equal(err, '');
  const lines = out.split('\n');
  assert.match(lines[0]!, new RegExp(`^svc/logger\\.go:${LINE}:10 {2}warning {2}.logs. grows on every request.* {2}unbounded-capture$`));
  assert.equal(lines.at(-1), '✖ 1 problem (0 errors, 1 warning, 0 infos) in 2 files');
  assert.equal(code, 1);
});

test('SARIF carries the Go finding with its rule and region', async (t) => {
  const root = makeTree(t, { 'logger.go': GO_LEAK });
  const { out } = await lint(root, '--format', 'sarif');
  const log = JSON.parse(out) as Sarif.Log;
  const [result] = log.runs[0]!.results!;
  assert.equal(result!.ruleId, 'unbounded-capture');
  const loc = result!.locations![0]!.physicalLocation!;
  assert.match(loc.artifactLocation!.uri!, /logger\.go$/);
  assert.equal(loc.region!.startLine, LINE);
});

test('a Go syntax error is a parse-error notice; the other files are still linted', async (t) => {
  const root = makeTree(t, { 'a-broken.go': 'package main\n\nfunc main() {\n\tx := [1,\n', 'b.go': GO_LEAK });
  const { code, out } = await lint(root);
  assert.match(out, /^a-broken\.go:\d+:\d+ {2}notice {2}Go syntax error at \d+:\d+.+ {2}parse-error$/m);
  assert.match(out, new RegExp(`^b\\.go:${LINE}:10 {2}warning .+unbounded-capture$`, 'm'));
  assert.equal(code, 1);
});
