// `leaklens watch` without --duration runs until Ctrl+C, then prints its summary and exits by itself.
// (-e gives no script path in argv, so one is put in for the CLI's argv.slice(2).)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { startService } from '../../fixtures/services/spawnService';

test('watch: SIGINT ends the run with the summary line and exit code 0', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  try {
    const root = join(__dirname, '..', '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', "process.argv.splice(1, 0, 'leaklens'); require('./src/cli/main').cli()", 'watch', '--port', String(service.inspectPort), '--format', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = once(child, 'exit');
    const deadline = Date.now() + 30_000;
    while ((out.match(/"type":"sample"/g) ?? []).length < 2) {
      assert.ok(Date.now() < deadline, `no two samples within 30 s; stdout: ${out} stderr: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    const [code] = await exited;
    const last = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.equal(last.type, 'summary');
    assert.equal(last.growing, false);
    assert.ok(last.samples >= 2);
    assert.equal(code, 0, err);
  } finally {
    await service.kill();
  }
});
