// "Compare Heap Snapshots" for two heap profiles (Go, or Node sampled by V8): growth by function and line in a
// view, and the runtime match (confirmed at runtime / runtime-growth) in the runtime diagnostics. Node sites
// are first moved to the growing line the analysis finds in their function. Profiles are small, so this runs
// in the extension host without a worker.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { compareProfiles } from '../../heap/pprof/compare';
import { readProfileFile } from '../../heap/pprof/files';
import { resolveNodeSites } from '../../heap/pprof/nodeSites';
import { writeTestState } from '../testState';
import { editorLocalizer, logNotes } from './localizer';
import { openResultPanel } from './resultPanel';
import { publishProfileDiagnostics, workspaceFindings } from './runtimeDiagnostics';
import { snapshotSettings } from './settings';
import { wireProfileComparison } from './wire';

export async function compareProfileFiles(
  extensionUri: vscode.Uri,
  diagnostics: vscode.DiagnosticCollection,
  log: vscode.LogOutputChannel,
  before: string,
  after: string,
): Promise<void> {
  const title = `${basename(before)} → ${basename(after)}`;
  const { show } = openResultPanel(extensionUri, 'leaklens.profileComparison', title);
  try {
    // The same noise threshold as for JS snapshots: one setting says what growth is worth a word.
    const compared = compareProfiles(readProfileFile(before), readProfileFile(after), snapshotSettings().minGrowthBytes);
    const localizer = editorLocalizer(log, []);
    // Paths first (mapped, through source maps), then each Node site moved to the growth finding in its function.
    const comparison = { ...compared, growth: resolveNodeSites(localizer.sites(compared.growth), workspaceFindings()) };
    logNotes(log, localizer);
    const verdicts = await publishProfileDiagnostics(diagnostics, comparison.growth);
    show({
      type: 'profileComparison',
      before: basename(before),
      after: basename(after),
      comparison: wireProfileComparison(comparison),
      verdicts,
    });
    writeTestState('snapshot-comparison', { before, after, growth: comparison.growth, verdicts, notes: localizer.notes });
    log.info(`compared heap profiles ${before} → ${after}: ${comparison.growth.length} growing site(s)`);
  } catch (error) {
    show({ type: 'error', message: (error as Error).message });
    void vscode.window.showErrorMessage(`LeakLens: ${(error as Error).message}`);
  }
}
