// `leaklens watch` without --duration runs until Ctrl+C, then prints its summary and exits by itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startService } from '../../fixtures/services/spawnService';
import { spawnCli } from '../../support/cli';
import { until } from '../../support/events';

test('watch: SIGINT ends the run with the summary line and exit code 0', { timeout: 60_000 }, async () => {
  const service = await startService('middleware-service.mjs', ['steady']);
  const watch = spawnCli(['watch', '--port', String(service.inspectPort), '--format', 'json']);
  try {
    const samples = () => watch.outLines.filter((line) => line.includes('"type":"sample"')).length;
    await until(() => samples() >= 2, 'two samples from leaklens watch');
    const { code, out, err } = await watch.interrupt();
    const last = JSON.parse(out.at(-1)!) as { type: string; growing: boolean; samples: number };
    assert.equal(last.type, 'summary');
    assert.equal(last.growing, false);
    assert.ok(last.samples >= 2);
    assert.equal(code, 0, err.join('\n'));
  } finally {
    watch.kill();
    await service.kill();
  }
});
