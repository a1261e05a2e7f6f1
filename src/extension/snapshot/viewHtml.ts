// The snapshot view's page (the shared webview shell) and its options: scripts on, resources only from dist/.
import * as vscode from 'vscode';
import type { SnapshotHostMessage } from '../../protocol/snapshot';
import { webviewPage } from '../webviewPage';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

export function snapshotViewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  return webviewPage({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'snapshot-view.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'snapshot-view.css')).toString(),
    title,
    body: '<main id="root"><p class="muted">Loading…</p></main>',
  });
}

/** Turns `webview` into a snapshot view titled `title`; returns its typed post. */
export function initSnapshotView(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): (message: SnapshotHostMessage) => void {
  webview.options = webviewOptions(extensionUri);
  webview.html = snapshotViewHtml(webview, extensionUri, title);
  return (message) => void webview.postMessage(message);
}
