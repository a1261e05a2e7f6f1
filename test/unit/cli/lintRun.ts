// `leaklens lint …` run in-process in a folder, its output and exit code captured.
import { runCli, type CliRun } from '../../support/cli';

export type LintRun = CliRun;

export function lintIn(cwd: string, ...argv: string[]): Promise<LintRun> {
  return runCli(['lint', ...argv], cwd);
}
