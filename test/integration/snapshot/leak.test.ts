// Against real services with and without the closure leak: two snapshots around a bounded load.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compareSnapshotFiles } from '../../../src/heap/snapshot/runWorker';
import { takeHeapSnapshot } from '../../../src/heap/snapshot/writer';
import { servicePath, startService, type RunningService } from '../../fixtures/services/spawnService';
import { runCli } from '../../support/cli';
import { connect, load } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-snap-'));
const running: RunningService[] = [];
after(async () => {
  await Promise.all(running.map((s) => s.kill()));
  rmSync(dir, { recursive: true, force: true });
});

function lineOf(file: string, fragment: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(fragment)) + 1
  );
}

/** Warm up, snapshot, load, snapshot: returns the two files. */
async function snapshotsAround(script: string, args: string[], requests: number): Promise<[string, string]> {
  const service = await startService(script, args);
  running.push(service);
  await load(service.httpPort, 150); // past start-up allocations and the steady twin's 100-entry window
  const session = await connect(service.inspectPort);
  try {
    const before = join(dir, `${script}-${args.join('')}-before.heapsnapshot`);
    const afterFile = join(dir, `${script}-${args.join('')}-after.heapsnapshot`);
    await takeHeapSnapshot(session, before);
    await load(service.httpPort, requests);
    await takeHeapSnapshot(session, afterFile);
    return [before, afterFile];
  } finally {
    await session.close();
  }
}

const cli = (argv: string[]) => runCli(argv, dir);

test(
  'the leaking service: the comparison names `logs`, the capturing function, its file and line, and the exact count',
  { timeout: 120_000 },
  async () => {
    const [before, afterFile] = await snapshotsAround('logger-service.mjs', [], 300);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.partial')),
      [],
      'no partial file remains',
    );
    const c = await compareSnapshotFiles(before, afterFile);
    const top = c.attributions[0]!;
    const fixture = servicePath('logger-service.mjs');
    assert.equal(top.variable, 'logs');
    assert.equal(top.function?.file, fixture);
    assert.equal(top.function?.functionName, 'logRequest');
    assert.equal(top.function?.line, lineOf(fixture, 'return function logRequest'));
    assert.equal(top.countDelta, 300);
    assert.equal(top.sameObject, true);
    assert.equal(c.matchedBy, 'object-id', 'two snapshots of one session share object ids');
    assert.ok(top.sizeDelta > 300 * 100, `each entry holds a 100+ byte string: ${top.sizeDelta}`);

    // The CLI's json names the same, and the linter's unbounded-capture finding is confirmed.
    const r = await cli(['compare', before, afterFile, '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(
      { ...json.attributions[0], sizeBefore: 0, sizeAfter: 0, sizeDelta: 0, countBefore: 0, countAfter: 0 },
      {
        variable: 'logs',
        className: 'Array',
        function: 'logRequest',
        url: top.function!.url,
        file: fixture,
        line: top.function!.line,
        column: top.function!.column,
        generated: null,
        countBefore: 0,
        countAfter: 0,
        countDelta: 300,
        sizeBefore: 0,
        sizeAfter: 0,
        sizeDelta: 0,
        sameObject: true,
        staticFinding: { rule: 'unbounded-capture', line: lineOf(fixture, 'logs.push'), column: 5 },
      },
    );
    const text = await cli(['compare', before, afterFile]);
    assert.match(
      text.out,
      /1\. `logs` \(Array\), captured by `logRequest` at .*logger-service\.mjs:\d+:\d+, grew by 300 elements \(\+[\d.]+ [kM]B\)/,
    );
    assert.match(text.out, /confirms unbounded-capture at .*logger-service\.mjs:\d+:5/);
  },
);

test(
  'the steady twin: no attribution above noise; its leaky variant, which the linter cannot see, is runtime-growth',
  { timeout: 120_000 },
  async () => {
    const fixture = servicePath('middleware-service.mjs');
    const steady = await compareSnapshotFiles(...(await snapshotsAround('middleware-service.mjs', ['steady'], 300)));
    assert.deepEqual(
      steady.attributions.filter((a) => a.function?.file === fixture || a.sameObject),
      [],
      'nothing grew in place',
    );

    const leaky = await snapshotsAround('middleware-service.mjs', ['leaky'], 300);
    const r = await cli(['compare', ...leaky]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /1\. `seen` \(Array\), captured by `\(anonymous\)` at .*middleware-service\.mjs:\d+:\d+, grew by 300 elements/);
    assert.match(r.out, /not flagged by the linter: runtime-growth/);
  },
);

test('leaklens snapshot --port writes the file, and --out into a missing folder creates it', { timeout: 60_000 }, async () => {
  const service = await startService('logger-service.mjs');
  running.push(service);
  const out = join(dir, 'cli', 'nested', 'one.heapsnapshot');
  const r = await cli(['snapshot', '--port', String(service.inspectPort), '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Wrote cli\/nested\/one\.heapsnapshot \([\d.]+ MB\)\.$/);
  assert.ok(existsSync(out));
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).snapshot.node_count > 1000, true);
  const defaults = await cli(['snapshot', '--port', String(service.inspectPort)]);
  assert.equal(defaults.code, 0, defaults.err);
  const [written] = readdirSync(join(dir, '.leaklens', 'snapshots'));
  assert.match(written!, /^.+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.heapsnapshot$/);
  assert.equal((await cli(['snapshot'])).code, 2);
});

test('leaklens snapshot --count 2 --interval 0 writes a numbered pair from one session', { timeout: 90_000 }, async () => {
  const service = await startService('logger-service.mjs');
  running.push(service);
  const r = await cli([
    'snapshot',
    '--port',
    String(service.inspectPort),
    '--out',
    'pair/s.heapsnapshot',
    '--count',
    '2',
    '--interval',
    '0',
  ]);
  assert.equal(r.code, 0, r.err);
  // The folder it created ignores itself in git (a heap dump is never committed by accident).
  assert.deepEqual(readdirSync(join(dir, 'pair')).sort(), ['.gitignore', 's-1.heapsnapshot', 's-2.heapsnapshot']);
  const c = await compareSnapshotFiles(join(dir, 'pair/s-1.heapsnapshot'), join(dir, 'pair/s-2.heapsnapshot'));
  assert.equal(
    c.attributions.find((a) => a.variable === 'logs'),
    undefined,
    'no request between the two: `logs` did not grow',
  );
  assert.equal((await cli(['snapshot', '--port', String(service.inspectPort), '--count', '0'])).code, 2);
});
