// "Runtime meets static" for heap profiles (Go, and Node's from `leaklens profile`): a comparison's growing
// sites (already localized: paths mapped to the workspace, Node sites moved to their growth finding)
// matched to findings. A site on the line of an `unbounded-capture`/`bounded-buffer`
// finding, or in the handler a finding names, confirms it; growth in the service's own code that no finding
// explains becomes a `runtime-growth` finding.
import { isLintable } from '../analysis/lintFile';
import type { Finding } from '../findings/model';
import { formatBytes } from '../heap/format';
import type { SiteGrowth } from '../heap/pprof/compare';
import { functionBaseName } from '../heap/pprof/profile';
import type { FindingsOf } from './findings';
import { GROWTH_RULES, runtimeGrowthFinding } from './runtimeFinding';

export interface GoConfirmation {
  finding: Finding;
  site: SiteGrowth;
  message: string;
}

export interface GoRuntimeMatch {
  confirmed: GoConfirmation[];
  unflagged: { file: string; site: SiteGrowth; finding: Finding }[];
}

function describe(site: SiteGrowth): string {
  return `\`${site.function}\` (line ${site.line}) holds ${formatBytes(site.bytesDelta)} more (${site.objectsDelta >= 0 ? '+' : ''}${site.objectsDelta} objects) between two heap profiles`;
}

export function matchProfileGrowth(growth: SiteGrowth[], findingsOf: FindingsOf): GoRuntimeMatch {
  const confirmed: GoConfirmation[] = [];
  const unflagged: GoRuntimeMatch['unflagged'] = [];
  for (const site of growth) {
    if (!isLintable(site.file)) continue; // Node sites went through resolveNodeSites first
    const linted = findingsOf(site.file);
    if (!linted) continue;
    const candidates = linted.findings.filter((f) => GROWTH_RULES.has(f.rule));
    const finding =
      candidates.find((f) => f.range.line === site.line) ?? candidates.find((f) => f.handler === functionBaseName(site.function));
    if (finding) {
      confirmed.push({ finding, site, message: `Confirmed at runtime: ${describe(site)}.` });
      continue;
    }
    const unexplained = runtimeGrowthFinding(
      linted.text,
      { line: site.line },
      `${describe(site)}, and no static finding explains it.`,
      site.function,
      functionBaseName(site.function),
    );
    unflagged.push({ file: site.file, site, finding: unexplained });
  }
  return { confirmed, unflagged };
}
