// activate() only wires: each feature lives in its own module and registers its own disposables.
import * as vscode from 'vscode';
import { registerHeapView } from './heap';
import { registerLint } from './lint/registerLint';
import { registerSnapshot } from './snapshot/registerSnapshot';
import { writeTestState } from './testState';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('LeakLens', { log: true });
  context.subscriptions.push(log);
  log.info('LeakLens activated');
  registerLint(context, log);
  const heapView = registerHeapView(context, log);
  registerSnapshot(context, log, heapView.attachedTarget);
  // Keep last: for the e2e tests this file means every feature above registered without throwing.
  writeTestState('activated', { version: context.extension.packageJSON.version });
}

export function deactivate(): void {}
