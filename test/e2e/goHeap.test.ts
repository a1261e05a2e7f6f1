// A Go service in the heap panel and as snapshots, as a user meets it in a real VS Code: the leaking Gin
// logger of examples/gin, built from the workspace with Debian's Go and Gin (its profiles then name the
// workspace's main.go) and run with net/http/pprof under a bounded load. Attach by typing its pprof URL:
// the panel charts heap and goroutines and says "growing"; two heap profiles (panel button, then palette)
// and their comparison name the leaking function and line, and Problems shows the Go finding confirmed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildFixture, drive, driveUntil, launchService, requireGo, type LaunchedGoService } from '../integration/go/goService';
import {
  attachByAddress,
  chartPalette,
  enterSnapshotTarget,
  GOROUTINE_COLOUR,
  opaqueRgb,
  openHeapView,
  pixelsIn,
  turnOnLeakCheck,
  waitForGrowing,
  type PanelState,
} from './support/heapView';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { activeWebview, compareLastTwo, openFile, runCommand } from './support/workbench';

const panel = activeWebview;
const LEAKY_FILE = 'gin/leaky/main.go';

interface GoPanelState extends PanelState {
  goroutines: number | null;
}

describe('LeakLens and a Go service in VS Code', { timeout: 10 * 60_000 }, () => {
  let session: EditorSession;
  let service: LaunchedGoService;
  let stopLoad: () => void = () => {};
  let load: Promise<number> | undefined;
  before(async () => {
    requireGo(); // fails with the apt-get line when Go or Gin is missing: CI installs them
    session = await openEditor('goHeap');
    const binary = await buildFixture('leaky', join(session.workspace, 'gin'));
    // Exact profiles (every allocation recorded), so the comparison's figures are not sampling estimates.
    service = await launchService(binary, { MEMPROFILERATE: '1' });
    // Bounded: 20 requests every 250 ms (each keeps ~2 kB in the leaking slice) until the test ends.
    load = driveUntil(
      service,
      new Promise<void>((resolve) => {
        stopLoad = resolve;
      }),
      20,
      250,
    );
  });
  after(async () => {
    stopLoad();
    await load?.catch(() => {});
    await service?.stop();
    await session?.close();
  });

  test('attach by pprof URL: heap and goroutines charted, growing; two profiles compared; finding confirmed at runtime', async () => {
    const { page, steps, workspace } = session;
    const state = () => readJson<GoPanelState>(join(session.stateDir, 'heap-panel.json'));
    const pprofUrl = `${service.url}/debug/pprof/`;
    const leakLine =
      readFileSync(join(workspace, LEAKY_FILE), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('logs = append(logs')) + 1;
    assert.ok(leakLine > 0, `no leaking append in ${LEAKY_FILE}`);

    await steps.step('open the leaking Gin logger (activates LeakLens)', () => openFile(page, LEAKY_FILE));
    await waitForActivation(session);
    await steps.step('Attach Heap View… → Enter an address… → the pprof URL', () => attachByAddress(page, pprofUrl));
    const attached = await steps.step('attached, with goroutines', () =>
      waitUntil(
        'heap-panel.json to show Go samples with goroutines',
        () => {
          const s = state();
          return s?.status === 'attached' && s.samples >= 2 && (s.goroutines ?? 0) > 0 && s;
        },
        60_000,
      ),
    );
    assert.equal(attached.target, `Go service (${new URL(service.url).host}/debug/pprof/)`);

    await steps.step('open the LeakLens view: heap and goroutines', async () => {
      await openHeapView(page);
      await panel(page)
        .locator('#readout', { hasText: /^heap [\d.]+ (B|kB|MB) · \d+ goroutines?$/ })
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error('the heap panel did not show "heap … · N goroutines" within 30 s');
        });
    });
    const orange = opaqueRgb((await chartPalette(page, [GOROUTINE_COLOUR]))[GOROUTINE_COLOUR]!);
    assert.ok(orange, `the theme's ${GOROUTINE_COLOUR} is an opaque colour`);
    await steps.step('the chart draws the goroutine series in the theme colour', () =>
      waitUntil(
        `${GOROUTINE_COLOUR} pixels on the chart (goroutine line, its legend and axis)`,
        async () => (await pixelsIn(page, [orange]))[0]! >= 50,
        15_000,
      ),
    );
    await steps.step('turn on the leak check (forced GC every 5 s)', () => turnOnLeakCheck(page, state));
    const verdict = await steps.step('the panel says growing', () => waitForGrowing(page, state, 120_000));
    assert.match(verdict, /^growing ≈ [\d.]+ (kB|MB)\/min over the last \d+ s$/);
    assert.equal(state()!.verdict, 'growing');

    const folder = join(workspace, '.leaklens', 'snapshots');
    const profiles = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.pb.gz')) : []);
    await steps.step('Take snapshot from the panel: a heap profile', async () => {
      await panel(page).locator('#snapshot').click();
      await waitUntil(`a .pb.gz heap profile in ${folder}`, () => profiles().length === 1, 60_000);
    });
    assert.match(profiles()[0]!, /^127\.0\.0\.1-\d+-\d{4}-\d\d-\d\dT[\d-]+Z\.pb\.gz$/);
    assert.deepEqual(
      readdirSync(folder).filter((f) => f.endsWith('.partial')),
      [],
      'no partial file left',
    );

    // One webview at a time for activeWebview(): the heap view goes away with the side bar.
    await runCommand(page, 'View: Close Primary Side Bar');
    const summaryLink = await steps.step('Open the profile: its summary names the leaking function, linked to its line', async () => {
      const toast = page.locator('.notification-toast', { hasText: 'heap profile saved' }).first();
      await toast.waitFor({ timeout: 30_000 }).catch(() => {
        throw new Error('no "heap profile saved" notification within 30 s');
      });
      await toast.locator('.monaco-button', { hasText: 'Open' }).click();
      const link = panel(page).locator('a', { hasText: 'main.RequestLogger.func1' }).first();
      await link.waitFor({ timeout: 30_000 }).catch(() => {
        throw new Error('the profile summary did not list main.RequestLogger.func1 within 30 s');
      });
      return link;
    });
    assert.equal(await summaryLink.innerText(), `main.RequestLogger.func1 — main.go:${leakLine}:1`);
    await steps.step('the link opens main.go at the leaking line', async () => {
      await summaryLink.click();
      await page
        .locator('.statusbar-item', { hasText: `Ln ${leakLine}, Col 1` })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error(`clicking the site did not put the cursor at Ln ${leakLine}, Col 1 within 15 s`);
        });
    });
    await runCommand(page, 'Notifications: Clear All Notifications');

    // The leak grows between the two profiles by requests of our own, awaited: 400 more lines (~0.8 MB,
    // exact under MEMPROFILERATE=1) whatever the background load managed on a busy machine.
    await steps.step('400 more requests to the leaking service', () => drive(service, 400));
    await steps.step('Take Heap Snapshot from the palette, typing the pprof URL', async () => {
      await runCommand(page, 'LeakLens: Take Heap Snapshot');
      await enterSnapshotTarget(page, pprofUrl);
      await waitUntil(`a second heap profile in ${folder}`, () => profiles().length === 2, 60_000);
    });

    const comparison = await steps.step('Compare Heap Snapshots → the last two', async () => {
      await compareLastTwo(page);
      const first = panel(page).locator('ol > li').first();
      await first.waitFor({ timeout: 60_000 }).catch(() => {
        throw new Error('the profile comparison listed no growth within 60 s');
      });
      return first.innerText();
    });
    assert.match(
      comparison,
      new RegExp(`^\\+[\\d.]+ (kB|MB) \\(\\+[\\d,]+ objects\\) main\\.RequestLogger\\.func1 — main\\.go:${leakLine}:1`),
    );
    assert.match(comparison, new RegExp(`confirms unbounded-capture \\(line ${leakLine}\\)`));

    const row = await steps.step('Problems: the Go finding confirmed at runtime', async () => {
      await runCommand(page, 'Problems: Focus on Problems View');
      const confirmed = page.locator('.markers-panel .monaco-list-row', { hasText: 'Confirmed at runtime' }).first();
      await confirmed.waitFor({ timeout: 20_000 }).catch(() => {
        throw new Error('the Problems panel showed no "Confirmed at runtime" row within 20 s');
      });
      return confirmed.innerText();
    });
    assert.match(row, /`main\.RequestLogger\.func1`/);
    assert.match(row, new RegExp(`\\[Ln ${leakLine}, Col 10\\]`));

    await steps.step('Detach', () => runCommand(page, 'LeakLens: Detach'));
    await waitUntil('heap-panel.json to say detached', () => state()?.status === 'detached', 15_000);
  });
});
