// "Runtime meets static" in the editor: a comparison's attributions (JS heap snapshots) or growing allocation
// sites (Go and Node heap profiles), localized to the workspace and matched against the linter's findings on
// those files with the user's rule settings (src/correlate): "confirmed at runtime" marks the linter's own row
// (runtimeConfirmations), a `runtime-growth` warning in the `leaklens-runtime` collection goes where the linter
// saw nothing. Each kind of comparison replaces only its own results.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ruleDocUrl, type Finding } from '../../analysis';
import { loadGoParser } from '../../analysis/go';
import { findingsOf, type FindingsOf } from '../../correlate/findings';
import { matchProfileGrowth } from '../../correlate/profileMatch';
import { matchRuntimeGrowth } from '../../correlate/snapshotMatch';
import { profileVerdicts, snapshotVerdicts, type PublishedMatch, type RuntimeDiagnosticEntry } from '../../correlate/verdicts';
import type { SiteGrowth } from '../../heap/pprof/compare';
import type { Attribution } from '../../heap/snapshot/diff';
import type { AttributionVerdict } from '../../protocol/snapshot';
import { readLintSettings } from '../lint/settings';
import { runtimeConfirmations, type ConfirmationTarget, type RuntimeConfirmation } from '../runtimeConfirmations';

export const RUNTIME_COLLECTION = 'leaklens-runtime';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Only files inside a workspace folder are linted, with the `leaklens.rules` settings: their text comes from
 * the open document when there is one. Go files need the grammar loaded.
 */
export function workspaceFindings(): FindingsOf {
  const { settings } = readLintSettings((key) => vscode.workspace.getConfiguration('leaklens').get(key));
  return findingsOf(settings.config, (file) => {
    const uri = vscode.Uri.file(file);
    if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
    try {
      return open ? open.getText() : readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  });
}

function diagnostic(entry: RuntimeDiagnosticEntry): vscode.Diagnostic {
  const { finding, capturedBy: fn } = entry;
  const r = finding.range;
  const d = new vscode.Diagnostic(
    new vscode.Range(r.line - 1, r.column - 1, r.endLine - 1, r.endColumn - 1),
    entry.message,
    SEVERITY[finding.severity],
  );
  d.source = 'LeakLens (runtime)';
  d.code = { value: finding.rule, target: vscode.Uri.parse(ruleDocUrl(finding.rule)) };
  if (fn?.file) {
    d.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(fn.file), new vscode.Position(fn.line - 1, fn.column - 1)),
        `captured by \`${fn.functionName}\``,
      ),
    ];
  }
  return d;
}

const growthByTarget = new Map<ConfirmationTarget, [file: string, diagnostic: vscode.Diagnostic][]>();

/** Replaces `target`'s runtime-growth rows and confirmations; the other kind of target's stay. */
function replaceFor(
  collection: vscode.DiagnosticCollection,
  target: ConfirmationTarget,
  entries: [file: string, diagnostic: vscode.Diagnostic][],
  confirmed: RuntimeConfirmation[],
): void {
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

/** Confirmations mark the linter's rows; the rest become runtime-growth rows. Returns the verdicts for the view. */
function publish(
  collection: vscode.DiagnosticCollection,
  target: ConfirmationTarget,
  { entries, verdicts }: PublishedMatch,
): AttributionVerdict[] {
  const growth = entries.filter((e) => e.confirmation === undefined).map((e): [string, vscode.Diagnostic] => [e.file, diagnostic(e)]);
  const confirmed = entries.flatMap((e): RuntimeConfirmation[] =>
    e.confirmation === undefined
      ? []
      : [{ file: e.file, line: e.finding.range.line, column: e.finding.range.column, rule: e.finding.rule, message: e.confirmation }],
  );
  replaceFor(collection, target, growth, confirmed);
  return verdicts;
}

/** `attributions` already localized (Localizer.attributions). */
export function publishRuntimeDiagnostics(collection: vscode.DiagnosticCollection, attributions: Attribution[]): AttributionVerdict[] {
  return publish(collection, 'heapsnapshot', snapshotVerdicts(attributions, matchRuntimeGrowth(attributions, workspaceFindings())));
}

/** The same for a Go profile comparison: verdicts index `growth` (already localized: Localizer.sites). */
export async function publishProfileDiagnostics(
  collection: vscode.DiagnosticCollection,
  growth: SiteGrowth[],
): Promise<AttributionVerdict[]> {
  await loadGoParser();
  return publish(collection, 'pprof', profileVerdicts(growth, matchProfileGrowth(growth, workspaceFindings())));
}
