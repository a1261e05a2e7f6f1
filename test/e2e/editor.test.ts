// LeakLens in a real VS Code (code-server + headless Chromium) on a copy of the examples workspace: the
// packaged extension installs and activates. The features have their own files (lint, heap, snapshot).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { openFile } from './support/workbench';

describe('LeakLens in VS Code', { timeout: 4 * 60_000 }, () => {
  let session: EditorSession;
  before(async () => {
    session = await openEditor('editor');
  });
  after(async () => {
    await session?.close();
  });

  test('the packaged extension activates when a JavaScript file is opened', async () => {
    const { page, steps } = session;
    await steps.step('open the leaking request logger', () => openFile(page, 'express/requestLogger.js'));
    const activated = await steps.step('extension activated', () => waitForActivation(session));
    assert.equal(activated.version, JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
  });
});
