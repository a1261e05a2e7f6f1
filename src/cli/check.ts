// `leaklens check --start CMD --url URL`: verifies a service under load (see src/check/). Exit codes: 0 steady
// (or no more per request than the baseline), 1 growing, 2 usage error or a check that could not run.
import { resolve } from 'node:path';
import { readSavedRun } from '../check/baseline';
import { runCheck } from '../check/check';
import { CHECK_DEFAULTS as DEFAULTS, CHECK_LIMITS as LIMITS } from '../check/defaults';
import { CheckError } from '../check/errors';
import { parseHeaderLine } from '../check/headers';
import { formatCheckJunit, formatCheckText, summaryObject, writeReports } from '../check/report';
import type { CheckConfig, ServiceSpec } from '../check/types';
import { SampleFlag } from '../heap/series/sampleRing';
import { UsageError, type CliIo } from './io';
import { parseCommandLine } from './commandLine';

export const CHECK_HELP = `Usage: leaklens check --start "CMD" --url URL [options]

Starts the service (CMD, run by the shell in a process group of its own), waits until URL answers, drives a
bounded HTTP load at it, samples the heap after forced GCs, and says whether it grows: MB per minute and
bytes retained per request. Then stops everything it started. Node services are sampled through an
inspector it opens on a free loopback port (NODE_OPTIONS=--inspect=127.0.0.1:0); Go services through their
net/http/pprof (--pprof). When the heap grows, two heap snapshots (Node) or profiles (Go) are taken around a
burst of the same load and compared: the growing variable and line are named, and the lint finding they
confirm.

Options:
  --start CMD            the command that starts the service (required)
  --url URL              a URL it answers, the target of the load (required; loopback unless --allow-remote)
  --pprof URL            a Go service's pprof, e.g. http://127.0.0.1:6060/debug/pprof/
  --rate N               requests per second (default 200, at most 5000)
  --duration S           seconds of load (default 30, at least 20, at most 3600)
  --header "K: V"        a request header (repeatable)
  --baseline-start CMD   a baseline version, run first under the same load …
  --baseline-url URL     … answering here (default: --url) …
  --baseline-pprof URL   … with its pprof here (Go; default: --pprof)
  --baseline FILE        or a baseline saved by an earlier run (its --format json output, or check.json)
  --min-difference B     with a baseline: a difference below B bytes/request never fails (default 64)
  --format F             text (default), json (a line per event, the summary object last) or junit
  --out DIR              evidence and reports (default .leaklens/check): summary.md, heap.svg, junit.xml,
                         check.sarif, check.json, and the snapshots or profiles of a failing run
  --startup-timeout S    how long the service gets to answer (default 60)
  --allow-remote         allow non-loopback URLs: the load and the heap endpoints would leave this machine
  -h, --help
Exit codes: 0 steady (with a baseline: no more retained per request than it, beyond the noise band),
1 growing, 2 usage error or a check that could not run (one message; nothing is left running).`;

type Format = 'text' | 'json' | 'junit';

function numberOption(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`${name} must be a number from ${min} to ${max}, got '${text}'`);
  return value;
}

function parseHeader(text: string): [string, string] {
  const header = parseHeaderLine(text);
  if (!header) throw new UsageError(`--header must look like "Name: value", got '${text}'`);
  return header;
}

export function parseCheckArgs(argv: string[], cwd: string): { config: CheckConfig; format: Format } | 'help' {
  const values = parseCommandLine('check', argv, {
    start: { type: 'string' },
    url: { type: 'string' },
    pprof: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    header: { type: 'string', multiple: true },
    'baseline-start': { type: 'string' },
    'baseline-url': { type: 'string' },
    'baseline-pprof': { type: 'string' },
    baseline: { type: 'string' },
    'min-difference': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'startup-timeout': { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (!values.start) throw new UsageError('--start is required: the command that starts the service, e.g. --start "node server.js"');
  if (!values.url) throw new UsageError('--url is required: a URL the service answers, e.g. --url http://127.0.0.1:3000/');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'junit')
    throw new UsageError(`--format must be text, json or junit, got '${format}'`);
  if (values.baseline !== undefined && values['baseline-start'] !== undefined)
    throw new UsageError('give either --baseline FILE or --baseline-start CMD, not both');
  if (values['baseline-start'] === undefined && (values['baseline-url'] !== undefined || values['baseline-pprof'] !== undefined)) {
    throw new UsageError('--baseline-url and --baseline-pprof need --baseline-start (the command that starts the baseline)');
  }
  const candidate: ServiceSpec = { start: values.start, url: values.url, ...(values.pprof !== undefined ? { pprof: values.pprof } : {}) };
  const baselinePprof = values['baseline-pprof'] ?? values.pprof;
  const baseline: ServiceSpec | undefined =
    values['baseline-start'] === undefined
      ? undefined
      : {
          start: values['baseline-start'],
          url: values['baseline-url'] ?? values.url,
          ...(baselinePprof !== undefined ? { pprof: baselinePprof } : {}),
        };
  let baselineResult;
  try {
    baselineResult = values.baseline === undefined ? undefined : readSavedRun(resolve(cwd, values.baseline));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config: CheckConfig = {
    candidate,
    ...(baseline ? { baseline } : {}),
    ...(baselineResult ? { baselineResult } : {}),
    cwd,
    rate: numberOption('--rate', values.rate, 1, LIMITS.maxRate, DEFAULTS.rate),
    durationMs: numberOption('--duration', values.duration, LIMITS.minDurationS, LIMITS.maxDurationS, DEFAULTS.durationS) * 1000,
    startupTimeoutMs: numberOption('--startup-timeout', values['startup-timeout'], 1, 3600, DEFAULTS.startupS) * 1000,
    headers: Object.fromEntries((values.header ?? []).map(parseHeader)),
    allowRemote: values['allow-remote'] ?? false,
    outDir: resolve(cwd, values.out ?? DEFAULTS.outDir),
    minBytesPerRequest: numberOption('--min-difference', values['min-difference'], 0, 1e9, DEFAULTS.minBytesPerRequest),
  };
  return { config, format };
}

export async function runCheckCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCheckArgs(argv, io.cwd);
  if (parsed === 'help') {
    io.out(CHECK_HELP);
    return 0;
  }
  const { config, format } = parsed;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const json = format === 'json';
  // Progress goes where it does not mix with a machine-read stdout.
  const progress = (line: string) =>
    format === 'text' ? io.out(line) : format === 'junit' ? io.err(line) : io.out(JSON.stringify({ type: 'progress', message: line }));
  try {
    const outcome = await runCheck(config, {
      signal: abort.signal,
      progress: (role, message) => progress(`${role}: ${message}`),
      ...(json
        ? {
            sample: (role, s, requests) =>
              io.out(JSON.stringify({ type: 'sample', role, t: s.t, used: s.used, gc: Boolean(s.flags & SampleFlag.Gc), requests })),
          }
        : {}),
    });
    const reports = writeReports(outcome, config.outDir, config.cwd);
    if (format === 'text') io.out(formatCheckText(outcome, Object.values<string>({ ...reports }), config.cwd));
    else if (format === 'junit') io.out(formatCheckJunit(outcome, config.cwd).trimEnd());
    else io.out(JSON.stringify(summaryObject(outcome, { ...reports })));
    return outcome.failed ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CheckError)) throw error;
    io.err(`leaklens check: ${error.message}`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
