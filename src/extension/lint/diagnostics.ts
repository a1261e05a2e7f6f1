// The one place diagnostics are published: the DiagnosticCollection (squiggles, Problems panel), the
// findings behind them (for quick fixes and hover) and the e2e test state always change together.
import * as vscode from 'vscode';
import type { Finding } from '../../findings/model';
import { ruleDocUrl } from '../../findings/ruleDocs';
import { runtimeConfirmations } from '../runtimeConfirmations';
import { TEST_STATE_ENV, writeTestState } from '../testState';
import { DIAGNOSTIC_SOURCE, toDiagnosticData, type DiagnosticLevel, type ZeroBasedRange } from './diagnosticData';
import { FindingStore } from './findingStore';

const TEST_STATE_DELAY_MS = 100;

const SEVERITIES: Record<DiagnosticLevel, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toVscodeRange(r: ZeroBasedRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter);
}

export function fromVscodeRange(r: vscode.Range): ZeroBasedRange {
  return { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character };
}

function toDiagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
  const data = toDiagnosticData(finding);
  // A comparison confirmed this finding: its own row says so (one row per bug, not a second one).
  const confirmed =
    uri.scheme === 'file' ? runtimeConfirmations.find(uri.fsPath, finding.range.line, finding.range.column, finding.rule) : undefined;
  const message = confirmed ? `${confirmed.message} ${data.message}` : data.message;
  const diagnostic = new vscode.Diagnostic(toVscodeRange(data.range), message, SEVERITIES[data.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: data.rule, target: vscode.Uri.parse(ruleDocUrl(data.rule)) };
  diagnostic.relatedInformation = data.related.map(
    (r) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(r.file ? vscode.Uri.file(r.file) : uri, toVscodeRange(r.range)),
        r.message,
      ),
  );
  return diagnostic;
}

export class LeakLensDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  readonly findings = new FindingStore();
  /** What is on screen, to re-render when a runtime confirmation comes or goes. */
  private readonly shown = new Map<string, [vscode.Uri, Finding[]]>();
  private readonly offConfirmations = runtimeConfirmations.onChange(() => {
    for (const [uri, findings] of this.shown.values())
      this.collection.set(
        uri,
        findings.map((f) => toDiagnostic(uri, f)),
      );
  });

  /** `version` is the document version the findings were computed for; undefined for files read from disk. */
  publish(uri: vscode.Uri, version: number | undefined, findings: Finding[]): void {
    this.findings.set(uri.toString(), version, findings);
    this.shown.set(uri.toString(), [uri, findings]);
    this.collection.set(
      uri,
      findings.map((f) => toDiagnostic(uri, f)),
    );
    this.recordTestState();
  }

  clear(uri: vscode.Uri): void {
    this.findings.delete(uri.toString());
    this.shown.delete(uri.toString());
    this.collection.delete(uri);
    this.recordTestState();
  }

  clearAll(): void {
    this.findings.clear();
    this.shown.clear();
    this.collection.clear();
    this.recordTestState();
  }

  private testStateTimer: ReturnType<typeof setTimeout> | undefined;

  /** Coalesced: a scan publishes file after file, and rewriting every row each time would be quadratic. */
  private recordTestState(): void {
    if (!process.env[TEST_STATE_ENV] || this.testStateTimer) return;
    this.testStateTimer = setTimeout(() => {
      this.testStateTimer = undefined;
      writeTestState('diagnostics', this.findings.rows());
    }, TEST_STATE_DELAY_MS);
  }

  dispose(): void {
    this.offConfirmations();
    clearTimeout(this.testStateTimer);
    this.collection.dispose();
  }
}
