// "LeakLens: Scan Workspace": every JS/TS and Go file of the workspace (minus node_modules, leaklens.exclude and the
// configuration files' ignores), each under its own folder's settings,
// linted in a worker thread behind a cancellable progress notification; findings go to the Problems panel,
// files that could not be analysed to the log. Each folder's files are one project, as in `leaklens lint`:
// growth in a helper of another module that a handler calls is found (the worker sends such a helper's file
// twice; the second result, with the cross-module findings, replaces the first). Open documents keep their
// live diagnostics.
import * as vscode from 'vscode';
import type { FileResult } from '../../findings/model';
import type { LintConfig } from '../../analysis/lintConfig';
import type { LeakLensDiagnostics } from './diagnostics';
import { ALWAYS_EXCLUDED_GLOB, SCAN_INCLUDE_GLOB, isScannedFile } from './fileFilter';
import { LintWorker } from './lintWorker';
import type { ResourceSettings } from './resourceSettings';

/** The longest the worker may stay silent (one file) before the scan is declared stuck. */
const FILE_TIMEOUT_MS = 60_000;

export interface ScanContext {
  diagnostics: LeakLensDiagnostics;
  settings(uri: vscode.Uri): ResourceSettings;
  workerScript: string;
  log: vscode.LogOutputChannel;
}

interface Tally {
  files: number;
  findings: number;
  filesWithFindings: number;
  skipped: number;
}

class Cancelled extends Error {}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

interface ScanGroup {
  /** The workspace folder: the project whose modules the files' calls are followed into. */
  root: string | undefined;
  config: LintConfig;
  uris: vscode.Uri[];
}

/** The files to scan, grouped by workspace folder and the engine configuration that applies to them. */
async function filesToScan(ctx: ScanContext, token: vscode.CancellationToken): Promise<ScanGroup[]> {
  // An explicit exclude prunes node_modules from the search itself; the user's globs are matched after.
  const found = await vscode.workspace.findFiles(SCAN_INCLUDE_GLOB, ALWAYS_EXCLUDED_GLOB, undefined, token);
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const groups = new Map<string, ScanGroup>();
  for (const uri of found) {
    if (open.has(uri.toString())) continue;
    if (uri.scheme !== 'file') {
      ctx.log.info(`Scan Workspace: skipped ${uri.toString()}: not on the local file system`);
      continue;
    }
    const settings = ctx.settings(uri);
    if (!settings.enable || !isScannedFile(vscode.workspace.asRelativePath(uri, false), settings.matcher, uri.fsPath)) continue;
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const key = JSON.stringify([root, settings.config]);
    const group = groups.get(key) ?? { root, config: settings.config, uris: [] };
    group.uris.push(uri);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export async function scanWorkspace(ctx: ScanContext): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage('LeakLens: open a folder to scan it.');
    return;
  }
  if (folders.every((folder) => !ctx.settings(folder.uri).enable)) {
    void vscode.window.showInformationMessage('LeakLens is turned off (leaklens.enable).');
    return;
  }
  const started = Date.now();
  const tally: Tally = { files: 0, findings: 0, filesWithFindings: 0, skipped: 0 };
  let total = 0;
  const worker = new LintWorker(ctx.workerScript);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'LeakLens: scanning the workspace', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => worker.stop(new Cancelled()));
        progress.report({ message: 'finding files…' });
        const groups = await filesToScan(ctx, token);
        if (token.isCancellationRequested) throw new Cancelled();
        total = groups.reduce((n, g) => n + g.uris.length, 0);
        // Results of an earlier scan for files that are not open are replaced by this one.
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const uri of ctx.diagnostics.findings.uris()) if (!open.has(uri)) ctx.diagnostics.clear(vscode.Uri.parse(uri));
        const step = Math.max(1, Math.floor(total / 100));
        /** Findings published per file, so that a file's second result replaces its first in the tally too. */
        const published = new Map<string, number>();
        const onResult = (result: FileResult) => {
          const uri = vscode.Uri.file(result.file);
          const before = published.get(result.file);
          if (before !== undefined) {
            tally.findings += result.findings.length - before;
            if (before === 0 && result.findings.length > 0) tally.filesWithFindings++;
            published.set(result.file, result.findings.length);
            ctx.diagnostics.publish(uri, undefined, result.findings);
            return;
          }
          tally.files++;
          published.set(result.file, result.findings.length);
          if (result.findings.length > 0) {
            tally.findings += result.findings.length;
            tally.filesWithFindings++;
            ctx.diagnostics.publish(uri, undefined, result.findings);
          }
          if (result.notice) {
            tally.skipped++;
            ctx.log.warn(
              `${vscode.workspace.asRelativePath(uri)}${result.notice.line ? `:${result.notice.line}` : ''}: ${result.notice.message}`,
            );
          }
          // One report per 1% keeps the notification smooth without a message per file.
          if (tally.files % step === 0 || tally.files === total) {
            progress.report({ increment: (100 * step) / total, message: `${tally.files} of ${total} files` });
          }
        };
        const onFailed = (file: string, message: string) => {
          tally.files++;
          tally.skipped++;
          ctx.log.error(`${vscode.workspace.asRelativePath(vscode.Uri.file(file))}: ${message}`);
        };
        for (const { root, config, uris } of groups)
          await worker.lintFiles(
            uris.map((u) => u.fsPath),
            config,
            { onResult, onFailed },
            FILE_TIMEOUT_MS,
            root,
          );
      },
    );
  } catch (error) {
    if (error instanceof Cancelled || error instanceof vscode.CancellationError) {
      ctx.log.info(
        `Scan Workspace cancelled after ${tally.files} of ${total} files; ${tally.findings} findings so far are in the Problems panel.`,
      );
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error(`Scan Workspace failed: ${message}`);
    void vscode.window.showErrorMessage(`LeakLens: Scan Workspace failed: ${message}`);
    return;
  } finally {
    worker.stop();
  }
  const summary =
    `Scanned ${count(tally.files, 'file')} in ${((Date.now() - started) / 1000).toFixed(1)} s (open files are linted as you type): ` +
    `${count(tally.findings, 'finding')} in ${count(tally.filesWithFindings, 'file')}` +
    (tally.skipped > 0 ? `, ${count(tally.skipped, 'file')} skipped (see the LeakLens log).` : '.');
  ctx.log.info(`Scan Workspace: ${summary}`);
  // Not awaited: the scan is over (and another may start) while the notification is still up.
  const actions = [...(tally.findings > 0 ? ['Show Problems'] : []), ...(tally.skipped > 0 ? ['Show Log'] : [])];
  void vscode.window.showInformationMessage(`LeakLens: ${summary}`, ...actions).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === 'Show Log') ctx.log.show(true);
  });
}
