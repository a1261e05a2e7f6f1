// `leaklens lint [paths…]`: discover files, lint each under the configuration that applies to it (one bad file
// never stops the run), report, exit code.
import { dirname, relative, sep } from 'node:path';
import { lintFile, prepareEngines } from '../analysis/lintFile';
import { lintProject } from '../analysis/project';
import type { FileResult } from '../findings/model';
import type { LintConfig } from '../analysis/lintConfig';
import { ConfigError, lintConfigOf, type FoundConfig } from '../config/configFile';
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
    cwd: io.cwd,
    ignore: options.ignore,
    gitignore: options.gitignore,
    ignoredByConfig: (path) => ignoredByConfig(configOf(path), path),
  });
  await prepareEngines(files);
  const name = (path: string) => relative(io.cwd, path).split(sep).join('/');
  const progress = progressLine(io, files.length, name);
  const byPath = new Map<string, FileResult>();
  let internalErrors = 0;
  // The files under one configuration are analysed together, so that growth in a helper of another module is
  // found from the handler that calls it.
  for (const { config, paths } of groupByConfig(files, configOf, options)) {
    try {
      for (const [path, result] of lintProject(io.cwd, paths, config, name, (path) => progress.file(path))) byPath.set(path, result);
      continue;
    } catch (error) {
      io.err(
        `leaklens lint: internal error in the cross-module analysis, linting file by file: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    for (const path of paths) {
      progress.file(path);
      try {
        byPath.set(path, lintFile(path, config, name(path)));
      } catch (error) {
        // The engines promise not to throw; if one does, say which file and keep going.
        internalErrors++;
        io.err(`leaklens lint: internal error in ${name(path)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  progress.done();
  const results = files.flatMap((path) => byPath.get(path) ?? []);
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

/** Files grouped by the configuration that applies to each (the nearest config file), in first-seen order. */
function groupByConfig(
  files: readonly string[],
  configOf: (path: string) => FoundConfig | undefined,
  options: LintOptions,
): Array<{ config: LintConfig; paths: string[] }> {
  const groups = new Map<string, { config: LintConfig; paths: string[] }>();
  for (const path of files) {
    const found = configOf(path);
    const key = found?.file ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { config: lintConfigOf(found?.config, options), paths: [] }));
    group.paths.push(path);
  }
  return [...groups.values()];
}

/** A transient "linting N of M" line on stderr (TTY only), shown only once a run has lasted a second. */
function progressLine(io: CliIo, total: number, name: (path: string) => string) {
  const started = Date.now();
  let drawn = 0;
  let count = 0;
  return {
    file(path: string): void {
      count++;
      const now = Date.now();
      if (!io.progress || now - started <= PROGRESS_AFTER_MS || now - drawn <= PROGRESS_EVERY_MS) return;
      io.progress(`leaklens: linting ${count} of ${total} files… ${name(path)}`);
      drawn = now;
    },
    done(): void {
      if (drawn > 0) io.progress?.('');
    },
  };
}

/** Absolute paths inside the working folder shown relative to it, as the rest of the output is. */
function relativeMessage(message: string, cwd: string): string {
  return message.split(cwd + sep).join('');
}
