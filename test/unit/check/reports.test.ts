// The reports of a finished check, from a made-up outcome: what each format says and that it is well formed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapChartSvg } from '../../../src/check/report/chart';
import { formatCheckJunit } from '../../../src/check/report/junit';
import { formatCheckMarkdown } from '../../../src/check/report/markdown';
import { formatCheckSarif } from '../../../src/check/report/sarif';
import { summaryObject } from '../../../src/check/report/summary';
import { formatCheckText } from '../../../src/check/report/text';
import type { CheckOutcome, RunResult } from '../../../src/check/types';
import { judgeTrend } from '../../../src/heap/trend/verdict';
import { columnsOf, SampleFlag, type StoredSample } from '../../../src/heap/series/sampleRing';
import { sarifSchemaErrors } from '../cli/sarifSchema';

const CWD = '/repo';

function run(role: RunResult['role'], bytesPerRequest: number): RunResult {
  const samples: StoredSample[] = Array.from({ length: 21 }, (_, i) => ({
    t: 1e12 + i * 1000,
    used: 6e6 + bytesPerRequest * 200 * i,
    total: 9e6,
    flags: SampleFlag.Gc,
  }));
  const trend = judgeTrend(columnsOf(samples));
  return {
    role,
    label: `node server.js <${role}>`,
    runtime: 'node',
    requests: 4000,
    non2xx: 0,
    errors: 0,
    bytesPerMinute: trend.bytesPerMinute,
    perRequest: { slope: bytesPerRequest, low: bytesPerRequest - 100, high: bytesPerRequest + 100, points: 14 },
    points: [],
    samples,
    trend,
  };
}

const leak: CheckOutcome = {
  failed: true,
  baselineRun: run('baseline', 0),
  candidate: {
    ...run('candidate', 1300),
    evidence: {
      kind: 'snapshots',
      files: ['/repo/.leaklens/check/candidate-1.heapsnapshot', '/repo/.leaklens/check/candidate-2.heapsnapshot'],
      requests: 1000,
      sites: [
        {
          variable: 'entries',
          function: 'logRequest',
          file: '/repo/src/logger.js',
          line: 7,
          column: 5,
          bytesDelta: 1.3e6,
          description: '`entries` (Array), captured by `logRequest` at src/logger.js:6:29, grew by 1,010 elements (+1.3 MB)',
          confirms: { rule: 'unbounded-capture', line: 7, column: 5, target: 'entries' },
          finding: {
            rule: 'runtime-growth',
            severity: 'error',
            message: 'Confirmed at runtime: `entries` grew.',
            target: 'entries',
            handler: 'logRequest',
            growth: 'push',
            fixes: [],
            related: [],
            range: { line: 7, column: 5, endLine: 7, endColumn: 40, start: 100, end: 135 },
          },
        },
      ],
    },
  },
  comparison: { baseline: run('baseline', 0), difference: 1300, noiseBand: 200, regressed: true },
};

test('text: both runs, the evidence with the variable and the confirmed line, the verdict with the noise band', () => {
  const text = formatCheckText(leak, ['/repo/.leaklens/check/summary.md'], CWD);
  assert.match(text, /^baseline: node server\.js <baseline>, 4,000 requests answered/m);
  assert.match(text, /retained per request: 1\.3 kB\/request \(95 % interval 1\.2 kB … 1\.4 kB\)/);
  assert.match(text, /Evidence: two heap snapshots 1,000 requests apart \(\.leaklens\/check\/candidate-1\.heapsnapshot/);
  assert.match(text, /confirms unbounded-capture on `entries` at src\/logger\.js:7:5 \(confirmed at runtime\)/);
  assert.match(text, /^FAIL: the candidate retains \+1\.3 kB\/request more than the baseline \(noise band ±200 B\/request\)$/m);
  assert.match(text, /^Reports: \.leaklens\/check\/summary\.md$/m);
});

test('markdown: a table row per run, the Mermaid chart with two lines, the SVG link', () => {
  const md = formatCheckMarkdown(leak, 'heap.svg', CWD);
  assert.match(md, /^## ❌ LeakLens check: memory grows under load$/m);
  assert.equal(md.match(/^\| (baseline|candidate) \|/gm)?.length, 2);
  assert.match(md, /```mermaid\nxychart-beta\n[\s\S]*?(  line \[[\d., ]+\]\n){2}```/);
  assert.match(md, /!\[heap after GC over time\]\(heap\.svg\)/);
});

test('junit: one failed case carrying the report; a passing outcome has no failure', () => {
  assert.match(
    formatCheckJunit(leak, CWD),
    /<testsuite name="leaklens check" tests="1" failures="1"[\s\S]*<failure message="FAIL: [^"]*" type="runtime-growth">[\s\S]*`entries`/,
  );
  const pass = formatCheckJunit({ failed: false, candidate: run('candidate', 5) }, CWD);
  assert.match(pass, /failures="0"/);
  assert.doesNotMatch(pass, /<failure/);
});

test('sarif: runtime-growth at the confirmed line, valid SARIF 2.1.0; none for a pass', () => {
  const sarif = JSON.parse(formatCheckSarif(leak, CWD));
  assert.equal(sarifSchemaErrors(sarif), 'No errors');
  assert.deepEqual(
    sarif.runs[0].results.map((r: any) => [
      r.ruleId,
      r.locations[0].physicalLocation.artifactLocation.uri,
      r.locations[0].physicalLocation.region.startLine,
    ]),
    [['runtime-growth', 'src/logger.js', 7]],
  );
  assert.deepEqual(JSON.parse(formatCheckSarif({ failed: false, candidate: run('candidate', 5) }, CWD)).runs[0].results, []);
});

test('summary object: the fields CI reads, and the run a later --baseline reads back', () => {
  const s = summaryObject(leak, {});
  assert.deepEqual([s.type, s.growing, s.bytesPerRequest, s.requests], ['summary', true, 1300, 4000]);
  assert.ok(s.bytesPerMinute! > 1e6);
  assert.deepEqual(s.baseline, { bytesPerRequest: 0, requests: 4000, difference: 1300, noiseBand: 200, regressed: true });
  assert.equal(s.evidence!.sites[0]!.variable, 'entries');
  assert.equal('finding' in s.evidence!.sites[0]!, false, 'the SARIF finding stays out of the summary');
  assert.equal(s.run.perRequest.slope, 1300);
});

test('chart: an SVG with a polyline and post-GC dots per run, labels escaped', () => {
  const svg = heapChartSvg([leak.baselineRun!, leak.candidate], 'Heap under load: node server.js <candidate>');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/<polyline /g)?.length, 2);
  assert.equal(svg.match(/<circle /g)?.length, 42);
  assert.match(svg, /&lt;candidate&gt;/);
  assert.doesNotMatch(svg, /<candidate>/);
});
