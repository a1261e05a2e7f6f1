// Sentences shared by the text report, the Markdown summary and JUnit, so every output says the same thing.
import { relative } from 'node:path';
import { describeTrend, formatBytes } from '../../heap/format';
import { DEFAULT_VERDICT_OPTIONS } from '../../heap/trend/verdict';
import type { SlopeEstimate } from '../perRequest';
import type { CheckOutcome, GrowthSite, RunResult } from '../types';

/** Bytes per request are small numbers where a digit after the point matters: `1.3 kB`, `27 B`, `−119 B`. */
export function perRequestBytes(n: number): string {
  const sign = n < 0 ? '−' : '';
  const abs = Math.abs(n);
  return abs < 1000 ? `${sign}${Math.round(abs)} B` : abs < 1e6 ? `${sign}${(abs / 1e3).toFixed(1)} kB` : `${sign}${formatBytes(abs)}`;
}

export function perRequestText(p: SlopeEstimate): string {
  if (!Number.isFinite(p.slope)) return 'not measured (too few post-GC points)';
  return `${perRequestBytes(p.slope)}/request (95 % interval ${perRequestBytes(p.low)} … ${perRequestBytes(p.high)})`;
}

/** A path for messages: relative to `cwd` when below it, else absolute. */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function runLines(run: RunResult): string[] {
  const problems = run.errors + run.non2xx ? `, ${run.non2xx} non-2xx answers, ${run.errors} errors` : '';
  return [
    `${run.role}: ${run.label}, ${run.requests.toLocaleString('en-US')} requests answered${problems}`,
    `  post-GC heap: ${describeTrend(run.trend, DEFAULT_VERDICT_OPTIONS.minPoints)}`,
    `  retained per request: ${perRequestText(run.perRequest)}`,
  ];
}

export function verdictLine(outcome: CheckOutcome): string {
  const { comparison, candidate } = outcome;
  if (comparison) {
    const diff = `${comparison.difference >= 0 ? '+' : ''}${perRequestBytes(comparison.difference)}/request`;
    const band = `noise band ±${perRequestBytes(comparison.noiseBand)}/request`;
    return comparison.regressed
      ? `FAIL: the candidate retains ${diff} more than the baseline (${band})`
      : `PASS: the candidate retains ${diff} against the baseline, within the ${band}`;
  }
  return candidate.trend.state === 'growing'
    ? `FAIL: the post-GC heap grows under load (≈ ${formatBytes(candidate.bytesPerMinute)}/min, ${perRequestBytes(candidate.perRequest.slope)}/request)`
    : 'PASS: the post-GC heap is steady under load';
}

export function siteLines(site: GrowthSite, cwd: string): string[] {
  const lines = [site.description];
  if (site.confirms && site.file)
    lines.push(
      `confirms ${site.confirms.rule} on \`${site.confirms.target}\` at ${shownPath(site.file, cwd)}:${site.confirms.line}:${site.confirms.column} (confirmed at runtime)`,
    );
  else if (site.finding?.rule === 'runtime-growth') lines.push('not flagged by the linter: runtime-growth');
  return lines;
}

export function evidenceHeading(run: RunResult, cwd: string): string | undefined {
  const e = run.evidence;
  if (!e) return undefined;
  const what = e.kind === 'snapshots' ? 'heap snapshots' : 'heap profiles';
  if (e.problem) return `No evidence: the two ${what} could not be taken or compared: ${e.problem}`;
  return `Evidence: two ${what} ${e.requests.toLocaleString('en-US')} requests apart (${e.files.map((f) => shownPath(f, cwd)).join(', ')})`;
}
