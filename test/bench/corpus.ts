// The lint benchmark's corpus: a pinned set of popular packages installed into test/bench/corpus/
// (gitignored), read once into memory so that every contender is timed on the same texts without I/O.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HERE = __dirname;
const DIR = join(HERE, 'corpus');
const SOURCE = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

export const corpusModules = join(DIR, 'node_modules');

export interface CorpusFile {
  file: string;
  text: string;
}

export function ensureCorpus(): void {
  const wanted = readFileSync(join(HERE, 'corpus.package.json'), 'utf8');
  const manifest = join(DIR, 'package.json');
  if (existsSync(join(DIR, 'node_modules')) && existsSync(manifest) && readFileSync(manifest, 'utf8') === wanted) return;
  console.log('installing the benchmark corpus into test/bench/corpus (once)…');
  execFileSync('mkdir', ['-p', DIR]);
  writeFileSync(manifest, wanted);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: DIR, stdio: 'inherit' });
}

export function loadCorpus(maxBytes: number): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const entry of readdirSync(corpusModules, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !SOURCE.test(entry.name) || DECLARATION.test(entry.name)) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (statSync(file).size > maxBytes) continue;
    files.push({ file, text: readFileSync(file, 'utf8') });
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}
