// `npm run bench:lint:go`: leaklens's Go engine over the Go sources Debian installs (the standard library
// and the packages under /usr/share/gocode), against tree-sitter's bare parse of the same files (the floor).
// Also timed with the text pre-filter off (every file walked for handlers) and on the files that hold a
// handler, where the analysis really runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { HANDLER_HINT } from '../../src/analysis/go/handlers';
// The bundle, as users run it (like the JS/TS bench).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lintGo, loadGoParser, DEFAULT_MAX_FILE_SIZE } = require('../../dist/index.js') as typeof import('../../src/index');

const ROOTS = [
  '/usr/share/gocode/src',
  ...readdirSync('/usr/lib')
    .filter((d) => /^go-[\d.]+$/.test(d))
    .map((d) => join('/usr/lib', d, 'src')),
];

interface GoFile {
  file: string;
  text: string;
}

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

type Contender = (f: GoFile) => void;

/**
 * CPU time (user + system, ms) of each contender over all files. The machine is shared, so the contenders
 * take turns chunk by chunk: load from other processes then weighs on all of them alike.
 */
function race(files: GoFile[], contenders: Contender[], chunk = 200): number[] {
  for (const run of contenders) for (const f of files.slice(0, 50)) run(f); // warm-up of the code paths
  const totals = contenders.map(() => 0);
  for (let at = 0; at < files.length; at += chunk) {
    const part = files.slice(at, at + chunk);
    contenders.forEach((run, i) => {
      const before = process.cpuUsage();
      for (const f of part) run(f);
      const used = process.cpuUsage(before);
      totals[i]! += (used.user + used.system) / 1000;
    });
  }
  return totals;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;

async function main(): Promise<void> {
  const parser: Parser = await loadGoParser();
  const files = loadGoFiles();
  if (files.length === 0)
    throw new Error(`no Go sources under ${ROOTS.join(', ')}: apt-get install -y golang-go golang-github-gin-gonic-gin-dev`);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(
    `corpus: ${files.length} Go files, ${(lines / 1e6).toFixed(2)} M lines, ${(bytes / 1e6).toFixed(1)} MB (${ROOTS.join(', ')})`,
  );
  console.log('CPU time of this process (the contenders take turns, 200 files at a time):\n');

  const parse: Contender = (f) => parser.parse(f.text)!.delete();
  const lint: Contender = (f) => {
    lintGo(f.file, f.text, {});
  };
  const unfiltered: Contender = (f) => {
    lintGo(f.file, f.text, { reportAllReturnedClosures: true });
  };
  const [floor, whole, walked] = race(files, [parse, lint, unfiltered]);
  const counted = files.map((f) => lintGo(f.file, f.text, {}));
  const findings = counted.reduce((n, r) => n + r.findings.length, 0);
  const notices = counted.filter((r) => r.notice).length;
  console.log(`${'bare tree-sitter parse (floor)'.padEnd(52)} ${seconds(floor!)}`);
  console.log(`${'leaklens Go engine (parse + analysis)'.padEnd(52)} ${seconds(whole!)}`);
  console.log(`${'same, text pre-filter off (every file walked)'.padEnd(52)} ${seconds(walked!)}`);
  const withHandlers = files.filter((f) => HANDLER_HINT.test(f.text));
  const [handlerFloor, handlerLint] = race(withHandlers, [parse, lint], 20);
  console.log(`\n${withHandlers.length} files mention a handler type (the pre-filter lets them through):`);
  console.log(`${'  bare parse of those files'.padEnd(52)} ${seconds(handlerFloor!)}`);
  console.log(`${'  leaklens Go engine on those files'.padEnd(52)} ${seconds(handlerLint!)}`);

  console.log(
    `\nleaklens Go: ${(files.length / (whole! / 1000)).toFixed(0)} files/s, ${(bytes / 1e6 / (whole! / 1000)).toFixed(1)} MB/s of CPU; ${findings} findings, ${notices} files with a notice`,
  );
  console.log(`whole analysis / bare parse            = ${(whole! / floor!).toFixed(2)}×   (target ≤ 2×)`);
  console.log(`pre-filter off / bare parse            = ${(walked! / floor!).toFixed(2)}×`);
  console.log(`files with handler types / their parse = ${(handlerLint! / handlerFloor!).toFixed(2)}×`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
