// Bundles every entry point with esbuild. The extension bundle carries its dependencies (the .vsix ships
// no node_modules); the CLI and library bundles leave them to npm.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const external = Object.keys(pkg.dependencies ?? {});
const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20', platform: 'node', format: 'cjs' };
/**
 * esbuild bundles a package's ESM build (the `import` condition) even into CommonJS, where `import.meta` is
 * empty: web-tree-sitter then cannot find its .wasm. Give bundled code the URL of the file it runs from.
 */
const importMetaUrl = {
  define: { 'import.meta.url': '__leaklensImportMetaUrl' },
  banner: { js: 'const __leaklensImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/** Node-side entry points: [source, output name, bundles its dependencies?] */
const nodeEntries = [
  ['src/extension/extension.ts', 'extension', true],
  ['src/cli/main.ts', 'cli', false],
  ['src/index.ts', 'index', false],
  ['src/eslint-plugin/index.ts', 'eslint-plugin', false],
  ['src/heap/snapshot/worker.ts', 'snapshot-worker', true],
  ['src/analysis/scanWorker.ts', 'scan-worker', true],
];
/** Browser entry points (webviews). */
const browserEntries = [
  ['webview/heap/main.ts', 'heap-view'],
  ['webview/snapshot/main.ts', 'snapshot-view'],
];

mkdirSync('dist', { recursive: true });
const builds = [
  ...nodeEntries.map(([entry, out, self]) => ({
    ...common, entryPoints: [entry], outfile: `dist/${out}.js`,
    external: self ? ['vscode'] : ['vscode', ...external],
    ...(self ? importMetaUrl : {}),
  })),
  ...browserEntries.map(([entry, out]) => ({
    ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [entry], outfile: `dist/${out}.js`,
  })),
];
await Promise.all(builds.map((b) => build(b)));
// Webview styles are served from dist/ (the panels' only local resource root).
cpSync('media/heap.css', 'dist/heap.css');
// WASM grammars are loaded at run time from dist/ (see src/analysis/go/parser.ts).
for (const [mod, file] of [['web-tree-sitter', 'tree-sitter.wasm'], ['tree-sitter-go', 'tree-sitter-go.wasm']]) {
  cpSync(require.resolve(`${mod}/${file}`), join('dist', file));
}
