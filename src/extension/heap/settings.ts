// The `leaklens.heap.*` settings and `leaklens.allowRemoteHosts`, read fresh each time they are needed.
import * as vscode from 'vscode';
import { DEFAULT_DISCOVERY_PORTS } from '../../heap/inspector';
import { DEFAULT_PPROF_URLS } from '../../heap/pprof/discovery';
import { DEFAULT_PPROF_INTERVAL_MS } from '../../heap/pprof/source';

export interface HeapSettings {
  intervalMs: number;
  /** Go services: profiles cost more than V8's heap usage call, so they have their own cadence. */
  pprofIntervalMs: number;
  gcEveryMs: number;
  ports: number[];
  /** Go services' net/http/pprof URLs that the picker probes. */
  pprofUrls: string[];
  historySamples: number;
  offerDebugSessions: boolean;
  allowRemoteHosts: boolean;
}

export function readHeapSettings(): HeapSettings {
  const config = vscode.workspace.getConfiguration('leaklens');
  const ports = config
    .get<unknown[]>('heap.ports', [...DEFAULT_DISCOVERY_PORTS])
    .filter((p): p is number => Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536);
  return {
    intervalMs: Math.max(100, config.get<number>('heap.intervalMs', 1000)),
    pprofIntervalMs: Math.max(1000, config.get<number>('heap.pprofIntervalMs', DEFAULT_PPROF_INTERVAL_MS)),
    gcEveryMs: Math.max(0, config.get<number>('heap.gcEverySeconds', 0)) * 1000,
    ports,
    pprofUrls: config.get<unknown[]>('heap.pprofUrls', [...DEFAULT_PPROF_URLS]).filter((u): u is string => typeof u === 'string'),
    historySamples: Math.max(60, Math.floor(config.get<number>('heap.historySamples', 86_400))),
    offerDebugSessions: config.get<boolean>('heap.offerDebugSessions', true),
    // Machine-scoped in package.json: a workspace cannot turn it on for the user.
    allowRemoteHosts: config.get<boolean>('allowRemoteHosts', false),
  };
}
