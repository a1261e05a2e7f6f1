// Check for Leaks Under Load in a real VS Code: the check configured in the workspace's settings starts the
// leaking Express example, the heap panel attaches to it and charts it while the load runs, and the verdict
// names `entries` and its line. Nothing of the service is left running afterwards.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, processesMentioning, TRACE_HEADER } from '../integration/check/checkCli';
import type { PanelState } from './support/heapView';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { openFile, runCommand } from './support/workbench';

interface CheckState {
  failed?: boolean;
  verdict?: string;
  variable?: string | null;
  line?: number | null;
  requests?: number;
  error?: string;
}

describe('LeakLens: Check for Leaks Under Load in VS Code', { timeout: 6 * 60_000 }, () => {
  let session: EditorSession;
  let port: number;
  let fixture: string;
  before(async () => {
    port = await freePort();
    // The check's settings are in the workspace before the editor opens it, as a user's would be: a settings
    // file written while it runs is read a moment later, which a loaded machine can make longer than a click.
    fixture = mkdtempSync(join(tmpdir(), 'leaklens-check-fixture-'));
    cpSync(join(repoRoot, 'examples'), fixture, { recursive: true, filter: (source) => !source.includes('node_modules') });
    mkdirSync(join(fixture, '.vscode'), { recursive: true });
    writeFileSync(
      join(fixture, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          // The workspace is a copy of examples/: express resolves from this repository.
          'leaklens.check.start': `NODE_PATH=${join(repoRoot, 'node_modules')} node express/server.js --port ${port}`,
          'leaklens.check.url': `http://127.0.0.1:${port}/`,
          'leaklens.check.durationSeconds': 20,
          'leaklens.check.headers': [TRACE_HEADER],
        },
        null,
        2,
      ),
    );
    session = await openEditor('check', { fixture });
  });
  after(async () => {
    await session?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  test('the configured check charts the service in the heap panel and fails naming `entries`', async () => {
    const { page, steps, stateDir } = session;
    // Opening the service's source activates LeakLens, as a user working on it would.
    await steps.step('open the service', () => openFile(page, 'express/server.js'));
    await waitForActivation(session);
    await steps.step('run Check for Leaks Under Load', () => runCommand(page, 'LeakLens: Check for Leaks Under Load'));
    const panel = await steps.step('the heap panel attaches to the started service and charts it', () =>
      waitUntil(
        'the heap panel to chart the checked service (heap-panel.json with samples)',
        () => {
          const state = readJson<PanelState>(join(stateDir, 'heap-panel.json'));
          return state && state.status === 'attached' && state.samples >= 3 && state.viewVisible ? state : undefined;
        },
        90_000,
      ),
    );
    assert.ok(panel.target);
    const result = await steps.step('the verdict: growing, `entries` named', () =>
      waitUntil('check.json from the test hook', () => readJson<CheckState>(join(stateDir, 'check.json')), 180_000),
    );
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.failed, true);
    assert.equal(result.variable, 'entries');
    assert.equal(result.line, 7);
    await steps.step('the notification says so', () =>
      page.locator('.notification-toast', { hasText: 'FAIL: the post-GC heap grows under load' }).first().waitFor({ timeout: 20_000 }),
    );
    const after = readJson<PanelState>(join(stateDir, 'heap-panel.json'))!;
    assert.equal(after.status, 'detached', 'the panel was detached before the service stopped (no waiting for it to come back)');
    assert.ok(after.samples >= panel.samples, 'and it keeps the chart');
    assert.deepEqual(processesMentioning(`--port ${port}`), [], 'nothing left running');
  });
});
