// `leaklens compare` of a small pair runs in a child Node process started with what only a process's start
// can set, because its peak memory is mostly not the snapshots' data but how Node and malloc hold it
// (measured on the 60 MB bench pair, docs/architecture.md "Comparison schedules"):
// - `--expose-gc`: the comparison of small files runs on the CLI's own thread (heap/snapshot/compareInThread.ts)
//   and frees the first graph before reading the second; no worker isolate.
// - `--max-semi-space-size=1`: a 1 MB young generation; the analysis makes few short-lived objects.
// - glibc's malloc, by default, raises its mmap and trim thresholds (to 32 and 64 MB) once large blocks are
//   freed, after which freed typed arrays stay in the process: the linter, loaded after the analysis, then
//   stacks on them. Setting one threshold explicitly turns that adjustment off.
// The parent only waits: its own memory is Node's floor, most of it the binary's pages, shared with the child.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileSize } from '../heap/snapshot/fileSize';
import { parseCompareArgs } from './compareArgs';

export const TUNED_NODE_FLAGS = ['--max-semi-space-size=1', '--expose-gc'];
export const MALLOC_TUNABLES = 'glibc.malloc.trim_threshold=131072';
/** Set in the child's environment: it runs the command itself. */
export const TUNED_MARK = 'LEAKLENS_TUNED_PROCESS';

export interface TunedLaunch {
  flags: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * Pairs below this size are compared on the tuned process's own thread (compare.ts). Bigger ones keep the
 * worker schedules (runWorker.ts), which can overlap the two files on two cores; for them the tuning saves
 * nothing (1.1/1.2 GB pair: 1.09 GB peak either way) and malloc's trimming costs CPU, so they are not re-run.
 */
export const IN_THREAD_MAX_BYTES = 256 * 1024 * 1024;

/**
 * How to start the tuned process for this command line, or undefined to run it here: only a `compare` of a
 * small pair, never twice, and the user's own malloc settings (GLIBC_TUNABLES, MALLOC_*) kept as they are.
 */
export function tunedLaunch(
  argv: string[],
  env: NodeJS.ProcessEnv,
  glibc: boolean,
  sizeOf: (file: string) => number = fileSize,
): TunedLaunch | undefined {
  if (argv[0] !== 'compare' || env[TUNED_MARK]) return undefined;
  let files: string[];
  try {
    files = parseCompareArgs(argv.slice(1)).positionals;
  } catch {
    return undefined; // the command reports the usage error itself
  }
  if (files.length !== 2 || !files.every((file) => sizeOf(file) < IN_THREAD_MAX_BYTES)) return undefined;
  const userMalloc = /glibc\.malloc\./.test(env.GLIBC_TUNABLES ?? '') || Object.keys(env).some((k) => k.startsWith('MALLOC_'));
  const tunables = glibc && !userMalloc ? [env.GLIBC_TUNABLES, MALLOC_TUNABLES].filter(Boolean).join(':') : env.GLIBC_TUNABLES;
  return { flags: TUNED_NODE_FLAGS, env: { ...env, [TUNED_MARK]: '1', ...(tunables ? { GLIBC_TUNABLES: tunables } : {}) } };
}

/** Whether this Node runs on glibc (whose malloc the tunables address), from the libraries it mapped. */
export function onGlibc(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return /\/libc\.so\.6$/m.test(readFileSync('/proc/self/maps', 'utf8'));
  } catch {
    return false;
  }
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs this command line again in the tuned process, with the same stdio, and ends as it ends: its exit code,
 * or the signal that ended it. Signals sent to this process are passed on. `runHere` runs the command in this
 * process instead if the child cannot be started.
 */
export function runTuned(launch: TunedLaunch, runHere: () => void): void {
  // Required here: child_process costs every other command ~2 MB to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, ...launch.flags, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: launch.env,
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const detach = () => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
  };
  child.once('error', () => {
    detach();
    runHere();
  });
  child.once('exit', (code, signal) => {
    detach();
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
}
