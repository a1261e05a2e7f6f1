// Read-only custom editor for heap profiles (*.pb.gz: a Go service's, `curl …/debug/pprof/heap`, or a Node
// process's from Take Heap Profile / `leaklens profile`): in-use totals
// and the top allocation sites by in-use bytes, each linking to its file and line. Profiles are small
// (kB to a few MB), so they are decoded in the extension host.
import * as vscode from 'vscode';
import { readProfileFile } from '../../heap/pprof/files';
import { parseSnapshotViewMessage } from '../../protocol/snapshot';
import { writeTestState } from '../testState';
import { linkedFiles, openSourceAt } from './openSource';
import { initSnapshotView } from './viewHtml';
import { wireAllocationSites, wireProfileTotals } from './wire';

export const PROFILE_SUMMARY_VIEW_TYPE = 'leaklens.profileSummary';
/** Allocation sites listed in the summary. */
const SUMMARY_TOP = 50;

export class ProfileSummaryEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => {} };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const name = document.uri.path.split('/').pop() ?? 'profile';
    const post = initSnapshotView(webview, this.extensionUri, name);
    let allowed = new Set<string>();
    webview.onDidReceiveMessage((raw) => {
      const m = parseSnapshotViewMessage(raw);
      if (!m) return;
      if (m.type === 'openSource') return void openSourceAt(allowed, m.file, m.line, m.column);
      if (document.uri.scheme !== 'file') return post({ type: 'error', message: 'LeakLens reads heap profiles from local files only.' });
      try {
        const profile = readProfileFile(document.uri.fsPath);
        const sites = profile.sites.slice(0, SUMMARY_TOP);
        allowed = linkedFiles(sites);
        post({ type: 'profileSummary', fileName: name, totals: wireProfileTotals(profile.totals), sites: wireAllocationSites(sites) });
        writeTestState('profile-summary', { file: document.uri.fsPath, totals: profile.totals, sites: sites.slice(0, 10) });
      } catch (error) {
        this.log.warn(`heap profile summary of ${document.uri.fsPath}: ${(error as Error).message}`);
        post({ type: 'error', message: `${name}: ${(error as Error).message}` });
      }
    });
  }
}
