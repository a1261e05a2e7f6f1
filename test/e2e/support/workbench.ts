// The VS Code workbench as a user drives it: keyboard shortcuts, Quick Open, the command palette.
// Selectors are VS Code's own DOM classes; each wait names what it waits for.
import type { Page } from 'playwright-core';

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error(`the VS Code workbench did not appear at ${url} within 60 s`);
  });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error('the Explorer did not list the workspace files within 60 s');
  });
}

/** Picks from an open quick input (Quick Open or the command palette): waits until the focused row matches. */
async function pick(page: Page, text: string, what: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => { throw new Error(`the ${what} did not open within 15 s`); });
  await input.fill(what === 'command palette' ? `>${text}` : text);
  const focused = page.locator('.quick-input-list .monaco-list-row.focused');
  await focused.filter({ hasText: text }).first().waitFor({ timeout: 15_000 }).catch(async () => {
    const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    throw new Error(`the ${what} did not offer "${text}" within 15 s; it shows: ${JSON.stringify(shown.slice(0, 5))}`);
  });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Opens a workspace file by name with Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await pick(page, fileName, 'Quick Open');
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`the editor tab for ${fileName} did not become active within 15 s`);
  });
}

/** Runs a command by its palette label (F1). */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  await pick(page, label, 'command palette');
}
