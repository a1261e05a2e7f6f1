// The three output formats over hand-made results, so their exact shape is pinned independently of the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Sarif from 'sarif';
import type { FileResult, Finding, Range, RuleId, Severity } from '../../../src/findings/model';
import { formatJson } from '../../../src/cli/formatJson';
import { formatSarif } from '../../../src/cli/formatSarif';
import { formatText, summaryLine } from '../../../src/cli/formatText';
import { countResults, lintExitCode } from '../../../src/cli/report';
import { sarifSchemaErrors } from './sarifSchema';

function range(line: number, column: number, length: number, start: number): Range {
  return { line, column, endLine: line, endColumn: column + length, start, end: start + length };
}

function finding(rule: RuleId, severity: Severity, line: number, column: number, message: string): Finding {
  return {
    rule,
    severity,
    message,
    range: range(line, column, 9, 100),
    related: [{ message: '`logs` is declared here', range: range(1, 34, 4, 33) }],
    target: 'logs',
    handler: 'requestLogger',
    growth: 'push',
    fixes: [
      { kind: 'suppress', title: 'Suppress on this line', edits: [{ start: 0, end: 0, text: '// leaklens-disable-next-line\n' }] },
      { kind: 'cap', title: 'Cap logs at MAX_LOGS', edits: [{ start: 100, end: 100, text: 'if (logs.length >= MAX_LOGS) logs.shift();' }] },
    ],
  };
}

const results: FileResult[] = [
  {
    file: 'src/app.js',
    findings: [
      finding('unbounded-capture', 'warning', 1, 74, 'logs grows'),
      finding('listener-per-request', 'error', 12, 5, 'listener added'),
    ],
  },
  { file: 'src/clean.js', findings: [] },
  { file: 'src/my file.ts', findings: [finding('bounded-buffer', 'info', 3, 1, 'buffer flushed at 100')] },
  { file: 'bad.js', findings: [], notice: { kind: 'parse-error', message: "parse error: ';' expected", line: 3, column: 7 } },
  { file: 'huge.min.js', findings: [], notice: { kind: 'too-large', message: 'skipped: 10.0 MB is over the 2.0 MB size limit' } },
];
const totals = countResults(results);

test('totals: findings by severity; files with a notice count as skipped', () => {
  assert.deepEqual(totals, { errors: 1, warnings: 1, infos: 1, files: 3, skipped: 2 });
});

test('exit code: errors always fail; warnings fail unless --max-warnings tolerates them; infos never', () => {
  const cases: [Partial<typeof totals>, number | undefined, number][] = [
    [{}, undefined, 0],
    [{ infos: 5 }, undefined, 0],
    [{ warnings: 1 }, undefined, 1],
    [{ warnings: 2 }, 2, 0],
    [{ warnings: 3 }, 2, 1],
    [{ errors: 1 }, 10, 1],
    [{ warnings: 1 }, 0, 1],
  ];
  for (const [counts, maxWarnings, expected] of cases) {
    const t = { errors: 0, warnings: 0, infos: 0, files: 1, skipped: 0, ...counts };
    assert.equal(lintExitCode(t, maxWarnings), expected, `${JSON.stringify(counts)} --max-warnings ${maxWarnings}`);
  }
});

test('text: file:line:col  severity  message  rule, grouped by file, notices in the same shape, summary last', () => {
  assert.equal(
    formatText(results, totals, true),
    [
      'src/app.js:1:74  warning  logs grows  unbounded-capture',
      'src/app.js:12:5  error    listener added  listener-per-request',
      '',
      'src/my file.ts:3:1  info  buffer flushed at 100  bounded-buffer',
      '',
      "bad.js:3:7  notice  parse error: ';' expected  parse-error",
      '',
      'huge.min.js  notice  skipped: 10.0 MB is over the 2.0 MB size limit  too-large',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 info) in 3 files; 2 files skipped',
    ].join('\n'),
  );
});

