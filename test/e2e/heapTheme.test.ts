// The heap chart follows the colour theme: switched through "Preferences: Color Theme" in a real VS Code,
// the chart is redrawn in the new theme's colours (read from the webview's own --vscode-* variables) and
// the old theme's colours are gone from the canvas — dark → light → high contrast. In each theme the legend's
// swatches are the drawn colours, and a secondary button stays readable hovered, clicked and focused; with LEAKLENS_SCREENSHOTS=1
// the panel is saved to docs/screenshots/ in each theme.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startService, type RunningService } from '../fixtures/services/spawnService';
import {
  attachByAddress,
  chartPalette,
  opaqueRgb,
  openHeapView,
  pixelsIn,
  textContrast,
  turnOnLeakCheck,
  type PanelState,
} from './support/heapView';
import { openEditor, waitForActivation, type EditorSession } from './support/session';
import { readJson, waitUntil } from './support/wait';
import { activeWebview, openFile } from './support/workbench';

/** The variables the chart draws with (webview/heap/main.ts): series, axis text, grid. */
const CHART_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-foreground', '--vscode-editorWidget-border'];
async function pickColourTheme(page: Page, theme: string): Promise<void> {
  // Its keybinding: in the palette, "Browse Color Themes in Marketplace" ranks above the command itself.
  await page.locator('.monaco-workbench').press('Control+K');
  await page.keyboard.press('Control+T');
  await page
    .locator('.quick-input-widget .quick-input-list')
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error('the colour theme picker did not open within 15 s');
    });
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  await page
    .locator('.quick-input-list .monaco-list-row.focused', { hasText: theme })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error(`the colour theme picker did not offer "${theme}" within 15 s`);
    });
  await page.keyboard.press('Enter');
}

