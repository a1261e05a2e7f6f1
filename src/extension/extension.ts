// activate() only wires: each feature lives in its own module and registers its own disposables.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('LeakLens', { log: true });
  context.subscriptions.push(log);
  log.info('LeakLens activated');
}

export function deactivate(): void {}
