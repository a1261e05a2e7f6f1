// "LeakLens: Attach Heap View…": a picker of discovered inspector targets, Go services at the configured
// pprof URLs, running Node debug sessions and "Enter an address…", or an address given as the command's argument.
import * as vscode from 'vscode';
import { DEFAULT_HOST, discoverTargets, type InspectorAddress } from '../../heap/inspector';
import { discoverPprof } from '../../heap/pprof/discovery';
import { heapTargetProblem, parseHeapTarget } from '../../heap/targetAddress';
import type { HeapSettings } from './settings';

export type AttachChoice =
  | { kind: 'address'; address: InspectorAddress; targetId?: string }
  | { kind: 'pprof'; url: URL }
  | { kind: 'debugSession'; session: vscode.DebugSession };

type Item = vscode.QuickPickItem & { choice?: AttachChoice; enter?: true };

/** Parses an address typed or passed in; undefined (after telling the user) when it is not one. */
export function choiceFrom(text: string): AttachChoice | undefined {
  try {
    const target = parseHeapTarget(text);
    return target.kind === 'pprof' ? target : { kind: 'address', address: target.address };
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
}

async function askAddress(): Promise<AttachChoice | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Attach the heap view to a Node inspector or a Go service',
    prompt: "The port given to --inspect, host:port, a ws:// URL, or a Go service's pprof URL (http://127.0.0.1:6060/debug/pprof/)",
    placeHolder: '9229',
    // Empty means the placeholder's default; no error before the user has typed anything.
    validateInput: (value) => (value.trim() ? heapTargetProblem(value) : undefined),
  });
  return text === undefined ? undefined : choiceFrom(text.trim() || '9229');
}

export async function pickTarget(settings: HeapSettings, debugSessions: Iterable<vscode.DebugSession>): Promise<AttachChoice | undefined> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Attach the heap view';
  pick.placeholder = `Looking for Node inspectors on ${DEFAULT_HOST}:${settings.ports[0] ?? ''}–${settings.ports[settings.ports.length - 1] ?? ''} and Go services…`;
  const enter: Item = { label: '$(edit) Enter an address…', description: 'port, host:port, ws:// URL or pprof URL', enter: true };
  const sessions: Item[] = [...debugSessions].map((session) => ({
    label: `$(debug-alt) ${session.name}`,
    description: 'VS Code debug session',
    choice: { kind: 'debugSession', session },
  }));
  pick.items = [...sessions, enter];
  pick.busy = true;
  pick.show();
  void Promise.all([discoverTargets(DEFAULT_HOST, settings.ports), discoverPprof(settings.pprofUrls)]).then(([targets, services]) => {
    const found: Item[] = targets.map((t) => ({
      label: `$(server-process) ${t.url.split('/').pop() || t.title}`,
      description: `${t.host}:${t.port}`,
      detail: t.url || t.title,
      choice: { kind: 'address', address: { kind: 'http', host: t.host, port: t.port }, targetId: t.id },
    }));
    const goServices: Item[] = services.map((s) => ({
      label: `$(server-process) Go service ${s.url.host}`,
      description: `${s.goroutines} goroutines`,
      detail: s.url.href,
      choice: { kind: 'pprof', url: s.url },
    }));
    pick.items = [...found, ...goServices, ...sessions, enter];
    pick.busy = false;
    pick.placeholder =
      found.length || goServices.length || sessions.length
        ? 'Pick a target'
        : `No inspector found on ports ${settings.ports.join(', ')} and no Go service at leaklens.heap.pprofUrls: enter an address`;
  });
  const item = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!item) return undefined;
  return item.enter ? askAddress() : item.choice;
}
