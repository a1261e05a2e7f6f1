// Evidence on failure: two heap snapshots (Node, one inspector session so object ids match) or two heap
// profiles (Go, each after a GC) with a short burst of the same load between them, compared by the existing
// engines, the growth matched to the linter's findings ("confirmed at runtime").
import { join } from 'node:path';
import { loadGoParser } from '../analysis/go';
import type { Finding } from '../findings/model';
import { findingsOf } from '../correlate/findings';
import { formatBytes } from '../heap/format';
import { compareProfiles, DEFAULT_MIN_SITE_GROWTH } from '../heap/pprof/compare';
import { siteLink } from '../heap/pprof/describe';
import { writeProfileFile } from '../heap/pprof/files';
import { decodeHeapProfile } from '../heap/pprof/profile';
import { matchProfileGrowth } from '../correlate/profileMatch';
import type { PprofHeapSource } from '../heap/pprof/source';
import { describeAttribution } from '../heap/snapshot/describe';
import { compareSnapshotFiles } from '../heap/snapshot/runWorker';
import { matchRuntimeGrowth } from '../correlate/snapshotMatch';
import { takeHeapSnapshot } from '../heap/snapshot/writer';
import type { NodeInspectorSource } from '../heap/sources/nodeInspectorSource';
import type { Evidence, GrowthSite } from './types';

/** Drives the load between the two captures; resolves to the number of requests answered. */
export type Burst = () => Promise<number>;

/** The runtime-growth result for CI at the confirmed finding's place, worded as what the run showed. */
function confirmedFinding(finding: Finding, message: string): Finding {
  return {
    ...finding,
    rule: 'runtime-growth',
    severity: 'error',
    message: `${message} Confirms ${finding.rule}: ${finding.message}`,
    fixes: [],
  };
}

/**
 * What a growth site says of the linter: the finding it confirms (reported as runtime-growth at that place), or
 * the finding at its place that the run did not confirm.
 */
function linkToFindings(
  confirmed: { finding: Finding; message: string } | undefined,
  unflagged: { finding: Finding } | undefined,
): Pick<GrowthSite, 'confirms' | 'finding'> {
  if (confirmed) {
    const { rule, range, target } = confirmed.finding;
    return {
      confirms: { rule, line: range.line, column: range.column, target },
      finding: confirmedFinding(confirmed.finding, confirmed.message),
    };
  }
  return unflagged ? { finding: unflagged.finding } : {};
}

export async function snapshotEvidence(
  source: NodeInspectorSource,
  outDir: string,
  prefix: string,
  burst: Burst,
  minGrowthBytes: number | undefined,
  cwd: string,
): Promise<Evidence> {
  // Both snapshots over the source's own connection: V8's object ids then say which objects are the same.
  const session = source.snapshotSession();
  const files: [string, string] = [join(outDir, `${prefix}-1.heapsnapshot`), join(outDir, `${prefix}-2.heapsnapshot`)];
  await session.send('HeapProfiler.collectGarbage');
  await takeHeapSnapshot(session, files[0]);
  const requests = await burst();
  await session.send('HeapProfiler.collectGarbage');
  await takeHeapSnapshot(session, files[1]);
  const comparison = await compareSnapshotFiles(files[0], files[1], minGrowthBytes === undefined ? {} : { minGrowthBytes });
  const match = matchRuntimeGrowth(comparison.attributions, findingsOf());
  const sites: GrowthSite[] = comparison.attributions.map((a) => {
    const confirmed = match.confirmed.find((m) => m.attribution === a);
    const unflagged = match.unflagged.find((u) => u.finding.target === a.variable && u.file === a.function?.file);
    const fn = a.function;
    return {
      variable: a.variable,
      function: fn?.functionName ?? '(unknown function)',
      ...(fn?.file ? { file: fn.file } : {}),
      line: confirmed?.finding.range.line ?? fn?.line ?? 0,
      ...(fn ? { column: confirmed?.finding.range.column ?? fn.column } : {}),
      bytesDelta: a.sizeDelta,
      description: describeAttribution(a, cwd),
      ...linkToFindings(confirmed, unflagged),
    };
  });
  return { kind: 'snapshots', files, requests, sites };
}

export async function profileEvidence(
  source: PprofHeapSource,
  outDir: string,
  prefix: string,
  burst: Burst,
  minGrowthBytes: number | undefined,
  cwd: string,
): Promise<Evidence> {
  const files: [string, string] = [join(outDir, `${prefix}-1.pb.gz`), join(outDir, `${prefix}-2.pb.gz`)];
  const before = await source.fetchHeapProfileBytes(true);
  writeProfileFile(files[0], before);
  const requests = await burst();
  const after = await source.fetchHeapProfileBytes(true);
  writeProfileFile(files[1], after);
  const comparison = compareProfiles(decodeHeapProfile(before), decodeHeapProfile(after), minGrowthBytes ?? DEFAULT_MIN_SITE_GROWTH);
  await loadGoParser();
  const match = matchProfileGrowth(comparison.growth, findingsOf());
  const sites: GrowthSite[] = comparison.growth.map((g) => {
    const confirmed = match.confirmed.find((m) => m.site === g);
    const unflagged = match.unflagged.find((u) => u.site === g);
    const where = `${g.function} at ${siteLink(g, cwd)}${g.via ? ` (via ${g.via})` : ''}`;
    return {
      ...(confirmed ? { variable: confirmed.finding.target } : {}),
      function: g.function,
      file: g.file,
      line: g.line,
      bytesDelta: g.bytesDelta,
      description: `${confirmed ? `\`${confirmed.finding.target}\`, appended by ` : ''}${where}, holds +${formatBytes(g.bytesDelta)} (${g.objectsDelta >= 0 ? '+' : ''}${g.objectsDelta} objects)`,
      ...linkToFindings(confirmed, unflagged),
    };
  });
  return { kind: 'profiles', files, requests, sites };
}
