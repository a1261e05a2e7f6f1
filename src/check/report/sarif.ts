// SARIF for code scanning: the growth the failing run attributed, as `runtime-growth` results at the
// confirmed finding's line (or at the capturing function), through the lint command's SARIF writer.
import { relative } from 'node:path';
import type { FileResult } from '../../findings/model';
import { formatSarif } from '../../cli/formatSarif';
import type { CheckOutcome } from '../types';

export function formatCheckSarif(outcome: CheckOutcome, cwd: string): string {
  const byFile = new Map<string, FileResult>();
  if (outcome.failed) {
    for (const site of outcome.candidate.evidence?.sites ?? []) {
      if (!site.file || !site.finding) continue;
      const file = relative(cwd, site.file);
      const result = byFile.get(file) ?? { file, findings: [] };
      result.findings.push(site.finding);
      byFile.set(file, result);
    }
  }
  return formatSarif([...byFile.values()], cwd);
}
