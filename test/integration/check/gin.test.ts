// `leaklens check --pprof` on the Gin examples (Debian's Go 1.19 and Gin, GOPATH mode): the leaking logger
// fails and names `logs` at the append line, confirmed at runtime; the fixed twin passes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildFixture, requireGo } from '../go/goService';
import { freePort, leaklensCheck, processesMentioning } from './checkCli';

const out = mkdtempSync(join(tmpdir(), 'check-gin-'));
after(() => rmSync(out, { recursive: true, force: true }));
const binaries: Record<string, string> = {};
before(
  async () => {
    requireGo();
    binaries.leaky = await buildFixture('leaky');
    binaries.fixed = await buildFixture('fixed');
  },
  { timeout: 600_000 },
);

async function checkGin(name: 'leaky' | 'fixed') {
  const port = await freePort();
  // MEMPROFILERATE=1: exact heap profiles, so the fixed twin's figures are not sampling noise.
  const start = `PORT=${port} MEMPROFILERATE=1 ${binaries[name]}`;
  const run = await leaklensCheck([
    '--start',
    start,
    '--url',
    `http://127.0.0.1:${port}/hello`,
    '--pprof',
    `http://127.0.0.1:${port}/debug/pprof/`,
    '--rate',
    '100',
    '--duration',
    '20',
    '--format',
    'json',
    '--out',
    join(out, name),
  ]);
  console.log(run.summary && JSON.stringify({ ...run.summary, run: undefined }));
  assert.deepEqual(processesMentioning(`PORT=${port}`), [], 'nothing left running');
  return run;
}

test('the leaking Gin logger fails (exit 1), naming `logs` at the append line', { timeout: 240_000 }, async () => {
  const run = await checkGin('leaky');
  assert.equal(run.code, 1, run.err);
  assert.equal(run.summary.growing, true);
  assert.ok(run.summary.bytesPerRequest > 1000 && run.summary.requests > 500);
  const site = run.summary.evidence.sites.find((s: any) => s.variable === 'logs');
  assert.ok(site, `the evidence names \`logs\`: ${JSON.stringify(run.summary.evidence)}`);
  assert.equal(site.function, 'main.RequestLogger.func1');
  assert.match(readFileSync(site.file, 'utf8').split('\n')[site.line - 1]!, /logs = append\(logs/);
  assert.equal(site.confirms.rule, 'unbounded-capture');
  assert.match(readFileSync(join(out, 'leaky', 'summary.md'), 'utf8'), /`logs`[\s\S]*main\.go:\d+/);
});

test('the fixed Gin twin passes (exit 0)', { timeout: 240_000 }, async () => {
  const run = await checkGin('fixed');
  assert.equal(run.code, 0, run.err);
  assert.equal(run.summary.growing, false);
  assert.ok(run.summary.requests > 500);
});
