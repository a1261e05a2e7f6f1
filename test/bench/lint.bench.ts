// `npm run bench:lint`: leaklens's JS/TS engine over ~1.5 M lines of real code, against the bare TypeScript
// parse of the same files (the floor) and ESLint 9 + @typescript-eslint/parser running only no-unused-vars
// (the peer), all measured in this one run; then re-analysis latency of a 5,000-line document.
import { performance } from 'node:perf_hooks';
import * as ts from 'typescript';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { relative } from 'node:path';
import { corpusModules, ensureCorpus, loadCorpus, type CorpusFile } from './corpus';
// The bundle, as users run it (tsx's module wrappers would slow the engine down and skew the ratios).
const { lintText, scriptKindOf, DEFAULT_MAX_FILE_SIZE, IncrementalLinter, ProjectAnalysis } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../dist/index.js') as typeof import('../../src/index');

/** CPU time (user + system) of this process: steadier than wall time on a shared 2-core machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function time(label: string, files: CorpusFile[], fn: (f: CorpusFile) => void): number {
  fn(files[0]!); // warm-up of the code paths
  const wall = performance.now();
  const cpu = cpuMs();
  for (const f of files) fn(f);
  const ms = cpuMs() - cpu;
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s CPU  (${((performance.now() - wall) / 1000).toFixed(2)} s wall)`,
  );
  return ms;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

ensureCorpus();
const files = loadCorpus(DEFAULT_MAX_FILE_SIZE);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
console.log(`corpus: ${files.length} files, ${(lines / 1e6).toFixed(2)} M lines, ${(bytes / 1e6).toFixed(1)} MB (no .d.ts, ≤ 2 MB each)\n`);

let findings = 0;
let notices = 0;
const floor = time('bare ts.createSourceFile (floor)', files, (f) => {
  ts.createSourceFile(f.file, f.text, ts.ScriptTarget.Latest, false, scriptKindOf(f.file));
});
const lint = time('leaklens engine (parse + analysis)', files, (f) => {
  const r = lintText(f.file, f.text);
  findings += r.findings.length;
  if (r.notice) notices++;
});
// The whole corpus as one project, as `leaklens lint` runs it: calls into other modules followed.
// Local to a function: its 9,000 trees (GBs) would otherwise stay alive through the re-lint latencies below,
// whose p95 would be the garbage collector's pauses over a heap the editor never holds.
let projectFindings = 0;
function timeProject(): [number, number] {
  const project = new ProjectAnalysis(corpusModules);
  const set = time('leaklens project, cross-module (set + lint)', files, (f) => project.set(f.file, f.text));
  const lintAll = time('  … then lint every file of the project', files, (f) => {
    projectFindings += project.lint(f.file).findings.length;
  });
  return [set, lintAll];
}
const [crossModule, crossModuleLint] = timeProject();
// ESLint ignores node_modules and files outside its cwd: give it paths relative to the corpus's node_modules.
const linter = new Linter({ configType: 'flat', cwd: corpusModules });
let eslintFatal = 0;
const eslintConfig: Linter.Config[] = [
  {
    files: ['**/*'],
    languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
    rules: { 'no-unused-vars': 'error' },
  },
];
const peer = time('ESLint 9 + typescript-eslint, no-unused-vars', files, (f) => {
  const messages = linter.verify(f.text, eslintConfig, { filename: relative(corpusModules, f.file) });
  if (messages.some((m) => m.fatal || m.ruleId === null)) eslintFatal++;
});
console.log(`(ESLint could not parse ${eslintFatal} files; every other file was linted)`);

console.log(
  `\nleaklens: ${(files.length / (lint / 1000)).toFixed(0)} files/s, ${(bytes / 1e6 / (lint / 1000)).toFixed(1)} MB/s; ${findings} findings, ${notices} files with a notice`,
);
console.log(`leaklens / bare parse = ${(lint / floor).toFixed(2)}×   (target ≤ 2×)`);
console.log(
  `leaklens cross-module / bare parse = ${((crossModule + crossModuleLint) / floor).toFixed(2)}×   (target ≤ 2×; ${projectFindings} findings)`,
);
console.log(`ESLint / leaklens     = ${(peer / lint).toFixed(2)}×   (target ≥ 5×)`);

// Re-analysis latency: the same 5,000-line document edited and re-linted, as the editor does while typing.
// Whole files that parse cleanly (cutting a file would make a syntax error and time only the parse), added
// while the document stays within 5,100 lines, until it has about 5,000.
let doc = '';
for (const f of files) {
  const docLines = doc.split('\n').length;
  if (docLines > 4900) break;
  const n = f.text.split('\n').length;
  if (n < 300 || docLines + n > 5100 || !/\.(js|ts)$/.test(f.file) || lintText(f.file, f.text).notice) continue;
  doc += f.text + '\n';
}
// Each edit lands on the previous version (as typing does) at a spread of places; the editor re-lints each
// open document incrementally (src/analysis/incremental.ts), and a from-scratch lint is printed beside it.
const EDITS = 200;
const WARM_UP = 20;
function relintLatencies(relint: (text: string) => unknown): number[] {
  let text = doc;
  const times: number[] = [];
  // The first WARM_UP edits are not counted: they run while the JIT is still compiling the engine.
  for (let i = -WARM_UP; i < EDITS; i++) {
    const at = text.lastIndexOf('\n', Math.floor(((((i + WARM_UP) * 37) % EDITS) / EDITS) * text.length)) + 1;
    text = text.slice(0, at) + `// edit ${i}\n` + text.slice(at);
    const started = performance.now();
    relint(text);
    if (i >= 0) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
const documents = new IncrementalLinter();
const incremental = relintLatencies((text) => documents.lint('doc', 'doc.ts', text));
const scratch = relintLatencies((text) => lintText('doc.ts', text));
const p = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
console.log(`\nre-analysis of a ${doc.split('\n').length}-line document (${EDITS} successive edits):`);
console.log(`  incremental (the editor's path): ${p(incremental)}   (target p95 ≤ 15 ms)`);
console.log(`  from scratch (full parse):       ${p(scratch)}`);
