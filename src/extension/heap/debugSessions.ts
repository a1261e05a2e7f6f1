// VS Code's own JavaScript debug sessions as heap sources, through js-debug's CDP proxy: offered when a
// Node debug session starts, so the user never has to know a port.
import * as vscode from 'vscode';
import { formatHostPort } from '../../heap/inspector';
import { NodeInspectorSource } from '../../heap/sources/nodeInspectorSource';

interface CdpProxyInfo {
  host: string;
  port: number;
  path?: string;
}

/** js-debug runs one parent session per launch and a child per Node process; the child has the target. */
export const isNodeProcessSession = (s: vscode.DebugSession): boolean =>
  (s.type === 'pwa-node' || s.type === 'node') && s.parentSession !== undefined;

export class DebugSessionTracker implements vscode.Disposable {
  readonly sessions = new Map<string, vscode.DebugSession>();
  /** The debug session the heap view is attached to, if any. */
  attachedId: string | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(onStart: (session: vscode.DebugSession) => void, onEnd: (session: vscode.DebugSession) => void) {
    this.disposables = [
      vscode.debug.onDidStartDebugSession((s) => {
        if (!isNodeProcessSession(s)) return;
        this.sessions.set(s.id, s);
        onStart(s);
      }),
      vscode.debug.onDidTerminateDebugSession((s) => {
        if (!this.sessions.delete(s.id)) return;
        onEnd(s);
        if (this.attachedId === s.id) this.attachedId = undefined;
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export async function openDebugSessionSource(session: vscode.DebugSession, allowRemoteHosts: boolean): Promise<NodeInspectorSource> {
  const proxy = await vscode.commands.executeCommand<CdpProxyInfo | undefined>('extension.js-debug.requestCDPProxy', session.id);
  if (!proxy || typeof proxy.host !== 'string' || typeof proxy.port !== 'number') {
    throw new Error(
      `The JavaScript debugger gave no CDP connection for "${session.name}" (is it a Node debug session, and is js-debug enabled?).`,
    );
  }
  const url = `ws://${formatHostPort(proxy.host, proxy.port)}${proxy.path ?? ''}`;
  return NodeInspectorSource.open(
    { kind: 'ws', host: proxy.host, port: proxy.port, url },
    { label: session.name, allowRemoteHosts, jsDebugProxy: true },
  );
}
