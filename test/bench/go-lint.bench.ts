// `npm run bench:lint:go`: leaklens's Go engine over the Go sources Debian installs (the standard library
// and the packages under /usr/share/gocode), against tree-sitter's bare parse of the same files (the floor).
// Also timed with the text pre-filter off (every file walked for handlers) and on the files that hold a
// handler, where the analysis really runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Parser } from 'web-tree-sitter';
import { HANDLER_HINT } from '../../src/analysis/go/handlers';
// The bundle, as users run it (like the JS/TS bench).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lintGo, loadGoParser, DEFAULT_MAX_FILE_SIZE } = require('../../dist/index.js') as typeof import('../../src/index');

const ROOTS = ['/usr/share/gocode/src', ...readdirSync('/usr/lib').filter((d) => /^go-[\d.]+$/.test(d)).map((d) => join('/usr/lib', d, 'src'))];

interface GoFile { file: string; text: string }

function loadGoFiles(): GoFile[] {
  const files: GoFile[] = [];
  for (const root of ROOTS) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.go')) continue;
      const file = join(entry.parentPath ?? entry.path, entry.name);
      if (statSync(file).size > DEFAULT_MAX_FILE_SIZE) continue;
      files.push({ file, text: readFileSync(file, 'utf8') });
    }
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

function time(label: string, files: GoFile[], fn: (f: GoFile) => void): number {
  for (const f of files.slice(0, 50)) fn(f); // warm-up of the code paths
  const started = performance.now();
  for (const f of files) fn(f);
  const ms = performance.now() - started;
  console.log(`${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  return ms;
}

async function main(): Promise<void> {
  const parser: Parser = await loadGoParser();
  const files = loadGoFiles();
  if (files.length === 0) throw new Error(`no Go sources under ${ROOTS.join(', ')}: apt-get install -y golang-go golang-github-gin-gonic-gin-dev`);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(`corpus: ${files.length} Go files, ${(lines / 1e6).toFixed(2)} M lines, ${(bytes / 1e6).toFixed(1)} MB (${ROOTS.join(', ')})\n`);

  const parse = (f: GoFile) => parser.parse(f.text)!.delete();
  let findings = 0;
  let notices = 0;
  const floor = time('bare tree-sitter parse (floor)', files, parse);
  const lint = time('leaklens Go engine (parse + analysis)', files, (f) => {
    const r = lintGo(f.file, f.text, {});
    findings += r.findings.length;
    if (r.notice) notices++;
  });
  const unfiltered = time('same, text pre-filter off (every file walked)', files, (f) => { lintGo(f.file, f.text, { reportAllReturnedClosures: true }); });
  const withHandlers = files.filter((f) => HANDLER_HINT.test(f.text));
  console.log(`\nfiles that mention a handler type: ${withHandlers.length}`);
  const handlerFloor = time('  bare parse of those files', withHandlers, parse);
  const handlerLint = time('  leaklens Go engine on those files', withHandlers, (f) => { lintGo(f.file, f.text, {}); });

  console.log(`\nleaklens Go: ${(files.length / (lint / 1000)).toFixed(0)} files/s, ${(bytes / 1e6 / (lint / 1000)).toFixed(1)} MB/s; ${findings} findings, ${notices} files with a notice`);
  console.log(`whole analysis / bare parse            = ${(lint / floor).toFixed(2)}×   (target ≤ 2×)`);
  console.log(`pre-filter off / bare parse            = ${(unfiltered / floor).toFixed(2)}×`);
  console.log(`files with handler types / their parse = ${(handlerLint / handlerFloor).toFixed(2)}×`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
