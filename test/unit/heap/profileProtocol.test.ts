import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteGrowth } from '../../../src/heap/pprof/compare';
import type { AllocationSite, ProfileTotals } from '../../../src/heap/pprof/profile';
import { parseSnapshotHostMessage, type SnapshotHostMessage } from '../../../src/protocol/snapshot';

const totals: ProfileTotals = { inuseSpace: 4_200_000, inuseObjects: 2100, allocSpace: 9e6, allocObjects: 5000 };
const site: AllocationSite = {
  function: 'main.RequestLogger.func1',
  file: '/src/gin/leaky/main.go',
  line: 24,
  via: 'fmt.Sprintf',
  inuseSpace: 4_100_000,
  inuseObjects: 2000,
};
const growth: SiteGrowth = {
  function: site.function,
  file: site.file,
  line: 24,
  bytesBefore: 1e5,
  bytesAfter: 4.1e6,
  bytesDelta: 4e6,
  objectsBefore: 50,
  objectsAfter: 2000,
  objectsDelta: 1950,
};

test('Go profile messages pass the view-side check unchanged', () => {
  const messages: SnapshotHostMessage[] = [
    { type: 'profileSummary', fileName: 'a.pb.gz', totals, sites: [site, { ...site, line: 0, file: '' }] },
    {
      type: 'profileComparison',
      before: 'a.pb.gz',
      after: 'b.pb.gz',
      comparison: { before: totals, after: totals, growth: [growth] },
      verdicts: [{ index: 0, verdict: 'confirmed', rule: 'unbounded-capture', line: 24, column: 10 }],
    },
  ];
  for (const m of messages) assert.deepEqual(parseSnapshotHostMessage(JSON.parse(JSON.stringify(m))), m);
});

test('malformed Go profile messages are dropped', () => {
  const bad: unknown[] = [
    { type: 'profileSummary', fileName: 'a.pb.gz', totals, sites: [{ ...site, line: -1 }] },
    { type: 'profileSummary', fileName: 'a.pb.gz', totals, sites: [{ ...site, function: 7 }] },
    { type: 'profileSummary', fileName: 'a.pb.gz', totals: { inuseSpace: 'x' }, sites: [] },
    { type: 'profileSummary', totals, sites: [] },
    {
      type: 'profileComparison',
      before: 'a',
      after: 'b',
      comparison: { before: totals, after: totals, growth: [{ ...growth, file: null }] },
      verdicts: [],
    },
    { type: 'profileComparison', before: 'a', after: 'b', comparison: { before: totals, after: totals, growth: [] } },
  ];
  for (const m of bad) assert.equal(parseSnapshotHostMessage(m), undefined, JSON.stringify(m));
});
