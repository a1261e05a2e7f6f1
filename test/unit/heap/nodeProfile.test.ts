// Node heap profiles: V8's sampling heap profile (as the protocol sends it) written as pprof and read back
// like a Go profile; sites moved to the growing line the analysis knows; the sampling noise floor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../src/analysis';
import { compareProfiles } from '../../../src/heap/pprof/compare';
import { resolveNodeSites } from '../../../src/heap/pprof/nodeSites';
import { decodeHeapProfile } from '../../../src/heap/pprof/profile';
import { matchProfileGrowth } from '../../../src/correlate/profileMatch';
import { objectsPerSample, samplingProfileToPprof, type SamplingHeapProfileNode } from '../../../src/heap/sampling/toPprof';

const INTERVAL = 16 * 1024;
const FILE = '/srv/app/logger.js';
// The handler starts at line 4 (0-based 3), column 29 (0-based 28: the `(` of its parameters, as V8 reports).
const SOURCE = `'use strict';
function requestLogger() {
  const logs = [];
  return function logRequest(req, res, next) {
    const at = Date.now();
    logs.push({ url: req.url, at });
    next();
  };
}
module.exports = { requestLogger };
`;

let nextId = 1;
function node(
  functionName: string,
  url: string,
  line: number,
  column: number,
  selfSize: number,
  children: SamplingHeapProfileNode[] = [],
): SamplingHeapProfileNode {
  return { callFrame: { functionName, url, lineNumber: line, columnNumber: column }, selfSize, id: nextId++, children };
}

/** (root) → node:_http_server parserOnIncoming → logRequest (own bytes) → push (a builtin: no script). */
function profile(handlerBytes: number, pushBytes: number, internalBytes: number) {
  const push = node('push', '', -1, -1, pushBytes);
  const handler = node('logRequest', `file://${FILE}`, 3, 28, handlerBytes, [push]);
  const internal = node('parserOnIncoming', 'node:_http_server', 1025, 25, internalBytes, [handler]);
  const head = node('(root)', '', -1, -1, 0, [internal]);
  // One protocol sample per V8 sample: its size is the object's size times the objects it stands for.
  const sample = (n: SamplingHeapProfileNode, objectSize: number) => ({
    nodeId: n.id,
    size: objectSize / -Math.expm1(-objectSize / INTERVAL),
    ordinal: 0,
  });
  const samples = [handler, push, internal].flatMap((n) => Array.from({ length: Math.round(n.selfSize / INTERVAL) }, () => sample(n, 64)));
  return samplingProfileToPprof({ head, samples }, { intervalBytes: INTERVAL, time: 1_700_000_000_000, durationMs: 5000 });
}

test('a V8 sampling profile reads back as a Node heap profile: sites skip builtins and node: internals', () => {
  const p = decodeHeapProfile(profile(10 * INTERVAL, 20 * INTERVAL, 2 * INTERVAL));
  assert.equal(p.runtime, 'node');
  assert.equal(p.period, INTERVAL);
  assert.equal(p.time, 1_700_000_000_000);
  assert.deepEqual(
    p.sites.map((s) => [s.function, s.file, s.line, s.column, s.inuseSpace, s.via]),
    [
      // push's bytes are charged to the function that called it, 1-based, with the file from its file:// URL
      ['logRequest', FILE, 4, 29, 30 * INTERVAL, 'push'],
      ['parserOnIncoming', 'node:_http_server', 1026, 26, 2 * INTERVAL, undefined],
    ],
  );
  // 64-byte objects sampled every 16 KiB: each sample stands for ~256.5 of them
  assert.equal(
    p.sites[0]!.inuseObjects,
    Math.round(10 * objectsPerSample(64 / -Math.expm1(-64 / INTERVAL), INTERVAL)) +
      Math.round(20 * objectsPerSample(64 / -Math.expm1(-64 / INTERVAL), INTERVAL)),
  );
  assert.ok(Math.abs(objectsPerSample(64 / -Math.expm1(-64 / INTERVAL), INTERVAL) - 256.5) < 0.01);
});

test('growth in a Node function is moved to the growing line the analysis finds in it, with its variable, and confirms that finding', () => {
  const growth = compareProfiles(
    decodeHeapProfile(profile(4 * INTERVAL, 0, 2 * INTERVAL)),
    decodeHeapProfile(profile(60 * INTERVAL, 40 * INTERVAL, 2 * INTERVAL)),
  ).growth;
  assert.deepEqual(
    growth.map((g) => [g.function, g.line]),
    [['logRequest', 4]],
  );
  const findingsOf = (file: string) => (file === FILE ? { text: SOURCE, findings: lintText(FILE, SOURCE).findings } : undefined);
  const resolved = resolveNodeSites(growth, findingsOf);
  assert.deepEqual(
    resolved.map((g) => [g.function, g.line, g.variable]),
    [['logRequest', 6, 'logs']],
  );
  const match = matchProfileGrowth(resolved, findingsOf);
  assert.equal(match.confirmed.length, 1);
  assert.equal(match.confirmed[0]!.finding.rule, 'unbounded-capture');
  assert.equal(match.confirmed[0]!.finding.range.line, 6);
  assert.equal(match.unflagged.length, 0);
});

test('a function the analysis has no growth finding in keeps its own line and becomes runtime-growth', () => {
  const text = SOURCE.replace('logs.push({ url: req.url, at });', 'void at;');
  const findingsOf = (file: string) => (file === FILE ? { text, findings: lintText(FILE, text).findings } : undefined);
  const growth = compareProfiles(decodeHeapProfile(profile(0, 0, 0)), decodeHeapProfile(profile(60 * INTERVAL, 0, 0))).growth;
  const resolved = resolveNodeSites(growth, findingsOf);
  assert.deepEqual(
    resolved.map((g) => [g.line, g.variable]),
    [[4, undefined]],
  );
  const match = matchProfileGrowth(resolved, findingsOf);
  assert.deepEqual(
    match.unflagged.map((u) => [u.finding.rule, u.finding.range.line]),
    [['runtime-growth', 4]],
  );
});

test('growth within the sampling noise (3.5 σ of the sample counts) is not reported; beyond it, it is', () => {
  const before = decodeHeapProfile(profile(40 * INTERVAL, 0, 0));
  // 40 → 60 samples: 20 more, under 3.5·√100 = 35 samples of noise; 40 → 90: 50 more, above 3.5·√130 ≈ 40.
  assert.deepEqual(compareProfiles(before, decodeHeapProfile(profile(60 * INTERVAL, 0, 0))).growth, []);
  assert.equal(compareProfiles(before, decodeHeapProfile(profile(90 * INTERVAL, 0, 0))).growth.length, 1);
});
