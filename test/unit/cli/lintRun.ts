// `leaklens lint …` run in-process in a folder, its output and exit code captured.
import { main } from '../../../src/cli/main';

export interface LintRun {
  code: number;
  out: string;
  err: string;
}

export async function lintIn(cwd: string, ...argv: string[]): Promise<LintRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['lint', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
