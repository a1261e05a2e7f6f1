// The linter in the editor: live diagnostics, quick fixes, hover and Scan Workspace, wired to VS Code.
// Static analysis only, so it runs in untrusted workspaces too.
import * as vscode from 'vscode';
import { LeakLensCodeActions } from './codeActions';
import { LeakLensDiagnostics } from './diagnostics';
import { LINTED_LANGUAGES } from './fileFilter';
import { LeakLensHover } from './hover';
import { LintWorker } from './lintWorker';
import { LiveLinter } from './liveLint';
import { scanWorkspace } from './scanWorkspace';
import { readLintSettings, type LintSettings } from './settings';

const SELECTOR: vscode.DocumentSelector = LINTED_LANGUAGES.map((language) => ({ language }));

function readSettings(log: vscode.LogOutputChannel): LintSettings {
  const config = vscode.workspace.getConfiguration('leaklens');
  const { settings, problems } = readLintSettings((key) => config.get(key));
  for (const problem of problems) log.warn(problem);
  return settings;
}

export function registerLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'scan-worker.js').fsPath;
  let settings = readSettings(log);
  const diagnostics = new LeakLensDiagnostics();
  const worker = new LintWorker(workerScript);
  const live = new LiveLinter(diagnostics, settings, worker, log);
  let scanning = false;

  context.subscriptions.push(
    diagnostics,
    live,
    { dispose: () => worker.stop() },
    vscode.workspace.onDidOpenTextDocument((d) => void live.lint(d)),
    vscode.workspace.onDidChangeTextDocument((e) => live.onChange(e)),
    vscode.workspace.onDidCloseTextDocument((d) => live.onClose(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('leaklens')) return;
      settings = readSettings(log);
      live.reconfigure(settings);
      log.info('Settings changed: open documents re-linted; run "LeakLens: Scan Workspace" again for the other files.');
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new LeakLensCodeActions(diagnostics.findings), LeakLensCodeActions.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new LeakLensHover(diagnostics.findings)),
    vscode.commands.registerCommand('leaklens.scanWorkspace', async () => {
      if (scanning) {
        void vscode.window.showInformationMessage('LeakLens: a workspace scan is already running.');
        return;
      }
      scanning = true;
      try {
        await scanWorkspace({ diagnostics, settings: () => settings, workerScript, log });
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
  void live.indexWorkspace().catch((error: unknown) => log.warn(`LeakLens could not index the workspace: ${error instanceof Error ? error.message : String(error)}`));
}
