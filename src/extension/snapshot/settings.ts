// The `leaklens.snapshot.*` settings.
import * as vscode from 'vscode';

export interface SnapshotSettings {
  /** Where snapshots are saved, relative to the first workspace folder (or absolute). */
  folder: string;
  /** Growth below this many bytes is not attributed. */
  minGrowthBytes: number;
  /** Cap on the analysis worker's JS heap (MB); 0 = Node's default. */
  maxWorkerMemoryMb: number;
}

export function snapshotSettings(): SnapshotSettings {
  const c = vscode.workspace.getConfiguration('leaklens.snapshot');
  return {
    folder: c.get<string>('folder', '.leaklens/snapshots') || '.leaklens/snapshots',
    minGrowthBytes: Math.max(0, c.get<number>('minGrowthBytes', 65_536)),
    maxWorkerMemoryMb: Math.max(0, c.get<number>('maxWorkerMemoryMb', 0)),
  };
}

/** The snapshot folder as a path, or undefined without a workspace (absolute settings always work). */
export function snapshotFolder(settings: SnapshotSettings): string | undefined {
  const folder = settings.folder;
  if (/^([A-Za-z]:)?[\\/]/.test(folder)) return folder;
  const ws = vscode.workspace.workspaceFolders?.[0];
  return ws && ws.uri.scheme === 'file' ? vscode.Uri.joinPath(ws.uri, folder).fsPath : undefined;
}
