// What a lint run found, counted: shared by every output format and by the exit code.
import type { FileResult } from '../findings/model';

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  /** Files analysed (a file with a notice is counted as skipped instead). */
  files: number;
  skipped: number;
}

export function countResults(results: FileResult[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, files: 0, skipped: 0 };
  for (const result of results) {
    if (result.notice) totals.skipped++;
    else totals.files++;
    for (const finding of result.findings) {
      if (finding.severity === 'error') totals.errors++;
      else if (finding.severity === 'warning') totals.warnings++;
      else totals.infos++;
    }
  }
  return totals;
}

/**
 * Why --max-warnings fails the run, or undefined (no limit given, or not exceeded). As in ESLint, said apart from
 * the report: the summary line already shows errors, but not that a limit was passed.
 */
export function maxWarningsExceeded(totals: Totals, maxWarnings?: number): string | undefined {
  if (maxWarnings === undefined || maxWarnings < 0 || totals.warnings <= maxWarnings) return undefined;
  return `too many warnings: ${totals.warnings}, and --max-warnings allows ${maxWarnings}`;
}

/** 1 when the run should fail a build: any error, or warnings beyond what --max-warnings tolerates. */
export function lintExitCode(totals: Totals, maxWarnings?: number): 0 | 1 {
  return totals.errors > 0 || (maxWarnings === undefined ? totals.warnings > 0 : maxWarnings >= 0 && totals.warnings > maxWarnings) ? 1 : 0;
}
