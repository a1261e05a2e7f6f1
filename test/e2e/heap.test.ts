// The live heap view as a user meets it in a real VS Code: attach to a leaking Node service through the
// command palette, see the panel chart it, turn on the leak check, and read the verdict.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startLoad, type Load } from '../fixtures/services/load';
import { servicePath, startService, type RunningService } from '../fixtures/services/spawnService';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import {
  attachByAddress,
  chartPalette,
  GOROUTINE_COLOUR,
  opaqueRgb,
  openHeapView,
  pixelsIn,
  turnOnLeakCheck,
  waitForGrowing,
  type PanelState,
} from './support/heapView';
import { activeWebview, runCommand } from './support/workbench';

const panel = activeWebview;

/** The tail of the LeakLens output channel's log in the editor's user-data folder (for failure messages). */
function leakLensLog(stateDir: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('LeakLens.log')) files.push(join(dir, e.name));
    }
  };
  try {
    walk(join(stateDir, '..', 'user-data', 'logs'));
    return files.map((f) => readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')).join('\n');
  } catch (error) {
    return `(no log: ${(error as Error).message})`;
  }
}
const attachByPort = (page: Page, port: number) => attachByAddress(page, String(port));

describe('LeakLens heap view in VS Code', { timeout: 8 * 60_000 }, () => {
  let session: EditorSession;
  let service: RunningService;
  let load: Load;
  before(async () => {
    service = await startService('middleware-service.mjs', ['leaky']);
    load = startLoad(service.httpPort, { concurrency: 2, pauseMs: 10 });
    session = await openEditor('heap');
  });
  after(async () => {
    await session?.close();
    await load?.stop();
    await service?.kill();
  });

  test('attach by port, the panel charts the heap, the leak check says growing', async () => {
    const { page, steps } = session;
    const state = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    await steps.step('open a JavaScript file from the Explorer (activates LeakLens)', async () => {
      const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
      if (!(await row('server.js').isVisible())) await row('express').click();
      await row('server.js').click();
    });
    await waitForActivation(session);
    await steps.step('Attach Heap View… → Enter an address… → the inspector port', () => attachByPort(page, service.inspectPort));
    const attached = await steps.step('attached', () =>
      waitUntil(
        'heap-panel.json to name the attached service',
        () => {
          const s = state();
          return s?.status === 'attached' && s.samples >= 2 && s;
        },
        30_000,
      ),
    );
    assert.match(attached.target!, new RegExp(`middleware-service\\.mjs \\(127\\.0\\.0\\.1:${service.inspectPort}\\)`));
    await steps.step('open the LeakLens view', async () => {
      await openHeapView(page);
      await panel(page)
        .locator('#status', { hasText: 'Attached to middleware-service.mjs' })
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error('the heap panel did not show "Attached to middleware-service.mjs" within 30 s');
        });
    });
    await steps.step('turn on the leak check (forced GC every 5 s)', () => turnOnLeakCheck(page, state));
    const verdict = await steps.step('the panel says growing', () => waitForGrowing(page, state, 60_000));
    assert.match(verdict, /^growing ≈ [\d.]+ (kB|MB)\/min over the last \d+ s$/);
    const final = state()!;
    assert.equal(final.verdict, 'growing');
    assert.equal(final.viewVisible, true);
    assert.equal(await panel(page).locator('canvas#chart').count(), 1);
    // A Node target has no goroutines: no second series, legend entry or axis in their colour, no count in words.
    const orange = opaqueRgb((await chartPalette(page, [GOROUTINE_COLOUR]))[GOROUTINE_COLOUR]!);
    assert.ok(orange, `the theme's ${GOROUTINE_COLOUR} is an opaque colour`);
    assert.equal((await pixelsIn(page, [orange]))[0], 0, 'no goroutine colour on a Node chart');
    assert.match(await panel(page).locator('#readout').innerText(), /^heap [\d.]+ (B|kB|MB)$/);
    const snapshots = join(session.workspace, '.leaklens', 'snapshots');
    await steps.step('Take snapshot from the panel: the attached target, and the toast says where it went', async () => {
      await panel(page).locator('#snapshot').click();
      await waitUntil(
        'a .heapsnapshot of the attached service in .leaklens/snapshots',
        () => existsSync(snapshots) && readdirSync(snapshots).some((f) => f.endsWith('.heapsnapshot')),
        90_000,
      );
      await page
        .locator('.notification-toast', { hasText: /heap snapshot saved to \.leaklens\/snapshots\/.*\.heapsnapshot/ })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('no "heap snapshot saved to .leaklens/snapshots/…" toast within 15 s');
        });
    });
    await steps.step('Take Heap Snapshot from the palette offers the attached target first, and takes it', async () => {
      const count = () => readdirSync(snapshots).filter((f) => f.endsWith('.heapsnapshot')).length;
      const before = count();
      await runCommand(page, 'LeakLens: Take Heap Snapshot');
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('Take Heap Snapshot offered no targets within 15 s');
      });
      const offered = await first.innerText();
      assert.match(offered, /attached to the heap view/, `the first target offered: ${offered}`);
      assert.ok(offered.includes(attached.target!), `the attached target (${attached.target}) is offered, not ${offered}`);
      await first.click();
      await waitUntil('another .heapsnapshot of the attached service', () => count() > before, 90_000);
    });
    await steps.step('Export CSV: offered in the workspace folder, saved there, and the toast names the file', async () => {
      await panel(page).locator('#csv').click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the save dialog did not open within 15 s');
      });
      // The dialog fills in the folder first, then the file name.
      const offered = await waitUntil(
        'the save dialog to offer a heap-*.csv',
        async () => {
          const value = await input.inputValue();
          return value.endsWith('.csv') && value;
        },
        15_000,
      );
      assert.ok(offered.startsWith(join(session.workspace, 'heap-')), `the save dialog offers the workspace folder, not ${offered}`);
      await page.keyboard.press('Enter');
      await waitUntil(
        'a heap-*.csv in the workspace folder',
        () => readdirSync(session.workspace).some((f) => /^heap-.*\.csv$/.test(f)),
        15_000,
      );
      await page
        .locator('.notification-toast', { hasText: /heap samples saved to heap-.*\.csv/ })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('no "heap samples saved to heap-….csv" toast within 15 s');
        });
    });
    await steps.step('Detach', () => runCommand(page, 'LeakLens: Detach'));
    await waitUntil('heap-panel.json to say detached', () => state()?.status === 'detached', 15_000);
  });

  test('a Node debug session is offered, and charted through js-debug without a port', async () => {
    const { page, steps } = session;
    const state = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    const vscodeDir = join(session.workspace, '.vscode');
    mkdirSync(vscodeDir, { recursive: true });
    writeFileSync(
      join(vscodeDir, 'launch.json'),
      JSON.stringify({
        version: '0.2.0',
        configurations: [
          { type: 'node', request: 'launch', name: 'leaky service', program: servicePath('middleware-service.mjs'), args: ['leaky'] },
        ],
      }),
    );
    await steps.step('start debugging: F5 in the editor', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F5');
    });
    await steps.step('LeakLens offers to chart the session; accept', async () => {
      const toast = page.locator('.notification-toast', { hasText: 'chart the heap of' });
      await toast.waitFor({ timeout: 60_000 }).catch(() => {
        throw new Error('no "chart the heap" offer appeared within 60 s of starting the debug session');
      });
      await toast.locator('.monaco-button', { hasText: 'Watch Heap' }).click();
    });
    const attached = await steps.step('attached through the debug session', () =>
      waitUntil(
        'heap-panel.json to show samples from the debug session',
        () => {
          const s = state();
          return s?.status === 'attached' && s.samples >= 3 && s;
        },
        30_000,
      ),
    );
    assert.doesNotMatch(attached.target!, new RegExp(`:${service.inspectPort}\\)`), 'not the service attached by port in the first test');
    assert.match(attached.target!, /\(127\.0\.0\.1:\d+\)$/, 'the js-debug CDP proxy is local');
    const snapshots = join(session.workspace, '.leaklens', 'snapshots');
    const count = () => (existsSync(snapshots) ? readdirSync(snapshots).filter((f) => f.endsWith('.heapsnapshot')).length : 0);
    const before = count();
    await steps.step('Take snapshot from the panel on the debug session (over its own connection)', async () => {
      if (!state()?.viewVisible) await openHeapView(page);
      await panel(page).locator('#snapshot:not([disabled])').click();
      await waitUntil('a new .heapsnapshot of the debug session', () => count() > before, 90_000).catch(async (error: Error) => {
        const toasts = await page.locator('.notification-toast').allInnerTexts();
        throw new Error(`${error.message}; notifications: ${JSON.stringify(toasts)}; LeakLens log: ${leakLensLog(session.stateDir)}`);
      });
    });
    await steps.step('stop debugging: the view detaches, says the session ended and drops the verdict', async () => {
      await page.locator('.debug-toolbar .codicon-debug-stop').click();
      await waitUntil('heap-panel.json to say detached after the session ended', () => state()?.status === 'detached', 30_000);
      await panel(page)
        .locator('#verdict', { hasText: /^No verdict: the debug session ".+" ended/ })
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the panel did not say the debug session ended within 15 s');
        });
      assert.equal(
        await panel(page).locator('#error').isHidden(),
        true,
        `no raw error: ${await panel(page).locator('#error').innerText()}`,
      );
    });
  });

  test('attached to the steady twin, the leak check gives a verdict and it is not growing', async () => {
    const { page, steps } = session;
    const state = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    const steady = await startService('middleware-service.mjs', ['steady']);
    const steadyLoad = startLoad(steady.httpPort, { concurrency: 2, pauseMs: 10 });
    try {
      await steps.step('attach to the steady twin by port', () => attachByPort(page, steady.inspectPort));
      await steps.step('attached to the twin', () =>
        waitUntil(
          'heap-panel.json to name the steady twin',
          () => {
            const s = state();
            return s?.status === 'attached' && s.target?.includes(`127.0.0.1:${steady.inspectPort}`) && s;
          },
          30_000,
        ),
      );
      await steps.step('the leak check is on', async () => {
        if (!state()?.viewVisible) await openHeapView(page);
        if (state()?.gcEveryMs !== 5000) await panel(page).locator('#leakCheck').check();
        await waitUntil('the monitor to force GCs (gcEveryMs 5000)', () => state()?.gcEveryMs === 5000, 10_000);
      });
      const judged = await steps.step('a verdict on the twin', () =>
        waitUntil(
          'a verdict on the steady twin (heap-panel.json leaves "collecting")',
          () => {
            const s = state();
            return s?.target?.includes(`127.0.0.1:${steady.inspectPort}`) && s.verdict !== 'collecting' && s;
          },
          90_000,
        ),
      );
      assert.equal(judged.verdict, 'steady', judged.text);
      assert.match(await panel(page).locator('#verdict').innerText(), /^steady/);
    } finally {
      await steadyLoad.stop();
      await steady.kill();
    }
  });
});
