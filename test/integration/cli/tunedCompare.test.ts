// `leaklens compare` runs again in a tuned child process (src/cli/tunedProcess.ts) and analyses small
// snapshots on that process's own thread: real `leaklens` processes show it gives the report the workers
// give, keeps arguments, output and exit codes, and passes on a signal sent to it.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { MALLOC_TUNABLES, TUNED_MARK } from '../../../src/cli/tunedProcess';
import { leakyHeap } from '../../unit/snapshot/syntheticSnapshot';

const ENTRY = join(__dirname, 'leaklens.ts');
const root = join(__dirname, '..', '..', '..');
/** Generous: a run takes about a second; this only turns a hang into a failure. */
const HANG_LIMIT_MS = 120_000;

// A folder name with a space and a non-ASCII letter: arguments must reach the child as they were given.
const dir = mkdtempSync(join(tmpdir(), 'leaklens tuned é-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const before = join(dir, 'before.heapsnapshot');
const afterFile = join(dir, 'after.heapsnapshot');
writeFileSync(before, leakyHeap(3));
writeFileSync(afterFile, leakyHeap(2003));

function leaklens(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { cwd: root, timeout: HANG_LIMIT_MS, env: { ...process.env, ...env } },
      (error, out, err) => {
        if (error?.killed) reject(new Error(`leaklens ${args.join(' ')} did not finish within ${HANG_LIMIT_MS} ms`));
        else resolve({ code: error ? (error.code as number) : 0, out, err });
      },
    );
  });
}

test('the tuned compare reports what the workers report, with the same exit codes and messages', { timeout: HANG_LIMIT_MS }, async () => {
  const args = ['compare', before, afterFile, '--format', 'json', '--min-growth', '1'];
  const [tuned, workers] = await Promise.all([leaklens(args), leaklens(args, { [TUNED_MARK]: '1' })]);
  assert.equal(tuned.err, '');
  assert.equal(tuned.code, 1, 'growth attributed');
  assert.equal(workers.code, 1);
  assert.deepEqual(JSON.parse(tuned.out), JSON.parse(workers.out));
  assert.equal(JSON.parse(tuned.out).attributions[0].variable, 'logs');

  const missing = await leaklens(['compare', before, join(dir, 'missing.heapsnapshot')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.out, '');
  assert.match(missing.err, /^leaklens compare: No such file: .*missing\.heapsnapshot\.\n$/);
  const usage = await leaklens(['compare', before]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /expected two snapshot files/);
});

test(
  'the child has the flags and the malloc tunables; a signal to the CLI ends both',
  { skip: process.platform !== 'linux' && '/proc and mkfifo: Linux only', timeout: HANG_LIMIT_MS },
  async () => {
    // Reading a FIFO nobody writes to blocks: the child stays in its comparison while it is looked at.
    const fifo = join(dir, 'blocked.heapsnapshot');
    execFileSync('mkfifo', [fifo]);
    const cli = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'compare', fifo, afterFile], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, GLIBC_TUNABLES: '' },
    });
    const exited = once(cli, 'exit');
    const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
    // Waits for the child to exist and to have started Node: until then its command line is the parent's, or
    // empty while it is being replaced.
    const launcher = cmdline(cli.pid!).join(' ');
    let child: number | undefined;
    let argv: string[] = [];
    const started = Date.now();
    while ((argv.length === 0 || argv.join(' ') === launcher) && Date.now() - started < HANG_LIMIT_MS) {
      await delay(20);
      child = childrenOf(cli.pid!)[0];
      argv = child === undefined ? [] : cmdline(child);
    }
    assert.ok(child, 'the CLI started its tuned process');
    assert.ok(argv.includes('--expose-gc') && argv.includes('--max-semi-space-size=1'), argv.join(' '));
    assert.deepEqual(argv.slice(-3), ['compare', fifo, afterFile]);
    const env = readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
    assert.ok(env.includes(`${TUNED_MARK}=1`));
    if (/\/libc\.so\.6$/m.test(readFileSync('/proc/self/maps', 'utf8'))) assert.ok(env.includes(`GLIBC_TUNABLES=${MALLOC_TUNABLES}`));

    cli.kill('SIGTERM');
    const [code, signal] = await exited;
    assert.deepEqual([code, signal], [null, 'SIGTERM'], 'the CLI ends as its child did: by the signal');
    assert.ok(!existsSync(`/proc/${child}`), 'the tuned process has ended too');
  },
);