test('text summary: singular and plural, a tick when the run passes', () => {
  assert.equal(
    summaryLine({ errors: 0, warnings: 0, infos: 0, files: 1, skipped: 0 }, false),
    '✔ 0 problems (0 errors, 0 warnings, 0 infos) in 1 file',
  );
  assert.equal(
    summaryLine({ errors: 1, warnings: 2, infos: 0, files: 2, skipped: 1 }, true),
    '✖ 3 problems (1 error, 2 warnings, 0 infos) in 2 files; 1 file skipped',
  );
});

test('json: every file with findings, fixes and notices as the engine gave them, plus the totals', () => {
  const parsed = JSON.parse(formatJson(results, totals));
  assert.deepEqual(parsed, { results, summary: totals });
});

test('sarif: 2.1.0, one result per finding with mapped level, relative URIs, related locations, fixes, rules with help links', () => {
  const log = JSON.parse(formatSarif(results, '/work/project')) as Sarif.Log;
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0]!;
  assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: 'file:///work/project/' } });
  const rules = run.tool.driver.rules!;
  assert.deepEqual(
    rules.map((r) => [r.id, r.helpUri, r.defaultConfiguration?.level]),
    [
      ['bounded-buffer', 'https://github.com/leaklens/leaklens/blob/main/README.md#rule-bounded-buffer', 'note'],
      ['listener-per-request', 'https://github.com/leaklens/leaklens/blob/main/README.md#rule-listener-per-request', 'error'],
      ['unbounded-capture', 'https://github.com/leaklens/leaklens/blob/main/README.md#rule-unbounded-capture', 'warning'],
    ],
  );
  assert.ok(rules.every((r) => (r.shortDescription?.text.length ?? 0) > 20));
  const summary = run.results!.map((r) => [
    r.ruleId,
    rules[r.ruleIndex!]!.id,
    r.level,
    r.message.text,
    r.locations![0]!.physicalLocation!.artifactLocation!.uri,
    r.locations![0]!.physicalLocation!.region!.startLine,
    r.locations![0]!.physicalLocation!.region!.startColumn,
  ]);
  assert.deepEqual(summary, [
    ['unbounded-capture', 'unbounded-capture', 'warning', 'logs grows', 'src/app.js', 1, 74],
    ['listener-per-request', 'listener-per-request', 'error', 'listener added', 'src/app.js', 12, 5],
    ['bounded-buffer', 'bounded-buffer', 'note', 'buffer flushed at 100', 'src/my%20file.ts', 3, 1],
  ]);
  const first = run.results![0]!;
  assert.deepEqual(first.locations![0]!.physicalLocation!.artifactLocation, { uri: 'src/app.js', uriBaseId: 'SRCROOT' });
  assert.deepEqual(first.relatedLocations, [
    {
      id: 0,
      message: { text: '`logs` is declared here' },
      physicalLocation: {
        artifactLocation: { uri: 'src/app.js', uriBaseId: 'SRCROOT' },
        region: { startLine: 1, startColumn: 34, endLine: 1, endColumn: 38 },
      },
    },
  ]);
  // Suppression is an editor action, not a fix of the code: only the cap travels.
  assert.deepEqual(first.fixes, [
    {
      description: { text: 'Cap logs at MAX_LOGS' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'src/app.js', uriBaseId: 'SRCROOT' },
          replacements: [
            { deletedRegion: { charOffset: 100, charLength: 0 }, insertedContent: { text: 'if (logs.length >= MAX_LOGS) logs.shift();' } },
          ],
        },
      ],
    },
  ]);
  assert.deepEqual(
    run.invocations![0]!.toolExecutionNotifications!.map((n) => [
      n.descriptor?.id,
      n.message.text,
      n.locations![0]!.physicalLocation!.region?.startLine,
    ]),
    [
      ['parse-error', "parse error: ';' expected", 3],
      ['too-large', 'skipped: 10.0 MB is over the 2.0 MB size limit', undefined],
    ],
  );
});

test('sarif: valid against the official SARIF 2.1.0 JSON schema', () => {
  assert.equal(sarifSchemaErrors(JSON.parse(formatSarif(results, '/work/project'))), 'No errors');
  assert.notEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), 'No errors');
});
