// The Markdown summary for a pull-request comment: verdict, figures, evidence, and the chart twice: as a
// Mermaid xychart (drawn by GitHub in the comment itself) and as heap.svg next to the file.
import type { CheckOutcome, RunResult } from '../types';
import { describeTrend } from '../../heap/format';
import { heapChartMermaid } from './mermaid';
import { evidenceHeading, perRequestBytes, perRequestText, siteLines, verdictLine } from './wording';
import { DEFAULT_VERDICT_OPTIONS } from '../../heap/trend/verdict';

const cell = (s: string) => s.replace(/\|/g, '\\|');

function row(run: RunResult): string {
  return `| ${run.role} | ${cell(run.label)} | ${run.requests.toLocaleString('en-US')} | ${cell(describeTrend(run.trend, DEFAULT_VERDICT_OPTIONS.minPoints))} | ${cell(perRequestText(run.perRequest))} |`;
}

export function formatCheckMarkdown(outcome: CheckOutcome, chartFile: string, cwd: string): string {
  const { candidate, comparison } = outcome;
  const lines = [
    `## ${outcome.failed ? '❌' : '✅'} LeakLens check: ${outcome.failed ? 'memory grows under load' : 'memory steady under load'}`,
    '',
    verdictLine(outcome),
    '',
    '| run | service | requests | post-GC heap | retained per request |',
    '| --- | --- | ---: | --- | --- |',
    ...(outcome.baselineRun ? [row(outcome.baselineRun)] : []),
    ...(comparison && !outcome.baselineRun
      ? [
          `| baseline (saved) | ${cell(comparison.baseline.label)} | ${comparison.baseline.requests.toLocaleString('en-US')} | | ${cell(perRequestText(comparison.baseline.perRequest))} |`,
        ]
      : []),
    row(candidate),
    '',
  ];
  if (comparison)
    lines.push(
      `Difference: ${perRequestBytes(comparison.difference)}/request; noise band ±${perRequestBytes(comparison.noiseBand)}/request.`,
      '',
    );
  const heading = evidenceHeading(candidate, cwd);
  if (heading) {
    lines.push(`**${heading}**`, '');
    for (const site of candidate.evidence!.sites.slice(0, 5)) {
      const [first, ...rest] = siteLines(site, cwd);
      lines.push(`- ${first}`, ...rest.map((l) => `  - ${l}`));
    }
    lines.push('');
  }
  const runs = outcome.baselineRun ? [outcome.baselineRun, candidate] : [candidate];
  lines.push(heapChartMermaid(runs), '', `![heap after GC over time](${chartFile})`, '');
  return lines.join('\n');
}
