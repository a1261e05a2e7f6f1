// The snapshot view's HTML shell: strict CSP, one script with a fresh crypto-random nonce, styles and
// script only from the extension's bundle folder.
import * as vscode from 'vscode';
import { newNonce } from '../heap/panelHtml';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

export function snapshotViewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = newNonce();
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'snapshot-view.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'snapshot-view.css'));
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}`;
  const safeTitle = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${safeTitle}</title>
</head>
<body>
<main id="root"><p class="muted">Loading…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
