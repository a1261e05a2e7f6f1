// `npm run bench:project`: the editor's project index on a generated 1,000-file project (500 route files,
// 500 helper modules they import, a quarter of the helpers growing module state). Prints the time to build
// the index, and how long a change to a helper takes to re-lint the files whose findings it moves (p50/p95,
// target p95 ≤ 100 ms), and a change to a route file likewise. Figures are printed, not asserted.
import { performance } from 'node:perf_hooks';
import { ProjectAnalysis } from '../../src/analysis/project';

const ROUTES = 500;
const HELPERS = 500;
const EDITS = 200;
const root = '/bench-project';

function helper(i: number, edit = 0): string {
  const grows = i % 4 === 0;
  return [
    `// helper ${i}, version ${edit}`,
    `const seen${i} = ${grows ? 'new Map()' : '{ count: 0 }'};`,
    `export function record${i}(req) {`,
    grows ? `  seen${i}.set(req.url, Date.now());` : `  seen${i}.count++;`,
    `  return format${i}(req.url);`,
    `}`,
    `function format${i}(url) { return String(url).slice(0, ${80 + edit}); }`,
    ...Array.from({ length: 40 }, (_, k) => `export const value${i}_${k} = (x) => x * ${k} + ${i};`),
  ].join('\n');
}

function route(i: number, edit = 0): string {
  const h = i % HELPERS;
  return [
    `import { record${h} } from '../helpers/h${h}.js';`,
    `import express from 'express';`,
    `const router = express.Router();`,
    `router.get('/r${i}', (req, res) => { record${h}(req); res.send('ok ${edit}'); });`,
    ...Array.from({ length: 40 }, (_, k) => `export function util${i}_${k}(a, b) { return a + b * ${k}; }`),
    `export default router;`,
  ].join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const project = new ProjectAnalysis(root);
const started = performance.now();
for (let i = 0; i < HELPERS; i++) project.set(`${root}/helpers/h${i}.js`, helper(i));
for (let i = 0; i < ROUTES; i++) project.set(`${root}/routes/r${i}.js`, route(i));
let findings = 0;
for (const file of project.files()) findings += project.lint(file).findings.length;
console.log(
  `index of ${project.files().length} files built and linted in ${((performance.now() - started) / 1000).toFixed(2)} s: ${findings} findings (expected ${HELPERS / 4})`,
);

function relint(kind: string, fileOf: (i: number) => string, textOf: (i: number, edit: number) => string): void {
  const times: number[] = [];
  let relinted = 0;
  for (let e = -20; e < EDITS; e++) {
    const i = ((e + 20) * 37) % (kind === 'helper' ? HELPERS : ROUTES);
    const file = fileOf(i);
    const t = performance.now();
    const before = project.affected(file);
    project.set(file, textOf(i, e + 21));
    const affected = new Set([...before, ...project.affected(file)]);
    for (const f of affected) project.lint(f);
    if (e >= 0) {
      times.push(performance.now() - t);
      relinted += affected.size;
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `a change to a ${kind} re-lints it and its dependents (${(relinted / EDITS).toFixed(1)} files on average): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms   (target p95 ≤ 100 ms)`,
  );
}

relint('helper', (i) => `${root}/helpers/h${i}.js`, helper);
relint('route file', (i) => `${root}/routes/r${i}.js`, route);
