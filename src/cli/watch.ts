// `leaklens watch`: attach to a Node inspector or a Go service's net/http/pprof, print the heap once per sample
// and, at the end, the verdict. Exit codes as for lint: 0 no growth, 1 growing, 2 usage error or no usable target.
import { describeTrend, formatBytes } from '../heap/format';
import { DEFAULT_HOST, InspectorError, parseInspectorAddress, type InspectorAddress } from '../heap/inspector';
import { PprofError } from '../heap/pprof/errors';
import { DEFAULT_PPROF_INTERVAL_MS, PprofHeapSource } from '../heap/pprof/source';
import { HeapSampler, type SamplerEvent } from '../heap/sampler';
import { SampleFlag, SampleRing } from '../heap/series/sampleRing';
import type { HeapSource } from '../heap/source';
import { NodeInspectorSource } from '../heap/sources/nodeInspectorSource';
import { DEFAULT_VERDICT_OPTIONS, judgeTrend, type Trend } from '../heap/trend/verdict';
import { UsageError, type CliIo } from './io';
import { parseCommandLine } from './commandLine';

const HELP = `Usage: leaklens watch --port N [options]
       leaklens watch --url ws://127.0.0.1:9229/<id> [options]
       leaklens watch --pprof http://127.0.0.1:6060 [options]

Samples the heap of a Node process started with --inspect (or of a Go service serving net/http/pprof) and
says whether its post-GC heap keeps growing.

Options:
  --port N          inspector port (of --inspect=127.0.0.1:N)
  --host H          inspector host (default ${DEFAULT_HOST}; non-loopback hosts need --allow-remote)
  --url URL         a target's ws:// URL instead of --host/--port
  --pprof URL       a Go service's net/http/pprof (in-use heap and goroutines; loopback only unless --allow-remote)
  --interval ms     sampling interval (default 1000; ${DEFAULT_PPROF_INTERVAL_MS} with --pprof)
  --duration s      stop after s seconds (default: until Ctrl+C)
  --gc-every s      force a full GC every s seconds for quick post-GC points (default 5; 0 = never, wait
                    for natural GCs). Forcing GCs pauses the target briefly.
  --format F        text (a line per sample) or json (an object per line, a summary object last)
  --allow-remote    allow a non-loopback host: the inspector gives full control of the process
  -h, --help`;

interface WatchOptions {
  /** The Node inspector, unless `pprof` names a Go service instead. */
  address: InspectorAddress | undefined;
  pprof?: string;
  intervalMs: number;
  durationMs: number | undefined;
  gcEveryMs: number;
  format: 'text' | 'json';
  allowRemote: boolean;
}

function number(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) throw new UsageError(`${name} must be a number ≥ ${min}, got '${text}'`);
  return value;
}

