// The VS Code workbench as a user drives it: keyboard shortcuts, Quick Open, the command palette.
// Selectors are VS Code's own DOM classes; each wait names what it waits for.
import type { FrameLocator, Page } from 'playwright-core';

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 60_000 });
  await page
    .locator('.monaco-workbench')
    .waitFor({ timeout: 60_000 })
    .catch(() => {
      throw new Error(`the VS Code workbench did not appear at ${url} within 60 s`);
    });
  await page
    .locator('.explorer-folders-view .monaco-list-row')
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(() => {
      throw new Error('the Explorer did not list the workspace files within 60 s');
    });
}

async function openQuickInput(page: Page, key: string, query: string, what: string): Promise<void> {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`the ${what} did not open within 15 s`);
  });
  await input.fill(query);
}

async function shownRows(page: Page): Promise<string> {
  return JSON.stringify((await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).slice(0, 5));
}

/**
 * Opens a workspace file by its relative path with Quick Open (Ctrl+P) and waits for its editor tab to be
 * active. The row is picked by its exact file name: recently opened files are listed first, and
 * `boundedRequestLogger.js` also contains the text `requestLogger.js`.
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  await openQuickInput(page, 'Control+P', relativePath, 'Quick Open');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name').getByText(name, { exact: true }) })
    .first();
  await row.waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(`Quick Open did not list ${relativePath} within 15 s; it shows: ${await shownRows(page)}`);
  });
  await row.click();
  await page
    .locator('.tab.active')
    .filter({ has: page.getByText(name, { exact: true }) })
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error(`the editor tab for ${relativePath} did not become active within 15 s`);
    });
}

/** Runs a command by its palette label (F1), once the focused row shows that label. */
/** Runs **LeakLens: Compare Heap Snapshots** and picks _The last two snapshots_ (the newest pair in the workspace). */
export async function compareLastTwo(page: Page): Promise<void> {
  await runCommand(page, 'LeakLens: Compare Heap Snapshots');
  const lastTwo = page.locator('.quick-input-list .monaco-list-row', { hasText: 'The last two snapshots' }).first();
  await lastTwo.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('the compare command did not offer "The last two snapshots" within 15 s');
  });
  await lastTwo.click();
}

export async function runCommand(page: Page, label: string): Promise<void> {
  await openQuickInput(page, 'F1', `>${label}`, 'command palette');
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first();
  await row.waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(`the command palette did not offer "${label}" within 15 s; it shows: ${await shownRows(page)}`);
  });
  await page.keyboard.press('Enter');
  // Not "the quick input hides": many commands open their own quick input right away.
  await row.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {
    throw new Error(`the command palette still shows "${label}" 10 s after Enter`);
  });
}

/** Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('Go to Line did not open within 15 s');
  });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The document of the visible webview (a view or a panel): VS Code nests each webview in two iframes. */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}
