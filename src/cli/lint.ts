// `leaklens lint [paths…]`: discover files, lint each under the configuration that applies to it (one bad file
// never stops the run), report, exit code.
import { dirname, relative, sep } from 'node:path';
import { lintFile, prepareEngines } from '../analysis/lintFile';
import type { FileResult } from '../analysis/types';
import { ConfigError, lintConfigOf } from '../config/configFile';
import { findConfig, ignoredByConfig } from '../config/findConfig';
import { discoverFiles } from './files';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { UsageError, type CliIo } from './io';
import { LINT_HELP, parseLintArgs, type LintOptions } from './lintOptions';
import { countResults, lintExitCode, maxWarningsExceeded } from './report';

/** Progress shows only on runs that last: a quick run prints nothing transient. */
const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 100;

export async function runLint(argv: string[], io: CliIo): Promise<number> {
  const options = parseLintArgs(argv);
  if (options.help) {
    io.out(LINT_HELP);
    return 0;
  }
  try {
    return await lint(options, io);
  } catch (error) {
    // A bad configuration file stops the run before anything is reported, as a bad command line does.
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration: ${relativeMessage(error.message, io.cwd)}`);
    throw error;
  }
}

async function lint(options: LintOptions, io: CliIo): Promise<number> {
  const configOf = (path: string) => findConfig(dirname(path));
  const files = discoverFiles(options.paths, {
    cwd: io.cwd, ignore: options.ignore, gitignore: options.gitignore,
    ignoredByConfig: (path) => ignoredByConfig(configOf(path), path),
  });
  await prepareEngines(files);
  const results: FileResult[] = [];
  let internalErrors = 0;
  const started = Date.now();
  let drawn = 0;
  for (const [index, path] of files.entries()) {
    const file = relative(io.cwd, path).split(sep).join('/');
    const now = Date.now();
    if (io.progress && now - started > PROGRESS_AFTER_MS && now - drawn > PROGRESS_EVERY_MS) {
      io.progress(`leaklens: linting ${index + 1} of ${files.length} files… ${file}`);
      drawn = now;
    }
    const config = lintConfigOf(configOf(path)?.config, options);
    try {
      results.push(lintFile(path, config, file));
    } catch (error) {
      // The engines promise not to throw; if one does, say which file and keep going.
      internalErrors++;
      io.err(`leaklens lint: internal error in ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (drawn > 0) io.progress?.('');
  const totals = countResults(results);
  const code = lintExitCode(totals, options.maxWarnings);
  if (options.format === 'json') io.out(formatJson(results, totals));
  else if (options.format === 'sarif') io.out(formatSarif(results, io.cwd));
  else io.out(formatText(results, totals, code !== 0, io.color));
  // Said on stderr in every format, so a failed CI step says why even when stdout is a SARIF file.
  const exceeded = maxWarningsExceeded(totals, options.maxWarnings);
  if (exceeded) io.err(`leaklens lint: failed: ${exceeded}`);
  return internalErrors > 0 ? 2 : code;
}

/** Absolute paths inside the working folder shown relative to it, as the rest of the output is. */
function relativeMessage(message: string, cwd: string): string {
  return message.split(cwd + sep).join('');
}
