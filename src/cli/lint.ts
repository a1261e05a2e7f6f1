// `leaklens lint [paths…]`: discover files, lint each (one bad file never stops the run), report, exit code.
import { relative, sep } from 'node:path';
import { lintFile, prepareEngines } from '../analysis/lintFile';
import { lintProject } from '../analysis/project';
import type { FileResult, LintConfig } from '../analysis/types';
import { discoverFiles } from './files';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import type { CliIo } from './io';
import { LINT_HELP, parseLintArgs } from './lintOptions';
import { countResults, lintExitCode } from './report';

export async function runLint(argv: string[], io: CliIo): Promise<number> {
  const options = parseLintArgs(argv);
  if (options.help) {
    io.out(LINT_HELP);
    return 0;
  }
  const files = discoverFiles(options.paths, { cwd: io.cwd, ignore: options.ignore, gitignore: options.gitignore });
  const config: LintConfig = { rules: options.rules, maxFileSize: options.maxFileSize };
  await prepareEngines(files);
  const results: FileResult[] = [];
  let internalErrors = 0;
  const name = (path: string) => relative(io.cwd, path).split(sep).join('/');
  try {
    // All files together, so that growth in a helper of another module is found from the handler that calls it.
    results.push(...lintProject(io.cwd, files, config, name).values());
  } catch (error) {
    io.err(`leaklens lint: internal error in the cross-module analysis, linting file by file: ${error instanceof Error ? error.message : String(error)}`);
    results.length = 0;
  }
  for (const path of results.length ? [] : files) {
    const file = relative(io.cwd, path).split(sep).join('/');
    try {
      results.push(lintFile(path, config, file));
    } catch (error) {
      // The engines promise not to throw; if one does, say which file and keep going.
      internalErrors++;
      io.err(`leaklens lint: internal error in ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const totals = countResults(results);
  const code = lintExitCode(totals, options.maxWarnings);
  if (options.format === 'json') io.out(formatJson(results, totals));
  else if (options.format === 'sarif') io.out(formatSarif(results, io.cwd));
  else io.out(formatText(results, totals, code !== 0));
  return internalErrors > 0 ? 2 : code;
}
