// Read-only custom editor for *.heapsnapshot files (ours, Chrome's, `node --heapsnapshot-signal`,
// `v8.writeHeapSnapshot`): the summary, computed in a worker thread, with links to the source.
import * as vscode from 'vscode';
import { summarizeSnapshotFile, SnapshotCancelledError } from '../../heap/snapshot/runWorker';
import type { SnapshotSummary } from '../../heap/snapshot/summary';
import { parseSnapshotViewMessage } from '../../protocol/snapshot';
import { writeTestState } from '../testState';
import { editorLocalizer, logNotes } from './localizer';
import { linkedFiles, openSourceAt } from './openSource';
import { snapshotSettings } from './settings';
import { initSnapshotView } from './viewHtml';
import { wireSummary } from './wire';

export const SUMMARY_VIEW_TYPE = 'leaklens.snapshotSummary';

class SnapshotDocument implements vscode.CustomDocument {
  private summary: Promise<SnapshotSummary> | undefined;
  private readonly abort = new AbortController();
  constructor(readonly uri: vscode.Uri) {}

  /** Parsed once per document, however often its view reloads. */
  summarize(onProgress: (message: string, fraction: number) => void): Promise<SnapshotSummary> {
    this.summary ??= summarizeSnapshotFile(this.uri.fsPath, {
      onProgress,
      signal: this.abort.signal,
      maxHeapMb: snapshotSettings().maxWorkerMemoryMb || undefined,
    });
    return this.summary;
  }

  dispose(): void {
    this.abort.abort();
  }
}

export class SnapshotSummaryEditor implements vscode.CustomReadonlyEditorProvider<SnapshotDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): SnapshotDocument {
    return new SnapshotDocument(uri);
  }

  resolveCustomEditor(document: SnapshotDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const name = document.uri.path.split('/').pop() ?? 'snapshot';
    const post = initSnapshotView(webview, this.extensionUri, name);
    let allowed = new Set<string>();
    webview.onDidReceiveMessage(async (raw) => {
      const m = parseSnapshotViewMessage(raw);
      if (!m) return;
      if (m.type === 'openSource') return openSourceAt(allowed, m.file, m.line, m.column);
      if (document.uri.scheme !== 'file') return post({ type: 'error', message: 'LeakLens reads heap snapshots from local files only.' });
      try {
        const localizer = editorLocalizer(this.log, [document.uri.fsPath]);
        const summary = localizer.summary(await document.summarize((message, fraction) => post({ type: 'progress', message, fraction })));
        logNotes(this.log, localizer);
        allowed = linkedFiles(summary);
        post({ type: 'summary', fileName: name, summary: wireSummary(summary) });
        writeTestState('snapshot-summary', {
          file: document.uri.fsPath,
          nodeCount: summary.nodeCount,
          closures: summary.closures
            .slice(0, 10)
            .map((c) => ({ functionName: c.functionName, site: c.site, variables: c.variables.slice(0, 3) })),
        });
      } catch (error) {
        if (error instanceof SnapshotCancelledError) return;
        this.log.warn(`snapshot summary of ${document.uri.fsPath}: ${(error as Error).message}`);
        post({ type: 'error', message: `${name}: ${(error as Error).message}` });
      }
    });
  }
}
