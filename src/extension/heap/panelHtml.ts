// The heap panel's HTML shell (no vscode import: unit-tested). Strict CSP: nothing by default, the one
// script only by its per-load nonce, styles and the bundle only from the webview's own resource origin.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource` */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export const newNonce = (): string => randomBytes(18).toString('base64url');

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function panelHtml(input: PanelHtmlInput): string {
  const nonce = input.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${input.cspSource}`,
    `img-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
<title>LeakLens heap</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Heap view">
  <button id="attach">Attach…</button>
  <button id="detach" class="secondary" disabled>Detach</button>
  <button id="pause" class="secondary" disabled>Pause</button>
  <button id="gc" class="secondary" disabled title="Runs HeapProfiler.collectGarbage in the target and marks the point">Collect garbage</button>
  <button id="snapshot" class="secondary" hidden>Take snapshot</button>
  <button id="csv" class="secondary">Export CSV</button>
  <select id="window" aria-label="Time window"></select>
</div>
<label title="Post-GC points give a verdict in seconds, at the cost of a short pause in the target every 5 s"><input type="checkbox" id="leakCheck"> Check for a leak (forces a GC every 5 s)</label>
<div id="status" class="status">Not attached</div>
<div id="verdict" class="verdict" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>
<div class="chart"><canvas id="chart" aria-label="Heap used and total over time"></canvas></div>
<script nonce="${nonce}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>`;
}
