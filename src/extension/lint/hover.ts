// Hovering a LeakLens finding explains it: what grows and why it outlives the request, then what to do.
import * as vscode from 'vscode';
import { ruleDocUrl } from '../../findings/ruleDocs';
import { findingsAt, toZeroBased } from './diagnosticData';
import { toVscodeRange } from './diagnostics';
import { explainFinding } from './explain';
import type { FindingStore } from './findingStore';

export class LeakLensHover implements vscode.HoverProvider {
  constructor(private readonly findings: FindingStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = findingsAt(this.findings.current(document.uri.toString(), document.version), position.line, position.character);
    if (found.length === 0) return undefined;
    // A `go` document went to the Go engine (fileFilter picks the engine from the language).
    const language = document.languageId === 'go' ? 'go' : 'js';
    // Untrusted markdown: the text quotes names from the workspace, so no command links may be honoured.
    const text = new vscode.MarkdownString(
      found
        .map((f) => `**LeakLens (${f.rule})**: ${explainFinding(f, language)} [Rule documentation](${ruleDocUrl(f.rule)})`)
        .join('\n\n---\n\n'),
    );
    return new vscode.Hover(text, toVscodeRange(toZeroBased(found[0]!.range)));
  }
}
