// "LeakLens: Take Heap Snapshot": pick a Node inspector target, stream its snapshot to the snapshot folder
// with a cancellable progress notification, then offer to open or compare it. A Go service (pprof URL) gets
// its heap profile saved instead (takeProfile.ts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_HOST, discoverTargets, InspectorError, type InspectorAddress, type InspectorTarget } from '../../heap/inspector';
import { discoverPprof, type PprofTarget } from '../../heap/pprof/discovery';
import { heapTargetProblem, parseHeapTarget, type HeapTargetAddress } from '../../heap/targetAddress';
import { readHeapSettings } from '../heap/settings';
import { formatBytes } from '../../heap/snapshot/describe';
import { SnapshotTakeError, snapshotFileName, takeHeapSnapshot } from '../../heap/snapshot/writer';
import { recordSourceMaps, saveRecordedMaps } from '../../sourcemaps/recorded';
import type { SessionPool } from './sessionPool';
import { snapshotFolder, snapshotSettings } from './settings';
import { SUMMARY_VIEW_TYPE } from './summaryEditor';
import { takeHeapProfile } from './takeProfile';

export const TAKE_SNAPSHOT_COMMAND = 'leaklens.snapshot.take';

/** Optional argument, e.g. from the heap panel: the inspector address or the Go service's pprof URL it is attached to. */
export interface TakeSnapshotArgs {
  address?: string;
}

async function pickAddress(): Promise<HeapTargetAddress | undefined> {
  const [targets, services] = await Promise.all([discoverTargets(DEFAULT_HOST).catch(() => []), discoverPprof(readHeapSettings().pprofUrls)]);
  const typed = async (): Promise<HeapTargetAddress | undefined> => {
    const text = await vscode.window.showInputBox({
      title: 'LeakLens: inspector address or pprof URL',
      prompt: "A Node process started with --inspect (port, host:port or ws:// URL), or a Go service's pprof URL (http://127.0.0.1:6060/debug/pprof/)",
      value: '127.0.0.1:9229',
      validateInput: heapTargetProblem,
    });
    return text === undefined ? undefined : parseHeapTarget(text);
  };
  if (targets.length === 0 && services.length === 0) return typed();
  const items: (vscode.QuickPickItem & { target?: InspectorTarget; service?: PprofTarget })[] = [
    ...targets.map((t) => ({ label: t.title || t.url, description: `${t.host}:${t.port}`, target: t })),
    ...services.map((s) => ({ label: `Go service ${s.url.host}`, description: `${s.goroutines} goroutines`, detail: s.url.href, service: s })),
    { label: '$(edit) Another address…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'LeakLens: take a heap snapshot of…' });
  if (!picked) return undefined;
  if (picked.service) return { kind: 'pprof', url: picked.service.url };
  if (!picked.target) return typed();
  return { kind: 'inspector', address: { kind: 'ws', host: picked.target.host, port: picked.target.port, url: picked.target.webSocketDebuggerUrl } };
}

async function outputFolder(): Promise<string | undefined> {
  const folder = snapshotFolder(snapshotSettings());
  if (folder) return folder;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Save snapshots here', title: 'LeakLens: no workspace folder — where should snapshots go?' });
  return picked?.[0]?.fsPath;
}

export async function takeSnapshotCommand(sessions: SessionPool, log: vscode.LogOutputChannel, args?: TakeSnapshotArgs): Promise<vscode.Uri | undefined> {
  let target: HeapTargetAddress | undefined;
  try {
    target = args?.address ? parseHeapTarget(args.address) : await pickAddress();
  } catch (error) {
    void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
    return undefined;
  }
  if (!target) return undefined;
  const folder = await outputFolder();
  if (!folder) return undefined;
  if (target.kind === 'pprof') return takeHeapProfile(target.url, folder, log);
  const address = target.address;
  const release = sessions.claim(address);
  if (!release) {
    void vscode.window.showWarningMessage('LeakLens: a snapshot of this target is already being taken.');
    return undefined;
  }
  try {
    return await snapshotWithProgress(sessions, log, address, folder);
  } finally {
    release();
  }
}

function snapshotWithProgress(sessions: SessionPool, log: vscode.LogOutputChannel, address: InspectorAddress, folder: string): Thenable<vscode.Uri | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'LeakLens: heap snapshot', cancellable: true }, async (progress, token) => {
    let session;
    try {
      progress.report({ message: 'connecting…' });
      session = await sessions.get(address);
    } catch (error) {
      void vscode.window.showErrorMessage(`LeakLens: ${error instanceof InspectorError ? error.message : String(error)}`);
      return undefined;
    }
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const file = join(folder, snapshotFileName(session.target.title || session.target.url, new Date()));
    try {
      mkdirSync(folder, { recursive: true });
      let reported = 0;
      progress.report({ message: 'recording source maps…' });
      const maps = await recordSourceMaps(session);
      const bytes = await takeHeapSnapshot(session, file, {
        signal: abort.signal,
        onProgress: (done, total) => {
          const percent = (80 * done) / Math.max(total, 1); // walking the heap: the first 80%
          progress.report({ message: `walking the heap of ${session.target.title}…`, increment: percent - reported });
          reported = percent;
        },
        onBytes: (written) => progress.report({ message: `writing ${formatBytes(written)}…` }),
      });
      saveRecordedMaps(file, maps);
      log.info(`heap snapshot written: ${file} (${bytes} bytes${maps.size > 0 ? `; source maps of ${maps.size} script(s) recorded beside it` : ''})`);
      const uri = vscode.Uri.file(file);
      void vscode.window.showInformationMessage(`LeakLens: heap snapshot saved (${formatBytes(bytes)}).`, 'Open', 'Compare with previous').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.openWith', uri, SUMMARY_VIEW_TYPE);
        if (choice === 'Compare with previous') void vscode.commands.executeCommand('leaklens.snapshot.compare');
      });
      return uri;
    } catch (error) {
      // A cancelled snapshot keeps streaming on this session: close it, so no stray chunk reaches the next one.
      void session.close();
      const message = error instanceof SnapshotTakeError ? error.message : `Cannot create ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`;
      log.warn(`heap snapshot failed: ${message}`);
      if (error instanceof SnapshotTakeError && error.reason === 'cancelled') void vscode.window.showInformationMessage(`LeakLens: ${message}`);
      else void vscode.window.showErrorMessage(`LeakLens: ${message}`);
      return undefined;
    } finally {
      cancel.dispose();
      // The session stays open for the next snapshot of this target (see SessionPool).
    }
  });
}
