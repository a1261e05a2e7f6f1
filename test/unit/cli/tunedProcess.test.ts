// Which command lines `leaklens` runs again in a tuned process, and with what: a compare of a small pair only,
// never twice, the user's own malloc settings kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IN_THREAD_MAX_BYTES, MALLOC_TUNABLES, TUNED_MARK, TUNED_NODE_FLAGS, tunedLaunch } from '../../../src/cli/tunedProcess';

const MB = 1024 * 1024;
const sizes: Record<string, number> = { 'a.heapsnapshot': 55 * MB, 'b.heapsnapshot': 60 * MB, 'big.heapsnapshot': 1200 * MB };
const sizeOf = (file: string) => sizes[file] ?? 0;
const SMALL = ['compare', 'a.heapsnapshot', 'b.heapsnapshot'];

test('a compare of a small pair is started again with the Node flags, the malloc tunables on glibc, and the mark', () => {
  const launch = tunedLaunch([...SMALL, '--format', 'json', '--path-map', '/app=.'], { PATH: '/bin' }, true, sizeOf)!;
  assert.deepEqual(launch.flags, TUNED_NODE_FLAGS);
  assert.deepEqual(launch.env, { PATH: '/bin', GLIBC_TUNABLES: MALLOC_TUNABLES, [TUNED_MARK]: '1' });
  assert.equal(tunedLaunch(SMALL, {}, false, sizeOf)!.env.GLIBC_TUNABLES, undefined, 'no tunables off glibc');
  assert.ok(tunedLaunch(['compare', 'a.heapsnapshot', 'missing.heapsnapshot'], {}, true, sizeOf), 'the child reports the missing file');
});

test('big pairs, other commands, bad command lines and the tuned process itself run where they are', () => {
  assert.ok(sizeOf('big.heapsnapshot') >= IN_THREAD_MAX_BYTES);
  for (const argv of [
    [],
    ['lint', '.'],
    ['--version'],
    ['watch', '--port', '9229'],
    ['compare', 'a.heapsnapshot', 'big.heapsnapshot'],
    ['compare', 'a.heapsnapshot'],
    [...SMALL, '--no-such-option'],
  ])
    assert.equal(tunedLaunch(argv, {}, true, sizeOf), undefined, argv.join(' '));
  assert.equal(tunedLaunch(SMALL, { [TUNED_MARK]: '1' }, true, sizeOf), undefined);
});

test("the user's tunables are kept: others extended, malloc's own left alone", () => {
  const other = 'glibc.pthread.rseq=0';
  assert.equal(tunedLaunch(SMALL, { GLIBC_TUNABLES: other }, true, sizeOf)!.env.GLIBC_TUNABLES, `${other}:${MALLOC_TUNABLES}`);
  const own = 'glibc.malloc.arena_max=1';
  assert.equal(tunedLaunch(SMALL, { GLIBC_TUNABLES: own }, true, sizeOf)!.env.GLIBC_TUNABLES, own);
  assert.equal(tunedLaunch(SMALL, { MALLOC_ARENA_MAX: '2' }, true, sizeOf)!.env.GLIBC_TUNABLES, undefined);
});
