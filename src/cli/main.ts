// `leaklens <command> …`: dispatches to one module per command (Node and Go targets alike: lint reads JS/TS and Go
// sources, watch/snapshot/compare take a Node inspector or a Go pprof endpoint). Exit codes: 0 clean, 1 findings,
// 2 usage/configuration/internal error.
import { version } from '../../package.json';
import { useColor } from './color';
import { UsageError, type CliIo } from './io';
import { onGlibc, runTuned, tunedLaunch } from './tunedProcess';

type Command = (argv: string[], io: CliIo) => Promise<number>;

// Each command's module is loaded when that command runs: TypeScript alone costs ~85 MB of memory and ~0.4 s
// to load, which `--version`, `watch` and the snapshot workers of `compare` (it lints only after them) need not pay.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain `require`, which esbuild still bundles, loads a command's module when it runs. */
const commands: Record<string, { load: () => Command; summary: string }> = {
  lint: {
    load: () => (require('./lint') as typeof import('./lint')).runLint,
    summary: 'lint [paths…]  find closure-capture leaks in JS/TS and Go sources',
  },
  watch: {
    load: () => (require('./watch') as typeof import('./watch')).runWatch,
    summary: "watch --port N | --pprof URL  sample a Node inspector's or Go service's heap and say whether it keeps growing",
  },
  snapshot: {
    load: () => (require('./snapshot') as typeof import('./snapshot')).runSnapshot,
    summary: 'snapshot --port N | --pprof URL  save a Node heap snapshot or a Go heap profile',
  },
  check: {
    load: () => (require('./check') as typeof import('./check')).runCheckCommand,
    summary: 'check --start CMD --url URL  start a service, load it, and say whether its heap grows (CI)',
  },
  profile: {
    load: () => (require('./profile') as typeof import('./profile')).runProfile,
    summary: "profile --port N  sample a Node process's live heap (cheap, production-safe) into a pprof heap profile",
  },
  compare: {
    load: () => (require('./compare') as typeof import('./compare')).runCompare,
    summary: 'compare BEFORE AFTER  what grew between two heap snapshots, and which captured variable holds it',
  },
  fleet: {
    load: () => (require('./fleet') as typeof import('./fleet')).runFleet,
    summary: "fleet --prometheus URL  rank a fleet's instances by post-GC heap trend, from Prometheus",
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  return [
    'Usage: leaklens <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  ${c.summary}`),
    '',
    'Run `leaklens <command> --help` for its options; `leaklens --version` prints the version.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`leaklens: unknown command '${name}'.\n${usage()}`);
    return 2;
  }
  try {
    const run = command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`leaklens ${name}: ${error.message}`);
      return 2;
    }
    io.err(`leaklens ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/**
 * A reader that went away (`leaklens watch --format json | head -3`) is the end of the output, not an error:
 * stop quietly, as cat and grep do, instead of Node's unhandled EPIPE stack trace.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/** Process entry point, called by bin/leaklens.js: `compare` runs in a tuned child process (tunedProcess.ts). */
export function cli(): void {
  const tuned = tunedLaunch(process.argv.slice(2), process.env, onGlibc());
  if (tuned) runTuned(tuned, runCli);
  else runCli();
}

function runCli(): void {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const { stderr } = process;
  const io: CliIo = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => stderr.write(s + '\n'),
    cwd: process.cwd(),
    color: useColor(process.env, process.stdout.isTTY === true),
    ...(stderr.isTTY
      ? { progress: (line: string) => stderr.write(`\r\u001b[2K${line.slice(0, Math.max(0, (stderr.columns ?? 80) - 1))}`) }
      : {}),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`leaklens: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
