// Paths where the service ran → paths in the workspace. A service in a container runs /app/dist/server.js;
// a Go binary built elsewhere names /home/ci/src/svc/main.go, or `example.com/svc/main.go` with -trimpath.
// Mappings come from the user (`--path-map /app=.`, the `leaklens.pathMap` setting) or are guessed: the Go
// module whose path prefixes the file, else the workspace file with the longest common path suffix. Every
// mapping used is reported, so a wrong guess is visible.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { walkFiles } from '../common/walkFiles';

export interface PathMapping {
  /** A path prefix as the service saw it, without a trailing slash. */
  from: string;
  /** The local folder it corresponds to. */
  to: string;
  origin: 'option' | 'setting' | 'go-module' | 'suffix';
}

const ORIGIN: Record<PathMapping['origin'], string> = {
  option: '--path-map',
  setting: 'leaklens.pathMap setting',
  'go-module': 'guessed: Go module path of the workspace',
  suffix: 'guessed: common path suffix with a workspace file',
};

/** `/app=.` (or `/app=/abs`) → a mapping; `to` is resolved against `cwd`. Throws a sentence on bad input. */
export function parsePathMap(spec: string, cwd: string, origin: 'option' | 'setting' = 'option'): PathMapping {
  const eq = spec.lastIndexOf('=');
  const from = eq > 0 ? spec.slice(0, eq).replace(/\/+$/, '') : '';
  const to = eq > 0 ? spec.slice(eq + 1) : '';
  if (!from || !to) throw new Error(`a path mapping is REMOTE=LOCAL, e.g. /app=. (got '${spec}')`);
  return { from, to: resolve(cwd, to), origin };
}

export function describeMapping(m: PathMapping): string {
  return `${m.from} → ${m.to} (${ORIGIN[m.origin]})`;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.leaklens', '.hg', '.svn']);
const MAX_INDEXED_FILES = 50_000;
const MAX_DEPTH = 16;

interface WorkspaceIndex {
  byName: Map<string, string[]>;
  goModules: { module: string; dir: string }[];
}

function indexWorkspace(roots: readonly string[]): WorkspaceIndex {
  const byName = new Map<string, string[]>();
  const goModules: WorkspaceIndex['goModules'] = [];
  const skipFolder = (name: string) => SKIPPED_DIRS.has(name);
  for (const root of roots) {
    walkFiles(root, { skipFolder, maxDepth: MAX_DEPTH, maxFiles: MAX_INDEXED_FILES }, (path, dir, name) => {
      byName.set(name, [...(byName.get(name) ?? []), path]);
      if (name === 'go.mod') {
        const module = /^module\s+("?)([^\s"]+)\1/m.exec(safeRead(path))?.[2];
        if (module) goModules.push({ module, dir });
      }
    });
  }
  return { byName, goModules };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const segments = (p: string): string[] => p.split(/[\\/]+/).filter(Boolean);

export class PathMapper {
  private readonly mappings: PathMapping[];
  private readonly used = new Set<PathMapping>();
  private index: WorkspaceIndex | undefined;

  /** `roots`: the workspace folders guesses are made in (none: no guessing). */
  constructor(
    mappings: readonly PathMapping[],
    private readonly roots: readonly string[],
  ) {
    this.mappings = [...mappings];
  }

  /** The mappings that mapped at least one path, in the order first used. */
  get applied(): PathMapping[] {
    return [...this.used];
  }

  /** A file inside one of the workspace folders. */
  isInWorkspace(file: string): boolean {
    return this.roots.some((root) => file.startsWith(root.endsWith('/') ? root : `${root}/`));
  }

  /** The local path of `path`: mapped by the first matching mapping (longest prefix), guessed, or itself. */
  toLocal = (path: string): string => {
    const explicit = this.match(path, (m) => m.origin === 'option' || m.origin === 'setting');
    if (explicit) return explicit;
    if (path.startsWith('/') && existsSync(path)) return path;
    return this.match(path, () => true) ?? this.guess(path) ?? path;
  };

  private match(path: string, which: (m: PathMapping) => boolean): string | undefined {
    let best: PathMapping | undefined;
    for (const m of this.mappings) {
      if (!which(m) || !(path === m.from || path.startsWith(`${m.from}/`))) continue;
      if (!best || m.from.length > best.from.length) best = m;
    }
    if (!best) return undefined;
    this.used.add(best);
    return best.to + path.slice(best.from.length);
  }

  private guess(path: string): string | undefined {
    if (this.roots.length === 0) return undefined;
    this.index ??= indexWorkspace(this.roots);
    const mapping = this.goModuleMapping(path) ?? this.suffixMapping(path);
    if (!mapping) return undefined;
    this.mappings.push(mapping);
    return this.match(path, (m) => m === mapping);
  }

  /** `example.com/svc/handlers/log.go` (a -trimpath build) → the folder of the go.mod declaring `example.com/svc`. */
  private goModuleMapping(path: string): PathMapping | undefined {
    if (!path.endsWith('.go')) return undefined;
    const found = this.index!.goModules.filter((g) => path.startsWith(`${g.module}/`)).sort((a, b) => b.module.length - a.module.length)[0];
    return found && existsSync(join(found.dir, path.slice(found.module.length + 1)))
      ? { from: found.module, to: found.dir, origin: 'go-module' }
      : undefined;
  }

  /**
   * The workspace file sharing the most trailing path segments with `path`; a file found by its name alone
   * must be the only one of that name.
   */
  private suffixMapping(path: string): PathMapping | undefined {
    const parts = segments(path);
    const candidates = this.index!.byName.get(basename(path)) ?? [];
    let best: { file: string; shared: number } | undefined;
    let tie = false;
    for (const file of candidates) {
      const local = segments(file);
      let shared = 0;
      while (shared < parts.length && shared < local.length && parts[parts.length - 1 - shared] === local[local.length - 1 - shared])
        shared++;
      if (!best || shared > best.shared) {
        best = { file, shared };
        tie = false;
      } else if (shared === best.shared) tie = true;
    }
    if (!best || tie || best.shared === 0 || best.shared >= parts.length) return undefined;
    const suffix = parts.slice(-best.shared).join('/');
    const from = path.slice(0, path.length - suffix.length).replace(/[\\/]+$/, '');
    const to = best.file.slice(0, best.file.length - suffix.length).replace(/[\\/]+$/, '');
    return from && to ? { from, to, origin: 'suffix' } : undefined;
  }
}
