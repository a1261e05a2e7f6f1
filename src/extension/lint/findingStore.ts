// The findings behind the diagnostics on screen, per document URI, with the document version they were
// computed for: fixes are offsets into that exact text, so they are offered only while it is unchanged.
import type { Finding } from '../../findings/model';
import { DIAGNOSTIC_SOURCE, toDiagnosticData, type DiagnosticLevel } from './diagnosticData';

export interface StoredFindings {
  /** Document version the findings were computed for; undefined for files read from disk by a scan. */
  version: number | undefined;
  findings: Finding[];
}

/** One row of the test-state `diagnostics.json`: what the Problems panel shows, line 1-based. */
export interface DiagnosticRow {
  uri: string;
  rule: string;
  line: number;
  severity: DiagnosticLevel;
  message: string;
  source: typeof DIAGNOSTIC_SOURCE;
}

export class FindingStore {
  private readonly byUri = new Map<string, StoredFindings>();

  set(uri: string, version: number | undefined, findings: Finding[]): void {
    if (findings.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, { version, findings });
  }

  /** Findings for a document only if they were computed for its current version. */
  current(uri: string, version: number): Finding[] {
    const stored = this.byUri.get(uri);
    return stored && stored.version === version ? stored.findings : [];
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  clear(): void {
    this.byUri.clear();
  }

  /** Sorted by uri then line, so the file is stable and diffable. */
  rows(): DiagnosticRow[] {
    const rows: DiagnosticRow[] = [];
    for (const [uri, { findings }] of this.byUri) {
      for (const f of findings) {
        const d = toDiagnosticData(f);
        rows.push({ uri, rule: d.rule, line: f.range.line, severity: d.severity, message: d.message, source: DIAGNOSTIC_SOURCE });
      }
    }
    return rows.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line));
  }
}
