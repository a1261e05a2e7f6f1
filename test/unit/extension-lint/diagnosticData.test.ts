import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingForDiagnostic, findingsAt, toDiagnosticData } from '../../../src/extension/lint/diagnosticData';
import { finding, range } from './findings';

test('a finding becomes 0-based diagnostic data with its rule, level and related locations', () => {
  const d = toDiagnosticData(finding());
  assert.deepEqual(d.range, { startLine: 4, startCharacter: 4, endLine: 4, endCharacter: 18 });
  assert.equal(d.severity, 'warning');
  assert.equal(d.rule, 'unbounded-capture');
  assert.deepEqual(
    d.related.map((r) => [r.message, r.range.startLine, r.range.startCharacter]),
    [
      ["'logs' is declared here, outside the handler", 1, 8],
      ["'logger' returns the handler", 0, 9],
    ],
  );
});

test('severities map to VS Code levels, info to information', () => {
  assert.deepEqual(
    (['error', 'warning', 'info'] as const).map((severity) => toDiagnosticData(finding({ severity })).severity),
    ['error', 'warning', 'information'],
  );
});

test('the finding behind a diagnostic is found by rule, message and range', () => {
  const a = finding();
  const b = finding({ rule: 'listener-per-request', message: 'other', range: range(9, 3, 9, 10) });
  const findings = [a, b];
  assert.equal(findingForDiagnostic(findings, toDiagnosticData(b)), b);
  assert.equal(findingForDiagnostic(findings, toDiagnosticData(a)), a);
  assert.equal(findingForDiagnostic(findings, { ...toDiagnosticData(a), message: 'edited' }), undefined);
  assert.equal(
    findingForDiagnostic(findings, { ...toDiagnosticData(a), range: { ...toDiagnosticData(a).range, startCharacter: 5 } }),
    undefined,
  );
});

test('findings under a position include both ends of the range and nothing outside it', () => {
  const multi = finding({ range: range(3, 7, 5, 10) });
  const findings = [finding(), multi];
  assert.deepEqual(findingsAt(findings, 4, 4), [findings[0], multi]); // line 5 col 5, 1-based
  assert.deepEqual(findingsAt(findings, 4, 18), [findings[0]]);
  assert.deepEqual(findingsAt(findings, 4, 19), []);
  assert.deepEqual(findingsAt(findings, 2, 6), [multi]);
  assert.deepEqual(findingsAt(findings, 2, 5), []);
  assert.deepEqual(findingsAt(findings, 3, 0), [multi]);
});
