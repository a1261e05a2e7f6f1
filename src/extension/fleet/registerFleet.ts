// The Fleet view: the instances a Prometheus server knows, ranked by post-GC heap trend as `leaklens fleet`
// ranks them, refreshed on demand and every leaklens.fleet.refreshSeconds while the view is visible.
import * as vscode from 'vscode';
import { FleetError, PrometheusClient, parseDuration, parsePrometheusUrl, rankFleet, type InstanceVerdict } from '../../fleet';
import { mayConnectTo } from '../heap/remoteConsent';
import { writeTestState } from '../testState';
import { FleetTreeProvider, type FleetState } from './fleetTree';
import { openInstance } from './openInstance';
import { readFleetSettings } from './settings';

export const FLEET_VIEW_ID = 'leaklens.fleetView';

export function registerFleet(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const tree = new FleetTreeProvider();
  const view = vscode.window.createTreeView(FLEET_VIEW_ID, { treeDataProvider: tree });
  let client: PrometheusClient | undefined;
  /** The URL the user confirmed for a remote Prometheus this session (asked once, not at every refresh). */
  let confirmedRemote: string | undefined;
  let refreshing: Promise<void> | undefined;

  const show = (state: FleetState) => {
    tree.set(state);
    view.message = state.kind === 'report' ? summary(state.report.instances) : undefined;
    writeTestState(
      'fleet-view',
      state.kind === 'report'
        ? {
            status: 'report',
            instances: state.report.instances.map(({ instance, job, runtime, growing, pattern, bytesPerMinute }) => ({
              instance,
              job,
              runtime,
              growing,
              pattern,
              bytesPerMinute,
            })),
          }
        : { status: state.kind, ...(state.kind === 'error' ? { error: state.message } : {}) },
    );
  };

  const refreshOnce = async (): Promise<void> => {
    const settings = readFleetSettings();
    if (!settings.prometheusUrl) {
      client = undefined;
      show({ kind: 'unconfigured' });
      return;
    }
    const windowSeconds = parseDuration(settings.window);
    if (windowSeconds === undefined) {
      show({ kind: 'error', message: `leaklens.fleet.window must be a duration such as 30m or 2h, not '${settings.window}'` });
      return;
    }
    if (tree.current.kind !== 'report') show({ kind: 'loading' });
    try {
      const base = parsePrometheusUrl(settings.prometheusUrl, settings.allowRemoteHosts);
      if (confirmedRemote !== base.href && !(await mayConnectTo(base.hostname, settings.allowRemoteHosts, 'prometheus'))) {
        show({ kind: 'error', message: `Not connected to ${base.origin}: not confirmed.` });
        return;
      }
      confirmedRemote = base.href;
      const token = process.env[settings.tokenEnvironmentVariable];
      client = new PrometheusClient(base, token ? { bearerToken: token } : {});
      const report = await rankFleet(client, { windowSeconds, ...(settings.selector ? { selector: settings.selector } : {}) });
      show({ kind: 'report', report });
    } catch (error) {
      const message = error instanceof FleetError ? error.message : `Could not rank the fleet: ${(error as Error).message}`;
      log.warn(`fleet: ${message}`);
      show({ kind: 'error', message });
    }
  };
  /** One refresh at a time: a click during a slow query waits for it instead of starting a second one. */
  const refresh = (): Promise<void> =>
    (refreshing ??= refreshOnce().finally(() => {
      refreshing = undefined;
    }));

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearInterval(timer);
    timer = undefined;
    const { refreshSeconds } = readFleetSettings();
    // Polling only while someone looks: a hidden view costs Prometheus nothing.
    if (view.visible && refreshSeconds > 0) timer = setInterval(() => void refresh(), refreshSeconds * 1000);
  };

  context.subscriptions.push(
    tree,
    view,
    { dispose: () => clearInterval(timer) },
    view.onDidChangeVisibility(() => {
      if (view.visible) void refresh();
      schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('leaklens.fleet') && !e.affectsConfiguration('leaklens.allowRemoteHosts')) return;
      confirmedRemote = undefined;
      schedule();
      if (view.visible) void refresh();
    }),
    vscode.commands.registerCommand('leaklens.fleet.refresh', () => refresh()),
    vscode.commands.registerCommand('leaklens.fleet.configure', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'leaklens.fleet'),
    ),
    vscode.commands.registerCommand('leaklens.fleet.openInstance', (verdict: InstanceVerdict) => openInstance(verdict, client, log)),
  );
  if (view.visible) void refresh();
  schedule();
}

function summary(instances: readonly InstanceVerdict[]): string {
  const growing = instances.filter((v) => v.growing).length;
  return growing ? `${growing} of ${instances.length} instances growing` : `No instance growing (${instances.length})`;
}
