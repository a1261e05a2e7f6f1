// `npm run eval:go`: the Go linter on real code nobody here wrote.
// 1. Noise: Debian's Go library sources (golang-*-dev packages under /usr/share/gocode), linted whole as a
//    user would (`leaklens lint <dir> --no-gitignore`): every finding listed, and findings per 100 k lines.
//    Libraries are not servers, so nearly every finding there is a false positive to read.
// 2. Real leaks, when a local set exists (never committed): each folder of ~/.cache/leaklens-eval-go/pairs
//    holds `before/` (a package at the parent of a public leak-fix commit) and `after/` (at the fix).
//    Caught: `before` has a finding (on a target named in the pair's optional `expect` file, one name a
//    line, when the package has other findings); fixed-flagged: `after` still has one on such a target.
//    A pair whose `after` upstream itself later found still leaking holds a `partial` file saying so (and
//    which later fix bounds it): its `after` is expected to be flagged and is not counted as fixed.
// Run after `npm run build` (the npm script does it); uses the CLI as users run it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'leaklens.js');
const GOCODE = '/usr/share/gocode/src';
const PAIRS = join(homedir(), '.cache', 'leaklens-eval-go', 'pairs');

/** Server frameworks and middleware whose sources make the noise corpus (package → a folder it installs). */
const PACKAGES = {
  'golang-github-gin-gonic-gin-dev': 'github.com/gin-gonic/gin',
  'golang-github-prometheus-client-golang-dev': 'github.com/prometheus/client_golang',
  'golang-github-gin-contrib-cors-dev': 'github.com/gin-contrib/cors',
  'golang-github-gin-contrib-gzip-dev': 'github.com/gin-contrib/gzip',
  'golang-github-gin-contrib-static-dev': 'github.com/gin-contrib/static',
  'golang-github-go-chi-chi-dev': 'github.com/go-chi/chi',
  'golang-github-go-chi-cors-dev': 'github.com/go-chi/cors',
  'golang-github-go-kit-kit-dev': 'github.com/go-kit/kit',
  'golang-github-gorilla-csrf-dev': 'github.com/gorilla/csrf',
  'golang-github-gorilla-handlers-dev': 'github.com/gorilla/handlers',
  'golang-github-gorilla-mux-dev': 'github.com/gorilla/mux',
  'golang-github-gorilla-sessions-dev': 'github.com/gorilla/sessions',
  'golang-github-gorilla-websocket-dev': 'github.com/gorilla/websocket',
  'golang-github-julienschmidt-httprouter-dev': 'github.com/julienschmidt/httprouter',
  'golang-github-justinas-alice-dev': 'github.com/justinas/alice',
  'golang-github-labstack-echo-dev': 'github.com/labstack/echo',
  'golang-github-rs-cors-dev': 'github.com/rs/cors',
  'golang-github-unrolled-secure-dev': 'github.com/unrolled/secure',
  'golang-github-unrolled-render-dev': 'github.com/unrolled/render',
  'golang-github-urfave-negroni-dev': 'github.com/urfave/negroni',
  'golang-github-valyala-fasthttp-dev': 'github.com/valyala/fasthttp',
  'golang-github-zenazn-goji-dev': 'github.com/zenazn/goji',
  'golang-github-elazarl-goproxy-dev': 'github.com/elazarl/goproxy',
  'golang-github-emicklei-go-restful-dev': 'github.com/emicklei/go-restful',
  'golang-github-caddyserver-certmagic-dev': 'github.com/caddyserver/certmagic',
};

function lint(paths) {
  let out;
  try {
    out = execFileSync(process.execPath, [CLI, 'lint', ...paths, '--no-gitignore', '--format', 'json'], {
      cwd: ROOT,
      maxBuffer: 1 << 28,
      encoding: 'utf8',
    });
  } catch (error) {
    // Exit code 1 means findings; the JSON is on stdout all the same.
    if (typeof error.stdout !== 'string' || error.stdout === '') throw error;
    out = error.stdout;
  }
  return JSON.parse(out);
}

