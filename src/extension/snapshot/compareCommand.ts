// "LeakLens: Compare Heap Snapshots": the last two in the snapshot folder, two picked in the explorer, or
// any two chosen; the comparison runs in a worker with a cancellable progress, opens in a view, and its
// attributions become runtime diagnostics. Two Go heap profiles (.pb.gz) go to compareProfileFiles.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { compareSnapshotFiles, SnapshotCancelledError } from '../../heap/snapshot/runWorker';
import { writeTestState } from '../testState';
import { compareProfileFiles } from './compareProfiles';
import { editorLocalizer, logNotes } from './localizer';
import { openResultPanel } from './resultPanel';
import { publishRuntimeDiagnostics } from './runtimeDiagnostics';
import { snapshotFolder, snapshotSettings } from './settings';
import { wireComparison } from './wire';

export const COMPARE_COMMAND = 'leaklens.snapshot.compare';

const isProfileName = (file: string) => file.endsWith('.pb.gz');
const isComparable = (file: string) => file.endsWith('.heapsnapshot') || isProfileName(file);

/** Snapshot files (JS snapshots and Go profiles) in a folder, oldest first. */
function snapshotsIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter(isComparable)
      .map((f) => join(folder, f))
      .map((file) => ({ file, mtime: statSync(file).mtimeMs }))
      .sort((a, b) => a.mtime - b.mtime)
      .map((x) => x.file);
  } catch {
    return [];
  }
}

async function pickPair(clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<[string, string] | undefined> {
  const fromExplorer = (selected ?? (clicked ? [clicked] : [])).filter((u) => u.scheme === 'file' && isComparable(u.path));
  if (fromExplorer.length === 2) {
    const [a, b] = fromExplorer.map((u) => u.fsPath).sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs) as [string, string];
    return [a, b];
  }
  const folder = snapshotFolder(snapshotSettings());
  const all = folder ? snapshotsIn(folder) : [];
  // The last two of the newest one's kind: a JS snapshot and a Go profile cannot be compared.
  const newestIsProfile = all.length > 0 && isProfileName(all[all.length - 1]!);
  const existing = all.filter((f) => isProfileName(f) === newestIsProfile);
  const choose = async (): Promise<[string, string] | undefined> => {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      filters: { 'Heap snapshots and Go heap profiles': ['heapsnapshot', 'gz'] },
      openLabel: 'Compare',
      title: 'LeakLens: pick two snapshots (or two heap profiles) of one process',
      ...(folder ? { defaultUri: vscode.Uri.file(folder) } : {}),
    });
    if (!picked) return undefined;
    if (picked.length !== 2) {
      void vscode.window.showErrorMessage(`LeakLens: pick exactly two snapshots (${picked.length} picked).`);
      return undefined;
    }
    return pickPair(undefined, picked);
  };
  if (existing.length < 2) return choose();
  const [before, after] = existing.slice(-2) as [string, string];
  const lastTwo = { label: 'The last two snapshots', description: `${basename(before)} → ${basename(after)}` };
  const picked = await vscode.window.showQuickPick([lastTwo, { label: 'Pick two…' }], { title: 'LeakLens: compare heap snapshots' });
  if (!picked) return undefined;
  return picked === lastTwo ? [before, after] : choose();
}

export async function compareCommand(
  extensionUri: vscode.Uri,
  diagnostics: vscode.DiagnosticCollection,
  log: vscode.LogOutputChannel,
  clicked?: vscode.Uri,
  selected?: vscode.Uri[],
): Promise<void> {
  const pair = await pickPair(clicked, selected);
  if (!pair) return;
  const [before, after] = pair;
  if (isProfileName(before) !== isProfileName(after)) {
    void vscode.window.showErrorMessage(
      'LeakLens: a JavaScript heap snapshot and a Go heap profile cannot be compared; pick two of one kind.',
    );
    return;
  }
  if (isProfileName(before)) return compareProfileFiles(extensionUri, diagnostics, log, before, after);
  const title = `${basename(before)} → ${basename(after)}`;
  const { panel, post, show } = openResultPanel(extensionUri, 'leaklens.snapshotComparison', title);
  const abort = new AbortController();
  panel.onDidDispose(() => abort.abort());
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `LeakLens: comparing ${title}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        const settings = snapshotSettings();
        const comparison = await compareSnapshotFiles(
          before,
          after,
          { minGrowthBytes: settings.minGrowthBytes },
          {
            signal: abort.signal,
            maxHeapMb: settings.maxWorkerMemoryMb || undefined,
            onProgress: (message, fraction) => {
              progress.report({ message, increment: 100 * fraction - reported });
              reported = 100 * fraction;
              post({ type: 'progress', message, fraction });
            },
          },
        );
        const localizer = editorLocalizer(log, [before, after]);
        const localized = { ...comparison, attributions: localizer.attributions(comparison.attributions) };
        const verdicts = publishRuntimeDiagnostics(diagnostics, localized.attributions);
        show({ type: 'comparison', before: basename(before), after: basename(after), comparison: wireComparison(localized), verdicts });
        logNotes(log, localizer);
        writeTestState('snapshot-comparison', {
          before,
          after,
          matchedBy: localized.matchedBy,
          attributions: localized.attributions,
          verdicts,
          notes: localizer.notes,
        });
        log.info(`compared ${before} → ${after}: ${comparison.attributions.length} attribution(s)`);
      } catch (error) {
        if (error instanceof SnapshotCancelledError) {
          panel.dispose();
          return;
        }
        show({ type: 'error', message: (error as Error).message });
        void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
      }
    },
  );
}
