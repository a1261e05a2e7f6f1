// "Runtime meets static" in the editor: a comparison's attributions (JS heap snapshots) or growing allocation
// sites (Go heap profiles), matched against the linter's findings on those files — "confirmed at runtime"
// marks the linter's own row (runtimeConfirmations), a `runtime-growth` warning in the `leaklens-runtime`
// collection goes where the linter saw nothing. Each kind of comparison replaces only its own results.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ruleDocUrl, type Finding } from '../../analysis';
import { loadGoParser } from '../../analysis/go';
import { lintSource } from '../../analysis/lintFile';
import type { SiteGrowth } from '../../heap/pprof/compare';
import { matchProfileGrowth } from '../../heap/pprof/runtimeMatch';
import type { Attribution } from '../../heap/snapshot/diff';
import { matchRuntimeGrowth, type FindingsOf } from '../../heap/snapshot/runtimeMatch';
import type { AttributionVerdict } from '../../protocol/snapshot';
import { runtimeConfirmations, type ConfirmationTarget, type RuntimeConfirmation } from '../runtimeConfirmations';

export const RUNTIME_COLLECTION = 'leaklens-runtime';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Only files inside a workspace folder are linted: their text comes from the open document when there is one. Go files need the grammar loaded. */
export function workspaceFindings(): FindingsOf {
  return (file) => {
    const uri = vscode.Uri.file(file);
    if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    try {
      const text = open ? open.getText() : readFileSync(file, 'utf8');
      // Test code included, as in the CLI: what grew in a real process lived long enough to leak.
      return { text, findings: lintSource(file, text, { includeTests: true }).findings };
    } catch {
      return undefined;
    }
  };
}

function diagnostic(finding: Finding, message: string, fn: Attribution['function']): vscode.Diagnostic {
  const r = finding.range;
  const d = new vscode.Diagnostic(new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1), message, SEVERITY[finding.severity]);
  d.source = 'LeakLens (runtime)';
  d.code = { value: finding.rule, target: vscode.Uri.parse(ruleDocUrl(finding.rule)) };
  if (fn?.file) {
    d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(fn.file), new vscode.Position(fn.line - 1, fn.column - 1)), `captured by \`${fn.functionName}\``)];
  }
  return d;
}

const growthByTarget = new Map<ConfirmationTarget, [file: string, diagnostic: vscode.Diagnostic][]>();

/** Replaces `target`'s runtime-growth rows and confirmations; the other kind of target's stay. */
function replaceFor(collection: vscode.DiagnosticCollection, target: ConfirmationTarget, entries: [file: string, diagnostic: vscode.Diagnostic][], confirmed: RuntimeConfirmation[]): void {
  growthByTarget.set(target, entries);
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const [file, d] of [...growthByTarget.values()].flat()) byFile.set(file, [...(byFile.get(file) ?? []), d]);
  collection.clear();
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
  runtimeConfirmations.set(target, confirmed);
}

/** "Clear Runtime Diagnostics": every target's rows and confirmations. */
export function clearRuntimeDiagnostics(collection: vscode.DiagnosticCollection): void {
  growthByTarget.clear();
  collection.clear();
  runtimeConfirmations.clear();
}

const confirmation = (file: string, finding: Finding, message: string): RuntimeConfirmation => ({ file, line: finding.range.line, column: finding.range.column, rule: finding.rule, message });

/** Replaces the collection's content with this comparison's verdicts; returns them for the view. */
export function publishRuntimeDiagnostics(collection: vscode.DiagnosticCollection, attributions: Attribution[]): AttributionVerdict[] {
  const match = matchRuntimeGrowth(attributions, workspaceFindings());
  const entries: [string, vscode.Diagnostic][] = [];
  const add = (file: string, d: vscode.Diagnostic) => entries.push([file, d]);
  const verdicts: AttributionVerdict[] = [];
  const confirmed: RuntimeConfirmation[] = [];
  for (const c of match.confirmed) {
    confirmed.push(confirmation(c.attribution.function!.file!, c.finding, c.message));
    verdicts.push({ index: attributions.indexOf(c.attribution), verdict: 'confirmed', rule: c.finding.rule, line: c.finding.range.line, column: c.finding.range.column });
  }
  for (const u of match.unflagged) {
    add(u.file, diagnostic(u.finding, u.finding.message, undefined));
    const index = attributions.findIndex((a) => a.function?.file === u.file && a.variable === u.finding.target && a.function.line === u.finding.range.line);
    verdicts.push({ index, verdict: 'runtime-growth', rule: 'runtime-growth', line: u.finding.range.line, column: u.finding.range.column });
  }
  replaceFor(collection, 'heapsnapshot', entries, confirmed);
  return verdicts;
}

/** The same for a Go profile comparison: verdicts index `growth`. */
export async function publishProfileDiagnostics(collection: vscode.DiagnosticCollection, growth: SiteGrowth[]): Promise<AttributionVerdict[]> {
  await loadGoParser();
  const match = matchProfileGrowth(growth, workspaceFindings());
  const entries: [string, vscode.Diagnostic][] = [];
  const verdicts: AttributionVerdict[] = [];
  const confirmed: RuntimeConfirmation[] = [];
  for (const c of match.confirmed) {
    confirmed.push(confirmation(c.site.file, c.finding, c.message));
    verdicts.push({ index: growth.indexOf(c.site), verdict: 'confirmed', rule: c.finding.rule, line: c.finding.range.line, column: c.finding.range.column });
  }
  for (const u of match.unflagged) {
    entries.push([u.file, diagnostic(u.finding, u.finding.message, undefined)]);
    verdicts.push({ index: growth.indexOf(u.site), verdict: 'runtime-growth', rule: 'runtime-growth', line: u.finding.range.line, column: u.finding.range.column });
  }
  replaceFor(collection, 'pprof', entries, confirmed);
  return verdicts;
}
