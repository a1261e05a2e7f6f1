// The heap panel's markup inside the shared webview shell (no vscode import: unit-tested).
import { webviewPage } from '../webviewPage';

export { newNonce } from '../webviewPage';

export interface PanelHtmlInput {
  /** `webview.cspSource` */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function panelHtml(input: PanelHtmlInput): string {
  return webviewPage({
    ...input,
    title: 'LeakLens heap',
    body: `<div class="toolbar" role="toolbar" aria-label="Heap view">
  <button id="attach">Attach…</button>
  <button id="detach" class="secondary" disabled>Detach</button>
  <button id="pause" class="secondary" disabled>Pause</button>
  <button id="gc" class="secondary" disabled title="Forces a full garbage collection in the target (Node: HeapProfiler.collectGarbage; Go: the heap profile's ?gc=1) and marks the point">Collect garbage</button>
  <button id="snapshot" class="secondary" hidden>Take snapshot</button>
  <button id="csv" class="secondary">Export CSV</button>
  <select id="window" aria-label="Time window"></select>
</div>
<label title="Post-GC points give a verdict in seconds, at the cost of a short pause in the target every 5 s"><input type="checkbox" id="leakCheck"> Check for a leak (forces a GC every 5 s)</label>
<div id="status" class="status">Not attached</div>
<div id="readout" class="status" aria-live="polite"></div>
<div id="verdict" class="verdict" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>
<div class="chart"><canvas id="chart" aria-label="Heap used and total over time, and goroutines for Go services"></canvas><div id="empty" class="empty">No samples yet: attach to a Node process, a debug session or a Go service.</div></div>`,
  });
}
