// "Runtime meets static" for heap profiles: a comparison's growing sites matched to Go (or JS) findings. A site on the
// line of an `unbounded-capture`/`bounded-buffer` finding, or in the handler a finding names, confirms it;
// growth in the service's own code that no finding explains becomes a `runtime-growth` finding.
import { isLintable } from '../../analysis/lintFile';
import type { Finding } from '../../analysis/types';
import type { FindingsOf } from '../snapshot/runtimeMatch';
import type { SiteGrowth } from './compare';
import { functionBaseName } from './profile';
import { formatBytes } from '../format';

export interface GoConfirmation {
  finding: Finding;
  site: SiteGrowth;
  message: string;
}

export interface GoRuntimeMatch {
  confirmed: GoConfirmation[];
  unflagged: { file: string; site: SiteGrowth; finding: Finding }[];
}

const GROWTH_RULES = new Set(['unbounded-capture', 'bounded-buffer']);

function describe(site: SiteGrowth): string {
  return `\`${site.function}\` (line ${site.line}) holds ${formatBytes(site.bytesDelta)} more (${site.objectsDelta >= 0 ? '+' : ''}${site.objectsDelta} objects) between two heap profiles`;
}

function lineRange(text: string, line: number): { start: number; end: number; column: number } {
  let start = 0;
  for (let l = 1; l < line && start >= 0; l++) start = text.indexOf('\n', start) + 1 || -1;
  if (start < 0) return { start: text.length, end: text.length, column: 1 };
  const indent = /^[ \t]*/.exec(text.slice(start))![0].length;
  const end = text.indexOf('\n', start);
  return { start: start + indent, end: end < 0 ? text.length : end, column: indent + 1 };
}

export function matchProfileGrowth(growth: SiteGrowth[], findingsOf: FindingsOf): GoRuntimeMatch {
  const confirmed: GoConfirmation[] = [];
  const unflagged: GoRuntimeMatch['unflagged'] = [];
  for (const site of growth) {
    if (!isLintable(site.file)) continue; // Node sites went through resolveNodeSites first
    const linted = findingsOf(site.file);
    if (!linted) continue;
    const candidates = linted.findings.filter((f) => GROWTH_RULES.has(f.rule));
    const finding = candidates.find((f) => f.range.line === site.line) ?? candidates.find((f) => f.handler === functionBaseName(site.function));
    if (finding) {
      confirmed.push({ finding, site, message: `Confirmed at runtime: ${describe(site)}.` });
      continue;
    }
    const r = lineRange(linted.text, site.line);
    unflagged.push({
      file: site.file, site,
      finding: {
        rule: 'runtime-growth', severity: 'warning', message: `${describe(site)}, and no static finding explains it.`,
        range: { line: site.line, column: r.column, endLine: site.line, endColumn: r.column + (r.end - r.start), start: r.start, end: r.end },
        related: [], target: site.function, handler: functionBaseName(site.function), growth: 'runtime', fixes: [],
      },
    });
  }
  return { confirmed, unflagged };
}
