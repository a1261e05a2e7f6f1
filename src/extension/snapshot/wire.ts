// The boundary between the engines' results and the snapshot view's protocol: each message carries only
// the fields the view renders, copied field by field, with the wording the CLI uses already applied.
import type { ProfileComparison, SiteGrowth } from '../../heap/pprof/compare';
import type { AllocationSite, ProfileTotals } from '../../heap/pprof/profile';
import { describeAttribution } from '../../heap/snapshot/describe';
import type { SnapshotComparison } from '../../heap/snapshot/diff';
import type { SourceLink } from '../../heap/snapshot/sites';
import type { ConstructorStat, SnapshotSummary } from '../../heap/snapshot/summary';
import type {
  WireAllocationSite,
  WireConstructor,
  WireProfileComparison,
  WireProfileTotals,
  WireSiteGrowth,
  WireSnapshotComparison,
  WireSnapshotSummary,
  WireSourceLink,
} from '../../protocol/snapshot';

function link(l: SourceLink): WireSourceLink {
  return { functionName: l.functionName, url: l.url, ...(l.file ? { file: l.file } : {}), line: l.line, column: l.column };
}

const optionalLink = (l: SourceLink | undefined): { site?: WireSourceLink } => (l ? { site: link(l) } : {});

const constructorRow = (c: ConstructorStat): WireConstructor => ({
  name: c.name,
  count: c.count,
  selfSize: c.selfSize,
  retainedSize: c.retainedSize,
});

export function wireSummary(s: SnapshotSummary): WireSnapshotSummary {
  return {
    nodeCount: s.nodeCount,
    totalSize: s.totalSize,
    reachableSize: s.reachableSize,
    byRetained: s.byRetained.map(constructorRow),
    bySelf: s.bySelf.map(constructorRow),
    biggestObjects: s.biggestObjects.map((o) => ({
      id: o.id,
      className: o.className,
      selfSize: o.selfSize,
      retainedSize: o.retainedSize,
      retainerPath: o.retainerPath,
      ...optionalLink(o.site),
    })),
    closures: s.closures.map((c) => ({
      functionName: c.functionName,
      ...optionalLink(c.site),
      capturedSize: c.capturedSize,
      ownSize: c.ownSize,
      ...(c.holds ? { holds: { variable: c.holds.variable, functionName: c.holds.functionName, ...optionalLink(c.holds.site) } } : {}),
      variables: c.variables.map((v) => ({ name: v.name, className: v.className, count: v.count, retainedSize: v.retainedSize })),
    })),
  };
}

export function wireComparison(c: SnapshotComparison): WireSnapshotComparison {
  return {
    before: { totalSize: c.before.totalSize },
    after: { totalSize: c.after.totalSize },
    matchedBy: c.matchedBy,
    newObjects: { count: c.newObjects.count, size: c.newObjects.size },
    groups: c.groups.map((g) => ({ retainerPath: g.retainerPath, className: g.className, count: g.count, size: g.size })),
    attributions: c.attributions.map((a) => ({ text: describeAttribution(a), ...(a.function ? { function: link(a.function) } : {}) })),
  };
}

const totals = (t: ProfileTotals): WireProfileTotals => ({
  inuseSpace: t.inuseSpace,
  inuseObjects: t.inuseObjects,
  allocSpace: t.allocSpace,
});

const site = (s: AllocationSite | SiteGrowth) => ({ function: s.function, file: s.file, line: s.line, ...(s.via ? { via: s.via } : {}) });

export function wireAllocationSites(sites: AllocationSite[]): WireAllocationSite[] {
  return sites.map((s) => ({ ...site(s), inuseSpace: s.inuseSpace, inuseObjects: s.inuseObjects }));
}

export function wireProfileTotals(t: ProfileTotals): WireProfileTotals {
  return totals(t);
}

export function wireProfileComparison(c: ProfileComparison): WireProfileComparison {
  return {
    before: totals(c.before),
    after: totals(c.after),
    growth: c.growth.map((g): WireSiteGrowth => ({
      ...site(g),
      ...(g.variable ? { variable: g.variable } : {}),
      bytesDelta: g.bytesDelta,
      objectsDelta: g.objectsDelta,
    })),
  };
}
