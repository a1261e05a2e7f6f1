// `leaklens check` as an engine: validates the targets, runs the baseline (when one is to be run) and the
// candidate one after the other under the same load — never both at once, so they do not compete for the
// CPU — and decides. No console, no vscode: the CLI and the editor command print or show what it returns.
import { isLoopbackHost } from '../heap/inspector';
import { compareWithBaseline } from './baseline';
import { CheckError } from './errors';
import { runService, type RunHooks } from './run';
import type { BaselineComparison, CheckConfig, CheckOutcome, RunResult, SavedRun, ServiceSpec } from './types';

function checkUrl(text: string, what: string, allowRemote: boolean): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CheckError('bad-input', `${what} '${text}' is not a URL: give one such as http://127.0.0.1:3000/.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CheckError('bad-input', `${what} '${text}' must be an http:// or https:// URL.`);
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    throw new CheckError(
      'remote-refused',
      `Refusing to load ${url.host} (${what}): it is not a loopback address. leaklens check drives load and reads the heap ` +
        `(an inspector or pprof endpoint gives full insight into the process), so it stays on 127.0.0.1, ::1 or localhost ` +
        `unless you pass --allow-remote for a host and network you trust (editor: leaklens.allowRemoteHosts).`,
    );
  }
}

export function validateSpec(spec: ServiceSpec, role: string, allowRemote: boolean): void {
  if (!spec.start.trim()) throw new CheckError('bad-input', `The ${role} start command is empty.`);
  checkUrl(spec.url, `the ${role} URL`, allowRemote);
  if (spec.pprof !== undefined)
    checkUrl(/^[a-z]+:\/\//i.test(spec.pprof) ? spec.pprof : `http://${spec.pprof}`, `the ${role} pprof URL`, allowRemote);
}

export async function runCheck(config: CheckConfig, hooks: RunHooks = {}): Promise<CheckOutcome> {
  validateSpec(config.candidate, 'candidate', config.allowRemote);
  if (config.baseline) validateSpec(config.baseline, 'baseline', config.allowRemote);
  const runtime = config.candidate.pprof === undefined ? 'node' : 'go';
  if (config.baselineResult && config.baselineResult.runtime !== runtime) {
    throw new CheckError(
      'bad-input',
      `The saved baseline is a ${config.baselineResult.runtime} service and the candidate a ${runtime} one: compare two versions of the same service.`,
    );
  }
  let baselineRun: RunResult | undefined;
  if (config.baseline) baselineRun = await runService('baseline', config.baseline, config, () => false, hooks);
  const baseline: SavedRun | undefined = baselineRun ?? config.baselineResult;
  let comparison: BaselineComparison | undefined;
  const decide = (run: RunResult): boolean => {
    if (!baseline) return run.trend.state === 'growing';
    comparison = compareWithBaseline(run, baseline, config.minBytesPerRequest);
    return comparison.regressed;
  };
  const candidate = await runService('candidate', config.candidate, config, decide, hooks);
  return { candidate, ...(baselineRun ? { baselineRun } : {}), ...(comparison ? { comparison } : {}), failed: decide(candidate) };
}
