// The heap view as the e2e tests drive it: its state file, and attaching through the target picker.
import type { Page } from 'playwright-core';
import { runCommand } from './workbench';

/** What the extension writes to `heap-panel.json` in the test state folder (src/extension/testState.ts). */
export interface PanelState { target: string | null; status: string; samples: number; verdict: string; text: string; viewVisible: boolean; gcEveryMs: number }

/** Types `text` into the open quick input and accepts it. */
export async function quickInput(page: Page, text: string, what: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => { throw new Error(`${what} did not open within 15 s`); });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** "LeakLens: Attach Heap View…" → "Enter an address…" → `address` (a port, host:port or URL). */
export async function attachByAddress(page: Page, address: string): Promise<void> {
  await runCommand(page, 'LeakLens: Attach Heap View…');
  await quickInput(page, 'Enter an address', 'the target picker');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Attach the heap view to' }).waitFor({ timeout: 15_000 })
    .catch(() => { throw new Error('the address box did not open within 15 s'); });
  await quickInput(page, address, 'the address box');
}

/** Opens the LeakLens view from the activity bar. */
export async function openHeapView(page: Page): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="LeakLens"]').click();
}
