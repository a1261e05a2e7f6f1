// Finds the configuration that applies to a file: from the file's folder upwards, the first folder with a
// `leaklens.config.json`, or a package.json with a `leaklens` key (the config file wins when a folder has both).
// The nearest configuration applies alone, as with ESLint's flat config and Prettier: nothing is inherited from
// folders above it. Each file is parsed once per change (cached by size and modification time), so long-lived
// hosts (the editor, ESLint's language server) see edits without a restart.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { ConfigError, parseConfig, type FoundConfig } from './configFile';

export const CONFIG_FILE = 'leaklens.config.json';
const PACKAGE_KEY = 'leaklens';

interface Parsed {
  stamp: string;
  found: FoundConfig | undefined;
}
const parsed = new Map<string, Parsed>();

function stampOf(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? `${stats.size}:${stats.mtimeMs}` : undefined;
  } catch {
    return undefined; // absent (or unreadable as a folder entry): this folder has no such file
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, undefined, `is not valid JSON: ${(error as Error).message}`);
  }
}

function load(file: string, stamp: string): FoundConfig | undefined {
  const cached = parsed.get(file);
  if (cached?.stamp === stamp) return cached.found;
  const json = readJson(file);
  let found: FoundConfig | undefined;
  if (file.endsWith(CONFIG_FILE)) {
    found = { file, dir: dirname(file), config: parseConfig(json, file) };
  } else if (typeof json === 'object' && json !== null && Object.hasOwn(json, PACKAGE_KEY)) {
    found = { file, dir: dirname(file), config: parseConfig((json as Record<string, unknown>)[PACKAGE_KEY], file, `${PACKAGE_KEY}.`) };
  }
  parsed.set(file, { stamp, found });
  return found;
}

/** The configuration for files in `dir`, or undefined when no folder from there up has one. Throws ConfigError. */
export function findConfig(dir: string): FoundConfig | undefined {
  for (let d = dir; ; d = dirname(d)) {
    for (const name of [CONFIG_FILE, 'package.json']) {
      const file = join(d, name);
      const stamp = stampOf(file);
      const found = stamp === undefined ? undefined : load(file, stamp);
      if (found) return found;
    }
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Whether the configuration's `ignores` cover `path` (absolute). A pattern matches the path relative to the
 * configuration's folder or any folder above the file, so `dist`, `dist/` and `dist/**` all skip a whole folder.
 */
export function ignoredByConfig(found: FoundConfig | undefined, path: string): boolean {
  if (!found || found.config.ignores.length === 0) return false;
  const rel = relative(found.dir, path).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  const candidates = rel.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  return found.config.ignores.some((glob) => {
    const pattern = glob.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    return candidates.some((c) => minimatch(c, pattern, { dot: true, matchBase: !pattern.includes('/') }));
  });
}
