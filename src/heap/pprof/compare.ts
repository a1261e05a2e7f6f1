// Two heap profiles of one service (Go, or Node sampled by V8) → in-use growth by allocation site.
import { type HeapProfile, type ProfileTotals, isLibrarySite, siteKey } from './profile';

export interface SiteGrowth {
  function: string;
  file: string;
  line: number;
  /** Node: where the function starts (see AllocationSite). */
  column?: number;
  via?: string;
  /**
   * Node: the captured variable the static analysis says this function grows (set by `resolveNodeSites`,
   * which also moves `line` from the function's start to the growing operation).
   */
  variable?: string;
  bytesBefore: number;
  bytesAfter: number;
  bytesDelta: number;
  objectsBefore: number;
  objectsAfter: number;
  objectsDelta: number;
}

export interface ProfileComparison {
  before: ProfileTotals;
  after: ProfileTotals;
  /** Sites whose in-use bytes grew by at least the threshold, largest growth first. */
  growth: SiteGrowth[];
}

/** Below this a site's growth is sampling noise (Go samples one allocation per 512 KiB by default). */
export const DEFAULT_MIN_SITE_GROWTH = 64 * 1024;

/**
 * V8 samples about one object per `period` bytes, each standing for ~`period` bytes, so a site's sample count
 * is Poisson: two reads of a steady site differ by about √(n₁ + n₂) samples. Growth is reported only beyond
 * this many standard deviations of that difference (3.5: with ~100 sites in a profile, a steady service
 * shows a false site about once in fifty comparisons).
 */
const NOISE_SIGMAS = 3.5;

function noiseFloor(bytesBefore: number, bytesAfter: number, period: number): number {
  return period > 0 ? NOISE_SIGMAS * period * Math.sqrt((bytesBefore + bytesAfter) / period) : 0;
}

export function compareProfiles(before: HeapProfile, after: HeapProfile, minGrowthBytes = DEFAULT_MIN_SITE_GROWTH): ProfileComparison {
  const old = new Map(before.sites.map((s) => [siteKey(s), s]));
  const growth: SiteGrowth[] = [];
  const sampled = after.runtime === 'node' ? after.period : 0;
  for (const s of after.sites) {
    // V8's pseudo-frames — `(EXTERNAL)` buffers, `(V8 API)` objects such as parsed headers — are memory made
    // outside any JS function: no line to name, and it comes and goes with the requests in flight. The
    // totals count it; the sites do not.
    if (after.runtime === 'node' && !s.file) continue;
    const b = old.get(siteKey(s));
    const bytesBefore = b?.inuseSpace ?? 0;
    const objectsBefore = b?.inuseObjects ?? 0;
    if (s.inuseSpace - bytesBefore < Math.max(minGrowthBytes, noiseFloor(bytesBefore, s.inuseSpace, sampled))) continue;
    growth.push({
      function: s.function,
      file: s.file,
      line: s.line,
      ...(s.column ? { column: s.column } : {}),
      ...(s.via ? { via: s.via } : {}),
      bytesBefore,
      bytesAfter: s.inuseSpace,
      bytesDelta: s.inuseSpace - bytesBefore,
      objectsBefore,
      objectsAfter: s.inuseObjects,
      objectsDelta: s.inuseObjects - objectsBefore,
    });
  }
  // The service's own lines first, each group by growth: a runtime or package site that moved a little more
  // (Node's header parsing, say) must not push the growing line off the top.
  const library = (g: SiteGrowth) => (isLibrarySite(g, after.runtime) ? 1 : 0);
  return {
    before: before.totals,
    after: after.totals,
    growth: growth.sort((a, b) => library(a) - library(b) || b.bytesDelta - a.bytesDelta),
  };
}
