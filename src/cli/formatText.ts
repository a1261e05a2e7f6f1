// Human output: `file:line:col  severity  message  rule`, grouped by file, then one summary line. Columns are
// padded before colouring, so coloured and plain output line up the same.
import type { FileResult, Severity } from '../findings/model';
import { painter, type Painter, type Style } from './color';
import type { Totals } from './report';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(totals: Totals, failed: boolean, paint: Painter = painter(false)): string {
  const problems = totals.errors + totals.warnings + totals.infos;
  const counts = `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}`;
  const skipped = totals.skipped > 0 ? `; ${plural(totals.skipped, 'file')} skipped` : '';
  const line = `${failed ? '✖' : '✔'} ${plural(problems, 'problem')} (${counts}) in ${plural(totals.files, 'file')}${skipped}`;
  return paint('bold', paint(failed ? 'red' : 'green', line));
}

const SEVERITY_STYLE: Record<Severity | 'notice', Style> = { error: 'red', warning: 'yellow', info: 'cyan', notice: 'dim' };

/** Lines of one file's group, columns padded so messages line up within the group. */
function fileLines(result: FileResult, paint: Painter): string[] {
  const rows: [string, Severity | 'notice', string, string][] = result.findings.map((f) => [
    `${result.file}:${f.range.line}:${f.range.column}`,
    f.severity,
    f.message,
    f.rule,
  ]);
  const notice = result.notice;
  if (notice) {
    const where = notice.line === undefined ? '' : `:${notice.line}:${notice.column ?? 1}`;
    rows.push([`${result.file}${where}`, 'notice', notice.message, notice.kind]);
  }
  const width = (i: 0 | 1) => Math.max(...rows.map((row) => row[i].length));
  const [w0, w1] = [width(0), width(1)];
  return rows.map(
    ([loc, sev, msg, rule]) =>
      `${paint('underline', loc)}${' '.repeat(w0 - loc.length)}  ${paint(SEVERITY_STYLE[sev], sev.padEnd(w1))}  ${msg}  ${paint('dim', rule)}`,
  );
}

export function formatText(results: FileResult[], totals: Totals, failed: boolean, color = false): string {
  const paint = painter(color);
  const groups = results.filter((r) => r.findings.length > 0 || r.notice).map((r) => fileLines(r, paint).join('\n'));
  return [...groups, summaryLine(totals, failed, paint)].join('\n\n');
}
