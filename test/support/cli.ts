// `leaklens …` run in-process, from the sources (tests run without a build): exit code and output captured.
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
