// A multi-root workspace whose folders lint under different rules: a folder's own `leaklens.rules` (read for the
// document's resource) overrides its leaklens.config.json, a folder with only the config file follows the file,
// and a folder with neither keeps the defaults. Also measures, for the report, the time from the activation
// event (the first JavaScript document opened) to its first diagnostic, and the .vsix size.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { waitForRows } from './support/diagnosticRows';
import { openEditor, vsixPath, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { openFile } from './support/workbench';

const leak = (name: string) =>
  `function ${name}() {\n  const seen = [];\n  return (req, res, next) => {\n    seen.push(req.url);\n    next();\n  };\n}\napp.use(${name}());\n`;

/** Folder → its files. The leak's push is on line 4 of each app file. */
const FIXTURE: Record<string, string> = {
  'multi.code-workspace': JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }, { path: 'gamma' }] }),
  'alpha/.vscode/settings.json': JSON.stringify({ 'leaklens.rules': { 'unbounded-capture': 'error' } }),
  'alpha/leaklens.config.json': JSON.stringify({ rules: { 'unbounded-capture': 'off' } }),
  'alpha/alpha-app.js': leak('alphaLogger'),
  'beta/leaklens.config.json': JSON.stringify({ rules: { 'unbounded-capture': 'info' } }),
  'beta/beta-app.js': leak('betaLogger'),
  'gamma/gamma-app.js': leak('gammaLogger'),
};

describe('LeakLens in a multi-root workspace', { timeout: 6 * 60_000 }, () => {
  let session: EditorSession;
  let fixture: string;
  before(async () => {
    fixture = mkdtempSync(join(tmpdir(), 'leaklens-multiroot-'));
    for (const [path, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    session = await openEditor('multi-root', { fixture, workspaceFile: 'multi.code-workspace' });
  });
  after(async () => {
    await session?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  test('each folder lints under its own rules: folder setting over config file, config file alone, defaults', async () => {
    const { page, steps, stateDir } = session;
    assert.equal(readJson(join(stateDir, 'activated.json')), undefined, 'LeakLens activated before any JavaScript document was opened');
    const opened = Date.now();
    await steps.step('open alpha-app.js (the activation event)', () => openFile(page, 'alpha-app.js'));
    await waitForActivation(session);
    const alpha = await steps.step('alpha: its folder setting (error) overrides its config file (off)', () =>
      waitForRows(session, 'alpha/alpha-app.js', 'the finding in alpha-app.js'),
    );
    const wallMs = Date.now() - opened;
    assert.deepEqual(
      alpha.map((r) => [r.rule, r.line, r.severity]),
      [['unbounded-capture', 4, 'error']],
    );
    const timing = await waitUntil(
      'the first-diagnostic timing (first-diagnostic.json)',
      () => readJson<{ msFromCodeLoad: number; msFromActivate: number }>(join(stateDir, 'first-diagnostic.json')),
      30_000,
    );

    await steps.step('open beta-app.js', () => openFile(page, 'beta-app.js'));
    const beta = await steps.step('beta: its config file (info)', () =>
      waitForRows(session, 'beta/beta-app.js', 'the finding in beta-app.js'),
    );
    assert.deepEqual(
      beta.map((r) => [r.rule, r.line, r.severity]),
      [['unbounded-capture', 4, 'information']],
    );

    await steps.step('open gamma-app.js', () => openFile(page, 'gamma-app.js'));
    const gamma = await steps.step('gamma: the default (warning)', () =>
      waitForRows(session, 'gamma/gamma-app.js', 'the finding in gamma-app.js'),
    );
    assert.deepEqual(
      gamma.map((r) => [r.rule, r.line, r.severity]),
      [['unbounded-capture', 4, 'warning']],
    );

    const figures = {
      vsixBytes: statSync(vsixPath).size,
      codeLoadToFirstDiagnosticMs: timing.msFromCodeLoad,
      activateToFirstDiagnosticMs: timing.msFromActivate,
      // An upper bound seen from outside: Quick Open, activation, linting and the test hook's polling.
      quickOpenToDiagnosticRecordedMs: wallMs,
    };
    writeFileSync(join(steps.dir, 'figures.json'), JSON.stringify(figures, null, 2));
    console.log(`figures: ${JSON.stringify(figures)}`);
  });
});
