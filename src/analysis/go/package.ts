// A Go file is analysed with the other files of its package (its directory): a handler in routes.go
// may grow a map through a method in store.go. The siblings are read from disk and kept parsed while
// their directory is being linted (the CLI lints a directory's files one after the other; the editor
// re-lints one document), and the package's analysis is shared by its files while nothing changes.
// Packages of the same module the handlers call into (`limiter.Add(ip)` with `limiter *store.Limiter`)
// are read and parsed on demand, and kept apart from the directories being linted.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import type { Finding } from '../../findings/model';
import type { LintConfig } from '../lintConfig';
import { analyzeGoPackage, type GoUnit, type ImportedPackage, type PackageLoader } from './analyze';
import { type GoModule, importedDirectory, modulePath } from './imports';
import { HANDLER_HINT } from './handlers';
import { linkPackage } from './scope';
import { LineMap } from './syntax';
import { ignoredByGoTool, onlyForOldGo } from './buildConstraints';
import { isGoTestFile } from './testCode';

interface SourceFile {
  path: string;
  mtimeMs: number;
  size: number;
  text: string;
  /** The text mentions a handler type (HANDLER_HINT), tested once per read. */
  hint: boolean;
  tree?: Tree;
  unit?: GoUnit;
}

interface Directory {
  path: string;
  listedAt: number;
  /** The go.mod of the module holding the directory (the nearest one above it): its folder and text. */
  goMod?: { root: string; text: string };
  /** The folders of the modules around it: its own, and those a nested module (`_examples/go.mod`) sits in. */
  moduleRoots: string[];
  files: Map<string, SourceFile>;
  /**
   * The last analysis: the files (by identity) it was made of, those of the imported packages it read, and
   * the configuration (as JSON).
   */
  analysis?: { of: SourceFile[]; imported: SourceFile[]; checkedAt: number; config: string; findings: Map<GoUnit, Finding[]> };
  /** As an imported package: its files of one package clause, linked (absent: not analysable). */
  asImport?: { files: SourceFile[]; pkg: ImportedPackage | undefined };
}

/** Directories kept parsed at once (their trees live in WASM memory). */
const MAX_DIRECTORIES = 3;
/** Imported packages kept parsed at once (a server's handlers call into a few stores and helpers). */
const MAX_IMPORTED = 24;
/** A directory listing is trusted this long (a CLI run lints a directory's files within it). */
const LISTING_TTL_MS = 1000;
/** Packages bigger than this are analysed file by file (a generated SDK, not a server). */
const MAX_PACKAGE_BYTES = 12 * 1024 * 1024;

const directories = new Map<string, Directory>();
const importedDirectories = new Map<string, Directory>();

function release(dir: Directory): void {
  for (const f of dir.files.values()) f.tree?.delete();
}

function packageName(tree: Tree): string | undefined {
  return tree.rootNode.namedChildren.find((n) => n?.type === 'package_clause')?.namedChild(0)?.text;
}

/** The .go files of `dir` as on disk now (texts re-read only when their size or mtime changed). */
function list(dirPath: string, maxFileSize: number, cache = directories, max = MAX_DIRECTORIES): Directory {
  let dir = cache.get(dirPath);
  const now = Date.now();
  if (dir && now - dir.listedAt < LISTING_TTL_MS) return dir;
  const files = new Map<string, SourceFile>();
  let names: string[] = [];
  try {
    names = readdirSync(dirPath).filter((n) => n.endsWith('.go'));
  } catch {
    /* unreadable: a package of one file */
  }
  for (const name of names) {
    const path = join(dirPath, name);
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > maxFileSize) continue;
      const old = dir?.files.get(path);
      if (old && old.mtimeMs === st.mtimeMs && old.size === st.size) {
        files.set(path, old);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      if (!text.includes('\0')) files.set(path, { path, mtimeMs: st.mtimeMs, size: st.size, text, hint: HANDLER_HINT.test(text) });
    } catch {
      /* vanished or unreadable: left out */
    }
  }
  if (dir) for (const [path, f] of dir.files) if (files.get(path) !== f) f.tree?.delete();
  const same = !!dir && dir.files.size === files.size && [...files].every(([path, f]) => dir!.files.get(path) === f);
  dir = {
    path: dirPath,
    listedAt: now,
    files,
    analysis: dir?.analysis,
    goMod: nearestGoMod(dirPath),
    moduleRoots: moduleRoots(dirPath),
    asImport: same ? dir?.asImport : undefined,
  };
  cache.delete(dirPath);
  cache.set(dirPath, dir);
  trim(cache, max);
  return dir;
}

