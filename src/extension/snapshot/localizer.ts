// The editor's Localizer (src/correlate/localize.ts): the `leaklens.pathMap` setting, guesses made in the
// workspace folders, the source maps recorded beside the snapshots; what it mapped goes to the log.
import * as vscode from 'vscode';
import { Localizer } from '../../correlate/localize';
import { parsePathMap, type PathMapping } from '../../correlate/pathMap';
import { loadRecordedMaps } from '../../sourcemaps/recorded';

function settingMappings(log: vscode.LogOutputChannel): PathMapping[] {
  const raw = vscode.workspace.getConfiguration('leaklens').get<unknown>('pathMap', {});
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    log.warn('leaklens.pathMap must be an object such as { "/app": "." }; ignored.');
    return [];
  }
  const mappings: PathMapping[] = [];
  for (const [from, to] of Object.entries(raw)) {
    try {
      if (typeof to !== 'string') throw new Error(`the folder for ${from} must be a string`);
      mappings.push(parsePathMap(`${from}=${to}`, base, 'setting'));
    } catch (error) {
      log.warn(`leaklens.pathMap: ${(error as Error).message}; ignored.`);
    }
  }
  return mappings;
}

export function editorLocalizer(log: vscode.LogOutputChannel, snapshots: readonly string[]): Localizer {
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return new Localizer({ pathMaps: settingMappings(log), roots, recorded: loadRecordedMaps(snapshots) });
}

/** Writes the localizer's notes (mappings used, source map problems) to the log. */
export function logNotes(log: vscode.LogOutputChannel, localizer: Localizer): void {
  for (const note of localizer.notes) log.info(note);
}
