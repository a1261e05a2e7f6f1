// The report on the terminal.
import type { CheckOutcome } from '../types';
import { evidenceHeading, perRequestText, runLines, shownPath, siteLines, verdictLine } from './wording';

export function formatCheckText(outcome: CheckOutcome, reports: string[], cwd: string): string {
  const lines: string[] = [];
  if (outcome.baselineRun) lines.push(...runLines(outcome.baselineRun));
  else if (outcome.comparison)
    lines.push(
      `baseline (saved): ${outcome.comparison.baseline.label}, retained per request ${perRequestText(outcome.comparison.baseline.perRequest)}`,
    );
  lines.push(...runLines(outcome.candidate));
  const heading = evidenceHeading(outcome.candidate, cwd);
  if (heading) {
    lines.push(heading);
    const sites = outcome.candidate.evidence!.sites;
    if (sites.length === 0 && !outcome.candidate.evidence!.problem)
      lines.push('  no growth attributed to a captured variable or allocation site above the noise threshold');
    sites.slice(0, 5).forEach((site, i) => {
      const [first, ...rest] = siteLines(site, cwd);
      lines.push(`  ${i + 1}. ${first}`, ...rest.map((l) => `     ${l}`));
    });
  }
  lines.push(verdictLine(outcome));
  if (reports.length) lines.push(`Reports: ${reports.map((r) => shownPath(r, cwd)).join(', ')}`);
  return lines.join('\n');
}
