// The heap chart follows the colour theme: switched through "Preferences: Color Theme" in a real VS Code,
// the chart is redrawn in the new theme's colours (read from the webview's own --vscode-* variables) and
// the old theme's colours are gone from the canvas — dark → light → high contrast.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startService, type RunningService } from '../fixtures/services/spawnService';
import { attachByAddress, chartPalette, opaqueRgb, openHeapView, pixelsIn, type PanelState } from './support/heapView';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { activeWebview, openFile } from './support/workbench';

/** The variables the chart draws with (webview/heap/main.ts): series, axis text, grid. */
const CHART_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-foreground', '--vscode-editorWidget-border'];
async function pickColourTheme(page: Page, theme: string): Promise<void> {
  // Its keybinding: in the palette, "Browse Color Themes in Marketplace" ranks above the command itself.
  await page.locator('.monaco-workbench').press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-list').waitFor({ timeout: 15_000 })
    .catch(() => { throw new Error('the colour theme picker did not open within 15 s'); });
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme }).first().waitFor({ timeout: 15_000 })
    .catch(() => { throw new Error(`the colour theme picker did not offer "${theme}" within 15 s`); });
  await page.keyboard.press('Enter');
}

describe('the heap chart follows the colour theme', { timeout: 6 * 60_000 }, () => {
  let session: EditorSession;
  let service: RunningService;
  before(async () => {
    service = await startService('middleware-service.mjs', ['steady']);
    session = await openEditor('heap-theme');
  });
  after(async () => {
    await session?.close();
    await service?.kill();
  });

  test('dark → light → high contrast: the chart is redrawn in each theme\'s colours', async () => {
    const { page, steps } = session;
    const state = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    await steps.step('open a JavaScript file (activates LeakLens)', () => openFile(page, 'express/server.js'));
    await waitForActivation(session);
    await steps.step('attach to a service and open the LeakLens view', async () => {
      await attachByAddress(page, String(service.inspectPort));
      await waitUntil('heap-panel.json to show samples', () => state()?.status === 'attached' && (state()?.samples ?? 0) >= 3, 30_000);
      await openHeapView(page);
      await activeWebview(page).locator('#status', { hasText: 'Attached to' }).waitFor({ timeout: 30_000 })
        .catch(() => { throw new Error('the heap panel did not show "Attached to" within 30 s'); });
    });

    let before = await chartPalette(page, CHART_VARIABLES);
    for (const [theme, bodyClass] of [['Light Modern', 'vscode-light'], ['Dark High Contrast', 'vscode-high-contrast']] as const) {
      await steps.step(`Preferences: Color Theme → ${theme}`, async () => {
        await pickColourTheme(page, theme);
        await activeWebview(page).locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 })
          .catch(() => { throw new Error(`the webview's body did not get the class ${bodyClass} within 15 s`); });
      });
      const now = await chartPalette(page, CHART_VARIABLES);
      // Colours that changed, opaque in both themes, whose old value is not also one of the new theme's.
      const changed = CHART_VARIABLES.filter((v) => now[v] !== before[v] && opaqueRgb(now[v]!) && opaqueRgb(before[v]!) && !Object.values(now).includes(before[v]!));
      assert.ok(changed.length > 0, `${theme} changes at least one chart colour: ${JSON.stringify({ before, now })}`);
      let seen = '';
      await steps.step(`the chart is drawn in ${theme}'s colours`, () => waitUntil(`the canvas to show ${theme}'s ${changed.join(', ')} and none of the previous theme's`, async () => {
        const fresh = await pixelsIn(page, changed.map((v) => opaqueRgb(now[v]!)!));
        const stale = await pixelsIn(page, changed.map((v) => opaqueRgb(before[v]!)!));
        seen = JSON.stringify({ changed, fresh, stale });
        return changed.every((_, k) => fresh[k]! >= 20 && stale[k]! === 0);
      }, 15_000).catch((error: Error) => { throw new Error(`${error.message}; pixels counted: ${seen}`); }));
      console.log(`${theme}: ${seen}`);
      before = now;
    }
  });
});
