// Opens a source file at a 1-based position, for links in the snapshot views. A view may only ask for
// files the host itself sent it (the allow-list), never an arbitrary path.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';

export async function openSourceAt(allowed: ReadonlySet<string>, file: string, line: number, column: number): Promise<void> {
  if (!allowed.has(file)) return;
  if (!existsSync(file)) {
    void vscode.window.showWarningMessage(`LeakLens: ${file} does not exist here (the snapshot may come from another machine).`);
    return;
  }
  const position = new vscode.Position(line - 1, column - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true });
}

/** Every local file a summary or comparison links to. */
export function linkedFiles(value: unknown): Set<string> {
  const files = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'file' && typeof x === 'string') files.add(x);
        else walk(x);
      }
    }
  };
  walk(value);
  return files;
}
