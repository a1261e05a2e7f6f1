// Go in the editor as a user meets it in a real VS Code: opening a Gin middleware factory activates
// LeakLens and its leak, which is also a data race, shows as one error at the append; the hover explains both;
// the mutex fix picked from the Quick Fix menu removes the race and the file still parses (gofmt); Scan
// Workspace reports the Go files nobody opened, next to the JavaScript ones.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOnlyInserted, diagnosticRows, rowsFor, waitForRows } from './support/diagnosticRows';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { waitUntil } from './support/wait';
import { goTo, openFile, runCommand } from './support/workbench';

/** The incident's Gin logger without its mutex: the append both leaks and races. */
const GIN_FILE = 'gin/logger.go';
const GIN_TEXT = `// A Gin middleware factory: every request appends a line to the slice the handler captured.
package middleware

import (
	"fmt"

	"github.com/gin-gonic/gin"
)

func RequestLogger() gin.HandlerFunc {
	var logs []string
	return func(c *gin.Context) {
		c.Next()
		logs = append(logs, fmt.Sprintf("%s %s", c.Request.Method, c.Request.URL.Path))
	}
}
`;
const APPEND_LINE = GIN_TEXT.split('\n').findIndex((l) => l.includes('logs = append(')) + 1;
const APPEND_PREFIX = GIN_TEXT.split('\n')[APPEND_LINE - 1]!.split('append(')[0]!;
const APPEND_COLUMN = APPEND_PREFIX.length + 1;
/** Go to Line counts a (leading) tab as the editor's tab size: 4, "Tab Size: 4" in the status bar. */
const APPEND_VISUAL_COLUMN = APPEND_PREFIX.replace(/\t/g, '    ').length + 1;
/** A net/http handler of a package-level map, never opened: only Scan Workspace can report it. */
const HTTP_FILE = 'api/sessions.go';
const HTTP_TEXT = `package api

import "net/http"

var lastPath = map[string]string{}

func track(w http.ResponseWriter, r *http.Request) {
	lastPath[r.RemoteAddr] = r.URL.Path
}

func Register() { http.HandleFunc("/track", track) }
`;
const JS_LEAK_FILE = 'express/requestLogger.js';

/** [rule, line, severity] of each row, sorted by rule. */
const summary = (rows: { rule: string; line: number; severity: string }[]) => rows.map((r) => [r.rule, r.line, r.severity]).sort();

