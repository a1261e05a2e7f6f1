// activate() only wires: each feature lives in its own module and registers its own disposables.
import * as vscode from 'vscode';
import { registerFleet } from './fleet/registerFleet';
import { registerCheck } from './check/registerCheck';
import { registerHeapView } from './heap';
import { registerLint } from './lint/registerLint';
import { registerSnapshot } from './snapshot/registerSnapshot';
import { writeTestState } from './testState';

/** Set by the bundle's first line (scripts/build.mjs): when VS Code started loading the extension's code. */
declare const __leaklensLoadStart: number | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const activatedAt = performance.now();
  const loadStartedAt = typeof __leaklensLoadStart === 'number' ? __leaklensLoadStart : activatedAt;
  const log = vscode.window.createOutputChannel('LeakLens', { log: true });
  context.subscriptions.push(log);
  log.info('LeakLens activated');
  registerLint(context, log, { loadStartedAt, activatedAt });
  const heapView = registerHeapView(context, log);
  registerSnapshot(context, log, () => heapView.attachedTarget());
  registerFleet(context, log);
  registerCheck(context, log);
  // Keep last: for the e2e tests this file means every feature above registered without throwing.
  writeTestState('activated', { version: (context.extension.packageJSON as { version: string }).version });
}

export function deactivate(): void {}
