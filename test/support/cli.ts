// `leaklens …` run in-process, from the sources (tests run without a build): exit code and output captured.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { main } from '../../src/cli/main';

/** stdout and stderr as the CLI wrote them, one entry per write (a line). */
export interface CliLines {
  code: number;
  out: string[];
  err: string[];
}

/** stdout and stderr, each as one string (the lines joined with '\n'). */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `leaklens <argv>` with `cwd` as its working folder (default: this process's), keeping the lines apart. */
export async function runCliLines(argv: readonly string[], cwd: string = process.cwd()): Promise<CliLines> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out, err };
}

/** Runs `leaklens <argv>` with `cwd` as its working folder (default: this process's). */
export async function runCli(argv: readonly string[], cwd: string = process.cwd()): Promise<CliRun> {
  const { code, out, err } = await runCliLines(argv, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A `leaklens` process started from the sources, for commands that run until Ctrl+C (e.g. `watch`). */
export interface CliProcess {
  /** stdout lines so far (the array grows as the process writes). */
  readonly outLines: readonly string[];
  /** Sends SIGINT (Ctrl+C) and resolves with the exit code and every line written. */
  interrupt(): Promise<CliLines>;
  /** SIGKILL, for clean-up after a failed test; a no-op once the process has exited. */
  kill(): void;
}

const repoRoot = join(__dirname, '..', '..');

export function spawnCli(argv: readonly string[]): CliProcess {
  // `-e` gives no script path in argv: one is put in for the CLI's argv.slice(2).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', "process.argv.splice(1, 0, 'leaklens'); require('./src/cli/main').cli()", ...argv],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const outLines: string[] = [];
  const errLines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => outLines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => errLines.push(line));
  const exited = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  return {
    outLines,
    async interrupt() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const code = await exited;
      return { code, out: outLines, err: errLines };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