describe('LeakLens Go linting in VS Code', { timeout: 8 * 60_000 }, () => {
  let session: EditorSession;
  let fixture: string;
  before(async () => {
    fixture = mkdtempSync(join(tmpdir(), 'leaklens-go-fixture-'));
    cpSync(join(repoRoot, 'examples', 'express'), join(fixture, 'express'), { recursive: true });
    for (const [file, text] of [
      [GIN_FILE, GIN_TEXT],
      [HTTP_FILE, HTTP_TEXT],
    ] as const) {
      mkdirSync(join(fixture, file, '..'), { recursive: true });
      writeFileSync(join(fixture, file), text);
    }
    session = await openEditor('goLint', { fixture });
  });
  after(async () => {
    await session?.close();
    rmSync(fixture, { recursive: true, force: true });
  });

  // First, with no JavaScript file open: only the `go` language can have activated LeakLens.
  test('opening a Gin middleware factory shows the leak, which races, as one error at the append', async () => {
    const { page, steps } = session;
    await steps.step('open the Gin logger', () => openFile(page, GIN_FILE));
    await waitForActivation(session);
    // One diagnostic per cause: the growing write is the leak; that it races makes it an error and adds the mutex fix.
    const rows = await steps.step('the finding recorded', () =>
      waitForRows(session, GIN_FILE, 'the finding in logger.go', (found) => found.length === 1),
    );
    assert.deepEqual(summary(rows), [['unbounded-capture', APPEND_LINE, 'error']]);
    assert.match(rows[0]!.message, /data race/);
    await steps.step('error squiggle shown', () =>
      page
        .locator('.monaco-editor .squiggly-error')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error('no error squiggle appeared in logger.go within 30 s');
        }),
    );
    await steps.step('Problems panel lists the row at the append', async () => {
      await runCommand(page, 'View: Focus Problems');
      for (const rule of ['unbounded-capture']) {
        await page
          .locator('.markers-panel .monaco-list-row', { hasText: new RegExp(`${rule}.*Ln ${APPEND_LINE}, Col ${APPEND_COLUMN}`) })
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(() => {
            throw new Error(`the Problems panel showed no ${rule} row at Ln ${APPEND_LINE}, Col ${APPEND_COLUMN} within 15 s`);
          });
      }
    });
  });

  test('the hover explains the race, and the mutex fix from the Quick Fix menu removes it', async () => {
    const { page, steps } = session;
    await steps.step('back to the editor', () => openFile(page, GIN_FILE));
    await goTo(page, APPEND_LINE, APPEND_VISUAL_COLUMN);
    const hover = await steps.step('hover explains the race', async () => {
      await runCommand(page, 'Show or Focus Hover');
      const widget = page.locator('.monaco-hover', { hasText: 'LeakLens (unbounded-capture)' }).first();
      await widget.waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error('the hover did not show the unbounded-capture explanation within 15 s');
      });
      return widget.innerText();
    });
    assert.match(hover, /logs.*written.*no mutex held.*goroutine per request.*data race/s);
    assert.match(hover, /hand the data to one goroutine over a channel/, 'the hover lacks the Go advice');
    await page.keyboard.press('Escape');
    const menu = await steps.step('Quick Fix menu lists the mutex, the cap and the suppression', async () => {
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows
        .filter({ hasText: 'Hold logsMu' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the Quick Fix menu did not offer the mutex fix within 15 s');
        });
      return rows.allInnerTexts();
    });
    for (const offered of [
      /Hold logsMu around this write \(declare logsMu\)/,
      /Cap `?logs`? at maxLogs/,
      /Suppress unbounded-capture on this line/,
    ]) {
      assert.ok(
        menu.some((t) => offered.test(t)),
        `${offered} not in ${JSON.stringify(menu)}`,
      );
    }
    await steps.step('apply the mutex fix', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Hold logsMu' }).first().click();
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'logsMu.Lock()' })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('the editor text did not change to take logsMu within 15 s');
        });
    });
    // The fix adds three lines above the append: `"sync"` in the imports, `var logsMu sync.Mutex`, `logsMu.Lock()`.
    const rows = await steps.step('race gone, leak still there', () =>
      waitForRows(
        session,
        GIN_FILE,
        'only the leak (a warning, no race) to remain in logger.go after the fix',
        (found) => found.length === 1 && found[0]!.severity === 'warning',
      ),
    );
    assert.deepEqual(summary(rows), [['unbounded-capture', APPEND_LINE + 3, 'warning']]);
    const onDisk = join(session.workspace, GIN_FILE);
    await steps.step('save the fixed file (Ctrl+S)', () =>
      waitUntil(
        'logger.go on disk to hold the fix after Ctrl+S',
        async () => {
          await page.keyboard.press('Control+S');
          return readFileSync(onDisk, 'utf8').includes('logsMu.Unlock()');
        },
        15_000,
      ),
    );
    try {
      execFileSync('gofmt', ['-e', onDisk], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
      throw new Error(
        e.code === 'ENOENT'
          ? 'gofmt is not installed: apt-get install -y golang-go'
          : `the fixed logger.go does not parse: ${e.stderr?.toString() ?? e.message}`,
      );
    }
    assertOnlyInserted(GIN_TEXT, readFileSync(onDisk, 'utf8'), GIN_FILE);
  });

  test('Scan Workspace reports the Go files nobody opened, next to the JavaScript ones', async () => {
    const { page, steps } = session;
    await steps.step('run LeakLens: Scan Workspace', () => runCommand(page, 'LeakLens: Scan Workspace'));
    const rows = await steps.step('scan results recorded', () =>
      waitForRows(session, HTTP_FILE, 'the scan to report sessions.go', (found) => found.length === 1),
    );
    assert.deepEqual(summary(rows), [['unbounded-capture', 8, 'error']]);
    assert.deepEqual(summary(rowsFor(diagnosticRows(session), JS_LEAK_FILE)), [['unbounded-capture', 7, 'warning']]);
    await steps.step('summary counts the Go files', () =>
      page
        .locator('.notification-toast', { hasText: /LeakLens: Scanned 4 files .*: 2 findings in 2 files\./ })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error('no scan summary "Scanned 4 files …: 2 findings in 2 files." appeared within 15 s');
        }),
    );
  });
});
