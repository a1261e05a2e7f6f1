// "LeakLens: Attach Heap View…": a picker of discovered inspector targets, running Node debug sessions and
// "Enter an address…", or an address given as the command's argument.
import * as vscode from 'vscode';
import { DEFAULT_HOST, discoverTargets, inspectorAddressProblem, parseInspectorAddress, type InspectorAddress } from '../../heap/inspector';
import type { HeapSettings } from './settings';

export type AttachChoice =
  | { kind: 'address'; address: InspectorAddress; targetId?: string }
  | { kind: 'debugSession'; session: vscode.DebugSession };

type Item = vscode.QuickPickItem & { choice?: AttachChoice; enter?: true };

/** Parses an address typed or passed in; undefined (after telling the user) when it is not one. */
export function addressFrom(text: string): InspectorAddress | undefined {
  try {
    return parseInspectorAddress(text);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
}

async function askAddress(): Promise<AttachChoice | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Attach the heap view to a Node inspector',
    prompt: 'The port given to --inspect, host:port, or a ws:// URL',
    placeHolder: '9229',
    // Empty means the placeholder's default; no error before the user has typed anything.
    validateInput: (value) => (value.trim() ? inspectorAddressProblem(value) : undefined),
  });
  const address = text === undefined ? undefined : addressFrom(text.trim() || '9229');
  return address && { kind: 'address', address };
}

export async function pickTarget(settings: HeapSettings, debugSessions: Iterable<vscode.DebugSession>): Promise<AttachChoice | undefined> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Attach the heap view';
  pick.placeholder = `Looking for Node inspectors on ${DEFAULT_HOST}:${settings.ports[0] ?? ''}–${settings.ports[settings.ports.length - 1] ?? ''}…`;
  const enter: Item = { label: '$(edit) Enter an address…', description: 'port, host:port or ws:// URL', enter: true };
  const sessions: Item[] = [...debugSessions].map((session) => ({ label: `$(debug-alt) ${session.name}`, description: 'VS Code debug session', choice: { kind: 'debugSession', session } }));
  pick.items = [...sessions, enter];
  pick.busy = true;
  pick.show();
  void discoverTargets(DEFAULT_HOST, settings.ports).then((targets) => {
    const found: Item[] = targets.map((t) => ({
      label: `$(server-process) ${t.url.split('/').pop() || t.title}`,
      description: `${t.host}:${t.port}`,
      detail: t.url || t.title,
      choice: { kind: 'address', address: { kind: 'http', host: t.host, port: t.port }, targetId: t.id },
    }));
    pick.items = [...found, ...sessions, enter];
    pick.busy = false;
    pick.placeholder = found.length || sessions.length ? 'Pick a target' : `No inspector found on ports ${settings.ports.join(', ')}: enter an address`;
  });
  const item = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!item) return undefined;
  return item.enter ? askAddress() : item.choice;
}
