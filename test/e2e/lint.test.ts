// The linter as a user meets it in a real VS Code: a big document is linted through the worker, Scan
// Workspace fills the Problems panel and says what it skipped, an open leaking file gets a squiggle, a
// hover that explains it and a Quick Fix menu whose fix removes it, and a per-rule severity applies at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOnlyInserted, diagnosticRows as diagnostics, rowsFor, waitForRows } from './support/diagnosticRows';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { waitUntil } from './support/wait';
import { goTo, openFile, runCommand } from './support/workbench';

const LEAK_FILE = 'express/requestLogger.js';
/** Over liveLint's 64 KiB threshold, so the open document is linted in the worker; the leak is on line 4. */
const BIG_FILE = 'big.js';
const LEAK_TEXT =
  'function tracker() {\n  const seen = new Map();\n  return (req, res, next) => {\n    seen.set(req.url, Date.now());\n    next();\n  };\n}\nmodule.exports = { tracker };\n';
const BIG_TEXT = LEAK_TEXT + Array.from({ length: 4000 }, (_, i) => `const filler${i} = ${i};`).join('\n') + '\n';
/** A handler in one module and the helper it calls in another: the growth is in the helper (line 3). */
const ROUTES_FILE = 'crossmodule/routes.js';
const AUDIT_FILE = 'crossmodule/audit.js';
const ROUTES_TEXT = "const { remember } = require('./audit');\napp.get('/x', (req, res) => { remember(req.url); res.end(); });\n";
const AUDIT_TEXT = 'const audit = [];\nexports.remember = function (url) {\n  audit.push(url);\n};\n';

