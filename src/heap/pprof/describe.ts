// Wording of heap profiles and their comparison for the CLI and the summary view.
import { formatBytes, formatCount } from '../snapshot/describe';
import type { ProfileComparison, SiteGrowth } from './compare';
import type { AllocationSite, HeapProfile } from './profile';
import type { GoRuntimeMatch } from '../../correlate/profileMatch';

/** `file:line`, relative to `cwd` when inside it. */
export function siteLink(site: { file: string; line: number }, cwd?: string): string {
  const prefix = cwd ? (cwd.endsWith('/') ? cwd : cwd + '/') : undefined;
  const file = prefix && site.file.startsWith(prefix) ? site.file.slice(prefix.length) : site.file || '(unknown file)';
  return `${file}:${site.line}`;
}

function siteLine(s: AllocationSite | SiteGrowth, cwd?: string): string {
  const grows = 'variable' in s && s.variable ? `  grows \`${s.variable}\`` : '';
  return `${s.function}  ${siteLink(s, cwd)}${s.via ? `  (via ${s.via})` : ''}${grows}`;
}

export function formatProfileSummary(p: HeapProfile, top: number, cwd?: string): string {
  // A Node profile holds only what V8 sampled since sampling started, and nothing of what was allocated and freed.
  const since =
    p.runtime === 'node'
      ? `sampled live objects, 1 per ${formatBytes(p.period)} allocated`
      : `allocated since start: ${formatBytes(p.totals.allocSpace)}`;
  const lines = [`Heap in use: ${formatBytes(p.totals.inuseSpace)} in ${formatCount(p.totals.inuseObjects)} objects (${since}).`];
  if (p.sites.length === 0) return [...lines, 'No sampled allocations are in use.'].join('\n');
  lines.push(`Top ${Math.min(top, p.sites.length)} allocation sites by in-use bytes:`);
  for (const s of p.sites.slice(0, top))
    lines.push(`  ${formatBytes(s.inuseSpace).padStart(9)}  ${formatCount(s.inuseObjects).padStart(9)} obj  ${siteLine(s, cwd)}`);
  return lines.join('\n');
}

export function formatProfileComparison(c: ProfileComparison, match: GoRuntimeMatch, cwd?: string): string {
  const lines = [
    `Heap in use: ${formatBytes(c.before.inuseSpace)} → ${formatBytes(c.after.inuseSpace)} (${formatCount(c.before.inuseObjects)} → ${formatCount(c.after.inuseObjects)} objects)`,
    '',
  ];
  if (c.growth.length === 0) lines.push('No allocation site grew above the noise threshold.');
  else lines.push('Growth by function and line:');
  c.growth.forEach((g, i) => {
    lines.push(
      `  ${i + 1}. +${formatBytes(g.bytesDelta)} (${g.objectsDelta >= 0 ? '+' : ''}${formatCount(g.objectsDelta)} objects)  ${siteLine(g, cwd)}`,
    );
    const confirmed = match.confirmed.find((m) => m.site === g);
    if (confirmed)
      lines.push(
        `     confirms ${confirmed.finding.rule} at ${siteLink({ file: g.file, line: confirmed.finding.range.line }, cwd)}:${confirmed.finding.range.column}`,
      );
    else if (match.unflagged.some((u) => u.site === g)) lines.push('     not flagged by the linter: runtime-growth');
  });
  return lines.join('\n');
}