/** The series whose legend swatch must be the drawn colour: heap used, total, and the post-GC dots. */
const SERIES_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-yellow'];
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Each series colour fills its legend swatch (a 40×12 box: far more pixels than its 1–2 px outline). */
async function assertLegendSwatches(page: Page, theme: string): Promise<void> {
  const palette = await chartPalette(page, SERIES_VARIABLES);
  const colours = SERIES_VARIABLES.map((v) => opaqueRgb(palette[v]!)).filter((c): c is [number, number, number] => c !== undefined);
  let counts: number[] = [];
  await waitUntil(
    `${theme}: the legend's swatches filled with the drawn colours ${JSON.stringify(palette)}`,
    async () => {
      const legendBottom = Number(await activeWebview(page).locator('canvas#chart').getAttribute('data-legend-bottom'));
      counts = await pixelsIn(page, colours, legendBottom);
      return counts.every((n) => n >= 200);
    },
    15_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; pixels in the legend band: ${JSON.stringify(counts)}`);
  });
}

async function screenshot(page: Page, theme: string): Promise<void> {
  if (!process.env.LEAKLENS_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('.part.sidebar').screenshot({ path: join(SCREENSHOTS, `heap-panel-${theme.toLowerCase().replace(/ /g, '-')}.png`) });
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

  test("dark → light → high contrast: the chart is redrawn in each theme's colours", async () => {
    const { page, steps } = session;
    const state = () => readJson<PanelState>(join(session.stateDir, 'heap-panel.json'));
    await steps.step('open a JavaScript file (activates LeakLens)', () => openFile(page, 'express/server.js'));
    await waitForActivation(session);
    await steps.step('attach to a service and open the LeakLens view', async () => {
      await attachByAddress(page, String(service.inspectPort));
      await waitUntil('heap-panel.json to show samples', () => state()?.status === 'attached' && (state()?.samples ?? 0) >= 3, 30_000);
      await openHeapView(page);
      await activeWebview(page)
        .locator('#status', { hasText: 'Attached to' })
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error('the heap panel did not show "Attached to" within 30 s');
        });
    });
    await steps.step('turn on the leak check (post-GC dots on the chart)', () => turnOnLeakCheck(page, state));
    await waitUntil('a verdict (post-GC points drawn)', () => state()?.verdict !== 'collecting', 90_000);
    await steps.step('Preferences: Color Theme → Dark Modern', async () => {
      await pickColourTheme(page, 'Dark Modern');
      await activeWebview(page)
        .locator('body.vscode-dark')
        .waitFor({ timeout: 15_000 })
        .catch(() => {
          throw new Error("the webview's body did not get the class vscode-dark within 15 s");
        });
    });
    await steps.step('Dark Modern: legend swatches are the drawn colours', () => assertLegendSwatches(page, 'Dark Modern'));
    await screenshot(page, 'Dark Modern');

    let before = await chartPalette(page, CHART_VARIABLES);
    for (const [theme, bodyClass] of [
      ['Light Modern', 'vscode-light'],
      ['Dark High Contrast', 'vscode-high-contrast'],
    ] as const) {
      await steps.step(`Preferences: Color Theme → ${theme}`, async () => {
        await pickColourTheme(page, theme);
        await activeWebview(page)
          .locator(`body.${bodyClass}`)
          .waitFor({ timeout: 15_000 })
          .catch(() => {
            throw new Error(`the webview's body did not get the class ${bodyClass} within 15 s`);
          });
      });
      const now = await chartPalette(page, CHART_VARIABLES);
      // Colours that changed, opaque in both themes, whose old value is not also one of the new theme's.
      const changed = CHART_VARIABLES.filter(
        (v) => now[v] !== before[v] && opaqueRgb(now[v]!) && opaqueRgb(before[v]!) && !Object.values(now).includes(before[v]!),
      );
      assert.ok(changed.length > 0, `${theme} changes at least one chart colour: ${JSON.stringify({ before, now })}`);
      let seen = '';
      await steps.step(`the chart is drawn in ${theme}'s colours`, () =>
        waitUntil(
          `the canvas to show ${theme}'s ${changed.join(', ')} and none of the previous theme's`,
          async () => {
            const fresh = await pixelsIn(
              page,
              changed.map((v) => opaqueRgb(now[v]!)!),
            );
            const stale = await pixelsIn(
              page,
              changed.map((v) => opaqueRgb(before[v]!)!),
            );
            seen = JSON.stringify({ changed, fresh, stale });
            return changed.every((_, k) => fresh[k]! >= 20 && stale[k]! === 0);
          },
          15_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}; pixels counted: ${seen}`);
        }),
      );
      console.log(`${theme}: ${seen}`);
      await steps.step(`${theme}: legend swatches are the drawn colours`, () => assertLegendSwatches(page, theme));
      await steps.step(`${theme}: a secondary button hovered, just clicked, and focused is readable`, async () => {
        const pause = activeWebview(page).locator('#pause');
        const readable = async (how: string) => {
          const contrast = await textContrast(page, '#pause');
          assert.ok(
            contrast.ratio >= 4.5,
            `${theme}: ${how} "${await pause.innerText()}" has contrast ${contrast.ratio.toFixed(2)} (${contrast.color} on ${contrast.background})`,
          );
        };
        await pause.hover();
        await readable('hovered');
        // Clicked (Pause → Resume): still under the pointer, and focused.
        await pause.click();
        await activeWebview(page).locator('#pause', { hasText: 'Resume' }).waitFor({ timeout: 10_000 });
        await readable('just clicked');
        await page.mouse.move(0, 0);
        assert.equal(await pause.evaluate((el) => el === document.activeElement), true, 'the clicked button has the focus');
        await readable('focused');
        // Resume, from the keyboard: the focused button, as a keyboard user reaches it (focus-visible).
        await page.keyboard.press('Enter');
        await activeWebview(page).locator('#pause', { hasText: 'Pause' }).waitFor({ timeout: 10_000 });
        await readable('keyboard-focused');
      });
      await screenshot(page, theme);
      before = now;
    }
  });
});
