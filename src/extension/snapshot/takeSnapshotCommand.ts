// "LeakLens: Take Heap Snapshot": the target the heap view is attached to (over its own connection), or a
// picked/typed Node inspector, streamed to the snapshot folder with a cancellable progress notification, then
// offered to open or compare. A Go service (pprof URL) gets its heap profile saved instead (takeProfile.ts).
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  DEFAULT_HOST,
  discoverTargets,
  InspectorError,
  type InspectorAddress,
  type InspectorSession,
  type InspectorTarget,
} from '../../heap/inspector';
import { PprofHeapSource } from '../../heap/pprof/source';
import type { HeapSource } from '../../heap/source';
import { NodeInspectorSource } from '../../heap/sources/nodeInspectorSource';
import { discoverPprof, type PprofTarget } from '../../heap/pprof/discovery';
import { heapTargetProblem, parseHeapTarget, type HeapTargetAddress } from '../../heap/targetAddress';
import { mayConnectTo } from '../heap/remoteConsent';
import { readHeapSettings } from '../heap/settings';
import { formatBytes } from '../../common/format';
import { SnapshotTakeError, snapshotFileName, takeHeapSnapshot } from '../../heap/snapshot/writer';
import { recordSourceMaps, saveRecordedMaps } from '../../sourcemaps/recorded';
import type { SessionPool } from './sessionPool';
import { COMPARE_COMMAND } from './compareCommand';
import { snapshotFolder, snapshotSettings } from './settings';
import { snapshotMayProceed } from './snapshotGuard';
import { SUMMARY_VIEW_TYPE } from './summaryEditor';
import { takeHeapProfile } from './takeProfile';
import { makeOutputFolder } from '../../heap/outputFolder';

export const TAKE_SNAPSHOT_COMMAND = 'leaklens.snapshot.take';

/**
 * Optional argument: `attached` (the heap panel's button) snapshots the target the heap view is attached to;
 * `address` (scripts and tests) an inspector address or a Go service's pprof URL.
 */
export interface TakeSnapshotArgs {
  address?: string;
  attached?: boolean;
}

/** What the command needs around it: the attached target, and where the last typed address is remembered. */
export interface TakeSnapshotContext {
  sessions: SessionPool;
  log: vscode.LogOutputChannel;
  attachedTarget: () => HeapSource | undefined;
  /** Remembers the last typed address (absent: nothing is remembered). */
  memory?: vscode.Memento;
}

const LAST_ADDRESS_KEY = 'leaklens.snapshot.lastAddress';

type Choice = HeapTargetAddress | { kind: 'attached'; source: HeapSource };

async function pickAddress(
  ctx: Pick<TakeSnapshotContext, 'attachedTarget' | 'memory'>,
  title = 'LeakLens: take a heap snapshot of…',
): Promise<Choice | undefined> {
  const attached = ctx.attachedTarget();
  const [targets, services] = await Promise.all([
    discoverTargets(DEFAULT_HOST).catch(() => []),
    discoverPprof(readHeapSettings().pprofUrls),
  ]);
  const typed = async (): Promise<HeapTargetAddress | undefined> => {
    const text = await vscode.window.showInputBox({
      title: 'LeakLens: inspector address or pprof URL',
      prompt:
        "A Node process started with --inspect (port, host:port or ws:// URL), or a Go service's pprof URL (http://127.0.0.1:6060/debug/pprof/)",
      value: ctx.memory?.get<string>(LAST_ADDRESS_KEY) ?? '127.0.0.1:9229',
      validateInput: heapTargetProblem,
    });
    if (text === undefined) return undefined;
    await ctx.memory?.update(LAST_ADDRESS_KEY, text);
    return parseHeapTarget(text);
  };
  if (!attached && targets.length === 0 && services.length === 0) return typed();
  const items: (vscode.QuickPickItem & { target?: InspectorTarget; service?: PprofTarget; attached?: HeapSource })[] = [
    ...(attached ? [{ label: `$(pulse) ${attached.label}`, description: 'attached to the heap view', attached }] : []),
    ...targets.map((t) => ({ label: t.title || t.url, description: `${t.host}:${t.port}`, target: t })),
    ...services.map((s) => ({
      label: `Go service ${s.url.host}`,
      description: `${s.goroutines} goroutines`,
      detail: s.url.href,
      service: s,
    })),
    { label: '$(edit) Another address…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title });
  if (!picked) return undefined;
  if (picked.attached) return { kind: 'attached', source: picked.attached };
  if (picked.service) return { kind: 'pprof', url: picked.service.url };
  if (!picked.target) return typed();
  return {
    kind: 'inspector',
    address: { kind: 'ws', host: picked.target.host, port: picked.target.port, url: picked.target.webSocketDebuggerUrl },
  };
}

async function outputFolder(): Promise<string | undefined> {
  const folder = snapshotFolder(snapshotSettings());
  if (folder) return folder;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Save snapshots here',
    title: 'LeakLens: no workspace folder — where should snapshots go?',
  });
  return picked?.[0]?.fsPath;
}

/**
 * For Take Heap Profile: an address (given, or picked among those found) and the folder to save into;
 * undefined when the user cancelled or the address is bad.
 */
