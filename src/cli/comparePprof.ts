// `leaklens compare BEFORE.pb.gz AFTER.pb.gz`: growth by function and line between two heap profiles (Go, or
// Node from `leaklens profile`), its paths mapped to the workspace (a binary built elsewhere or with -trimpath,
// a compiled script through its source map), matched to the findings of the files it points at (confirmed at
// runtime / runtime-growth).
import { loadGoParser } from '../analysis/go';
import { Localizer } from '../correlate/localize';
import { matchProfileGrowth } from '../correlate/profileMatch';
import { compareProfiles, DEFAULT_MIN_SITE_GROWTH } from '../heap/pprof/compare';
import { formatProfileComparison } from '../heap/pprof/describe';
import { PprofError } from '../heap/pprof/errors';
import { readProfileFile } from '../heap/pprof/files';
import { resolveNodeSites } from '../heap/pprof/nodeSites';
import type { CorrelateOptions } from './compare';
import type { CliIo } from './io';

export async function runPprofCompare(
  before: string,
  after: string,
  format: 'text' | 'json',
  minGrowthBytes: number | undefined,
  correlate: CorrelateOptions,
  io: CliIo,
): Promise<number> {
  let comparison;
  try {
    comparison = compareProfiles(readProfileFile(before), readProfileFile(after), minGrowthBytes ?? DEFAULT_MIN_SITE_GROWTH);
  } catch (error) {
    if (!(error instanceof PprofError)) throw error;
    io.err(`leaklens compare: ${error.message}`);
    return 2;
  }
  await loadGoParser();
  const localizer = new Localizer({ pathMaps: correlate.pathMaps, roots: [io.cwd] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findingsOf } = require('../correlate/findings') as typeof import('../correlate/findings');
  const findings = findingsOf(correlate.lint);
  // Paths first (mapped, through source maps), then each Node site moved to the growth finding in its function.
  comparison = { ...comparison, growth: resolveNodeSites(localizer.sites(comparison.growth), findings) };
  const match = matchProfileGrowth(comparison.growth, findings);
  if (format === 'text') io.out([...localizer.notes, formatProfileComparison(comparison, match, io.cwd)].join('\n'));
  else {
    const staticOf = (g: (typeof comparison.growth)[number]) => {
      const f = match.confirmed.find((m) => m.site === g)?.finding;
      return f
        ? { rule: f.rule, line: f.range.line, column: f.range.column, variable: f.target }
        : match.unflagged.some((u) => u.site === g)
          ? { rule: 'runtime-growth' }
          : null;
    };
    io.out(
      JSON.stringify(
        {
          kind: 'pprof',
          notes: localizer.notes,
          before: comparison.before,
          after: comparison.after,
          growth: comparison.growth.map((g) => ({ ...g, staticFinding: staticOf(g) })),
        },
        null,
        2,
      ),
    );
  }
  return comparison.growth.length > 0 ? 1 : 0;
}