describe('LeakLens linter in VS Code', { timeout: 8 * 60_000 }, () => {
  let session: EditorSession;
  let fixture: string;
  before(async () => {
    // The big file is there from the start: Quick Open may not list a file created while it runs.
    fixture = mkdtempSync(join(tmpdir(), 'leaklens-lint-fixture-'));
    cpSync(join(repoRoot, 'examples'), fixture, { recursive: true });
    writeFileSync(join(fixture, BIG_FILE), BIG_TEXT);
    writeFileSync(join(fixture, 'binary.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]));
    mkdirSync(join(fixture, 'crossmodule'));
    writeFileSync(join(fixture, ROUTES_FILE), ROUTES_TEXT);
    writeFileSync(join(fixture, AUDIT_FILE), AUDIT_TEXT);
    session = await openEditor('lint', { fixture });
  });
  after(async () => {
    await session?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  // First, so that no scan has reported big.js yet: the row can only come from the live (worker) lint.
  test('a document too big to lint on the extension host thread is linted in the worker', async () => {
    const { page, steps } = session;
    await steps.step('open a 90 KB file', () => openFile(page, BIG_FILE));
    await waitForActivation(session);
    const rows = await steps.step('its finding recorded', () => waitForRows(session, BIG_FILE, 'the finding in big.js'));
    assert.deepEqual(
      rows.map((r) => [r.rule, r.line, r.severity]),
      [['unbounded-capture', 4, 'warning']],
    );
  });

  test('Scan Workspace lists the leak in the Problems panel without opening the file', async () => {
    const { page, steps } = session;
    await steps.step('run LeakLens: Scan Workspace', () => runCommand(page, 'LeakLens: Scan Workspace'));
    const rows = await steps.step('scan results recorded', () =>
      waitForRows(session, LEAK_FILE, 'the scan to report the leak in requestLogger.js'),
    );
    assert.deepEqual(
      rows.map((r) => [r.rule, r.line, r.severity, r.source]),
      [['unbounded-capture', 7, 'warning', 'leaklens']],
    );
    assert.deepEqual(rowsFor(diagnostics(session), 'express/boundedRequestLogger.js'), []);
    // Nothing has opened audit.js yet: its row comes from the scan, which follows routes.js's call into it.
    const helperRows = await steps.step('the scan flags the helper another module calls', () =>
      waitForRows(session, AUDIT_FILE, 'the scan to report audit.js through routes.js'),
    );
    assert.deepEqual(
      helperRows.map((r) => [r.rule, r.line]),
      [['unbounded-capture', 3]],
    );
    await steps.step('summary names the skipped binary file', () =>
      page
        .locator('.notification-toast', { hasText: /LeakLens: Scanned \d+ files.*1 file skipped \(see the LeakLens log\)/ })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('no scan summary saying "1 file skipped" appeared within 15 s');
        }),
    );
    await steps.step('its Show Log button shows the notice', async () => {
      await page.locator('.notification-toast .monaco-button', { hasText: 'Show Log' }).first().click();
      await page
        .locator('.output-view .view-lines', { hasText: 'binary.js: skipped: binary content' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the LeakLens log did not show the binary.js notice within 15 s');
        });
    });
    await steps.step('Problems panel shows the finding', async () => {
      await runCommand(page, 'View: Focus Problems');
      // Filtered: the panel's list is virtual, and the rows of other files may push this one out of view.
      const filter = page.getByPlaceholder('Filter (e.g. text');
      await filter.fill('requestLogger.js');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'requestLogger.js' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the Problems panel showed no requestLogger.js row within 15 s');
        });
      await filter.fill('');
    });
  });

  test('an open leaking file gets a squiggle, a hover and quick fixes; the preferred fix removes the finding', async () => {
    const { page, steps } = session;
    await steps.step('open the leaking request logger', () => openFile(page, LEAK_FILE));
    await steps.step('warning squiggle shown', () =>
      page
        .locator('.monaco-editor .squiggly-warning')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error('no warning squiggle appeared in requestLogger.js within 30 s');
        }),
    );
    await goTo(page, 7, 6);
    const hover = await steps.step('hover explains the finding', async () => {
      await runCommand(page, 'Show or Focus Hover');
      const widget = page.locator('.monaco-hover', { hasText: 'LeakLens (unbounded-capture)' }).first();
      await widget.waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the hover did not show the LeakLens explanation within 15 s');
      });
      return widget.innerText();
    });
    assert.match(hover, /entries.*grows.*on every request handled by.*requestLogger/s);
    await page.keyboard.press('Escape');
    const menu = await steps.step('Quick Fix menu lists the cap and the suppression', async () => {
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows
        .filter({ hasText: 'Cap' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the Quick Fix menu did not offer the cap fix within 15 s');
        });
      return rows.allInnerTexts();
    });
    assert.ok(
      menu.some((t) => /Cap `?entries`? at MAX_ENTRIES/.test(t)),
      JSON.stringify(menu),
    );
    assert.ok(
      menu.some((t) => /Suppress unbounded-capture on this line/.test(t)),
      JSON.stringify(menu),
    );
    await steps.step('apply the cap fix', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Cap' }).first().click();
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'MAX_ENTRIES' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the editor text did not change to use MAX_ENTRIES within 15 s');
        });
    });
    await steps.step('finding gone after the fix', () =>
      waitUntil(
        'the requestLogger.js finding to disappear after the fix (diagnostics.json)',
        () => rowsFor(diagnostics(session), LEAK_FILE).length === 0,
        30_000,
      ),
    );
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
    const onDisk = join(session.workspace, LEAK_FILE);
    const original = readFileSync(join(repoRoot, 'examples', LEAK_FILE), 'utf8');
    await steps.step('save the fixed file (Ctrl+S)', () =>
      waitUntil(
        'requestLogger.js on disk to hold the fix after Ctrl+S',
        async () => {
          await page.keyboard.press('Control+S');
          return readFileSync(onDisk, 'utf8').includes('MAX_ENTRIES');
        },
        15_000,
      ),
    );
    execFileSync(process.execPath, ['--check', onDisk]);
    assertOnlyInserted(original, readFileSync(onDisk, 'utf8'), LEAK_FILE);
  });

  test('a per-rule severity setting re-lints open documents under it', async () => {
    const { page, steps } = session;
    mkdirSync(join(session.workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(session.workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'leaklens.rules': { 'unbounded-capture': 'error' } }),
    );
    const rows = await steps.step('finding raised to an error', () =>
      waitForRows(session, BIG_FILE, 'big.js to be re-linted at error severity', (found) => found.every((r) => r.severity === 'error')),
    );
    assert.deepEqual(
      rows.map((r) => [r.rule, r.line, r.severity]),
      [['unbounded-capture', 4, 'error']],
    );
    await steps.step('Problems panel shows it as an error', () =>
      page
        .locator('.markers-panel .monaco-list-row', { hasText: 'unbounded-capture' })
        .filter({ has: page.locator('.codicon-error') })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the Problems panel showed no unbounded-capture row with an error icon within 15 s');
        }),
    );
  });

  test('a helper another module calls on its request path is flagged, and a change to the caller re-lints it', async () => {
    const { page, steps } = session;
    await steps.step('open the helper', () => openFile(page, AUDIT_FILE));
    const rows = await steps.step('the helper is flagged through the project index', () =>
      waitForRows(session, AUDIT_FILE, 'audit.js to be flagged from routes.js'),
    );
    assert.deepEqual(
      rows.map((r) => [r.rule, r.line]),
      [['unbounded-capture', 3]],
    );
    // The caller (closed) stops calling the helper: the file watcher updates the index and the helper is re-linted clean.
    writeFileSync(join(session.workspace, ROUTES_FILE), "app.get('/x', (req, res) => { res.end(); });\n");
    await steps.step('the finding goes when the caller changes', () =>
      waitUntil(
        'audit.js to be re-linted clean (diagnostics.json)',
        () => {
          const all = diagnostics(session);
          return all !== undefined && rowsFor(all, AUDIT_FILE).length === 0 ? true : undefined;
        },
        30_000,
      ),
    );
  });

  test('cancelling Scan Workspace from its notification stops the scan and says how far it got', async () => {
    const { page, steps } = session;
    // Enough work that the scan is still running when Cancel is clicked, on a quiet machine too: 3,000 small
    // leaking files scan in ~2.5 s here, so each carries ~24 KB of plain code (~70 MB in all, tens of seconds).
    const many = join(session.workspace, 'many');
    mkdirSync(many);
    const padded = LEAK_TEXT + 'function pad(x) { return [x, x + 1].map((y) => y * 2); }\n'.repeat(400);
    for (let i = 0; i < 3000; i++) writeFileSync(join(many, `m${i}.js`), padded);
    await steps.step('run LeakLens: Scan Workspace', () => runCommand(page, 'LeakLens: Scan Workspace'));
    await steps.step('cancel it while it runs', async () => {
      const toast = page.locator('.notification-toast', { hasText: /LeakLens: scanning the workspace.*of 30\d\d files/s }).first();
      await toast.waitFor({ timeout: 30_000 }).catch(() => {
        throw new Error('the scan progress did not show a file count within 30 s');
      });
      await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    });
    const cancelledLine = /Scan\sWorkspace\scancelled\safter\s(\d+)\sof\s(30\d\d)\sfiles/;
    const [done, total] = await steps.step('log says the scan was cancelled', async () => {
      await page
        .getByRole('tab', { name: /^Output/ })
        .first()
        .click(); // still on the LeakLens channel from Show Log
      const log = page.locator('.output-view .view-lines', { hasText: cancelledLine }).first();
      await log.waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the LeakLens log did not say the scan was cancelled within 15 s');
      });
      const match = cancelledLine.exec((await log.textContent()) ?? '')!;
      return [Number(match[1]), Number(match[2])];
    });
    assert.ok(done < total, `the scan stopped after ${done} of ${total} files`);
    // Each of those files leaks. The rows reach the test state a moment after they are published (it is
    // written coalesced): wait for them, then check no more were reported than files were scanned.
    const manyRows = () => (diagnostics(session) ?? []).filter((r) => r.uri.includes('/many/')).length;
    const scanned = await waitUntil("the cancelled scan's rows in the test state", () => manyRows() || false, 15_000);
    assert.ok(scanned <= done && scanned < 3000, `${scanned} of 3000 files were reported, ${done} scanned before the cancel`);
  });
});
