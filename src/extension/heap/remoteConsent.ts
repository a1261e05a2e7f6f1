// Loopback only by default; another host needs the setting and, each time, a confirmation naming the risk.
import * as vscode from 'vscode';
import { isLoopbackHost } from '../../heap/inspector';

export async function mayConnectTo(host: string, allowRemoteHosts: boolean): Promise<boolean> {
  if (isLoopbackHost(host)) return true;
  if (!allowRemoteHosts) {
    const open = await vscode.window.showErrorMessage(
      `LeakLens connects only to this machine (127.0.0.1, ::1, localhost); ${host} is refused. An inspector port gives full control of the process. To allow other hosts, enable the setting leaklens.allowRemoteHosts, or tunnel the port (ssh -L).`,
      'Open Setting',
    );
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'leaklens.allowRemoteHosts');
    return false;
  }
  const choice = await vscode.window.showWarningMessage(
    `Connect to the inspector at ${host}?`,
    {
      modal: true,
      detail: `Anyone who can reach an inspector port can run any code in that process, and the connection is not encrypted. Connect only to a host and network you trust.`,
    },
    'Connect',
  );
  return choice === 'Connect';
}
