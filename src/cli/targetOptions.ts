// What `leaklens snapshot` and `leaklens profile` share on their command lines: a Node inspector by --port
// (and --host), or a Go service by --pprof URL, whose heap profile both commands save the same way.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type InspectorAddress, parseInspectorAddress } from '../heap/inspector';
import { UsageError, type CliIo } from './io';
import { runPprofSnapshot } from './snapshotPprof';

/** The options' values; a mistake in the command line is a UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface TargetValues {
  port?: string;
  host?: string;
  pprof?: string;
  out?: string;
  'allow-remote'?: boolean;
}

/**
 * With --pprof, the Go service's profile is saved (`goRun`: the exit code); otherwise the inspector address
 * of --port and --host.
 */
export function commandTarget(values: TargetValues, io: CliIo): { goRun: Promise<number> } | { address: InspectorAddress } {
  if (values.pprof !== undefined) {
    if (values.port !== undefined || values.host !== undefined) throw new UsageError('give either --pprof or --port/--host, not both.');
    return { goRun: runPprofSnapshot(values.pprof, values.out, values['allow-remote'] ?? false, io) };
  }
  const { port, host } = values;
  if (!port) throw new UsageError('--port is required (the inspector port of the target, e.g. --port 9229).');
  try {
    return { address: parseInspectorAddress(host ? `${host.includes(':') ? `[${host}]` : host}:${port}` : port) };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
