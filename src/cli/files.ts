// Which files `leaklens lint` looks at: named files, and lintable files below named folders, minus
// node_modules, .git, git-ignored paths (.gitignore files and .git/info/exclude), `--ignore` globs and the
// configuration's `ignores`. A path that leaves nothing to lint is a usage error (exit 2), as in ESLint: a
// mistyped path in CI must not pass green.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { isLintable, LINTABLE_EXTENSIONS } from '../analysis/lintFile';
import { UsageError } from './io';

export interface DiscoverOptions {
  /** Paths and globs are relative to this folder. */
  cwd: string;
  /** Globs (minimatch, relative to cwd); a matching folder is skipped whole. */
  ignore: string[];
  /** Honour .gitignore files and .git/info/exclude. */
  gitignore: boolean;
  /** Whether the configuration that applies to a file ignores it (checked for files only). */
  ignoredByConfig?: (path: string) => boolean;
}

/** Folders never entered (they can still be named explicitly). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** The .gitignore of one folder; its patterns are relative to that folder. */
interface GitignoreLevel {
  dir: string;
  rules: Ignore;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function readGitignore(dir: string, name = '.gitignore'): GitignoreLevel | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  try {
    return { dir, rules: ignore().add(readFileSync(path, 'utf8')) };
  } catch {
    return undefined; // an unreadable .gitignore ignores nothing, as in git
  }
}

/**
 * The repository's own excludes (.git/info/exclude): patterns relative to the work tree's root, below every
 * .gitignore in precedence. A `.git` file (a worktree or submodule) points elsewhere and is not followed.
 */
function readInfoExclude(root: string): GitignoreLevel | undefined {
  const level = readGitignore(join(root, '.git', 'info'), 'exclude');
  return level && { dir: root, rules: level.rules };
}

/**
 * The ignore files that apply to `dir` from above it: the enclosing repository's .git/info/exclude, then its
 * .gitignore files from the root down. `dir` itself being the root, only the exclude file (the walk reads
 * `dir`'s own .gitignore).
 */
function ancestorGitignores(dir: string): GitignoreLevel[] {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (d !== dir) chain.unshift(d);
    if (existsSync(join(d, '.git'))) {
      return [readInfoExclude(d), ...chain.map((c) => readGitignore(c))].filter((l): l is GitignoreLevel => l !== undefined);
    }
    if (dirname(d) === d) return []; // not inside a repository: nothing above `dir` is git's business
  }
}

/** Git's rule: the deepest .gitignore that has a say wins (so a nested `!pattern` can re-include). */
function gitIgnored(levels: GitignoreLevel[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { dir, rules } of levels) {
    const rel = toPosix(relative(dir, path)) + (isDir ? '/' : '');
    const verdict = rules.test(rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

export function discoverFiles(paths: string[], options: DiscoverOptions): string[] {
  // `./dist/**` means `dist/**`: paths are matched relative to cwd, without a leading `./`.
  const globs = options.ignore
    .map((glob) => glob.replace(/^(\.\/)+/, ''))
    .map((glob) => (path: string) => minimatch(path, glob, { dot: true, matchBase: true }));
  const ignoredByGlob = (path: string, isDir: boolean): boolean => {
    const rel = toPosix(relative(options.cwd, path));
    return globs.some((match) => match(rel) || (isDir && match(rel + '/')));
  };
  const found = new Set<string>();
  /** Lintable files the current path argument reached, and how many of them an ignore setting left out. */
  let reached = 0;
  let ignored = 0;
  const skip = (): void => {
    reached++;
    ignored++;
  };
  const add = (path: string): void => {
    if (options.ignoredByConfig?.(path)) skip();
    else {
      reached++;
      found.add(path);
    }
  };

  const walk = (dir: string, levels: GitignoreLevel[]): void => {
    const own = options.gitignore ? readGitignore(dir) : undefined;
    const here = own ? [...levels, own] : levels;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder holds nothing we can lint
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symbolic links to folders are not followed (they can loop); links to files are linted.
      const isDir = entry.isDirectory();
      const isFile = entry.isFile() || (entry.isSymbolicLink() && isRegularFile(path));
      if (isDir && SKIPPED_FOLDERS.has(entry.name)) continue;
      if (!isDir && !(isFile && isLintable(path))) continue;
      if (ignoredByGlob(path, isDir) || gitIgnored(here, path, isDir)) {
        if (!isDir) skip();
        continue;
      }
      if (isDir) walk(path, here);
      else add(path);
    }
  };

  const ignoredFiles: string[] = [];
  for (const arg of paths.length > 0 ? paths : ['.']) {
    const path = resolve(options.cwd, arg);
    [reached, ignored] = [0, 0];
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    if (stats.isDirectory()) {
      walk(path, options.gitignore ? ancestorGitignores(path) : []);
    } else if (!isLintable(path)) {
      throw new UsageError(`${arg} is not a kind of file leaklens lints (${LINTABLE_EXTENSIONS.join(' ')})`);
    } else if (ignoredByGlob(path, false)) {
      skip();
    } else {
      // A file named explicitly is linted even if git ignores it: the user asked for it.
      add(path);
    }
    // A named folder must hold something to lint; a named file that is ignored only matters if nothing is left.
    if (reached === ignored) {
      if (stats.isDirectory()) throw new UsageError(nothingToLint(arg, reached));
      ignoredFiles.push(arg);
    }
  }
  if (found.size === 0 && ignoredFiles.length > 0) throw new UsageError(nothingToLint(ignoredFiles.join(', '), ignoredFiles.length));
  return [...found].sort();
}

function nothingToLint(arg: string, ignored: number): string {
  return ignored === 0
    ? `nothing to lint in ${arg}: no ${LINTABLE_EXTENSIONS.join(' ')} files there (outside node_modules, .git and ignored folders)`
    : `nothing to lint in ${arg}: ${ignored === 1 ? 'its one lintable file is' : `all ${ignored} lintable files are`} ignored ` +
        '(by --ignore, .gitignore, .git/info/exclude or the configuration\'s "ignores")';
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
