// Node heap profiles in a real VS Code: "Take Heap Profile" twice on a real Express service running the
// workspace's leaking request logger (sampling starts with the first and keeps running), with bursts of
// requests between them, then "Compare Heap Snapshots" names the growing line and its captured variable,
// and the linter's finding is marked confirmed at runtime.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startService, type RunningService } from '../fixtures/services/spawnService';
import { load } from '../integration/snapshot/helpers';
import { enterSnapshotTarget } from './support/heapView';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { waitUntil } from './support/wait';
import { activeWebview, compareLastTwo, openFile, runCommand } from './support/workbench';

describe('LeakLens heap profiles of a Node service in VS Code', { timeout: 6 * 60_000 }, () => {
  let session: EditorSession;
  let service: RunningService;
  let fixture: string;
  before(async () => {
    // A small sampling interval and a short first window: a test's few thousand requests are then many samples.
    // Node's and Express's own buffers move by ~100 kB between two reads: the threshold sits above that. The
    // settings are in the workspace before the editor opens it, so they are in force from the first command.
    fixture = mkdtempSync(join(tmpdir(), 'leaklens-profile-fixture-'));
    cpSync(join(repoRoot, 'examples'), fixture, { recursive: true, filter: (source) => !source.includes('node_modules') });
    mkdirSync(join(fixture, '.vscode'), { recursive: true });
    writeFileSync(
      join(fixture, '.vscode', 'settings.json'),
      JSON.stringify({
        'leaklens.profile.samplingIntervalBytes': 4096,
        'leaklens.profile.durationSeconds': 5,
        'leaklens.snapshot.minGrowthBytes': 200_000,
      }),
    );
    session = await openEditor('profile', { fixture });
    service = await startService('express-stack-service.js', [join(session.workspace, 'express', 'requestLogger.js')]);
    await load(service.httpPort, 3000); // warm: the optimizing compiler has made its choices
  });
  after(async () => {
    await service?.kill();
    await session?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  test('two profiles, then a comparison that names the growing line and `entries`, and confirms the finding at runtime', async () => {
    const { page, steps, workspace } = session;
    const folder = join(workspace, '.leaklens', 'snapshots');
    const profiles = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.pb.gz')) : []);
    const pushLine =
      readFileSync(join(workspace, 'express', 'requestLogger.js'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('entries.push(')) + 1;
    await steps.step('open the leaking request logger', () => openFile(page, 'express/requestLogger.js'));
    await waitForActivation(session);
    await steps.step('squiggle from the linter', () =>
      page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 }),
    );

    for (const n of [1, 2]) {
      await steps.step(`Take Heap Profile #${n}`, async () => {
        await runCommand(page, 'LeakLens: Take Heap Profile');
        await enterSnapshotTarget(page, `127.0.0.1:${service.inspectPort}`);
        await page
          .locator('.notification-toast', { hasText: 'LeakLens: heap profile' })
          .first()
          .waitFor({ timeout: 20_000 })
          .catch(() => {
            throw new Error('no "LeakLens: heap profile" progress notification within 20 s');
          });
      });
      // The first profile samples for 5 s: the requests meanwhile are in it; those after it, only in the second.
      await steps.step(`${n === 1 ? 'requests while sampling' : 'no load'}; profile #${n} saved`, async () => {
        if (n === 1) await load(service.httpPort, 1000);
        await waitUntil(`${n} heap profile(s) in ${folder}`, () => profiles().length === n, 60_000);
      });
      await runCommand(page, 'Notifications: Clear All Notifications');
      if (n === 1) await steps.step('4000 requests between the two profiles', () => load(service.httpPort, 4000));
    }

    const comparison = await steps.step('Compare Heap Snapshots → the last two', async () => {
      await compareLastTwo(page);
      const first = activeWebview(page).locator('ol > li').first();
      await first.waitFor({ timeout: 60_000 }).catch(() => {
        throw new Error('the profile comparison listed no growth within 60 s');
      });
      return first.innerText();
    });
    assert.match(comparison, new RegExp(`^\\+[\\d.]+ (kB|MB) \\(\\+[\\d,]+ objects\\) logRequest — requestLogger\\.js:${pushLine}:1`));
    assert.match(comparison, new RegExp(`confirms unbounded-capture \\(line ${pushLine}\\) grows \`entries\``));

    const row = await steps.step('Problems: the finding confirmed at runtime', async () => {
      await runCommand(page, 'Problems: Focus on Problems View');
      const confirmed = page.locator('.markers-panel .monaco-list-row', { hasText: 'Confirmed at runtime' }).first();
      await confirmed.waitFor({ timeout: 20_000 }).catch(() => {
        throw new Error('the Problems panel showed no "Confirmed at runtime" row within 20 s');
      });
      return confirmed.innerText();
    });
    assert.match(row, /`logRequest`/);
    assert.match(row, /`entries`/);
    assert.match(row, new RegExp(`\\[Ln ${pushLine}, Col 5\\]`));
  });
});
