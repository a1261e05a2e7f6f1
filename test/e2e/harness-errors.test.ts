// The harness's own failure reports: each bad situation ends quickly with a message that says what to do.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCodeServer } from '../../scripts/e2e/codeServer';
import { ensureHarness } from '../../scripts/e2e/install';
import { launchChromium } from './support/browser';
import { openEditor, repoRoot, waitForActivation } from './support/session';
import { openFile } from './support/workbench';

async function withRunDir(body: (runDir: string) => Promise<void>): Promise<void> {
  const runDir = await mkdtemp(join(tmpdir(), 'leaklens-e2e-'));
  try {
    await body(runDir);
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

test('a missing Chromium is named, with how to install it', async () => {
  await assert.rejects(
    launchChromium('/nonexistent/chromium'),
    /Chromium not found at \/nonexistent\/chromium: install it with `apt-get install chromium`/,
  );
});

test('a port already in use is reported before code-server starts', { timeout: 60_000 }, async () => {
  const harness = await ensureHarness();
  const occupier = createServer();
  await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
  const { port } = occupier.address() as AddressInfo;
  try {
    await withRunDir((runDir) =>
      assert.rejects(
        startCodeServer({ harness, workspace: repoRoot, runDir, port }),
        new RegExp(`port 127\\.0\\.0\\.1:${port} is already in use`),
      ),
    );
  } finally {
    occupier.close();
  }
});

test('code-server failing to start is reported with the tail of its log', { timeout: 60_000 }, async () => {
  const harness = await ensureHarness();
  await withRunDir(async (runDir) => {
    const config = join(runDir, 'bad-config.yaml');
    writeFileSync(config, 'auth: bogus\n');
    await assert.rejects(
      startCodeServer({ harness, workspace: repoRoot, runDir, env: { CODE_SERVER_CONFIG: config } }),
      /code-server exited \(exit \d+\) before it was listening; log .*code-server\.log ends with:\n[^]*--auth valid values/,
    );
  });
});

test('an extension that fails to activate is reported with the extension host log', { timeout: 3 * 60_000 }, async () => {
  const session = await openEditor('activation-failure', {
    afterInstall: (extensionsDir) => {
      const [installed = 'leaklens.leaklens-(not installed)'] = readdirSync(extensionsDir).filter((name) =>
        name.startsWith('leaklens.leaklens-'),
      );
      writeFileSync(
        join(extensionsDir, installed, 'dist', 'extension.js'),
        "throw new Error('LeakLens broken on purpose by the e2e test');\n",
      );
    },
  });
  try {
    await session.steps.step('open a JavaScript file', () => openFile(session.page, 'express/requestLogger.js'));
    await assert.rejects(
      waitForActivation(session, 20_000),
      /timed out after 20 s waiting for LeakLens to activate[^]*The extension host log says:[^]*LeakLens broken on purpose/,
    );
  } finally {
    await session.close();
  }
});
