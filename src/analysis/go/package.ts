// A Go file is analysed with the other files of its package (its directory): a handler in routes.go
// may grow a map through a method in store.go. The siblings are read from disk and kept parsed while
// their directory is being linted (the CLI lints a directory's files one after the other; the editor
// re-lints one document), and the package's analysis is shared by its files while nothing changes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import type { Finding } from '../../findings/model';
import type { LintConfig } from '../lintConfig';
import { analyzeGoPackage, type GoUnit } from './analyze';
import { HANDLER_HINT } from './handlers';
import { linkPackage } from './scope';
import { LineMap } from './syntax';
import { onlyForOldGo } from './buildConstraints';
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
  listedAt: number;
  /** The text of the go.mod of the module holding the directory (the nearest one above it), if any. */
  goMod?: string;
  files: Map<string, SourceFile>;
  /** The last analysis, the files (by identity) it was made of and the configuration (as JSON). */
  analysis?: { of: SourceFile[]; config: string; findings: Map<GoUnit, Finding[]> };
}

/** Directories kept parsed at once (their trees live in WASM memory). */
const MAX_DIRECTORIES = 3;
/** A directory listing is trusted this long (a CLI run lints a directory's files within it). */
const LISTING_TTL_MS = 1000;
/** Packages bigger than this are analysed file by file (a generated SDK, not a server). */
const MAX_PACKAGE_BYTES = 12 * 1024 * 1024;

const directories = new Map<string, Directory>();

function release(dir: Directory): void {
  for (const f of dir.files.values()) f.tree?.delete();
}

function packageName(tree: Tree): string | undefined {
  return tree.rootNode.namedChildren.find((n) => n?.type === 'package_clause')?.namedChild(0)?.text;
}

/** The .go files of `dir` as on disk now (texts re-read only when their size or mtime changed). */
function list(dirPath: string, maxFileSize: number): Directory {
  let dir = directories.get(dirPath);
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
  dir = { listedAt: now, files, analysis: dir?.analysis, goMod: nearestGoMod(dirPath) };
  directories.delete(dirPath);
  directories.set(dirPath, dir);
  while (directories.size > MAX_DIRECTORIES) {
    const [oldest, d] = directories.entries().next().value!;
    release(d);
    directories.delete(oldest);
  }
  return dir;
}

/** How far up a go.mod is looked for (a module root is rarely deeper above its packages). */
const GO_MOD_LEVELS = 8;

function nearestGoMod(dirPath: string): string | undefined {
  for (let d = dirPath, i = 0; i < GO_MOD_LEVELS; i++) {
    try {
      return readFileSync(join(d, 'go.mod'), 'utf8');
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
    return lonely(self, config, dir.goMod);
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
    cached.of.every((f, i) => f === files[i])
  ) {
    return cached.findings.get(self) ?? [];
  }
  const units = [self, ...members.map((f) => f.unit!)];
  linkPackage(
    units.map((u) => u.root.tree),
    dir.goMod,
  );
  const findings = analyzeGoPackage(units, config);
  if (unchanged) dir.analysis = { of: files, config: configKey, findings };
  return findings.get(self) ?? [];
}

/** A file analysed alone (no directory, or no sibling of its package). */
export function lonely(self: GoUnit, config: LintConfig, goMod?: string): Finding[] {
  linkPackage([self.root.tree], goMod);
  return analyzeGoPackage([self], config).get(self) ?? [];
}
