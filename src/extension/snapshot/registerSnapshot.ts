// Wires the heap snapshot feature: the take and compare commands, the *.heapsnapshot and Go *.pb.gz summary
// editors and the `leaklens-runtime` diagnostics.
import * as vscode from 'vscode';
import type { HeapSource } from '../../heap/source';
import { compareCommand, COMPARE_COMMAND } from './compareCommand';
import { clearRuntimeDiagnostics, RUNTIME_COLLECTION } from './runtimeDiagnostics';
import { SessionPool } from './sessionPool';
import { ProfileSummaryEditor, PROFILE_SUMMARY_VIEW_TYPE } from './profileSummaryEditor';
import { SnapshotSummaryEditor, SUMMARY_VIEW_TYPE } from './summaryEditor';
import { TAKE_SNAPSHOT_COMMAND, takeSnapshotCommand, type TakeSnapshotArgs } from './takeSnapshotCommand';
import { HeapProfiler, TAKE_PROFILE_COMMAND } from './takeProfile';

/** `attachedTarget`: what the heap view is attached to, so Take Snapshot uses that target's own connection. */
export function registerSnapshot(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  attachedTarget: () => HeapSource | undefined = () => undefined,
): void {
  const diagnostics = vscode.languages.createDiagnosticCollection(RUNTIME_COLLECTION);
  const sessions = new SessionPool();
  const profiler = new HeapProfiler(sessions, log);
  context.subscriptions.push(
    diagnostics,
    sessions,
    vscode.commands.registerCommand(TAKE_SNAPSHOT_COMMAND, (args?: TakeSnapshotArgs) =>
      takeSnapshotCommand({ sessions, log, attachedTarget, memory: context.globalState }, args),
    ),
    vscode.commands.registerCommand(TAKE_PROFILE_COMMAND, (args?: TakeSnapshotArgs) => profiler.take(args)),
    vscode.commands.registerCommand(COMPARE_COMMAND, (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
      compareCommand(context.extensionUri, diagnostics, log, clicked, selected),
    ),
    vscode.commands.registerCommand('leaklens.snapshot.clearRuntimeDiagnostics', () => clearRuntimeDiagnostics(diagnostics)),
    vscode.window.registerCustomEditorProvider(SUMMARY_VIEW_TYPE, new SnapshotSummaryEditor(context.extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.window.registerCustomEditorProvider(PROFILE_SUMMARY_VIEW_TYPE, new ProfileSummaryEditor(context.extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
  );
}
