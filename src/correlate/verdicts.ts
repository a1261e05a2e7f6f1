// A runtime match as the editor publishes it: one entry per diagnostic (file, finding, message, and the
// function that captures the growing variable) and one verdict per attribution or growing site, by its
// index, for the comparison view's "confirms … (line N)" links.
import type { Finding } from '../findings/model';
import type { SiteGrowth } from '../heap/pprof/compare';
import type { Attribution } from '../heap/snapshot/diff';
import type { SourceLink } from '../heap/snapshot/sites';
import type { AttributionVerdict } from '../protocol/snapshot';
import type { GoRuntimeMatch } from './profileMatch';
import type { RuntimeMatch } from './snapshotMatch';

export interface RuntimeDiagnosticEntry {
  file: string;
  finding: Finding;
  message: string;
  capturedBy?: SourceLink;
  /** For a finding the runtime confirmed: the confirmation alone (the editor marks the linter's row with it). */
  confirmation?: string;
}

export interface PublishedMatch {
  entries: RuntimeDiagnosticEntry[];
  verdicts: AttributionVerdict[];
}

const verdict = (index: number, kind: AttributionVerdict['verdict'], f: Finding): AttributionVerdict => ({
  index,
  verdict: kind,
  rule: f.rule,
  line: f.range.line,
  column: f.range.column,
});

export function snapshotVerdicts(attributions: Attribution[], match: RuntimeMatch): PublishedMatch {
  const entries: RuntimeDiagnosticEntry[] = [];
  const verdicts: AttributionVerdict[] = [];
  for (const c of match.confirmed) {
    const fn = c.attribution.function!;
    entries.push({
      file: fn.file!,
      finding: c.finding,
      message: `${c.message} ${c.finding.message}`,
      capturedBy: fn,
      confirmation: c.message,
    });
    verdicts.push(verdict(attributions.indexOf(c.attribution), 'confirmed', c.finding));
  }
  for (const u of match.unflagged) {
    entries.push({ file: u.file, finding: u.finding, message: u.finding.message });
    verdicts.push(verdict(attributions.indexOf(u.attribution), 'runtime-growth', u.finding));
  }
  return { entries, verdicts };
}

export function profileVerdicts(growth: SiteGrowth[], match: GoRuntimeMatch): PublishedMatch {
  const entries: RuntimeDiagnosticEntry[] = [];
  const verdicts: AttributionVerdict[] = [];
  for (const c of match.confirmed) {
    entries.push({ file: c.site.file, finding: c.finding, message: `${c.message} ${c.finding.message}`, confirmation: c.message });
    verdicts.push(verdict(growth.indexOf(c.site), 'confirmed', c.finding));
  }
  for (const u of match.unflagged) {
    entries.push({ file: u.file, finding: u.finding, message: u.finding.message });
    verdicts.push(verdict(growth.indexOf(u.site), 'runtime-growth', u.finding));
  }
  return { entries, verdicts };
}
