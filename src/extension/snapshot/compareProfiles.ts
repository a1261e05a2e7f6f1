// "Compare Heap Snapshots" for two Go heap profiles: growth by function and line in a view, and the Go
// runtime match (confirmed at runtime / runtime-growth) in the runtime diagnostics. Profiles are small,
// so this runs in the extension host without a worker.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { compareProfiles } from '../../heap/pprof/compare';
import { readProfileFile } from '../../heap/pprof/files';
import { parseSnapshotViewMessage, type SnapshotHostMessage } from '../../protocol/snapshot';
import { writeTestState } from '../testState';
import { linkedFiles, openSourceAt } from './openSource';
import { publishProfileDiagnostics } from './runtimeDiagnostics';
import { snapshotSettings } from './settings';
import { snapshotViewHtml, webviewOptions } from './viewHtml';

export async function compareProfileFiles(extensionUri: vscode.Uri, diagnostics: vscode.DiagnosticCollection, log: vscode.LogOutputChannel, before: string, after: string): Promise<void> {
  const title = `${basename(before)} → ${basename(after)}`;
  const panel = vscode.window.createWebviewPanel('leaklens.profileComparison', `Compare: ${title}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  panel.webview.html = snapshotViewHtml(panel.webview, extensionUri, title);
  const post = (m: SnapshotHostMessage) => void panel.webview.postMessage(m);
  let result: SnapshotHostMessage | undefined;
  let allowed = new Set<string>();
  panel.webview.onDidReceiveMessage((raw) => {
    const m = parseSnapshotViewMessage(raw);
    if (m?.type === 'ready' && result) post(result);
    if (m?.type === 'openSource') void openSourceAt(allowed, m.file, m.line, m.column);
  });
  try {
    // The same noise threshold as for JS snapshots: one setting says what growth is worth a word.
    const comparison = compareProfiles(readProfileFile(before), readProfileFile(after), snapshotSettings().minGrowthBytes);
    const verdicts = await publishProfileDiagnostics(diagnostics, comparison.growth);
    allowed = linkedFiles(comparison.growth);
    result = { type: 'profileComparison', before: basename(before), after: basename(after), comparison, verdicts };
    writeTestState('snapshot-comparison', { before, after, growth: comparison.growth, verdicts });
    log.info(`compared heap profiles ${before} → ${after}: ${comparison.growth.length} growing site(s)`);
  } catch (error) {
    result = { type: 'error', message: (error as Error).message };
    void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
  }
  post(result);
}
