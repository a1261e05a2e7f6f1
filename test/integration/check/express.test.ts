// `leaklens check` on the Express examples: the leaking request logger fails and names `entries` and its
// line; the bounded twin passes; the twin as baseline against the leak as candidate fails. Real Node
// processes, a real inspector, real load; about two minutes in all.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sarifSchemaErrors } from '../../unit/cli/sarifSchema';
import { freePort, leaklensCheck, processesMentioning, TRACE_HEADER } from './checkCli';

const out = mkdtempSync(join(tmpdir(), 'check-express-'));
after(() => rmSync(out, { recursive: true, force: true }));
const LOAD = ['--rate', '200', '--duration', '20', '--header', TRACE_HEADER, '--format', 'json'];

async function express(fixed: boolean): Promise<{ start: string; url: string; port: number }> {
  const port = await freePort();
  return { start: `node examples/express/server.js --port ${port}${fixed ? ' --fixed' : ''}`, url: `http://127.0.0.1:${port}/`, port };
}

function assertNamesEntries(summary: any, run: string): void {
  const site = summary.evidence.sites.find((s: any) => s.variable === 'entries');
  assert.ok(site, `${run}: the evidence names \`entries\`: ${JSON.stringify(summary.evidence)}`);
  assert.match(site.file, /examples\/express\/requestLogger\.js$/);
  const source = readFileSync(site.file, 'utf8').split('\n');
  assert.match(source[site.line - 1] ?? '', /entries\.push/, `${run}: line ${site.line} is the push`);
  assert.deepEqual(site.confirms && { rule: site.confirms.rule, target: site.confirms.target }, {
    rule: 'unbounded-capture',
    target: 'entries',
  });
}

test(
  'the leaking Express logger fails (exit 1), named down to `entries` and its line, with every report',
  { timeout: 240_000 },
  async () => {
    const service = await express(false);
    const dir = join(out, 'leak');
    const run = await leaklensCheck(['--start', service.start, '--url', service.url, '--out', dir, ...LOAD]);
    console.log(run.summary && JSON.stringify({ ...run.summary, run: undefined }));
    assert.equal(run.code, 1, run.err);
    assert.equal(run.summary.growing, true);
    assert.ok(run.summary.bytesPerMinute > 1e6 && run.summary.bytesPerRequest > 500 && run.summary.requests > 1000);
    assertNamesEntries(run.summary, 'leak');
    for (const file of run.summary.evidence.files) assert.ok(existsSync(file), `${file} was written`);
    assert.match(
      readFileSync(join(dir, 'summary.md'), 'utf8'),
      /entries[\s\S]*confirmed at runtime[\s\S]*!\[heap after GC over time\]\(heap\.svg\)/,
    );
    assert.match(readFileSync(join(dir, 'heap.svg'), 'utf8'), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<circle /);
    assert.match(
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
      /<testsuite [^>]*failures="1"[\s\S]*<failure [^>]*type="runtime-growth"[\s\S]*entries/,
    );
    const sarif = JSON.parse(readFileSync(join(dir, 'check.sarif'), 'utf8'));
    assert.equal(sarifSchemaErrors(sarif), 'No errors');
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'runtime-growth');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'examples/express/requestLogger.js');
    assert.deepEqual(processesMentioning(`--port ${service.port}`), [], 'nothing left running');
  },
);

test('the bounded twin passes (exit 0) and leaves nothing running', { timeout: 240_000 }, async () => {
  const service = await express(true);
  const run = await leaklensCheck(['--start', service.start, '--url', service.url, '--out', join(out, 'fixed'), ...LOAD]);
  console.log(run.summary && JSON.stringify({ ...run.summary, run: undefined }));
  assert.equal(run.code, 0, run.err);
  assert.equal(run.summary.growing, false);
  assert.equal(run.summary.evidence, undefined, 'no snapshots for a steady service');
  assert.ok(run.summary.requests > 1000);
  assert.deepEqual(processesMentioning(`--port ${service.port}`), []);
});

test('the bounded twin as baseline against the leak as candidate fails, naming `entries`', { timeout: 240_000 }, async () => {
  const [baseline, candidate] = [await express(true), await express(false)];
  const run = await leaklensCheck([
    '--baseline-start',
    baseline.start,
    '--baseline-url',
    baseline.url,
    '--start',
    candidate.start,
    '--url',
    candidate.url,
    '--out',
    join(out, 'baseline'),
    ...LOAD,
  ]);
  console.log(run.summary && JSON.stringify({ ...run.summary, run: undefined }));
  assert.equal(run.code, 1, run.err);
  assert.equal(run.summary.baseline.regressed, true);
  assert.ok(run.summary.baseline.difference > run.summary.baseline.noiseBand);
  assertNamesEntries(run.summary, 'baseline vs leak');
  assert.ok(run.summary.baseline.noiseBand >= 64, 'the noise band is reported, at least the minimum difference');
});
