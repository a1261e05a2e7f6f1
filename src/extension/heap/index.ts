// Wires the live heap view: the monitor, the panel, the commands, the status bar, js-debug sessions and the
// test-state file. Everything it calls is pure or a thin vscode adapter.
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { HeapMonitor } from '../../heap/monitor';
import { monitorWireTrend } from '../../heap/panelWire';
import { samplesToCsv } from '../../heap/series/csv';
import { PprofHeapSource } from '../../heap/pprof/source';
import { NodeInspectorSource } from '../../heap/sources/nodeInspectorSource';
import type { HeapSource } from '../../heap/source';
import type { ViewMessage } from '../../protocol/heap';
import { TAKE_SNAPSHOT_COMMAND, type TakeSnapshotArgs } from '../snapshot/takeSnapshotCommand';
import { writeTestState } from '../testState';
import { choiceFrom, pickTarget, type AttachChoice } from './attachPicker';
import { DebugSessionTracker, openDebugSessionSource } from './debugSessions';
import { HEAP_VIEW_ID, HeapViewProvider } from './heapViewProvider';
import { mayConnectTo } from './remoteConsent';
import { readHeapSettings, type HeapSettings } from './settings';
import { createHeapStatusBar } from './statusBar';

/** Go services are sampled at their own (slower) cadence: a heap profile costs more than V8's heap usage. */
const intervalFor = (source: HeapSource | undefined, settings: HeapSettings): number =>
  source instanceof PprofHeapSource ? settings.pprofIntervalMs : settings.intervalMs;

/** What the other features get from the heap view: the attached target itself (see TakeSnapshotArgs). */
export interface HeapViewHandle {
  attachedTarget(): HeapSource | undefined;
}

