// Selecting an instance in the Fleet view: attach the heap view to its own inspector or pprof endpoint when
// the endpoint template names one that answers, otherwise chart the instance's series from Prometheus.
import * as vscode from 'vscode';
import { fillEndpoint, type InstanceVerdict, type PrometheusClient } from '../../fleet';
import { isLoopbackHost } from '../../heap/inspector';
import { parseHeapTarget, type HeapTargetAddress } from '../../heap/targetAddress';
import { PrometheusHeapSource } from '../../heap/sources/prometheusSource';
import { readFleetSettings } from './settings';

const PROBE_TIMEOUT_MS = 3_000;

/** What to probe for each kind of endpoint: the pprof index, or the inspector's version document. */
function probeUrl(target: HeapTargetAddress): string {
  return target.kind === 'pprof' ? target.url.href : `http://${target.address.host}:${target.address.port}/json/version`;
}

function hostOf(target: HeapTargetAddress): string {
  return target.kind === 'pprof' ? target.url.hostname : target.address.host;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'error' });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** The instance's own endpoint when the template gives one that can be used; undefined, with the reason, otherwise. */
async function reachableEndpoint(verdict: InstanceVerdict): Promise<{ endpoint?: string; why: string }> {
  const settings = readFleetSettings();
  const endpoint = fillEndpoint(settings.endpoints[verdict.runtime], verdict);
  if (!endpoint) return { why: `no endpoint template for ${verdict.runtime} instances (setting leaklens.fleet.endpoints)` };
  let target: HeapTargetAddress;
  try {
    target = parseHeapTarget(endpoint);
  } catch (error) {
    return { why: `the endpoint template gives '${endpoint}', which is not an address: ${(error as Error).message}` };
  }
  // Another host is the attach command's decision (setting and confirmation); only loopback is probed first.
  if (!isLoopbackHost(hostOf(target)))
    return settings.allowRemoteHosts
      ? { endpoint, why: '' }
      : { why: `${endpoint} is not on this machine and leaklens.allowRemoteHosts is off` };
  return (await answers(probeUrl(target))) ? { endpoint, why: '' } : { why: `nothing answers at ${endpoint}` };
}

export async function openInstance(
  verdict: InstanceVerdict,
  client: PrometheusClient | undefined,
  log: vscode.LogOutputChannel,
): Promise<boolean> {
  const { endpoint, why } = await reachableEndpoint(verdict);
  if (endpoint && (await vscode.commands.executeCommand<boolean>('leaklens.attach', endpoint))) {
    log.info(`fleet: ${verdict.instance} attached through ${endpoint}`);
    return true;
  }
  if (!client) return false;
  log.info(`fleet: ${verdict.instance}: ${why || 'its endpoint could not be attached'}; charting its Prometheus series`);
  void vscode.window.showInformationMessage(
    `LeakLens: charting ${verdict.instance} from Prometheus (${why || 'its endpoint could not be attached'}). Forcing GCs and snapshots need its inspector or pprof endpoint.`,
  );
  const source = new PrometheusHeapSource(client, { job: verdict.job, instance: verdict.instance, runtime: verdict.runtime });
  return (await vscode.commands.executeCommand<boolean>('leaklens.attachSource', () => Promise.resolve(source))) ?? false;
}