function trim(cache: Map<string, Directory>, max: number): void {
  while (cache.size > max) {
    const [oldest, d] = cache.entries().next().value!;
    release(d);
    cache.delete(oldest);
  }
}

/** How far up a go.mod is looked for (a module root is rarely deeper above its packages). */
const GO_MOD_LEVELS = 8;

function moduleRoots(dirPath: string): string[] {
  const out: string[] = [];
  for (let d = dirPath, i = 0; i < GO_MOD_LEVELS; i++) {
    if (existsSync(join(d, 'go.mod'))) out.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

function nearestGoMod(dirPath: string): Directory['goMod'] {
  for (let d = dirPath, i = 0; i < GO_MOD_LEVELS; i++) {
    try {
      return { root: d, text: readFileSync(join(d, 'go.mod'), 'utf8') };
    } catch {
      /* not here */
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return undefined;
}

function unitOf(f: SourceFile, parser: Parser, name: string): GoUnit | undefined {
  f.tree ??= parser.parse(f.text) ?? undefined;
  if (!f.tree) return undefined;
  f.unit ??= { file: name, text: f.text, root: f.tree.rootNode, lines: new LineMap(f.text), test: isGoTestFile(f.path) };
  return f.unit;
}

/**
 * Whether the file at `path` is in a folder `go build ./...` leaves out of its module (`_examples/`,
 * `.github/`, `vendor/`): no part of what the module builds, and not the project's own code.
 */
export function outsideModuleBuild(path: string, maxFileSize: number): boolean {
  const dir = list(dirname(path), maxFileSize);
  // `_examples/rest/go.mod`: a module of its own, yet left out of the module around it.
  return dir.moduleRoots.some((root) => ignoredByGoTool(relative(root, dir.path)));
}

/** The parsed file at `path` when `text` is what is on disk (the CLI's case): its tree is then shared, not parsed again. */
export function unitOnDisk(parser: Parser, path: string, text: string, maxFileSize: number): GoUnit | undefined {
  const f = list(dirname(path), maxFileSize).files.get(path);
  return f && f.text === text ? unitOf(f, parser, path) : undefined;
}

/**
 * Findings (before suppressions) for the file at `path` whose current text is `self.text`, analysed with
 * the other files of its package (same directory, same package clause).
 */
export function lintInPackage(parser: Parser, path: string, self: GoUnit, config: LintConfig, maxFileSize: number): Finding[] {
  const dir = list(dirname(path), maxFileSize);
  const includeTests = !!config.includeTests;
  const others = [...dir.files.values()].filter((f) => f.path !== path && (includeTests || !isGoTestFile(f.path)) && !onlyForOldGo(f.text));
  const bytes = others.reduce((n, f) => n + f.size, self.text.length);
  if (others.length === 0 || bytes > MAX_PACKAGE_BYTES || (!HANDLER_HINT.test(self.text) && !others.some((f) => f.hint))) {
    return lonely(self, config, dir.goMod?.text, HANDLER_HINT.test(self.text) ? importer(parser, dir, maxFileSize) : undefined);
  }
  const own = packageName(self.root.tree);
  const members = others.filter((f) => unitOf(f, parser, f.path) && packageName(f.tree!) === own);
  const mine = dir.files.get(path);
  const unchanged = mine?.unit === self;
  // The package as a set (sorted by path): every file of the directory asks for the same analysis.
  const files = [...(unchanged ? [mine] : []), ...members].sort((a, b) => (a.path < b.path ? -1 : 1));
  // The CLI lints every file of the directory: one analysis serves them all while nothing changes.
  const cached = dir.analysis;
  const configKey = JSON.stringify(config);
  if (
    unchanged &&
    cached &&
    cached.config === configKey &&
    cached.of.length === files.length &&
    cached.of.every((f, i) => f === files[i]) &&
    importedUnchanged(cached)
  ) {
    return cached.findings.get(self) ?? [];
  }
  const units = [self, ...members.map((f) => f.unit!)];
  linkPackage(
    units.map((u) => u.root.tree),
    dir.goMod?.text,
  );
  const load = importer(parser, dir, maxFileSize);
  const findings = analyzeGoPackage(units, config, load);
  trim(importedDirectories, MAX_IMPORTED);
  if (unchanged) dir.analysis = { of: files, imported: [...load.read], checkedAt: Date.now(), config: configKey, findings };
  return findings.get(self) ?? [];
}

/**
 * Whether the imported files an analysis read are as on disk (trusted for a listing's time, then checked by
 * size and mtime: a package of 600 files reads many, and re-listing their folders would evict each other).
 */
function importedUnchanged(analysis: NonNullable<Directory['analysis']>): boolean {
  const now = Date.now();
  if (now - analysis.checkedAt < LISTING_TTL_MS) return true;
  const same = analysis.imported.every((f) => {
    try {
      const st = statSync(f.path);
      return st.mtimeMs === f.mtimeMs && st.size === f.size;
    } catch {
      return false;
    }
  });
  if (same) analysis.checkedAt = now;
  return same;
}

/** A file analysed alone (no directory, or no sibling of its package). */
export function lonely(self: GoUnit, config: LintConfig, goMod?: string, load?: PackageLoader): Finding[] {
  linkPackage([self.root.tree], goMod);
  const findings = analyzeGoPackage([self], config, load).get(self) ?? [];
  trim(importedDirectories, MAX_IMPORTED);
  return findings;
}

/** `func Name(` or `func (r *T) Name(` somewhere in the text: worth parsing the package for. */
function declares(text: string, name: string): boolean {
  return new RegExp(`\\bfunc\\s*(\\([^)]*\\)\\s*)?${name}\\b`).test(text);
}

/**
 * Loads the packages of `dir`'s module that its code imports, parsed and linked, when one of their files
 * declares the function or method asked for. Remembers the files it read (the analysis depends on them).
 */
function importer(parser: Parser, dir: Directory, maxFileSize: number): PackageLoader & { read: Set<SourceFile> } {
  const name = dir.goMod && modulePath(dir.goMod.text);
  const module: GoModule | undefined = dir.goMod && name ? { root: dir.goMod.root, path: name } : undefined;
  const read = new Set<SourceFile>();
  // One answer per import and name for the analysis: a package calls `logger.LogIf` hundreds of times.
  const answers = new Map<string, ImportedPackage | undefined>();
  const load = (importPath: string, declared: string): ImportedPackage | undefined => {
    const key = `${importPath} ${declared}`;
    if (!answers.has(key)) answers.set(key, loadOnce(importPath, declared));
    return answers.get(key);
  };
  const loadOnce = (importPath: string, declared: string): ImportedPackage | undefined => {
    const path = importedDirectory(importPath, dir.path, module);
    if (!path || path === dir.path) return undefined;
    // Not trimmed while an analysis runs (its trees are in use): trimmed once it is done.
    const imported = list(path, maxFileSize, importedDirectories, Infinity);
    const files = [...imported.files.values()].filter((f) => !isGoTestFile(f.path) && !onlyForOldGo(f.text));
    for (const f of files) read.add(f);
    if (!files.some((f) => declares(f.text, declared))) return undefined;
    if (!imported.asImport) {
      const bytes = files.reduce((n, f) => n + f.size, 0);
      const parsed = bytes > MAX_PACKAGE_BYTES ? [] : files.filter((f) => unitOf(f, parser, f.path));
      // The package clause most of its files share (a stray `package main` tool is left out).
      const counts = new Map<string, number>();
      for (const f of parsed) counts.set(packageName(f.tree!) ?? '', (counts.get(packageName(f.tree!) ?? '') ?? 0) + 1);
      const own = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      const members = parsed.filter((f) => packageName(f.tree!) === own);
      const units = members.map((f) => f.unit!);
      imported.asImport = { files: members, pkg: units.length ? { key: path, name: own!, units } : undefined };
    }
    const pkg = imported.asImport.pkg;
    if (pkg)
      linkPackage(
        pkg.units.map((u) => u.root.tree),
        imported.goMod?.text,
      );
    return pkg;
  };
  return Object.assign(load, { read });
}