export function registerHeapView(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): HeapViewHandle {
  const initial = readHeapSettings();
  const monitor = new HeapMonitor({ intervalMs: initial.intervalMs, gcEveryMs: initial.gcEveryMs }, initial.historySamples);
  // Checked when attaching (not at activation: the snapshot feature may register after this one).
  let snapshotAvailable = false;
  const refreshSnapshotAvailability = async () => {
    snapshotAvailable = (await vscode.commands.getCommands(true)).includes(TAKE_SNAPSHOT_COMMAND);
  };

  const attachSource = async (open: () => Promise<HeapSource>): Promise<boolean> => {
    try {
      const source = await open();
      await refreshSnapshotAvailability();
      monitor.configure({ ...monitor.settings, intervalMs: intervalFor(source, readHeapSettings()) });
      await monitor.attach(source);
      log.info(`heap view attached to ${source.label}`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`heap view: attach failed: ${message}`);
      monitor.reportError(message);
      void vscode.window.showErrorMessage(`LeakLens: ${message}`);
      return false;
    }
  };

  const attachChoice = async (choice: AttachChoice): Promise<boolean> => {
    const settings = readHeapSettings();
    if (choice.kind === 'debugSession') {
      const ok = await attachSource(() => openDebugSessionSource(choice.session, settings.allowRemoteHosts));
      if (ok) tracker.attachedId = choice.session.id;
      return ok;
    }
    if (choice.kind === 'pprof') {
      if (!(await mayConnectTo(choice.url.hostname, settings.allowRemoteHosts, 'pprof'))) return false;
      tracker.attachedId = undefined;
      return attachSource(() => PprofHeapSource.open(choice.url.href, { allowRemoteHosts: settings.allowRemoteHosts }));
    }
    if (!(await mayConnectTo(choice.address.host, settings.allowRemoteHosts))) return false;
    tracker.attachedId = undefined;
    return attachSource(() =>
      NodeInspectorSource.open(choice.address, { allowRemoteHosts: settings.allowRemoteHosts, targetId: choice.targetId }),
    );
  };

  const tracker = new DebugSessionTracker(
    (session) => {
      if (!readHeapSettings().offerDebugSessions || monitor.status !== 'detached') return;
      void vscode.window.showInformationMessage(`LeakLens: chart the heap of "${session.name}"?`, 'Watch Heap').then((answer) => {
        if (answer)
          void attachChoice({ kind: 'debugSession', session }).then((ok) => ok && vscode.commands.executeCommand(`${HEAP_VIEW_ID}.focus`));
      });
    },
    (session) => {
      if (tracker.attachedId === session.id)
        void monitor.detach(`the debug session "${session.name}" ended. Its history stays on the chart; attach again to watch a new run.`);
    },
  );

  // Commands take at most one argument, checked here: anything may call a command with anything.
  const commands: Record<string, (arg?: unknown) => unknown> = {
    /** Optional argument: an address string (`9229`, `host:port`, `ws://…`, a pprof URL), for scripts and tests. */
    'leaklens.attach': async (arg?: unknown) => {
      if (typeof arg === 'string') {
        const choice = choiceFrom(arg);
        return choice ? attachChoice(choice) : false;
      }
      const choice = await pickTarget(readHeapSettings(), tracker.sessions.values());
      return choice ? attachChoice(choice) : false;
    },
    /** Internal (not in the palette): another feature hands over a source it opened, e.g. the Fleet view's Prometheus series. */
    'leaklens.attachSource': (open?: unknown) => (typeof open === 'function' ? attachSource(open as () => Promise<HeapSource>) : false),
    'leaklens.detach': () => monitor.detach(),
    'leaklens.collectGarbage': async () => {
      try {
        await monitor.collectGarbage();
      } catch (error) {
        void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
      }
    },
  };

  const handleViewMessage = async (message: ViewMessage): Promise<void> => {
    switch (message.type) {
      case 'attach':
        await vscode.commands.executeCommand('leaklens.attach');
        return;
      case 'detach':
        await monitor.detach();
        return;
      case 'collectGarbage':
        await vscode.commands.executeCommand('leaklens.collectGarbage');
        return;
      case 'setPaused':
        monitor.setPaused(message.paused);
        return;
      case 'setGcEvery':
        monitor.configure({ ...monitor.settings, gcEveryMs: message.ms });
        return;
      case 'takeSnapshot':
        await vscode.commands.executeCommand(TAKE_SNAPSHOT_COMMAND, { attached: true } satisfies TakeSnapshotArgs);
        return;
      case 'exportCsv':
        await exportCsv(monitor);
        return;
    }
  };

  const canSnapshot = () => {
    const capabilities = monitor.attachedSource?.capabilities;
    return snapshotAvailable && Boolean(capabilities && (capabilities.snapshot || capabilities.profile));
  };
  const provider = new HeapViewProvider(context.extensionUri, monitor, canSnapshot, handleViewMessage, log);

  monitor.onChange(() => {
    const trend = monitorWireTrend(monitor);
    writeTestState('heap-panel', {
      target: monitor.target,
      status: monitor.status,
      paused: monitor.paused,
      samples: monitor.ring.size,
      goroutines: monitor.ring.last()?.goroutines ?? null,
      verdict: trend.state,
      text: trend.text,
      bytesPerMinute: trend.bytesPerMinute,
      gcEveryMs: monitor.settings.gcEveryMs,
      viewVisible: provider.visible,
      error: monitor.error,
    });
  });

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(HEAP_VIEW_ID, provider),
    provider,
    tracker,
    createHeapStatusBar(monitor),
    ...Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('leaklens.heap')) return;
      const s = readHeapSettings();
      monitor.configure({ intervalMs: intervalFor(monitor.attachedSource, s), gcEveryMs: s.gcEveryMs });
    }),
    { dispose: () => void monitor.dispose() },
  );
  return { attachedTarget: () => monitor.attachedSource };
}

/** Saves the history as CSV, by default in the first workspace folder, and says where it went. */
async function exportCsv(monitor: HeapMonitor): Promise<void> {
  const name = `heap-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const uri = await vscode.window.showSaveDialog({
    filters: { CSV: ['csv'] },
    saveLabel: 'Export heap samples',
    defaultUri: vscode.Uri.joinPath(folder, name),
  });
  if (!uri) return;
  try {
    await writeFile(uri.fsPath, samplesToCsv(monitor.ring.slice()));
  } catch (error) {
    void vscode.window.showErrorMessage(
      `LeakLens: cannot write ${uri.fsPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `LeakLens: heap samples saved to ${vscode.workspace.asRelativePath(uri, false)}.`,
    'Open',
  );
  if (choice) await vscode.window.showTextDocument(uri);
}
