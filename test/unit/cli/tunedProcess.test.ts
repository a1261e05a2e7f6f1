// Which command lines `leaklens` runs again in a tuned process, and with what: compare only, never twice,
// the user's own malloc settings kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MALLOC_TUNABLES, TUNED_MARK, TUNED_NODE_FLAGS, tunedLaunch } from '../../../src/cli/tunedProcess';

test('compare is started again with the Node flags, the malloc tunables on glibc, and the mark', () => {
  const launch = tunedLaunch(['compare', 'a.heapsnapshot', 'b.heapsnapshot'], { PATH: '/bin' }, true)!;
  assert.deepEqual(launch.flags, TUNED_NODE_FLAGS);
  assert.deepEqual(launch.env, { PATH: '/bin', GLIBC_TUNABLES: MALLOC_TUNABLES, [TUNED_MARK]: '1' });
  assert.equal(tunedLaunch(['compare', 'a', 'b'], {}, false)!.env.GLIBC_TUNABLES, undefined, 'no tunables off glibc');
});

test('other commands, and the tuned process itself, run where they are', () => {
  for (const argv of [[], ['lint', '.'], ['--version'], ['watch', '--port', '9229']]) assert.equal(tunedLaunch(argv, {}, true), undefined);
  assert.equal(tunedLaunch(['compare', 'a', 'b'], { [TUNED_MARK]: '1' }, true), undefined);
});

test("the user's tunables are kept: others extended, malloc's own left alone", () => {
  const other = 'glibc.pthread.rseq=0';
  assert.equal(tunedLaunch(['compare'], { GLIBC_TUNABLES: other }, true)!.env.GLIBC_TUNABLES, `${other}:${MALLOC_TUNABLES}`);
  const own = 'glibc.malloc.arena_max=1';
  assert.equal(tunedLaunch(['compare'], { GLIBC_TUNABLES: own }, true)!.env.GLIBC_TUNABLES, own);
  assert.equal(tunedLaunch(['compare'], { MALLOC_ARENA_MAX: '2' }, true)!.env.GLIBC_TUNABLES, undefined);
});
