// The linter in the editor: live diagnostics, quick fixes, hover and Scan Workspace, wired to VS Code.
// Static analysis only, so it runs in untrusted workspaces too.
import * as vscode from 'vscode';
import { LeakLensCodeActions } from './codeActions';
import { LeakLensDiagnostics } from './diagnostics';
import { LINTED_LANGUAGES } from './fileFilter';
import { LeakLensHover } from './hover';
import { LintWorker } from './lintWorker';
import { LiveLinter } from './liveLint';
import { TEST_STATE_ENV, writeTestState } from '../testState';
import { CONFIG_FILES_GLOB, ResourceSettingsCache } from './resourceSettings';
import { scanWorkspace } from './scanWorkspace';

const SELECTOR: vscode.DocumentSelector = LINTED_LANGUAGES.map((language) => ({ language }));

/** When the extension's code started loading and when activate() ran (performance.now()). */
export interface ActivationTimes {
  loadStartedAt: number;
  activatedAt: number;
}

export function registerLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, times: ActivationTimes): void {
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'scan-worker.js').fsPath;
  const settings = new ResourceSettingsCache(log);
  const settingsFor = (uri: vscode.Uri) => settings.for(uri);
  const diagnostics = new LeakLensDiagnostics();
  const worker = new LintWorker(workerScript);
  const live = new LiveLinter(diagnostics, settingsFor, worker, log);
  let scanning = false;
  const configFiles = vscode.workspace.createFileSystemWatcher(CONFIG_FILES_GLOB);
  const onConfigFile = () => {
    settings.clear();
    live.reconfigure();
  };

  context.subscriptions.push(
    diagnostics,
    live,
    { dispose: () => worker.stop() },
    vscode.workspace.onDidOpenTextDocument((d) => void live.lint(d)),
    vscode.workspace.onDidChangeTextDocument((e) => live.onChange(e)),
    vscode.workspace.onDidCloseTextDocument((d) => live.onClose(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('leaklens')) return;
      settings.clear();
      live.reconfigure();
      log.info('Settings changed: open documents re-linted; run "LeakLens: Scan Workspace" again for the other files.');
    }),
    configFiles,
    configFiles.onDidChange(onConfigFile),
    configFiles.onDidCreate(onConfigFile),
    configFiles.onDidDelete(onConfigFile),
    firstDiagnosticTiming(times),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new LeakLensCodeActions(diagnostics.findings), LeakLensCodeActions.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new LeakLensHover(diagnostics.findings)),
    vscode.commands.registerCommand('leaklens.scanWorkspace', async () => {
      if (scanning) {
        void vscode.window.showInformationMessage('LeakLens: a workspace scan is already running.');
        return;
      }
      scanning = true;
      try {
        await scanWorkspace({ diagnostics, settings: settingsFor, workerScript, log });
      } finally {
        scanning = false;
      }
    }),
  );
  // Closed files changing on disk (a pull, a generator, another editor) move findings of open ones.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}');
  context.subscriptions.push(
    watcher,
    watcher.onDidChange((uri) => live.onFileChanged(uri, false)),
    watcher.onDidCreate((uri) => live.onFileChanged(uri, false)),
    watcher.onDidDelete((uri) => live.onFileChanged(uri, true)),
  );
  live.lintOpenDocuments();
  void live
    .indexWorkspace()
    .catch((error: unknown) =>
      log.warn(`LeakLens could not index the workspace: ${error instanceof Error ? error.message : String(error)}`),
    );
}

/**
 * For the e2e run's report: milliseconds from the activation event (VS Code starts loading the code because a
 * linted document opened) and from activate() to the first LeakLens diagnostic, recorded once through the test hook.
 */
function firstDiagnosticTiming({ loadStartedAt, activatedAt }: ActivationTimes): vscode.Disposable {
  if (!process.env[TEST_STATE_ENV]) return new vscode.Disposable(() => {});
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((uri) => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'leaklens'))) return;
    const now = performance.now();
    writeTestState('first-diagnostic', { msFromCodeLoad: Math.round(now - loadStartedAt), msFromActivate: Math.round(now - activatedAt) });
    listener.dispose();
  });
  return listener;
}