function goLines(dir) {
  let lines = 0;
  let files = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.go')) continue;
    files++;
    lines += readFileSync(join(e.parentPath, e.name), 'utf8').split('\n').length;
  }
  return { lines, files };
}

function noise() {
  const missing = Object.entries(PACKAGES)
    .filter(([, dir]) => !existsSync(join(GOCODE, dir)))
    .map(([pkg]) => pkg);
  if (missing.length) console.log(`not installed (their sources are left out): apt-get install -y ${missing.join(' ')}\n`);
  const root = join(GOCODE, 'github.com');
  if (!existsSync(root)) {
    console.log(`no Go sources under ${root}: apt-get install -y ${Object.keys(PACKAGES).join(' ')}`);
    return;
  }
  const { lines, files } = goLines(root);
  const report = lint([root]);
  const findings = report.results.flatMap((r) => r.findings.map((f) => ({ file: relative(GOCODE, join(ROOT, r.file)), f })));
  const notices = report.results.filter((r) => r.notice);
  console.log(`Debian Go noise: ${root} — ${files} files, ${(lines / 1000).toFixed(0)} k lines`);
  for (const { file, f } of findings) console.log(`  ${file}:${f.range.line}  ${f.rule}  ${f.message.slice(0, 160)}`);
  const byKind = {};
  for (const r of notices) byKind[r.notice.kind] = (byKind[r.notice.kind] ?? 0) + 1;
  console.log(
    `findings: ${findings.length} (${(findings.length / (lines / 1e5)).toFixed(2)} per 100 k lines); notices: ${JSON.stringify(byKind)}\n`,
  );
}

function pairs() {
  if (!existsSync(PAIRS)) {
    console.log(`real leaks: no local before/after pairs in ${PAIRS} (kept outside the repository), skipped`);
    return;
  }
  let caught = 0;
  let fixedFlagged = 0;
  let partials = 0;
  const names = readdirSync(PAIRS)
    .filter((n) => existsSync(join(PAIRS, n, 'before')))
    .sort();
  for (const name of names) {
    const before = lint([join(PAIRS, name, 'before')]).results.flatMap((r) => r.findings);
    const after = lint([join(PAIRS, name, 'after')]).results.flatMap((r) => r.findings);
    const expectFile = join(PAIRS, name, 'expect');
    const expected = existsSync(expectFile)
      ? new Set(
          readFileSync(expectFile, 'utf8')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        )
      : undefined;
    const hits = before.filter((f) => !expected || expected.has(f.target));
    const targets = expected ?? new Set(before.map((f) => f.target));
    const still = after.filter((f) => targets.has(f.target));
    const partialFile = join(PAIRS, name, 'partial');
    const partial = existsSync(partialFile) ? readFileSync(partialFile, 'utf8').trim() : undefined;
    if (hits.length) caught++;
    if (partial) partials++;
    else if (still.length) fixedFlagged++;
    const stillSaid = still.length
      ? ` (${partial ? 'partial fix, still flagged as expected' : 'FIXED VERSION FLAGGED'}: ${[...new Set(still.map((f) => f.target))].join(', ')})`
      : '';
    console.log(`  ${name.padEnd(44)} ${hits.length ? 'caught' : 'MISSED'}  before ${before.length}, after ${after.length}${stillSaid}`);
    if (partial) console.log(`      partial: ${partial}`);
    for (const f of before) console.log(`      before ${f.rule} ${f.message.slice(0, 140)}`);
    for (const f of after) console.log(`      after  ${f.rule} ${f.message.slice(0, 140)}`);
  }
  console.log(
    `real Go leaks: caught ${caught} of ${names.length} (${((caught / names.length) * 100).toFixed(0)} %); fixed versions flagged ${fixedFlagged} of ${names.length - partials} (${partials} partial fixes left out)`,
  );
}

// `node scripts/eval/go.mjs noise` or `… pairs` runs one part; both by default.
const parts = process.argv.slice(2);
if (parts.length === 0 || parts.includes('noise')) noise();
if (parts.length === 0 || parts.includes('pairs')) pairs();
