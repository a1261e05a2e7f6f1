// The `leaklens.fleet.*` settings, read fresh each time they are needed.
import * as vscode from 'vscode';
import type { Runtime } from '../../fleet/runtimes';

export interface FleetSettings {
  prometheusUrl: string;
  selector: string;
  window: string;
  /** Per runtime, where an instance's inspector or pprof endpoint is, from its labels ('' = none). */
  endpoints: Record<Runtime, string>;
  tokenEnvironmentVariable: string;
  refreshSeconds: number;
  allowRemoteHosts: boolean;
}

export const DEFAULT_ENDPOINTS: Record<Runtime, string> = { node: '', go: 'http://{instance_host}:6060/debug/pprof/' };

export function readFleetSettings(): FleetSettings {
  const config = vscode.workspace.getConfiguration('leaklens');
  const endpoints = config.get<Record<string, unknown>>('fleet.endpoints', DEFAULT_ENDPOINTS);
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v.trim() : fallback);
  return {
    prometheusUrl: text(config.get('fleet.prometheusUrl'), ''),
    selector: text(config.get('fleet.selector'), ''),
    window: text(config.get('fleet.window'), '30m') || '30m',
    endpoints: { node: text(endpoints?.node, DEFAULT_ENDPOINTS.node), go: text(endpoints?.go, DEFAULT_ENDPOINTS.go) },
    tokenEnvironmentVariable: text(config.get('fleet.tokenEnvironmentVariable'), 'LEAKLENS_PROMETHEUS_TOKEN'),
    refreshSeconds: Math.max(0, Math.floor(config.get<number>('fleet.refreshSeconds', 60))),
    // Machine-scoped in package.json: a workspace cannot turn it on for the user.
    allowRemoteHosts: config.get<boolean>('allowRemoteHosts', false),
  };
}
