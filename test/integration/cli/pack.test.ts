// The npm package as a user gets it: `npm pack`, installed from the tarball into a fresh project (a tiny leaking
// middleware and the eslint.config.mjs the README shows), then the CLI, the ESLint plugin, the SARIF output and
// the library entry run from there. Needs the npm registry (or npm's cache) for the package's dependencies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { githubSarifProblems, sarifSchemaErrors } from '../../unit/cli/sarifSchema';

const repoRoot = join(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(cwd: string, command: string, args: string[], timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } },
      (error, out, err) => {
        if (error?.killed) reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`));
        else resolve({ code: error ? Number(error.code) : 0, out, err });
      },
    );
  });
}

/** The README's flat config, so the test breaks when the documented setup does. */
function readmeEslintConfig(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The ESLint plugin (flat config)'));
  const block = /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(section);
  assert.ok(block, 'README.md: no ```js block starting with // eslint.config.mjs under "### The ESLint plugin (flat config)"');
  return block[1]!;
}

const MIDDLEWARE = `// A tiny Express-style app whose request logger keeps every request.
export function requestLogger() {
  const entries = [];
  return function logRequest(req, res, next) {
    entries.push({ url: req.url, at: Date.now() });
    next();
  };
}
`;

test(
  'npm pack → install the tarball in a fresh project → CLI, ESLint plugin, SARIF and library work',
  { timeout: 10 * 60_000 },
  async (t) => {
    const work = mkdtempSync(join(tmpdir(), 'leaklens-pack-'));
    t.after(() => rmSync(work, { recursive: true, force: true }));

    const build = await run(repoRoot, process.execPath, ['scripts/build.mjs']);
    assert.equal(build.code, 0, build.err);
    const pack = await run(repoRoot, NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
    assert.equal(pack.code, 0, pack.err);
    const [packed] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    const shipped = packed!.files.map((f) => f.path).sort();
    assert.deepEqual(
      shipped,
      [
        'LICENSE',
        'README.md',
        'bin/leaklens.js',
        'dist/cli.js',
        'dist/eslint-plugin.js',
        'dist/index.js',
        'dist/snapshot-worker.js',
        'dist/tree-sitter-go.wasm',
        'dist/tree-sitter.wasm',
        'package.json',
      ],
      'what the package ships',
    );

    const app = join(work, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'tiny-app', version: '1.0.0', private: true, type: 'module' }, null, 2),
    );
    writeFileSync(join(app, 'src', 'logger.js'), MIDDLEWARE);
    writeFileSync(join(app, 'eslint.config.mjs'), readmeEslintConfig());
    const eslintVersion = (
      JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }
    ).version;
    // No install scripts are needed: the Go grammar ships as WASM in dist/.
    const install = await run(app, NPM, [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--save-dev',
      join(work, packed!.filename),
      `eslint@${eslintVersion}`,
    ]);
    assert.equal(install.code, 0, `npm install failed:\n${install.err}`);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'leaklens', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
    };
    assert.equal(installed.dependencies['chart.js'], undefined, 'chart.js is bundled into the webview only');
    assert.equal(installed.peerDependenciesMeta.eslint?.optional, true);

    const npx = (...args: string[]) => run(app, NPM, ['exec', '--no', '--', ...args]);
    const version = await npx('leaklens', '--version');
    assert.deepEqual([version.code, version.out.trim()], [0, packed!.filename.replace(/^leaklens-|\.tgz$/g, '')]);

    const lint = await npx('leaklens', 'lint', 'src');
    assert.equal(lint.code, 1, lint.err);
    assert.match(lint.out, /^src\/logger\.js:5:5 +warning .*`entries`.* unbounded-capture$/m);
    assert.doesNotMatch(lint.err, /MODULE_NOT_FOUND|\n\s+at /);

    const eslint = await npx('eslint', '--format', 'json', 'src');
    const [report] = JSON.parse(eslint.out) as { messages: { ruleId: string; line: number; severity: number }[] }[];
    assert.deepEqual(
      report!.messages.map((m) => [m.ruleId, m.line, m.severity]),
      [['leaklens/unbounded-capture', 5, 1]],
      eslint.err,
    );

    const sarif = await npx('leaklens', 'lint', '--format', 'sarif', 'src');
    const log = JSON.parse(sarif.out) as Sarif.Log;
    assert.equal(sarifSchemaErrors(log), 'No errors');
    assert.deepEqual(githubSarifProblems(log), []);
    assert.deepEqual(
      log.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri]),
      [['unbounded-capture', 'src/logger.js']],
    );

    const library = await run(app, process.execPath, [
      '-e',
      `const { lintText } = require('leaklens'); console.log(lintText('logger.js', require('fs').readFileSync('src/logger.js', 'utf8')).findings.map((f) => f.rule).join())`,
    ]);
    assert.deepEqual([library.code, library.out.trim()], [0, 'unbounded-capture'], library.err);
  },
);
