// Where an import of the same Go module is on disk: go.mod's `module` path plus the rest of the import path
// is a folder under the module's root (`github.com/acme/api/store` → <root>/store). Code older than modules
// sits in a GOPATH (`…/src/github.com/acme/api`), where the import path is a folder under that `src`.
// Third-party imports (another module, the standard library, a vendor folder) are never followed.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';

/** The module a directory belongs to: the folder of its go.mod and the module path it declares. */
export interface GoModule {
  root: string;
  path: string;
}

/** The `module` path a go.mod declares. */
export function modulePath(goMod: string): string | undefined {
  return /^\s*module\s+"?([^\s"]+)"?/m.exec(goMod)?.[1];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** How far up a GOPATH's `src` is looked for (an import path rarely has more segments). */
const GOPATH_LEVELS = 8;

/** The folder of `importPath` when it belongs to the module of `fromDir` (or to the GOPATH `fromDir` sits in). */
export function importedDirectory(importPath: string, fromDir: string, module: GoModule | undefined): string | undefined {
  if (module) {
    if (!importPath.startsWith(`${module.path}/`)) return undefined;
    const dir = join(module.root, ...importPath.slice(module.path.length + 1).split('/'));
    return dir.split(sep).includes('vendor') || !isDirectory(dir) ? undefined : dir;
  }
  // No go.mod: GOPATH layout, `<gopath>/src/<import path>`.
  for (let d = fromDir, i = 0; i < GOPATH_LEVELS; i++) {
    const up = dirname(d);
    if (up === d) break;
    d = up;
    if (d.endsWith(`${sep}src`) && existsSync(join(d, ...importPath.split('/'))) && isDirectory(join(d, ...importPath.split('/'))))
      return join(d, ...importPath.split('/'));
  }
  return undefined;
}

/** The import specs of a file (they sit in its top-level import declarations). */
function importSpecs(root: Node): Node[] {
  return root.namedChildren
    .filter((d): d is Node => d?.type === 'import_declaration')
    .flatMap((d) => d.descendantsOfType('import_spec').filter((s): s is Node => !!s));
}

const byTree = new WeakMap<Tree, { names: Map<string, string>; paths: Set<string> }>();

function importsOfTree(root: Node): { names: Map<string, string>; paths: Set<string> } {
  let found = byTree.get(root.tree);
  if (found) return found;
  found = { names: new Map(), paths: new Set() };
  for (const spec of importSpecs(root)) {
    const path = spec.childForFieldName('path')?.text.slice(1, -1);
    if (!path) continue;
    found.paths.add(path);
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') continue;
    // `…/api/v2` is package api; `go-redis`, `yaml.v3` drop their decorations.
    const segments = path.split('/');
    const last = /^v\d+$/.test(segments.at(-1)!) && segments.length > 1 ? segments.at(-2)! : segments.at(-1)!;
    found.names.set(alias ?? last.replace(/^go-|[.-]go$|\.v\d+$/g, ''), path);
  }
  byTree.set(root.tree, found);
  return found;
}

/** The file's imports by the name its code uses (the alias, else the last segment of the path). */
export function importsOf(root: Node): ReadonlyMap<string, string> {
  return importsOfTree(root).names;
}

/** Whether the file holding `node` imports `path`. */
export function importsPath(node: Node, path: string): boolean {
  return importsOfTree(node.tree.rootNode).paths.has(path);
}
