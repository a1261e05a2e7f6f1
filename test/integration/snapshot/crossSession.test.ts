// Snapshots from two sessions — two processes of the same service, as production snapshots are taken — of
// the leaking services: plain JS, TypeScript compiled by tsc, an esbuild bundle, and tsx. The comparison
// cannot use object ids; it must still name the leak first, at the original (.ts) line, and confirm the
// linter's finding there.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../../src/cli/main';
import { takeHeapSnapshot } from '../../../src/heap/snapshot/writer';
import { buildExpressTs, expressTsExample, type ExpressTsBuilds } from '../../fixtures/services/expressTs';
import { servicePath, startService } from '../../fixtures/services/spawnService';
import { connect, load, startNodeService } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-cross-'));
const example = join(dir, 'express-ts');
let builds: ExpressTsBuilds;
before(() => {
  cpSync(expressTsExample, example, { recursive: true, filter: (s) => !/[\\/](dist|dist-bundle)$/.test(s) });
  builds = buildExpressTs(example);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function lineOf(file: string, fragment: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(fragment)) + 1
  );
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** One session: start, `requests` requests, one snapshot (by the CLI, which records source maps), stop. */
async function sessionSnapshot(args: string[], cwd: string, requests: number, file: string): Promise<string> {
  const service = await startNodeService(args, cwd);
  try {
    await load(service.httpPort, requests);
    const r = await cli(['snapshot', '--port', String(service.inspectPort), '--out', file], cwd);
    assert.equal(r.code, 0, r.err);
    return file;
  } finally {
    await service.stop();
  }
}

describe('compare across sessions', { timeout: 300_000 }, () => {
  test('plain JS: `logs` is named and confirmed though no object id is shared', async () => {
    const snapshot = async (requests: number, name: string): Promise<string> => {
      const service = await startService('logger-service.mjs');
      try {
        await load(service.httpPort, requests);
        const session = await connect(service.inspectPort);
        try {
          await takeHeapSnapshot(session, join(dir, name));
        } finally {
          await session.close();
        }
        return join(dir, name);
      } finally {
        await service.kill();
      }
    };
    const first = await snapshot(150, 'js-1.heapsnapshot');
    const second = await snapshot(750, 'js-2.heapsnapshot');
    const r = await cli(['compare', first, second, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out);
    const fixture = servicePath('logger-service.mjs');
    assert.equal(json.matchedBy, 'retainer-path');
    const top = json.attributions[0];
    assert.deepEqual([top.variable, top.file, top.countDelta, top.sameObject], ['logs', fixture, 600, true]);
    assert.deepEqual(top.staticFinding, { rule: 'unbounded-capture', line: lineOf(fixture, 'logs.push'), column: 5 });
    const text = await cli(['compare', first, second], dir);
    assert.match(text.out, /New and still alive, by retainer path: .*different sessions/);
    assert.match(text.out, /1\. `logs` \(Array\), captured by `logRequest` at .*logger-service\.mjs:\d+:\d+, grew by 600 elements/);
    assert.doesNotMatch(text.out, /replaced by a bigger value/);
    assert.match(text.out, /Growth by retainer path:\n.*← `logs\[\]` in /);
  });

  for (const variant of ['tsc', 'bundle', 'tsx'] as const) {
    test(`TypeScript (${variant}): the .ts line is named and the TS finding confirmed`, async () => {
      const first = await sessionSnapshot(builds[variant], example, 150, join(dir, `${variant}-1.heapsnapshot`));
      const second = await sessionSnapshot(builds[variant], example, 1150, join(dir, `${variant}-2.heapsnapshot`));
      const r = await cli(['compare', first, second, '--format', 'json'], example);
      assert.equal(r.code, 1, r.err);
      const json = JSON.parse(r.out);
      const source = join(example, 'src', 'requestAudit.ts');
      const top = json.attributions[0];
      assert.deepEqual(
        [top.variable, top.function, top.file, top.line, top.countDelta, top.sameObject],
        ['auditTrail', 'audit', source, lineOf(source, 'return function audit'), 1000, true],
      );
      assert.match(
        top.generated.url,
        variant === 'tsx' ? /src\/requestAudit\.ts$/ : variant === 'tsc' ? /dist\/requestAudit\.js$/ : /dist-bundle\/server\.js$/,
      );
      assert.deepEqual(top.staticFinding, { rule: 'unbounded-capture', line: lineOf(source, 'auditTrail.push'), column: 5 });
      assert.deepEqual(json.notes, [], 'every script had its map');
      if (variant === 'tsc') {
        const off = await cli(['compare', first, second, '--format', 'json', '--rule', 'unbounded-capture=off'], example);
        assert.equal(JSON.parse(off.out).attributions[0].staticFinding, null, 'a rule set to off confirms nothing');
      }
    });
  }
});
