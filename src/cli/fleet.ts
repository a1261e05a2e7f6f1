// `leaklens fleet`: which instances of a fleet leak, read from the Prometheus that already scrapes them.
// Exit codes: 0 none growing, 1 at least one growing, 2 usage error or Prometheus unusable.
import { formatBytes } from '../heap/format';
import {
  DEFAULT_MAX_INSTANCES,
  FleetError,
  PrometheusClient,
  describeVerdict,
  formatRate,
  parseDuration,
  parsePrometheusUrl,
  rankFleet,
  sparkline,
  type FleetQuery,
  type FleetReport,
} from '../fleet';
import { UsageError, type CliIo } from './io';
import { parseCommandLine } from './commandLine';

const DEFAULT_TOKEN_ENV = 'LEAKLENS_PROMETHEUS_TOKEN';

const HELP = `Usage: leaklens fleet --prometheus URL [options]

Ranks every instance that exports Node (prom-client) or Go (client_golang) heap metrics by the trend of its
heap after full GCs, with the heap panel's verdict: growing or steady, MB/min, restarts, and the time left to
the memory limit when a limit series exists. Queries are read-only and bounded.

Options:
  --prometheus URL     Prometheus's address, e.g. http://127.0.0.1:9090 (loopback only unless --allow-remote)
  --selector S         label matchers, e.g. '{job="api",env="prod"}' (default: every instance)
  --window D           how far back to judge: 90s, 30m, 2h (default 30m)
  --step D             query resolution (default: the window in ~240 steps, at least 1s)
  --at TIME            end of the window: unix seconds or an ISO date (default: now) — for post-mortems
  --limit-metric NAME  memory limit series with the same job/instance labels (default container_spec_memory_limit_bytes)
  --max-instances N    refuse selectors matching more (default ${DEFAULT_MAX_INSTANCES})
  --token-env VAR      environment variable holding a bearer token (default ${DEFAULT_TOKEN_ENV}, used when set)
  --format F           text (a table) or json (one object: {prometheus, window, instances: [...]})
  --allow-remote       allow a non-loopback Prometheus (use https; a private CA goes in NODE_EXTRA_CA_CERTS)
  -h, --help`;

interface FleetOptions {
  url: string;
  query: FleetQuery;
  format: 'text' | 'json';
  tokenEnv: string;
  tokenEnvGiven: boolean;
  allowRemote: boolean;
}

function durationArg(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new UsageError(`${flag} must be a duration such as 90s, 30m or 2h, got '${text}'`);
  return seconds;
}

function timeArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text) / 1000;
  if (!Number.isFinite(seconds)) throw new UsageError(`--at must be unix seconds or an ISO date (2026-11-29T10:00:00Z), got '${text}'`);
  return Math.floor(seconds);
}

export function parseFleetArgs(argv: string[]): FleetOptions | 'help' {
  const values = parseCommandLine('fleet', argv, {
    prometheus: { type: 'string' },
    selector: { type: 'string' },
    window: { type: 'string' },
    step: { type: 'string' },
    at: { type: 'string' },
    'limit-metric': { type: 'string' },
    'max-instances': { type: 'string' },
    'token-env': { type: 'string' },
    format: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (values.prometheus === undefined)
    throw new UsageError('--prometheus URL is required (the Prometheus that scrapes the fleet, e.g. http://127.0.0.1:9090)');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
  const maxText = values['max-instances'];
  if (maxText !== undefined && !/^[1-9]\d*$/.test(maxText))
    throw new UsageError(`--max-instances must be a whole number ≥ 1, got '${maxText}'`);
  const windowSeconds = durationArg('--window', values.window) ?? 30 * 60;
  const stepSeconds = durationArg('--step', values.step);
  if (stepSeconds !== undefined && stepSeconds > windowSeconds / 4)
    throw new UsageError(
      `--step must be at most a quarter of --window (4 points to judge), got ${values.step} for ${values.window ?? '30m'}`,
    );
  const endSeconds = timeArg(values.at);
  return {
    url: values.prometheus,
    query: {
      windowSeconds,
      ...(values.selector !== undefined ? { selector: values.selector } : {}),
      ...(stepSeconds !== undefined ? { stepSeconds } : {}),
      ...(endSeconds !== undefined ? { endSeconds } : {}),
      ...(values['limit-metric'] !== undefined ? { limitMetric: values['limit-metric'] } : {}),
      ...(maxText !== undefined ? { maxInstances: Number(maxText) } : {}),
    },
    format,
    tokenEnv: values['token-env'] ?? DEFAULT_TOKEN_ENV,
    tokenEnvGiven: values['token-env'] !== undefined,
    allowRemote: values['allow-remote'] ?? false,
  };
}

export async function runFleet(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseFleetArgs(argv);
  if (options === 'help') {
    io.out(HELP);
    return 0;
  }
  const token = env[options.tokenEnv];
  if (options.tokenEnvGiven && !token)
    throw new UsageError(`--token-env ${options.tokenEnv}: that environment variable is not set or empty`);
  let report: FleetReport;
  try {
    const base = parsePrometheusUrl(options.url, options.allowRemote);
    const client = new PrometheusClient(
      base,
      token ? { bearerToken: token, allowRemoteHosts: options.allowRemote } : { allowRemoteHosts: options.allowRemote },
    );
    report = await rankFleet(client, options.query);
  } catch (error) {
    if (error instanceof FleetError) {
      io.err(`leaklens fleet: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!report.instances.length) {
    io.err(
      `leaklens fleet: no instance${options.query.selector ? ` matching ${options.query.selector}` : ''} exports Node ` +
        `(nodejs_heap_size_used_bytes, prom-client's default metrics) or Go (go_memstats_heap_alloc_bytes) heap metrics ` +
        `in the window: check the selector, or that the services expose their default metrics to this Prometheus.`,
    );
    return 2;
  }
  if (options.format === 'json') io.out(JSON.stringify(report));
  else printTable(report, io);
  return report.instances.some((v) => v.growing) ? 1 : 0;
}

function printTable(report: FleetReport, io: CliIo): void {
  const { window: w } = report;
  io.out(
    `${report.prometheus} ${report.selector ?? ''} · ${new Date(w.start * 1000).toISOString()} → ${new Date(w.end * 1000).toISOString()} (step ${w.stepSeconds}s)`,
  );
  const rows = report.instances.map((v) => [
    v.growing ? '✖' : v.pattern === 'collecting' ? '…' : '✔',
    v.instance,
    v.job,
    v.runtime,
    v.pattern,
    formatRate(v.bytesPerMinute),
    v.heapBytes !== null ? formatBytes(v.heapBytes) : '—',
    String(v.restarts),
    sparkline(v.sparkline),
  ]);
  const header = ['', 'instance', 'job', 'runtime', 'verdict', 'post-GC rate', 'post-GC heap', 'restarts', 'heap envelope'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  io.out(line(header));
  for (const row of rows) io.out(line(row));
  const growing = report.instances.filter((v) => v.growing);
  io.out('');
  for (const v of growing) io.out(`✖ ${v.instance} (${v.job}): ${describeVerdict(v)}`);
  io.out(
    growing.length
      ? `${growing.length} of ${report.instances.length} instances growing.`
      : `No instance growing (${report.instances.length} judged).`,
  );
}
