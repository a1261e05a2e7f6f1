// Machine output: every file looked at (findings, fixes and notices as the engine reports them) and the totals.
import type { FileResult } from '../findings/model';
import type { Totals } from './report';

export function formatJson(results: FileResult[], totals: Totals): string {
  return JSON.stringify({ results, summary: totals }, null, 2);
}
