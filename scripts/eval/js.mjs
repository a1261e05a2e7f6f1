// `npm run eval:js`: the JS/TS linter on real code nobody here wrote.
//  1. Real leak-fix releases (js-cases.json): the leaking and the fixed version of each package are installed
//     from npm by exact version (`npm pack`) into ~/.cache/leaklens-eval/packages/; a case is caught when a finding
//     lands on its leaking line, and its fixed version is flagged when the fixed file has any finding.
//  2. Flow: real Flow-typed packages (js-cases.json "flow"), linted over one folder; prints how many of their
//     Flow files TypeScript alone cannot parse, how many still carry a notice once their types are blanked out
//     (src/analysis/flow.ts), and every finding.
//  3. Noise: the npm corpus of `npm run bench:lint` (test/bench/corpus.package.json), linted whole, plus any folder
//     given on the command line (`npm run eval:js -- ~/apps/some-server`); every finding is printed to be read.
// Prints caught/missed per case, the flagged fixed versions, and findings per 100k lines.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { isFlowFile } from '../../src/analysis/flow.ts';
import { parseErrorOf } from '../../src/analysis/parse.ts';
import { lintProject, listProjectFiles } from '../../src/analysis/project.ts';
import { createRequire } from 'node:module';

// Loaded as CommonJS, where the corpus module finds its folder through __dirname.
const { ensureCorpus, corpusModules } = createRequire(import.meta.url)('../../test/bench/corpus.ts');

const HERE = import.meta.dirname;
const list = JSON.parse(readFileSync(join(HERE, 'js-cases.json'), 'utf8'));
const alias = (pkg, version) => `eval-${pkg.replace(/[@/]/g, '_')}-${version}`;

/** Each package version's own files (no dependencies: old releases' dependency ranges no longer all resolve). */
function install() {
  const wanted = new Map();
  for (const c of list.cases) {
    wanted.set(alias(c.package, c.leaky), `${c.package}@${c.leaky}`);
    wanted.set(alias(c.package, c.fixed), `${c.package}@${c.fixed}`);
  }
  for (const c of [...list.clean, ...list.flow]) wanted.set(alias(c.package, c.version), `${c.package}@${c.version}`);
  // One folder per package version, shared by every version of the list: a new case installs only its own.
  const dir = join(homedir(), '.cache', 'leaklens-eval', 'packages');
  for (const [name, spec] of wanted) {
    const target = join(dir, name);
    if (existsSync(join(target, 'package.json'))) continue;
    console.log(`installing ${spec} into ${target}`);
    mkdirSync(target, { recursive: true });
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', target], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', join(target, tarball), '-C', target, '--strip-components=1']);
  }
  return dir;
}

const lines = (text) => text.split('\n').length;

/**
 * Lints a package folder as a project (cross-module on); returns findings by file. A package's `file` may sit
 * in a folder a project walk skips (`dist/`, its published build): that folder is linted too.
 */
function lintFolder(root, file) {
  const files = listProjectFiles(root);
  const top = file?.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;
  if (top) for (const f of listProjectFiles(join(root, top))) if (!files.includes(f)) files.push(f);
  const results = lintProject(root, files);
  let count = 0;
  for (const f of files) count += lines(readFileSync(f, 'utf8'));
  return { results, lines: count };
}

function show(f, root, file) {
  return `${relative(root, file)}:${f.range.line} ${f.rule} ${f.severity}: ${f.message.slice(0, 160)}`;
}

