// Loopback only by default; another host needs the setting and, each time, a confirmation naming the risk.
import * as vscode from 'vscode';
import { isLoopbackHost } from '../../heap/inspector';

/** What is at risk when the port is reachable, by kind of target. */
const RISK = {
  inspector: {
    name: 'inspector',
    risk: 'An inspector port gives full control of the process.',
    detail: 'Anyone who can reach an inspector port can run any code in that process, and the connection is not encrypted.',
  },
  pprof: {
    name: 'pprof endpoint',
    risk: "pprof endpoints expose the service's memory profile, goroutine stacks and command line.",
    detail: "pprof endpoints expose the service's memory profile, goroutine stacks and command line, usually over unencrypted HTTP.",
  },
  prometheus: {
    name: 'Prometheus server',
    risk: "Queries are read-only, but they reveal your fleet's metrics and send any bearer token there.",
    detail:
      'LeakLens only reads from Prometheus, but its answers describe your fleet, and a bearer token is sent with each query: use https beyond this machine.',
  },
} as const;

export async function mayConnectTo(host: string, allowRemoteHosts: boolean, kind: keyof typeof RISK = 'inspector'): Promise<boolean> {
  if (isLoopbackHost(host)) return true;
  const { name, risk, detail } = RISK[kind];
  if (!allowRemoteHosts) {
    const open = await vscode.window.showErrorMessage(
      `LeakLens connects only to this machine (127.0.0.1, ::1, localhost); ${host} is refused. ${risk} To allow other hosts, enable the setting leaklens.allowRemoteHosts, or tunnel the port (ssh -L).`,
      'Open Setting',
    );
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'leaklens.allowRemoteHosts');
    return false;
  }
  const choice = await vscode.window.showWarningMessage(
    `Connect to the ${name} at ${host}?`,
    { modal: true, detail: `${detail} Connect only to a host and network you trust.` },
    'Connect',
  );
  return choice === 'Connect';
}
