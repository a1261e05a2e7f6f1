// The heap WebviewView: a view of the HeapMonitor, re-hydrated whenever it becomes visible again.
import * as vscode from 'vscode';
import type { HeapMonitor } from '../../heap/monitor';
import { monitorWireTrend, panelMeta, toWireSample } from '../../heap/panelWire';
import { parseViewMessage, type HostMessage, type ViewMessage } from '../../protocol/heap';
import { panelHtml } from './panelHtml';

export const HEAP_VIEW_ID = 'leaklens.heapView';

export class HeapViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The current view's listeners: released when that view is disposed (VS Code re-resolves a fresh one). */
  private viewDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly monitor: HeapMonitor,
    private readonly canSnapshot: () => boolean,
    private readonly handle: (message: ViewMessage) => Promise<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const off = monitor.onChange((change) => {
      if (change.kind === 'samples')
        this.post({ type: 'append', samples: change.samples.map(toWireSample), trend: monitorWireTrend(monitor) });
      else if (change.kind === 'reset') this.hydrate();
      else this.post({ type: 'meta', meta: panelMeta(monitor, this.canSnapshot()) });
    });
    this.disposables.push({ dispose: off });
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'heap-view.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'heap.css')).toString(),
    });
    this.view = view;
    const disposables = [
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseViewMessage(raw);
        if (!message) {
          this.log.warn(`heap view: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (message.type === 'ready') this.hydrate();
        else this.handle(message).catch((error) => this.log.error(`heap view: ${message.type} failed: ${String(error)}`));
      }),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.hydrate();
      }),
    ];
    disposables.push(
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        const released = disposables.splice(0);
        this.viewDisposables = this.viewDisposables.filter((d) => !released.includes(d));
        for (const d of released) d.dispose();
      }),
    );
    this.viewDisposables.push(...disposables);
  }

  /** Sends the whole state: on load and whenever the view shows again (it got no updates while hidden). */
  hydrate(): void {
    if (!this.view?.visible) return; // it hydrates when it shows
    const m = this.monitor;
    this.post({
      type: 'hydrate',
      meta: panelMeta(m, this.canSnapshot()),
      samples: m.ring.slice().map(toWireSample),
      trend: monitorWireTrend(m),
      capacity: m.ring.capacity,
    });
  }

  private post(message: HostMessage): void {
    if (!this.view?.visible) return;
    void this.view.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of [...this.disposables.splice(0), ...this.viewDisposables.splice(0)]) d.dispose();
  }
}
