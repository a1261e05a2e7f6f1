// "Runtime meets static" in the editor: a comparison's attributions (JS heap snapshots) or growing allocation
// sites (Go heap profiles), matched against the linter's findings on those files, published in the
// `leaklens-runtime` collection — "confirmed at runtime" on the flagged line, or a `runtime-growth` warning
// where the linter saw nothing.
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

/** Replaces the collection's content with these diagnostics, by file. */
function replaceAll(collection: vscode.DiagnosticCollection, entries: [file: string, diagnostic: vscode.Diagnostic][]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const [file, d] of entries) byFile.set(file, [...(byFile.get(file) ?? []), d]);
  collection.clear();
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
}

/** Replaces the collection's content with this comparison's verdicts; returns them for the view. */
export function publishRuntimeDiagnostics(collection: vscode.DiagnosticCollection, attributions: Attribution[]): AttributionVerdict[] {
  const match = matchRuntimeGrowth(attributions, workspaceFindings());
  const entries: [string, vscode.Diagnostic][] = [];
  const add = (file: string, d: vscode.Diagnostic) => entries.push([file, d]);
  const verdicts: AttributionVerdict[] = [];
  for (const c of match.confirmed) {
    add(c.attribution.function!.file!, diagnostic(c.finding, `${c.message} ${c.finding.message}`, c.attribution.function));
    verdicts.push({ index: attributions.indexOf(c.attribution), verdict: 'confirmed', rule: c.finding.rule, line: c.finding.range.line, column: c.finding.range.column });
  }
  for (const u of match.unflagged) {
    add(u.file, diagnostic(u.finding, u.finding.message, undefined));
    const index = attributions.findIndex((a) => a.function?.file === u.file && a.variable === u.finding.target && a.function.line === u.finding.range.line);
    verdicts.push({ index, verdict: 'runtime-growth', rule: 'runtime-growth', line: u.finding.range.line, column: u.finding.range.column });
  }
  replaceAll(collection, entries);
  return verdicts;
}

/** The same for a Go profile comparison: verdicts index `growth`. */
export async function publishProfileDiagnostics(collection: vscode.DiagnosticCollection, growth: SiteGrowth[]): Promise<AttributionVerdict[]> {
  await loadGoParser();
  const match = matchProfileGrowth(growth, workspaceFindings());
  const entries: [string, vscode.Diagnostic][] = [];
  const verdicts: AttributionVerdict[] = [];
  for (const c of match.confirmed) {
    entries.push([c.site.file, diagnostic(c.finding, `${c.message} ${c.finding.message}`, undefined)]);
    verdicts.push({ index: growth.indexOf(c.site), verdict: 'confirmed', rule: c.finding.rule, line: c.finding.range.line, column: c.finding.range.column });
  }
  for (const u of match.unflagged) {
    entries.push([u.file, diagnostic(u.finding, u.finding.message, undefined)]);
    verdicts.push({ index: growth.indexOf(u.site), verdict: 'runtime-growth', rule: 'runtime-growth', line: u.finding.range.line, column: u.finding.range.column });
  }
  replaceAll(collection, entries);
  return verdicts;
}
