// Quick fixes: each engine fix of the finding behind a LeakLens diagnostic, as a snippet-free WorkspaceEdit
// linked to that diagnostic. Offered only while the document is the version the fixes were computed for.
import * as vscode from 'vscode';
import type { FixKind } from '../../findings/model';
import { DIAGNOSTIC_SOURCE, findingForDiagnostic } from './diagnosticData';
import { fromVscodeRange } from './diagnostics';
import type { FindingStore } from './findingStore';
import { FIX_KINDS, fixKindPath, quickFixes } from './fixActions';

function codeActionKind(kind: FixKind): vscode.CodeActionKind {
  return vscode.CodeActionKind.QuickFix.append(fixKindPath(kind).join('.'));
}

function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

export class LeakLensCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: FIX_KINDS.map(codeActionKind) };

  constructor(private readonly findings: FindingStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.findings.current(document.uri.toString(), document.version);
    if (findings.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = findingForDiagnostic(findings, {
        rule: ruleOf(diagnostic),
        message: diagnostic.message,
        range: fromVscodeRange(diagnostic.range),
      });
      if (!finding) continue;
      for (const fix of quickFixes(finding)) {
        const kind = codeActionKind(fix.kind);
        if (context.only && !context.only.contains(kind)) continue;
        const action = new vscode.CodeAction(fix.title, kind);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) {
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
        }
        actions.push(action);
      }
    }
    return actions;
  }
}
