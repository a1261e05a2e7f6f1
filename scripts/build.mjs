// Bundles every entry point with esbuild. The extension's bundles carry their dependencies (the .vsix ships no
// node_modules) and are minified; the npm package's bundles (CLI, library, ESLint plugin) leave dependencies to
// npm and stay readable, so a user's stack trace names real functions.
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
/**
 * TypeScript is most of the engine's weight (9 MB): the extension host and the scan worker load the one copy
 * in dist/typescript.js instead of each bundling its own.
 */
const sharedTypeScript = {
  name: 'shared-typescript',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

/** The extension's Node-side bundles (they ship in the .vsix). */
const extensionEntries = [
  ['src/extension/extension.ts', 'extension'],
  ['src/heap/snapshot/worker.ts', 'snapshot-worker'],
  ['src/analysis/scanWorker.ts', 'scan-worker'],
];
/** The npm package's bundles: dependencies stay `require`s resolved in the user's node_modules. */
const packageEntries = [
  ['src/cli/main.ts', 'cli'],
  ['src/index.ts', 'index'],
  ['src/eslint-plugin/index.ts', 'eslint-plugin'],
];
/** Browser entry points (webviews). */
const browserEntries = [
  ['webview/heap/main.ts', 'heap-view'],
  ['webview/snapshot/main.ts', 'snapshot-view'],
];

// dist/ is not emptied first (a .vsix or a test may be using it): both packages list their files one by one
// (package.json "files", scripts/package-vsix.mjs), so a stale file there is never packed.
mkdirSync('dist', { recursive: true });
/** The extension's first statement notes the time, so the e2e run can report activation from code loading on. */
const loadStart = 'var __leaklensLoadStart = performance.now();';
const builds = [
  ...extensionEntries.map(([entry, out]) => ({
    ...common,
    ...importMetaUrl,
    minify: true,
    entryPoints: [entry],
    outfile: `dist/${out}.js`,
    external: ['vscode'],
    plugins: [sharedTypeScript],
    ...(out === 'extension' ? { banner: { js: `${loadStart}\n${importMetaUrl.banner.js}` } } : {}),
  })),
  { ...common, minify: true, entryPoints: ['typescript'], outfile: 'dist/typescript.js' },
  ...packageEntries.map(([entry, out]) => ({
    ...common,
    entryPoints: [entry],
    outfile: `dist/${out}.js`,
    external: ['vscode', ...external],
  })),
  ...browserEntries.map(([entry, out]) => ({
    ...common,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: [entry],
    outfile: `dist/${out}.js`,
  })),
];
await Promise.all(builds.map((b) => build(b)));
// Webview styles are served from dist/ (the panels' only local resource root).
cpSync('media/heap.css', 'dist/heap.css');
// WASM grammars are loaded at run time from dist/ (see src/analysis/go/parser.ts).
for (const [mod, file] of [
  ['web-tree-sitter', 'tree-sitter.wasm'],
  ['tree-sitter-go', 'tree-sitter-go.wasm'],
]) {
  cpSync(require.resolve(`${mod}/${file}`), join('dist', file));
}
