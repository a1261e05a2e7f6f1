// One end-to-end session: the harness (installed once into the user cache), a throwaway copy of a
// workspace, code-server with the packaged LeakLens in a fresh profile, and headless Chromium on it.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installExtension, startCodeServer, type CodeServer } from '../../../scripts/e2e/codeServer';
import { ensureHarness } from '../../../scripts/e2e/install';
import { launchChromium } from './browser';
import { Steps } from './steps';
import { readJson, waitUntil } from './wait';
import { waitForWorkbench } from './workbench';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const vsixPath = join(repoRoot, 'dist', 'leaklens.vsix');

export interface EditorSession {
  page: Page;
  steps: Steps;
  server: CodeServer;
  /** The throwaway copy of the workspace that the editor has open (tests may edit it). */
  workspace: string;
  /** Where the extension's test hook writes its JSON files. */
  stateDir: string;
  close(): Promise<void>;
}

export interface EditorOptions {
  /** The workspace folder to copy and open; the examples by default. */
  fixture?: string;
  /** Runs between installing the .vsix and starting code-server (tests of failure reporting break it here). */
  afterInstall?: (extensionsDir: string) => void;
  /** The extension package to install; dist/leaklens.vsix by default. */
  vsix?: string;
  /** A .code-workspace file inside the fixture to open (a multi-root workspace) instead of the folder. */
  workspaceFile?: string;
}

export async function openEditor(testName: string, options: EditorOptions = {}): Promise<EditorSession> {
  const { fixture = join(repoRoot, 'examples'), vsix = vsixPath } = options;
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm run test:e2e does)`);
  const harness = await ensureHarness((line) => console.log(line));
  const runDir = mkdtempSync(join(tmpdir(), 'leaklens-e2e-'));
  const workspace = join(runDir, 'workspace');
  cpSync(fixture, workspace, { recursive: true, filter: (source) => !source.includes('node_modules') });
  const stateDir = join(runDir, 'state');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (steps?: Steps): Promise<void> => {
    await browser?.close().catch(() => {});
    await server?.stop();
    // Keep code-server's log beside the screenshots, for the failure that needs it.
    if (steps && server) cpSync(server.logFile, join(steps.dir, 'code-server.log'));
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const extensionsDir = await installExtension(harness, runDir, vsix);
    options.afterInstall?.(extensionsDir);
    server = await startCodeServer({ harness, workspace, runDir, env: { LEAKLENS_TEST_STATE_DIR: stateDir } });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(30_000);
    const steps = new Steps(page, testName);
    const url = options.workspaceFile
      ? server.url.replace(/\?folder=.*$/, `?workspace=${encodeURIComponent(join(workspace, options.workspaceFile))}`)
      : server.url;
    await steps.step('open workbench', () => waitForWorkbench(page, url));
    return { page, steps, server, workspace, stateDir, close: () => close(steps) };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits for the extension's activated.json; on a timeout the message carries the extension host log. */
export async function waitForActivation(session: EditorSession, timeoutMs = 60_000): Promise<{ version: string }> {
  try {
    return await waitUntil(
      'LeakLens to activate (activated.json from its test hook)',
      () => readJson<{ version: string }>(join(session.stateDir, 'activated.json')),
      timeoutMs,
    );
  } catch (error) {
    await writeFile(join(session.steps.dir, 'extension-host.log'), session.server.extensionHostLogs());
    throw new Error(`${(error as Error).message}\nThe extension host log says:\n${session.server.extensionHostLogs()}`);
  }
}
