// The linter as a user meets it in a real VS Code: Scan Workspace fills the Problems panel, an open
// leaking file gets a squiggle, a hover that explains it, and a Quick Fix menu whose fix removes it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { openFile, runCommand } from './support/workbench';

interface Row { uri: string; rule: string; line: number; severity: string; message: string; source: string }

const LEAK_FILE = 'express/requestLogger.js';

function diagnostics(session: EditorSession): Row[] | undefined {
  return readJson<Row[]>(join(session.stateDir, 'diagnostics.json'));
}

function rowsFor(rows: Row[] | undefined, file: string): Row[] {
  return (rows ?? []).filter((r) => r.uri.endsWith('/' + file));
}

/** Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => { throw new Error('Go to Line did not open within 15 s'); });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('LeakLens linter in VS Code', { timeout: 8 * 60_000 }, () => {
  let session: EditorSession;
  before(async () => { session = await openEditor('lint'); });
  after(async () => { await session?.close(); });

  test('Scan Workspace lists the leak in the Problems panel without opening the file', async () => {
    const { page, steps } = session;
    // Opening a JS file activates LeakLens; the load driver is not a server and has nothing to report.
    await steps.step('open the load driver', () => openFile(page, 'load.js'));
    await waitForActivation(session);
    await steps.step('run LeakLens: Scan Workspace', () => runCommand(page, 'LeakLens: Scan Workspace'));
    const rows = await steps.step('scan results recorded', () => waitUntil('the scan to report the leak in requestLogger.js (diagnostics.json)',
      () => { const r = rowsFor(diagnostics(session), LEAK_FILE); return r.length > 0 && r; }, 60_000));
    assert.deepEqual(rows.map((r) => [r.rule, r.line, r.severity, r.source]), [['unbounded-capture', 7, 'warning', 'leaklens']]);
    assert.deepEqual(rowsFor(diagnostics(session), 'express/boundedRequestLogger.js'), []);
    await steps.step('Problems panel shows the finding', async () => {
      await runCommand(page, 'View: Focus Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'unbounded-capture' }).first().waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the Problems panel showed no unbounded-capture row within 15 s');
      });
    });
  });

  test('an open leaking file gets a squiggle, a hover and quick fixes; the preferred fix removes the finding', async () => {
    const { page, steps } = session;
    await steps.step('open the leaking request logger', async () => {
      await openFile(page, 'requestLogger.js');
      // openFile matches tab text case-insensitively, which boundedRequestLogger.js would satisfy too.
      await page.locator('.tab.active', { hasText: /requestLogger\.js/ }).waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('requestLogger.js did not become the active editor within 15 s');
      });
    });
    await steps.step('warning squiggle shown', () => page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error('no warning squiggle appeared in requestLogger.js within 30 s');
    }));
    await goTo(page, 7, 6);
    const hover = await steps.step('hover explains the finding', async () => {
      await runCommand(page, 'Show or Focus Hover');
      const widget = page.locator('.monaco-hover', { hasText: 'LeakLens (unbounded-capture)' }).first();
      await widget.waitFor({ timeout: 15_000 }).catch(() => { throw new Error('the hover did not show the LeakLens explanation within 15 s'); });
      return widget.innerText();
    });
    assert.match(hover, /entries.*grows.*on every request handled by.*requestLogger/s);
    await page.keyboard.press('Escape');
    const menu = await steps.step('Quick Fix menu lists the cap and the suppression', async () => {
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows.filter({ hasText: 'Cap' }).first().waitFor({ timeout: 15_000 }).catch(() => { throw new Error('the Quick Fix menu did not offer the cap fix within 15 s'); });
      return rows.allInnerTexts();
    });
    assert.ok(menu.some((t) => /Cap `?entries`? at MAX_ENTRIES/.test(t)), JSON.stringify(menu));
    assert.ok(menu.some((t) => /Suppress unbounded-capture on this line/.test(t)), JSON.stringify(menu));
    await steps.step('apply the cap fix', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Cap' }).first().click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'MAX_ENTRIES' }).first().waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the editor text did not change to use MAX_ENTRIES within 15 s');
      });
    });
    await steps.step('finding gone after the fix', () => waitUntil('the requestLogger.js finding to disappear after the fix (diagnostics.json)',
      () => rowsFor(diagnostics(session), LEAK_FILE).length === 0, 30_000));
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
  });

  test('a document too big to lint on the extension host thread is linted in the worker', async () => {
    const { page, steps } = session;
    const leak = 'function tracker() {\n  const seen = new Map();\n  return (req, res, next) => {\n    seen.set(req.url, Date.now());\n    next();\n  };\n}\n';
    const filler = Array.from({ length: 4000 }, (_, i) => `const filler${i} = ${i};`).join('\n');
    writeFileSync(join(session.workspace, 'big.js'), `${leak}${filler}\nmodule.exports = { tracker };\n`); // ~90 KB
    await steps.step('open a 90 KB file', () => openFile(page, 'big.js'));
    const rows = await steps.step('its finding recorded', () => waitUntil('the finding in big.js (diagnostics.json)',
      () => { const r = rowsFor(diagnostics(session), 'big.js'); return r.length > 0 && r; }, 30_000));
    assert.deepEqual(rows.map((r) => [r.rule, r.line]), [['unbounded-capture', 4]]);
  });

  test('a per-rule severity setting re-lints open documents under it', async () => {
    const { steps } = session;
    mkdirSync(join(session.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(session.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'leaklens.rules': { 'unbounded-capture': 'error' } }));
    const rows = await steps.step('finding raised to an error', () => waitUntil('big.js to be re-linted at error severity (diagnostics.json)',
      () => { const r = rowsFor(diagnostics(session), 'big.js'); return r.length > 0 && r.every((x) => x.severity === 'error') && r; }, 30_000));
    assert.deepEqual(rows.map((r) => [r.rule, r.line, r.severity]), [['unbounded-capture', 4, 'error']]);
    await steps.step('Problems panel shows it as an error', () => session.page.locator('.markers-panel .monaco-list-row', { hasText: 'unbounded-capture' })
      .filter({ has: session.page.locator('.codicon-error') }).first().waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the Problems panel showed no unbounded-capture row with an error icon within 15 s');
      }));
  });
});
