// LeakLens lints its own sources with no finding: our code is long-lived server-side code too (pooled
// inspector sessions, a heap monitor that runs for hours), and a finding here is either a leak of ours or a
// false-positive class of the linter's. Either way it is a bug to fix, not to suppress.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../support/cli';

const root = join(__dirname, '..', '..', '..');

test('leaklens lint src webview: no finding and no notice in our own code', async () => {
  const { code, out, err } = await runCli(['lint', 'src', 'webview', '--format', 'json'], root);
  assert.equal(err, '');
  const { results } = JSON.parse(out) as {
    results: {
      file: string;
      findings: { rule: string; range: { line: number } }[];
      notice?: { message: string };
    }[];
  };
  const reported = results.flatMap((r) => [
    ...r.findings.map((f) => `${r.file}:${f.range.line} ${f.rule}`),
    ...(r.notice ? [`${r.file}: ${r.notice.message}`] : []),
  ]);
  assert.deepEqual(reported, []);
  assert.ok(results.length > 100, `only ${results.length} files were linted`);
  assert.equal(code, 0);
});
