// What a lint run found, counted: shared by every output format and by the exit code.
import type { FileResult } from '../analysis/types';

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

/** Why the run fails a build (any error, or warnings beyond what --max-warnings tolerates), or undefined. */
export function failureReason(totals: Totals, maxWarnings?: number): string | undefined {
  const errors = totals.errors > 0 ? `${totals.errors} error${totals.errors === 1 ? '' : 's'}` : undefined;
  const limit = maxWarnings ?? 0;
  if (limit < 0 || totals.warnings <= limit) return errors && `${errors} found`;
  const warnings = maxWarnings === undefined
    ? `${totals.warnings} warning${totals.warnings === 1 ? '' : 's'} found (warnings fail the run unless --max-warnings allows them)`
    : `too many warnings: ${totals.warnings}, and --max-warnings allows ${maxWarnings}`;
  return errors ? `${errors} and ${warnings}` : warnings;
}

/** 1 when the run should fail a build: any error, or warnings beyond what --max-warnings tolerates. */
export function lintExitCode(totals: Totals, maxWarnings?: number): 0 | 1 {
  return failureReason(totals, maxWarnings) === undefined ? 0 : 1;
}
