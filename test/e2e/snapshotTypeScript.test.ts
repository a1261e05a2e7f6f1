// Heap snapshots of a TypeScript service in a real VS Code: the Express example of examples/express-ts run
// three ways — compiled by tsc (dist/ with .map files), bundled by esbuild (one script, many sources), and
// by tsx from src/ (compiled in memory: its maps are recorded from the process when the snapshot is taken).
// Each time "Compare Heap Snapshots" must name the .ts line that captures `auditTrail`, and Problems must
// mark the TypeScript finding "Confirmed at runtime".
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildExpressTs, type ExpressTsBuilds } from '../fixtures/services/expressTs';
import { diagnosticRows, rowsFor, type Row } from './support/diagnosticRows';
import { load, startNodeService } from '../integration/snapshot/helpers';
import { enterSnapshotTarget } from './support/heapView';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { activeWebview, compareLastTwo, openFile, runCommand } from './support/workbench';

describe('LeakLens heap snapshots of a TypeScript service in VS Code', { timeout: 10 * 60_000 }, () => {
  let session: EditorSession;
  let builds: ExpressTsBuilds;
  let example: string;
  before(async () => {
    session = await openEditor('snapshot-typescript');
    example = join(session.workspace, 'express-ts');
    builds = buildExpressTs(example);
  });
  after(async () => {
    await session?.close();
  });

  const lineOf = (fragment: string): number =>
    readFileSync(join(example, 'src', 'requestAudit.ts'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(fragment)) + 1;

  for (const variant of ['tsc', 'bundle', 'tsx'] as const) {
    test(`${variant}: the comparison names requestAudit.ts and Problems confirms the TS finding`, async () => {
      const { page, steps, workspace } = session;
      const folder = join(workspace, '.leaklens', 'snapshots');
      rmSync(folder, { recursive: true, force: true });
      const snapshots = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.heapsnapshot')) : []);
      if (variant === 'tsc') {
        await steps.step('open the leaking request audit (TypeScript)', () => openFile(page, 'express-ts/src/requestAudit.ts'));
        await waitForActivation(session);
        await steps.step('squiggle from the linter', () =>
          page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 }),
        );
      }
      const service = await startNodeService(builds[variant], example);
      try {
        await load(service.httpPort, 100);
        for (const n of [1, 2]) {
          await steps.step(`${variant}: Take Heap Snapshot #${n}`, async () => {
            await runCommand(page, 'LeakLens: Take Heap Snapshot');
            await enterSnapshotTarget(page, `127.0.0.1:${service.inspectPort}`);
            await page
              .locator('.notification-toast', { hasText: 'heap snapshot saved' })
              .first()
              .waitFor({ timeout: 90_000 })
              .catch(() => {
                throw new Error('no "heap snapshot saved" notification within 90 s');
              });
            await waitUntil(`${n} snapshot file(s) in ${folder}`, () => snapshots().length === n, 10_000);
          });
          await runCommand(page, 'Notifications: Clear All Notifications');
          if (n === 1) await load(service.httpPort, 1000); // the leak grows by 1,000 entries between the two
        }
      } finally {
        await service.stop();
      }

      const item = await steps.step(`${variant}: Compare Heap Snapshots → the last two`, async () => {
        await compareLastTwo(page);
        const li = activeWebview(page).locator('li', { hasText: 'auditTrail' }).first();
        await li.waitFor({ timeout: 120_000 }).catch(() => {
          throw new Error('the comparison view did not list `auditTrail` within 120 s');
        });
        return li.innerText();
      });
      assert.match(item, new RegExp(`captured by \`audit\` at .*express-ts/src/requestAudit\\.ts:${lineOf('return function audit')}:\\d+`));
      assert.match(item, new RegExp(`confirms unbounded-capture \\(line ${lineOf('auditTrail.push')}\\)`));

      const row = await steps.step(`${variant}: Problems marks the TS finding confirmed at runtime`, async () => {
        await runCommand(page, 'Problems: Focus on Problems View');
        const confirmed = page.locator('.markers-panel .monaco-list-row', { hasText: 'Confirmed at runtime' }).first();
        await confirmed.waitFor({ timeout: 20_000 }).catch(() => {
          throw new Error('the Problems panel showed no "Confirmed at runtime" row within 20 s');
        });
        return confirmed.innerText();
      });
      assert.match(row, /`auditTrail`/);
      assert.match(row, new RegExp(`\\[Ln ${lineOf('auditTrail.push')}, Col 5\\]`));
      const state = JSON.parse(readFileSync(join(session.stateDir, 'snapshot-comparison.json'), 'utf8')) as {
        attributions: { variable: string; function?: { file?: string } }[];
      };
      assert.equal(state.attributions[0]?.function?.file, join(example, 'src', 'requestAudit.ts'));
    });
  }

  test('a rule set to off in leaklens.rules is not confirmed at runtime', async () => {
    const { page, steps, workspace } = session;
    const lintFinding = (rows: Row[]) => rows.some((r) => r.rule === 'unbounded-capture' && !r.source.includes('runtime'));
    assert.ok(
      lintFinding(rowsFor(diagnosticRows(session), 'express-ts/src/requestAudit.ts')),
      'the linter flags auditTrail.push before the setting',
    );
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'leaklens.rules': { 'unbounded-capture': 'off' } }));
    // The editor has applied the setting once the live linter drops its finding.
    await waitUntil(
      'the unbounded-capture lint finding to go (leaklens.rules applied)',
      () => !lintFinding(rowsFor(diagnosticRows(session), 'express-ts/src/requestAudit.ts')),
      30_000,
    );
    const stateFile = join(session.stateDir, 'snapshot-comparison.json');
    rmSync(stateFile, { force: true });
    await steps.step('Compare Heap Snapshots again, with unbounded-capture off', async () => {
      await runCommand(page, 'LeakLens: Compare Heap Snapshots');
      const lastTwo = page.locator('.quick-input-list .monaco-list-row', { hasText: 'The last two snapshots' });
      await lastTwo.first().waitFor({ timeout: 15_000 });
      await lastTwo.first().click();
    });
    type State = { attributions: { variable: string }[]; verdicts: { verdict: string; rule: string }[] };
    const state = await waitUntil('a new comparison in the test state', () => readJson<State>(stateFile), 120_000);
    assert.equal(state.attributions[0]?.variable, 'auditTrail');
    assert.deepEqual(
      state.verdicts.map((v) => v.verdict),
      ['runtime-growth'],
      'no finding to confirm: the growth is reported as runtime-growth',
    );
  });
});