const modules = install();
console.log('\n== real leak-fix releases ==');
let caught = 0;
let flagged = 0;
for (const c of list.cases) {
  const leakyRoot = join(modules, alias(c.package, c.leaky));
  const fixedRoot = join(modules, alias(c.package, c.fixed));
  const leaky = lintFolder(leakyRoot, c.file).results.get(join(leakyRoot, c.file));
  const fixed = lintFolder(fixedRoot, c.file).results.get(join(fixedRoot, c.file));
  const leakyText = readFileSync(join(leakyRoot, c.file), 'utf8').split('\n');
  if (!leakyText[c.line - 1]?.includes(c.text)) console.log(`  (case data: line ${c.line} of ${c.file} does not contain ${c.text})`);
  if (!leaky || !fixed) console.log(`  (case data: ${c.file} was not linted)`);
  const hit = leaky?.findings.some((f) => f.range.line <= c.line && c.line <= f.range.endLine);
  const fixedFindings = fixed?.findings ?? [];
  if (hit) caught++;
  if (fixedFindings.length) flagged++;
  console.log(
    `${hit ? 'caught' : 'MISSED'}  ${c.name} (${c.package}@${c.leaky} ${c.file}:${c.line})${leaky?.notice ? ` [notice: ${leaky.notice.message}]` : ''}`,
  );
  for (const f of fixedFindings) console.log(`        fixed ${c.fixed} flagged: ${show(f, fixedRoot, join(fixedRoot, c.file))}`);
}
let cleanFlagged = 0;
for (const c of list.clean) {
  const root = join(modules, alias(c.package, c.version));
  const r = lintFolder(root, c.file).results.get(join(root, c.file));
  if (!r) console.log(`  (case data: ${c.file} was not linted)`);
  const n = r?.findings.length ?? 0;
  if (n) cleanFlagged++;
  console.log(`${n ? 'FLAGGED' : 'clean  '} ${c.name} (${c.package}@${c.version} ${c.file})`);
  for (const f of r?.findings ?? []) console.log(`        ${show(f, root, join(root, c.file))}`);
}
const total = list.cases.length;
console.log(`\nreal leaks caught: ${caught}/${total} = ${((100 * caught) / total).toFixed(0)} %   (target ≥ 80 %)`);
console.log(
  `fixed versions and clean files flagged: ${flagged + cleanFlagged}/${total + list.clean.length} = ${((100 * (flagged + cleanFlagged)) / (total + list.clean.length)).toFixed(0)} %   (target ≤ 5 %)`,
);

console.log('\n== Flow-typed packages ==');
for (const c of list.flow) {
  const root = join(modules, alias(c.package, c.version));
  const files = listProjectFiles(join(root, c.folder));
  const flowFiles = files.filter((f) => isFlowFile(f, readFileSync(f, 'utf8')));
  const unparsed = flowFiles.filter((f) => {
    const raw = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JSX);
    return parseErrorOf(raw) !== undefined;
  });
  const results = lintProject(root, files);
  const noticed = flowFiles.filter((f) => results.get(f)?.notice);
  let findings = 0;
  for (const f of flowFiles) {
    for (const finding of results.get(f)?.findings ?? []) {
      findings++;
      console.log(`  ${show(finding, root, f)}`);
    }
  }
  console.log(
    `${c.name} (${c.package}@${c.version} ${c.folder}/): ${flowFiles.length} Flow files, ${unparsed.length} that TypeScript alone cannot parse, ${noticed.length} with a notice once blanked, ${findings} findings`,
  );
  for (const f of noticed) console.log(`  notice ${relative(root, f)}: ${results.get(f).notice.message}`);
}

console.log('\n== noise: real server packages and apps ==');
ensureCorpus();
const folders = [corpusModules, ...process.argv.slice(2).map((p) => resolve(p))];
for (const root of folders) {
  const started = performance.now();
  const { results, lines: n } = lintFolder(root);
  let findings = 0;
  for (const [file, r] of results) {
    for (const f of r.findings) {
      findings++;
      console.log(`  ${show(f, root, file)}`);
    }
  }
  const label = root === corpusModules ? 'bench:lint corpus' : root;
  console.log(
    `${label}: ${results.size} files, ${(n / 1000).toFixed(0)}k lines, ${findings} findings = ${((findings * 1e5) / n).toFixed(2)} per 100k lines (${((performance.now() - started) / 1000).toFixed(1)} s)   (target on the bench corpus ≤ 3)`,
  );
}
