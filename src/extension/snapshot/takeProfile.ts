// "LeakLens: Take Heap Profile": a heap profile saved whole or not at all (FILE.partial, then renamed) as
// `<host>-<port>-<timestamp>.pb.gz` in the snapshot folder. A Go service's is its `/debug/pprof/heap?gc=1`
// ("Take Heap Snapshot" on a Go service lands here too); a Node process's is V8's sampling heap profiler,
// started on the target's pooled session by the first profile and left running, so that every later profile
// of that session holds all it sampled since (two of them compare like two Go profiles).
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../heap/format';
import { formatHostPort, InspectorError, type InspectorAddress, type InspectorSession } from '../../heap/inspector';
import { assertPprofHostAllowed } from '../../heap/pprof/address';
import { PprofError } from '../../heap/pprof/errors';
import { fetchPprof } from '../../heap/pprof/fetch';
import { profileFileName, writeProfileFile } from '../../heap/pprof/files';
import { DEFAULT_SAMPLING_INTERVAL, HeapSampler } from '../../heap/sampling/sampler';
import { mayConnectTo } from '../heap/remoteConsent';
import { readHeapSettings } from '../heap/settings';
import { COMPARE_COMMAND } from './compareCommand';
import { PROFILE_SUMMARY_VIEW_TYPE } from './profileSummaryEditor';
import { makeOutputFolder } from '../../heap/outputFolder';
import type { SessionPool } from './sessionPool';
import { targetAndFolder, type TakeSnapshotArgs } from './takeSnapshotCommand';

export const TAKE_PROFILE_COMMAND = 'leaklens.profile.take';

/** The `leaklens.profile.*` settings. */
function profileSettings(): { durationSeconds: number; samplingIntervalBytes: number } {
  const c = vscode.workspace.getConfiguration('leaklens.profile');
  return {
    durationSeconds: Math.max(1, c.get<number>('durationSeconds', 10)),
    samplingIntervalBytes: Math.max(128, c.get<number>('samplingIntervalBytes', DEFAULT_SAMPLING_INTERVAL)),
  };
}

/** `host:port` or the ws:// URL: the argument form of an inspector address (see TakeSnapshotArgs). */
export function addressText(address: InspectorAddress): string {
  return address.kind === 'ws' ? address.url : formatHostPort(address.host, address.port);
}

function offerNext(uri: vscode.Uri, what: string, bytes: number): void {
  void vscode.window
    .showInformationMessage(`LeakLens: ${what} saved (${formatBytes(bytes)}).`, 'Open', 'Compare with previous')
    .then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_SUMMARY_VIEW_TYPE);
      if (choice === 'Compare with previous') void vscode.commands.executeCommand(COMPARE_COMMAND);
    });
}

export class HeapProfiler {
  /** The sampler running on each pooled session (a closed session's sampling has stopped with it). */
  private readonly samplers = new WeakMap<InspectorSession, HeapSampler>();

  constructor(
    private readonly sessions: SessionPool,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async take(args?: TakeSnapshotArgs): Promise<vscode.Uri | undefined> {
    const picked = await targetAndFolder(args, 'LeakLens: take a heap profile of…');
    if (!picked) return undefined;
    const { target, folder } = picked;
    if (target.kind === 'pprof') return takeHeapProfile(target.url, folder, this.log);
    const address = target.address;
    if (!(await mayConnectTo(address.host, readHeapSettings().allowRemoteHosts))) return undefined;
    const release = this.sessions.claim(address);
    if (!release) {
      void vscode.window.showWarningMessage('LeakLens: a snapshot or profile of this target is already being taken.');
      return undefined;
    }
    try {
      return await this.profileWithProgress(address, folder);
    } finally {
      release();
    }
  }

  private profileWithProgress(address: InspectorAddress, folder: string): Thenable<vscode.Uri | undefined> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'LeakLens: heap profile', cancellable: true },
      async (progress, token) => {
        const file = join(folder, profileFileName(`${address.host}-${address.port}`, new Date()));
        let session: InspectorSession | undefined;
        try {
          progress.report({ message: 'connecting…' });
          session = await this.sessions.get(address);
          let sampler = this.samplers.get(session);
          if (!sampler) {
            const { durationSeconds, samplingIntervalBytes } = profileSettings();
            sampler = await HeapSampler.start(session, samplingIntervalBytes);
            this.samplers.set(session, sampler);
            progress.report({ message: `sampling allocations for ${durationSeconds} s (the next profiles of this process add to it)…` });
            const cancelled = await waitOrCancel(durationSeconds * 1000, token);
            if (cancelled) {
              this.samplers.delete(session);
              await sampler.stop();
              void vscode.window.showInformationMessage('LeakLens: heap profile cancelled; nothing was saved.');
              return undefined;
            }
          }
          progress.report({
            message: `collecting garbage and reading the sampled heap (sampling since ${new Date(sampler.startedAt).toLocaleTimeString()})…`,
          });
          const bytes = await sampler.read();
          makeOutputFolder(folder);
          writeProfileFile(file, bytes);
          this.log.info(`heap profile written: ${file} (${bytes.length} bytes)`);
          const uri = vscode.Uri.file(file);
          offerNext(uri, 'heap profile', bytes.length);
          return uri;
        } catch (error) {
          // Start afresh next time (a later profile of a half-known session would not say what it covers).
          const failed = session && this.samplers.get(session);
          if (failed) {
            this.samplers.delete(session!);
            await failed.stop();
          }
          const e = error as NodeJS.ErrnoException;
          const message =
            error instanceof InspectorError || error instanceof PprofError
              ? error.message
              : e.code
                ? `Cannot write ${file}: ${e.code}.`
                : `The heap profile failed: ${e.message}`;
          this.log.warn(`heap profile failed: ${message}`);
          void vscode.window.showErrorMessage(`LeakLens: ${message}`);
          return undefined;
        }
      },
    );
  }
}

/** Resolves true when cancelled before `ms` have passed. */
function waitOrCancel(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(false);
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      listener.dispose();
      resolve(true);
    });
  });
}

/** A Go service's heap profile. */
export async function takeHeapProfile(base: URL, folder: string, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const { allowRemoteHosts } = readHeapSettings();
  if (!(await mayConnectTo(base.hostname, allowRemoteHosts, 'pprof'))) return undefined;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LeakLens: heap profile', cancellable: true },
    async (progress, token) => {
      const file = join(folder, profileFileName(base.host, new Date()));
      try {
        assertPprofHostAllowed(base, allowRemoteHosts);
        progress.report({ message: `collecting garbage and profiling ${base.host}…` });
        const bytes = await fetchPprof(base, 'heap?gc=1');
        // The request is bounded by its time limit; a cancel only has to keep the file from being written.
        if (token.isCancellationRequested) {
          void vscode.window.showInformationMessage('LeakLens: heap profile cancelled; nothing was saved.');
          return undefined;
        }
        makeOutputFolder(folder);
        writeProfileFile(file, bytes);
        log.info(`heap profile written: ${file} (${bytes.length} bytes)`);
        const uri = vscode.Uri.file(file);
        offerNext(uri, 'heap profile', bytes.length);
        return uri;
      } catch (error) {
        const message =
          error instanceof PprofError
            ? error.message
            : `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`;
        log.warn(`heap profile failed: ${message}`);
        void vscode.window.showErrorMessage(`LeakLens: ${message}`);
        return undefined;
      }
    },
  );
}
