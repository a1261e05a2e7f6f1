// Two heap profiles of one Go service → in-use growth by allocation site (function and line).
import type { AllocationSite, HeapProfile, ProfileTotals } from './profile';

export interface SiteGrowth {
  function: string;
  file: string;
  line: number;
  via?: string;
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

const keyOf = (s: AllocationSite) => `${s.function}\0${s.file}\0${s.line}`;

export function compareProfiles(before: HeapProfile, after: HeapProfile, minGrowthBytes = DEFAULT_MIN_SITE_GROWTH): ProfileComparison {
  const old = new Map(before.sites.map((s) => [keyOf(s), s]));
  const growth: SiteGrowth[] = [];
  for (const s of after.sites) {
    const b = old.get(keyOf(s));
    const bytesBefore = b?.inuseSpace ?? 0;
    const objectsBefore = b?.inuseObjects ?? 0;
    if (s.inuseSpace - bytesBefore < minGrowthBytes) continue;
    growth.push({
      function: s.function, file: s.file, line: s.line, ...(s.via ? { via: s.via } : {}),
      bytesBefore, bytesAfter: s.inuseSpace, bytesDelta: s.inuseSpace - bytesBefore,
      objectsBefore, objectsAfter: s.inuseObjects, objectsDelta: s.inuseObjects - objectsBefore,
    });
  }
  return { before: before.totals, after: after.totals, growth: growth.sort((a, b) => b.bytesDelta - a.bytesDelta) };
}