export async function targetAndFolder(
  args: TakeSnapshotArgs | undefined,
  title?: string,
): Promise<{ target: HeapTargetAddress; folder: string } | undefined> {
  let target: Choice | undefined;
  try {
    target = args?.address ? parseHeapTarget(args.address) : await pickAddress({ attachedTarget: () => undefined }, title);
  } catch (error) {
    void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
    return undefined;
  }
  if (!target || target.kind === 'attached') return undefined;
  const folder = await outputFolder();
  return folder ? { target, folder } : undefined;
}

export async function takeSnapshotCommand(ctx: TakeSnapshotContext, args?: TakeSnapshotArgs): Promise<vscode.Uri | undefined> {
  let target: Choice | undefined;
  try {
    const attached = args?.attached ? ctx.attachedTarget() : undefined;
    if (args?.attached && !attached)
      throw new Error('The heap view is not attached to anything: attach it first, or run Take Heap Snapshot from the command palette.');
    target = attached ? { kind: 'attached', source: attached } : args?.address ? parseHeapTarget(args.address) : await pickAddress(ctx);
  } catch (error) {
    void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
    return undefined;
  }
  if (!target) return undefined;
  const { allowRemoteHosts } = readHeapSettings();
  if (target.kind === 'attached') {
    const source = target.source;
    // Go: its profile endpoint is stateless HTTP, so the attached service's URL is the attached target.
    if (source instanceof PprofHeapSource) return withFolder((folder) => takeHeapProfile(source.base, folder, ctx.log));
    if (!(source instanceof NodeInspectorSource)) {
      void vscode.window.showErrorMessage(`LeakLens: ${source.label} cannot take heap snapshots.`);
      return undefined;
    }
    // Consent was given when it was attached; its connection is the one that takes the snapshot.
    if (!(await snapshotMayProceed(() => Promise.resolve(source.snapshotSession()), source.address))) return undefined;
    ctx.log.info(`heap snapshot of the attached ${source.label} over its own connection`);
    return withClaim(ctx.sessions, `attached:${source.label}`, () =>
      withFolder((folder) => snapshotWithProgress(ctx.log, () => Promise.resolve(source.snapshotSession()), folder)),
    );
  }
  if (target.kind === 'pprof') return withFolder((folder) => takeHeapProfile(target.url, folder, ctx.log));
  const address = target.address;
  if (!(await mayConnectTo(address.host, allowRemoteHosts))) return undefined;
  if (!(await snapshotMayProceed(() => ctx.sessions.get(address, { allowRemoteHosts }), address))) return undefined;
  return withClaim(ctx.sessions, address, () =>
    withFolder((folder) => snapshotWithProgress(ctx.log, () => ctx.sessions.get(address, { allowRemoteHosts }), folder)),
  );
}

async function withFolder(take: (folder: string) => Thenable<vscode.Uri | undefined>): Promise<vscode.Uri | undefined> {
  const folder = await outputFolder();
  return folder ? take(folder) : undefined;
}

async function withClaim(
  sessions: SessionPool,
  key: InspectorAddress | string,
  take: () => Promise<vscode.Uri | undefined>,
): Promise<vscode.Uri | undefined> {
  const release = sessions.claim(key);
  if (!release) {
    void vscode.window.showWarningMessage('LeakLens: a snapshot of this target is already being taken.');
    return undefined;
  }
  try {
    return await take();
  } finally {
    release();
  }
}

function snapshotWithProgress(
  log: vscode.LogOutputChannel,
  connect: () => Promise<InspectorSession>,
  folder: string,
): Thenable<vscode.Uri | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LeakLens: heap snapshot', cancellable: true },
    async (progress, token) => {
      let session;
      try {
        progress.report({ message: 'connecting…' });
        session = await connect();
        log.info(`heap snapshot: taking it from ${session.target.title || session.target.url}`);
      } catch (error) {
        void vscode.window.showErrorMessage(
          `LeakLens: ${error instanceof InspectorError || error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      const file = join(folder, snapshotFileName(session.target.title || session.target.url, new Date()));
      try {
        makeOutputFolder(folder);
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
        log.info(
          `heap snapshot written: ${file} (${bytes} bytes${maps.size > 0 ? `; source maps of ${maps.size} script(s) recorded beside it` : ''})`,
        );
        const uri = vscode.Uri.file(file);
        void vscode.window
          .showInformationMessage(
            `LeakLens: heap snapshot saved to ${vscode.workspace.asRelativePath(uri, false)} (${formatBytes(bytes)}).`,
            'Open',
            'Compare with previous',
          )
          .then((choice) => {
            if (choice === 'Open') void vscode.commands.executeCommand('vscode.openWith', uri, SUMMARY_VIEW_TYPE);
            if (choice === 'Compare with previous') void vscode.commands.executeCommand(COMPARE_COMMAND);
          });
        return uri;
      } catch (error) {
        // A cancelled snapshot keeps streaming on this session: close it, so no stray chunk reaches the next one
        // (the heap view's own connection re-attaches by itself).
        void session.close();
        const message =
          error instanceof SnapshotTakeError
            ? error.message
            : `Cannot create ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`;
        log.warn(`heap snapshot failed: ${message}`);
        if (error instanceof SnapshotTakeError && error.reason === 'cancelled')
          void vscode.window.showInformationMessage(`LeakLens: ${message}`);
        else void vscode.window.showErrorMessage(`LeakLens: ${message}`);
        return undefined;
      } finally {
        cancel.dispose();
        // The session stays open for the next snapshot of this target (see SessionPool).
      }
    },
  );
}
