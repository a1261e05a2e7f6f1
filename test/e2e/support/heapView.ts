// The heap view as the e2e tests drive it: its state file, and attaching through the target picker.
import type { Page } from 'playwright-core';
import { waitUntil } from './wait';
import { activeWebview, runCommand } from './workbench';

/** What the extension writes to `heap-panel.json` in the test state folder (src/extension/testState.ts). */
export interface PanelState {
  target: string | null;
  status: string;
  samples: number;
  verdict: string;
  text: string;
  viewVisible: boolean;
  gcEveryMs: number;
}

/** Types `text` into the open quick input and accepts it. */
export async function quickInput(page: Page, text: string, what: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`${what} did not open within 15 s`);
  });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** "LeakLens: Attach Heap View…" → "Enter an address…" → `address` (a port, host:port or URL). */
export async function attachByAddress(page: Page, address: string): Promise<void> {
  await runCommand(page, 'LeakLens: Attach Heap View…');
  await quickInput(page, 'Enter an address', 'the target picker');
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: 'Attach the heap view to' })
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error('the address box did not open within 15 s');
    });
  await quickInput(page, address, 'the address box');
}

/** Opens the LeakLens view from the activity bar. */
export async function openHeapView(page: Page): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="LeakLens"]').click();
}

/** The theme variable the goroutine series is drawn in (webview/heap/main.ts). */
export const GOROUTINE_COLOUR = '--vscode-charts-orange';

/** Ticks the panel's "Check for a leak" box and waits until the monitor forces GCs every 5 s. */
export async function turnOnLeakCheck(page: Page, state: () => PanelState | undefined): Promise<void> {
  await activeWebview(page).locator('#leakCheck').check();
  await waitUntil('the monitor to force GCs (gcEveryMs 5000)', () => state()?.gcEveryMs === 5000, 10_000);
}

/** Waits for the panel's "growing" verdict and returns its text. */
export async function waitForGrowing(page: Page, state: () => PanelState | undefined, timeoutMs: number): Promise<string> {
  await activeWebview(page)
    .locator('#verdict.growing')
    .waitFor({ timeout: timeoutMs })
    .catch(() => {
      throw new Error(`the panel did not show a "growing" verdict within ${timeoutMs / 1000} s; state: ${JSON.stringify(state())}`);
    });
  return activeWebview(page).locator('#verdict').innerText();
}

/**
 * Answers "Take Heap Snapshot"'s target prompt: its address box, reached through "Another address…" when
 * the picker lists targets it found first. Returns the address the box offered before it was typed over.
 */
export async function enterSnapshotTarget(page: Page, address: string): Promise<string> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('Take Heap Snapshot asked for no target within 15 s');
  });
  const another = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Another address' });
  if (await another.count()) await another.first().click();
  await page
    .locator('.quick-input-widget', { hasText: 'inspector address or pprof URL' })
    .waitFor({ timeout: 10_000 })
    .catch(() => {
      throw new Error('the address box (inspector address or pprof URL) did not open within 10 s');
    });
  const offered = await input.inputValue();
  await quickInput(page, address, 'the address box');
  return offered;
}

/** The webview's current values of theme variables (e.g. `--vscode-charts-blue`), by name. */
export async function chartPalette(page: Page, names: readonly string[]): Promise<Record<string, string>> {
  return activeWebview(page)
    .locator('body')
    .evaluate((body, vars) => {
      const css = getComputedStyle(body);
      return Object.fromEntries(vars.map((n) => [n, css.getPropertyValue(n).trim()]));
    }, names);
}

/** `#rgb`, `#rrggbb[aa]`, `rgb(…)` or `rgba(…)` → [r, g, b] when opaque; translucent colours blend, so they are not counted. */
export function opaqueRgb(colour: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    const [r, g, b, a = 255] = [0, 2, 4, 6].map((i) => (i < full.length ? parseInt(full.slice(i, i + 2), 16) : undefined));
    return a === 255 ? [r!, g!, b!] : undefined;
  }
  const fn = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(colour);
  if (fn) return fn[4] === undefined || Number(fn[4]) === 1 ? [Number(fn[1]), Number(fn[2]), Number(fn[3])] : undefined;
  return undefined;
}

/**
 * Pixels of the chart's canvas drawn in each colour (mostly opaque, each channel within 2 of it); with
 * `topCssPx`, only in that many CSS pixels from the top (the legend's band).
 */
export async function pixelsIn(page: Page, colours: [number, number, number][], topCssPx?: number): Promise<number[]> {
  return activeWebview(page)
    .locator('canvas#chart')
    .evaluate(
      (canvas: HTMLCanvasElement, [targets, top]) => {
        const height = top === undefined ? canvas.height : Math.min(canvas.height, Math.round(top * (canvas.height / canvas.clientHeight)));
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, height);
        const counts = targets.map(() => 0);
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! < 160) continue;
          targets.forEach(([r, g, b], k) => {
            if (Math.abs(data[i]! - r) <= 2 && Math.abs(data[i + 1]! - g) <= 2 && Math.abs(data[i + 2]! - b) <= 2) counts[k]!++;
          });
        }
        return counts;
      },
      [colours, topCssPx] as const,
    );
}

/** WCAG contrast ratio of an element's text against its background, as the webview computes them. */
export async function textContrast(page: Page, selector: string): Promise<{ ratio: number; color: string; background: string }> {
  // Only the computed colours come from the page (code inside evaluate must not define named helpers).
  const { color, background } = await activeWebview(page)
    .locator(selector)
    .evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));
  const rgb = (c: string) => (/rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(c) ?? []).slice(1, 4).map(Number);
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [luminance(rgb(color)), luminance(rgb(background))];
  return { ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), color, background };
}
