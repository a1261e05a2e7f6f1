// The webview panel a comparison opens: it shows the latest message again whenever the view (re)loads, and
// opens only the source files that the shown result links to.
import * as vscode from 'vscode';
import { parseSnapshotViewMessage, type SnapshotHostMessage } from '../../protocol/snapshot';
import { linkedFiles, openSourceAt } from './openSource';
import { initSnapshotView, webviewOptions } from './viewHtml';

export interface ResultPanel {
  panel: vscode.WebviewPanel;
  /** A passing message (progress). Functions, not methods: callers take them apart. */
  post: (message: SnapshotHostMessage) => void;
  /** The result (or error): kept for reloads, and its linked files become openable. */
  show: (message: SnapshotHostMessage) => void;
}

export function openResultPanel(extensionUri: vscode.Uri, viewType: string, title: string): ResultPanel {
  const panel = vscode.window.createWebviewPanel(viewType, `Compare: ${title}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
  const post = initSnapshotView(panel.webview, extensionUri, title);
  let result: SnapshotHostMessage | undefined;
  let allowed = new Set<string>();
  panel.webview.onDidReceiveMessage((raw) => {
    const m = parseSnapshotViewMessage(raw);
    if (m?.type === 'ready' && result) post(result);
    if (m?.type === 'openSource') void openSourceAt(allowed, m.file, m.line, m.column);
  });
  return {
    panel,
    post,
    show(message) {
      result = message;
      allowed = linkedFiles(message);
      post(message);
    },
  };
}