export function parseWatchArgs(argv: string[]): WatchOptions | 'help' {
  const values = parseCommandLine('watch', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    url: { type: 'string' },
    pprof: { type: 'string' },
    interval: { type: 'string' },
    duration: { type: 'string' },
    'gc-every': { type: 'string' },
    format: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (values.url !== undefined && (values.port !== undefined || values.host !== undefined))
    throw new UsageError('give either --url or --host/--port, not both');
  if (values.pprof !== undefined && (values.url !== undefined || values.port !== undefined || values.host !== undefined))
    throw new UsageError('give either --pprof or an inspector address (--port/--url), not both');
  if (values.url === undefined && values.port === undefined && values.pprof === undefined)
    throw new UsageError('--port is required (the port of --inspect), or --url, or --pprof URL for a Go service');
  if (values.port !== undefined && !/^\d+$/.test(values.port))
    throw new UsageError(`--port must be a port number (1–65535), got '${values.port}'`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
  let address: InspectorAddress | undefined;
  try {
    if (values.pprof === undefined) address = parseInspectorAddress(values.url ?? `${values.host ?? DEFAULT_HOST}:${values.port}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const durationS = number('--duration', values.duration, 1);
  return {
    address,
    ...(values.pprof !== undefined ? { pprof: values.pprof } : {}),
    intervalMs: number('--interval', values.interval, 50) ?? (values.pprof !== undefined ? DEFAULT_PPROF_INTERVAL_MS : 1000),
    durationMs: durationS === undefined ? undefined : durationS * 1000,
    gcEveryMs: (number('--gc-every', values['gc-every'], 0) ?? 5) * 1000,
    format,
    allowRemote: values['allow-remote'] ?? false,
  };
}

/** Resolves after `ms`, or on Ctrl+C when `ms` is undefined; listeners and timers are removed either way. */
function until(ms: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', done);
      resolve();
    };
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    process.once('SIGINT', done);
  });
}

function summary(trend: Trend, samples: number, restarts: number, target: string) {
  return {
    type: 'summary',
    target,
    growing: trend.state === 'growing',
    state: trend.state,
    bytesPerMinute: Number.isFinite(trend.bytesPerMinute) ? Math.round(trend.bytesPerMinute) : null,
    spanMs: trend.spanMs,
    baselinePoints: trend.baseline.length,
    baselineKind: trend.baselineKind,
    samples,
    restarts,
  };
}

export async function runWatch(argv: string[], io: CliIo): Promise<number> {
  const options = parseWatchArgs(argv);
  if (options === 'help') {
    io.out(HELP);
    return 0;
  }
  let source: HeapSource;
  try {
    source =
      options.pprof !== undefined
        ? await PprofHeapSource.open(options.pprof, { allowRemoteHosts: options.allowRemote })
        : await NodeInspectorSource.open(options.address!, { allowRemoteHosts: options.allowRemote });
  } catch (error) {
    if (error instanceof InspectorError || error instanceof PprofError) {
      io.err(`leaklens watch: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const ring = new SampleRing();
  const sampler = new HeapSampler(source, ring, { intervalMs: options.intervalMs, gcEveryMs: options.gcEveryMs });
  const json = options.format === 'json';
  let restarts = 0;
  const started = Date.now();
  sampler.onEvent((event: SamplerEvent) => {
    if (event.kind === 'reconnected' && event.restarted) restarts++;
    if (json) {
      if (event.kind !== 'sample') {
        const { kind, ...rest } = event;
        io.out(JSON.stringify({ type: kind, ...rest }));
        return;
      }
      const { t, used, total, flags, goroutines } = event.sample;
      io.out(
        JSON.stringify({
          type: 'sample',
          t,
          used,
          total,
          gc: Boolean(flags & SampleFlag.Gc),
          restart: Boolean(flags & SampleFlag.Restart),
          ...(goroutines !== undefined ? { goroutines } : {}),
        }),
      );
      return;
    }
    switch (event.kind) {
      case 'sample': {
        const s = event.sample;
        const marks = [s.flags & SampleFlag.Gc && 'gc', s.flags & SampleFlag.Restart && 'restart'].filter(Boolean).join(' ');
        const verdict = describeTrend(judgeTrend(ring), DEFAULT_VERDICT_OPTIONS.minPoints);
        const goroutines = s.goroutines !== undefined ? `  goroutines ${String(s.goroutines).padStart(5)}` : '';
        io.out(
          `+${((s.t - started) / 1000).toFixed(0).padStart(4)}s  used ${formatBytes(s.used).padStart(8)}  total ${formatBytes(s.total).padStart(8)}${goroutines}  ${marks.padEnd(10)} ${verdict}`,
        );
        break;
      }
      case 'disconnected':
        io.out(`! ${event.reason}; waiting for the target to come back…`);
        break;
      case 'reconnected':
        io.out(event.restarted ? `! the target restarted; re-attached to ${event.label}` : `! re-attached to ${event.label}`);
        break;
      case 'error':
        io.err(`leaklens watch: ${event.message}`);
        break;
      case 'closed':
        break;
    }
  });
  if (!json) {
    io.out(
      `Watching ${source.label} every ${options.intervalMs} ms${options.gcEveryMs ? `, forcing a GC every ${options.gcEveryMs / 1000} s` : ''}${options.durationMs ? ` for ${options.durationMs / 1000} s` : ' (Ctrl+C to stop)'}.`,
    );
  }
  sampler.start();
  await until(options.durationMs);
  await sampler.dispose();
  await source.close();
  const trend = judgeTrend(ring);
  if (json) io.out(JSON.stringify(summary(trend, ring.size, restarts, source.label)));
  else
    io.out(
      `${source.label}: ${describeTrend(trend, DEFAULT_VERDICT_OPTIONS.minPoints)} (${ring.size} samples${restarts ? `, ${restarts} restarts` : ''}).`,
    );
  return trend.state === 'growing' ? 1 : 0;
}
