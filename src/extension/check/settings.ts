// The `leaklens.check.*` settings: the configured check that **Check for Leaks Under Load** runs.
import * as vscode from 'vscode';
import { CHECK_DEFAULTS, CHECK_LIMITS } from '../../check/defaults';
import { parseHeaderLine } from '../../check/headers';
import type { CheckConfig, ServiceSpec } from '../../check/types';

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

function spec(start: string, url: string, pprof: string): ServiceSpec {
  return { start, url, ...(pprof ? { pprof } : {}) };
}

/** Entries without a `Name:` are left out (the setting's description says the form). */
function headers(list: string[]): Record<string, string> {
  return Object.fromEntries(list.map(parseHeaderLine).filter((h): h is [string, string] => h !== undefined));
}

/** The configured check for `folder`, or the names of the settings still missing. */
export function readCheckConfig(folder: string): CheckConfig | { missing: string[] } {
  const c = vscode.workspace.getConfiguration('leaklens.check');
  const start = c.get<string>('start', '').trim();
  const url = c.get<string>('url', '').trim();
  const missing = [!start && 'leaklens.check.start', !url && 'leaklens.check.url'].filter((m): m is string => Boolean(m));
  if (missing.length) return { missing };
  const baselineStart = c.get<string>('baselineStart', '').trim();
  const outDir = c.get<string>('outDir', CHECK_DEFAULTS.outDir) || CHECK_DEFAULTS.outDir;
  return {
    candidate: spec(start, url, c.get<string>('pprof', '').trim()),
    ...(baselineStart
      ? { baseline: spec(baselineStart, c.get<string>('baselineUrl', '').trim() || url, c.get<string>('pprof', '').trim()) }
      : {}),
    cwd: folder,
    rate: clamp(c.get<number>('rate', CHECK_DEFAULTS.rate), 1, CHECK_LIMITS.maxRate),
    durationMs:
      clamp(c.get<number>('durationSeconds', CHECK_DEFAULTS.durationS), CHECK_LIMITS.minDurationS, CHECK_LIMITS.maxDurationS) * 1000,
    startupTimeoutMs: CHECK_DEFAULTS.startupS * 1000,
    headers: headers(c.get<string[]>('headers', [])),
    allowRemote: vscode.workspace.getConfiguration('leaklens').get<boolean>('allowRemoteHosts', false),
    outDir: vscode.Uri.joinPath(vscode.Uri.file(folder), outDir).fsPath,
    minBytesPerRequest: CHECK_DEFAULTS.minBytesPerRequest,
  };
}
