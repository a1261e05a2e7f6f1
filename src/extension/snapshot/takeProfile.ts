// "Take Heap Snapshot" on a Go service: its heap profile after a GC (`/debug/pprof/heap?gc=1`), saved whole or
// not at all (FILE.partial, then renamed) as `<host>-<port>-<timestamp>.pb.gz` in the snapshot folder.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../heap/format';
import { assertPprofHostAllowed } from '../../heap/pprof/address';
import { PprofError } from '../../heap/pprof/errors';
import { fetchPprof } from '../../heap/pprof/fetch';
import { profileFileName, writeProfileFile } from '../../heap/pprof/files';
import { mayConnectTo } from '../heap/remoteConsent';
import { readHeapSettings } from '../heap/settings';
import { COMPARE_COMMAND } from './compareCommand';
import { PROFILE_SUMMARY_VIEW_TYPE } from './profileSummaryEditor';
import { makeOutputFolder } from '../../heap/outputFolder';

export async function takeHeapProfile(base: URL, folder: string, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const { allowRemoteHosts } = readHeapSettings();
  if (!(await mayConnectTo(base.hostname, allowRemoteHosts, 'pprof'))) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'LeakLens: heap profile', cancellable: true }, async (progress, token) => {
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
      void vscode.window.showInformationMessage(`LeakLens: heap profile saved (${formatBytes(bytes.length)}).`, 'Open', 'Compare with previous').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_SUMMARY_VIEW_TYPE);
        if (choice === 'Compare with previous') void vscode.commands.executeCommand(COMPARE_COMMAND);
      });
      return uri;
    } catch (error) {
      const message = error instanceof PprofError ? error.message : `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`;
      log.warn(`heap profile failed: ${message}`);
      void vscode.window.showErrorMessage(`LeakLens: ${message}`);
      return undefined;
    }
  });
}
