// LeakLens in a real VS Code (code-server + headless Chromium) on a copy of the examples workspace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEditor, repoRoot, waitForActivation, type EditorSession } from './support/session';
import { openFile } from './support/workbench';

describe('LeakLens in VS Code', { timeout: 8 * 60_000 }, () => {
  let session: EditorSession;
  before(async () => { session = await openEditor('editor'); });
  after(async () => { await session?.close(); });

  test('activates when a JavaScript file is opened', async () => {
    const { page, steps } = session;
    await steps.step('open the leaking request logger', () => openFile(page, 'requestLogger.js'));
    const activated = await steps.step('extension activated', () => waitForActivation(session));
    assert.equal(activated.version, JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
  });
});
