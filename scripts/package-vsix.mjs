// Packs dist/leaklens.vsix with only what the extension runs. The npm package and the .vsix ship different
// files, but vsce reads package.json's "files" (the npm list) and refuses a .vscodeignore next to it; so the
// .vsix is packed from a staging folder whose package.json lists the extension's files instead.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What the extension runs: its minified bundles (not the npm package's cli/index/eslint-plugin), webviews, grammars, icons. */
const VSIX_FILES = [
  'dist/extension.js',
  'dist/scan-worker.js',
  'dist/snapshot-worker.js',
  'dist/typescript.js',
  'dist/heap-view.js',
  'dist/snapshot-view.js',
  'dist/heap.css',
  'dist/snapshot-view.css',
  'dist/tree-sitter.wasm',
  'dist/tree-sitter-go.wasm',
  'media/leaklens.svg',
  'media/icon.png',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
];

const root = resolve(import.meta.dirname, '..');
const stage = join(root, 'dist', '.vsix-stage');
const out = join(root, 'dist', 'leaklens.vsix');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const file of VSIX_FILES) cpSync(join(root, file), join(stage, file));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
manifest.files = VSIX_FILES;
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
rmSync(stage, { recursive: true, force: true });
console.log(`dist/leaklens.vsix: ${statSync(out).size} bytes`);
