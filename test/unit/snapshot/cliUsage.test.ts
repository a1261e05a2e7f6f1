import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../support/cli';

const cli = (argv: string[]) => runCli(argv, '/nonexistent-leaklens-dir');

test('compare and snapshot: usage mistakes get one clear line and exit code 2', async () => {
  const cases: [string[], RegExp][] = [
    [['compare', 'a.heapsnapshot'], /^leaklens compare: expected two snapshot files: leaklens compare BEFORE AFTER\.$/],
    [['compare', 'a', 'b', '--format', 'xml'], /^leaklens compare: --format must be text or json, not 'xml'\.$/],
    [['compare', 'a', 'b', '--min-growth', 'lots'], /^leaklens compare: --min-growth must be a number of bytes\.$/],
    [['snapshot'], /^leaklens snapshot: --port is required/],
    [['snapshot', '--port', '99999'], /^leaklens snapshot: '99999' has no valid port/],
    [['snapshot', '--port', '9229', '--count', '2', '--interval=-1'], /^leaklens snapshot: --interval must be a number of seconds/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, pattern, argv.join(' '));
  }
});

test('compare of files that do not exist: the worker says which, exit code 2', async () => {
  const r = await cli(['compare', 'before.heapsnapshot', 'after.heapsnapshot']);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'leaklens compare: No such file: /nonexistent-leaklens-dir/before.heapsnapshot.');
});

test('--help prints the options and exits 0', async () => {
  for (const command of ['compare', 'snapshot']) {
    const r = await cli([command, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`^Usage: leaklens ${command} `));
  }
});
