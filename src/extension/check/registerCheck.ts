// **LeakLens: Check for Leaks Under Load** runs the configured check (leaklens.check.*) in the extension
// host, with progress and cancel; the heap panel is attached to each service it starts (through the panel's
// own `leaklens.attach` command), so the chart fills while the load runs. At the end: the verdict, the
// Markdown summary, and the evidence.
import * as vscode from 'vscode';
import { runCheck } from '../../check/check';
import { CheckError } from '../../check/errors';
import { writeReports } from '../../check/report';
import { verdictLine } from '../../check/report/wording';
import { mayConnectTo } from '../heap/remoteConsent';
import { HEAP_VIEW_ID } from '../heap/heapViewProvider';
import { writeTestState } from '../testState';
import { readCheckConfig } from './settings';

export const CHECK_COMMAND = 'leaklens.check.run';

async function run(log: vscode.LogOutputChannel): Promise<boolean | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('LeakLens: open a folder first: the check runs its start command there.');
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(
      "LeakLens: Check for Leaks Under Load runs the start command of this workspace's settings: trust the workspace first (Manage Workspace Trust).",
    );
    return undefined;
  }
  const config = readCheckConfig(folder.uri.fsPath);
  if ('missing' in config) {
    const open = await vscode.window.showErrorMessage(
      `LeakLens: set ${config.missing.join(' and ')} to say how to start the service and where it answers.`,
      'Open Settings',
    );
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'leaklens.check');
    return undefined;
  }
  // A remote URL needs the setting and, this time, a confirmation.
  for (const spec of [config.candidate, ...(config.baseline ? [config.baseline] : [])]) {
    for (const url of [spec.url, spec.pprof].filter((u): u is string => Boolean(u))) {
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        continue; // the engine says what is wrong with it
      }
      if (!(await mayConnectTo(host, config.allowRemote, spec.pprof ? 'pprof' : 'inspector'))) return undefined;
    }
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LeakLens: checking for leaks under load', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let attaching: Thenable<unknown> | undefined;
      try {
        const outcome = await runCheck(config, {
          signal: abort.signal,
          progress: (role, message) => {
            log.info(`check: ${role}: ${message}`);
            progress.report({ message: `${role}: ${message}` });
          },
          attached: (role, address) => {
            log.info(`check: ${role}: attaching the heap panel to ${address}`);
            attaching = vscode.commands
              .executeCommand('leaklens.attach', address)
              .then(() => vscode.commands.executeCommand(`${HEAP_VIEW_ID}.focus`));
          },
          // Detached before the service stops, the panel keeps the chart and does not wait for it to come back.
          stopping: async () => {
            await attaching;
            await vscode.commands.executeCommand('leaklens.detach');
          },
        });
        const reports = writeReports(outcome, config.outDir, config.cwd);
        const verdict = verdictLine(outcome);
        log.info(`check: ${verdict}`);
        const site = outcome.candidate.evidence?.sites[0];
        writeTestState('check', {
          failed: outcome.failed,
          verdict,
          bytesPerRequest: outcome.candidate.perRequest.slope,
          requests: outcome.candidate.requests,
          variable: site?.variable ?? null,
          line: site?.line ?? null,
          reports,
        });
        const show = outcome.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
        void show(`LeakLens: ${verdict}${site ? ` — ${site.description}` : ''}`, 'Open Summary').then((choice) => {
          if (choice) void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(reports.markdown));
        });
        return outcome.failed;
      } catch (error) {
        const message =
          error instanceof CheckError ? error.message : `the check failed: ${error instanceof Error ? error.message : String(error)}`;
        log.warn(`check: ${message}`);
        writeTestState('check', { error: message });
        if (!(error instanceof CheckError && error.code === 'cancelled')) void vscode.window.showErrorMessage(`LeakLens: ${message}`);
        return undefined;
      }
    },
  );
}

export function registerCheck(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_COMMAND, () => run(log)));
}
