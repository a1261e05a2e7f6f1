// The Fleet view as an on-call engineer meets it in a real VS Code: a real Prometheus scrapes two Node
// services (prom-client) and two Go services (client_golang), one of each leaking. The view ranks the
// leaking ones first as growing; selecting the leaking Go instance attaches the heap panel to its own
// pprof endpoint (from the endpoint template), and selecting a Node instance, which has no template,
// charts its series from Prometheus.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { FLEET_JOB_GO, FLEET_JOB_NODE, startFleet, type RunningFleet } from '../integration/fleet/fleetServices';
import { openHeapView, type PanelState } from './support/heapView';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';

interface FleetViewState {
  status: string;
  error?: string;
  instances?: Array<{ instance: string; job: string; runtime: string; growing: boolean; pattern: string }>;
}

describe('the Fleet view in VS Code', { timeout: 10 * 60_000 }, () => {
  let session: EditorSession;
  let fleet: RunningFleet;
  let workspace: string;
  const cleanups: Array<() => unknown> = [];
  before(async () => {
    // startFleet registers its services' teardown on a test context; this suite's `after` runs them.
    const t = { after: (fn: () => unknown) => cleanups.push(fn) } as unknown as TestContext;
    fleet = await startFleet(t, { node: 2, leakingNode: 1, go: 2, leakingGo: 1 });
    workspace = mkdtempSync(join(tmpdir(), 'leaklens-fleet-ws-'));
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'leaklens.fleet.prometheusUrl': fleet.prometheus.url,
          'leaklens.fleet.selector': `{job=~"${FLEET_JOB_NODE}|${FLEET_JOB_GO}"}`,
          'leaklens.fleet.window': '3m',
          'leaklens.fleet.refreshSeconds': 5,
          // The Go fixtures serve pprof beside /metrics; the Node ones get no template: charted from Prometheus.
          'leaklens.fleet.endpoints': { go: 'http://{instance}/debug/pprof/', node: '' },
        },
        null,
        2,
      ),
    );
    writeFileSync(join(workspace, 'README.md'), 'A workspace for the Fleet view test.\n');
    session = await openEditor('fleet', { fixture: workspace });
  });
  after(async () => {
    await session?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('leaking instances ranked first as growing; selecting one attaches the heap panel', async () => {
    const { page, steps } = session;
    const fleetState = () => readJson<FleetViewState>(join(session.stateDir, 'fleet-view.json'));
    const panelState = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    const leaking = fleet.members.filter((m) => m.leaking);
    const goLeak = leaking.find((m) => m.job === FLEET_JOB_GO)!;
    const steadyNode = fleet.members.find((m) => m.job === FLEET_JOB_NODE && !m.leaking)!;

    await steps.step('open the LeakLens view (activates LeakLens through its views)', () => openHeapView(page));
    await waitForActivation(session);
    const ranked = await steps.step('the Fleet view names exactly the two leaking instances, first', () =>
      waitUntil(
        'fleet-view.json to rank the two leaking instances first as growing',
        () => {
          const s = fleetState();
          const instances = s?.instances ?? [];
          const growing = instances.filter((v) => v.growing).map((v) => v.instance);
          return (
            instances.length === fleet.members.length &&
            growing.length === 2 &&
            leaking.every((m) => growing.includes(m.instance)) &&
            instances
          );
        },
        240_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last state: ${JSON.stringify(fleetState())}`);
      }),
    );
    assert.deepEqual(
      ranked.slice(0, 2).map((v) => v.growing),
      [true, true],
      'growing instances first',
    );
    assert.ok(
      ranked.slice(2).every((v) => !v.growing),
      'no steady instance called growing',
    );

    const fleetPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Fleet' }) });
    const rowFor = (instance: string) => fleetPane.locator('.monaco-list-row', { hasText: instance }).first();
    await steps.step('the rows show the leaking instances first', async () => {
      await rowFor(goLeak.instance).waitFor({ timeout: 30_000 });
      const labels = await fleetPane.locator('.monaco-list-row .label-name').allInnerTexts();
      assert.deepEqual(new Set(labels.slice(0, 2)), new Set(leaking.map((m) => m.instance)), `rows: ${labels.join(', ')}`);
    });

    await steps.step('select the leaking Go instance: the panel attaches to its pprof endpoint', async () => {
      await rowFor(goLeak.instance).click();
      await waitUntil(
        "heap-panel.json attached to the Go instance's pprof",
        () => {
          const s = panelState();
          return s?.status === 'attached' && s.target === `Go service (${goLeak.instance}/debug/pprof/)` && s.samples >= 1 && s;
        },
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; panel: ${JSON.stringify(panelState())}`);
      });
    });

    await steps.step('select a Node instance without an endpoint: the panel charts it from Prometheus', async () => {
      await rowFor(steadyNode.instance).click();
      await waitUntil(
        "heap-panel.json attached to the Node instance's Prometheus series",
        () => {
          const s = panelState();
          return (
            s?.status === 'attached' && s.target === `${steadyNode.instance} (${FLEET_JOB_NODE}, from Prometheus)` && s.samples >= 2 && s
          );
        },
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; panel: ${JSON.stringify(panelState())}`);
      });
    });
  });
});
