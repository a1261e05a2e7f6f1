// `leaklens watch --format json | head -3`: when the reader goes away the CLI ends quietly (no EPIPE stack trace),
// against a real Node process started with --inspect.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { startService } from '../../fixtures/services/spawnService';

test('watch piped into a reader that stops after three lines ends quietly with exit code 0', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  try {
    const root = join(__dirname, '..', '..', '..');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, 'leaklens.ts'),
        'watch',
        '--port',
        String(service.inspectPort),
        '--format',
        'json',
        '--interval',
        '100',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = once(child, 'exit');
    // What `head -3` does: read three lines, then close its end of the pipe.
    let out = '';
    for await (const chunk of child.stdout) {
      out += chunk;
      if (out.split('\n').length > 3) break; // breaking out of the iterator destroys the stream: the pipe closes
    }
    const [code, signal] = await exited;
    assert.equal(err, '', 'nothing on stderr: no EPIPE error or stack trace');
    assert.deepEqual([code, signal], [0, null]);
  } finally {
    await service.kill();
  }
});
