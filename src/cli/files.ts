// Which files `leaklens lint` looks at: named files, and lintable files below named folders, minus
// node_modules, .git, git-ignored paths and `--ignore` globs.
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
  /** Honour .gitignore files. */
  gitignore: boolean;
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

function readGitignore(dir: string): GitignoreLevel | undefined {
  const path = join(dir, '.gitignore');
  if (!existsSync(path)) return undefined;
  try {
    return { dir, rules: ignore().add(readFileSync(path, 'utf8')) };
  } catch {
    return undefined; // an unreadable .gitignore ignores nothing, as in git
  }
}

/** The .gitignore files that apply to `dir` from above it: those from the enclosing repository's root down. */
function ancestorGitignores(dir: string): GitignoreLevel[] {
  const chain: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (existsSync(join(d, '.git'))) break;
    if (dirname(d) === d) return []; // not inside a repository: nothing above `dir` is git's business
  }
  return chain.flatMap((d) => readGitignore(d) ?? []);
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
  const globs = options.ignore.map((glob) => glob.replace(/^(\.\/)+/, ''))
    .map((glob) => (path: string) => minimatch(path, glob, { dot: true, matchBase: true }));
  const ignoredByGlob = (path: string, isDir: boolean): boolean => {
    const rel = toPosix(relative(options.cwd, path));
    return globs.some((match) => match(rel) || (isDir && match(rel + '/')));
  };
  const found = new Set<string>();

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
      if (ignoredByGlob(path, isDir) || gitIgnored(here, path, isDir)) continue;
      if (isDir) walk(path, here);
      else found.add(path);
    }
  };

  for (const arg of paths.length > 0 ? paths : ['.']) {
    const path = resolve(options.cwd, arg);
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
    } else if (!ignoredByGlob(path, false)) {
      // A file named explicitly is linted even if git ignores it: the user asked for it.
      found.add(path);
    }
  }
  return [...found].sort();
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
