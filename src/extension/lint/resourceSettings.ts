// The lint settings of each document: `leaklens.*` read for its resource (so a folder of a multi-root workspace
// keeps its own rules) over the LeakLens configuration file nearest to it. Cached per folder of the document;
// cleared when a setting or a configuration file changes. A bad configuration file is logged once and skipped,
// so the editor keeps linting with the settings alone.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { ConfigError, type FoundConfig } from '../../config/configFile';
import { CONFIG_FILE, findConfig } from '../../config/findConfig';
import { ExcludeMatcher } from './fileFilter';
import { readLintSettings, type LintSettings } from './settings';

export interface ResourceSettings extends LintSettings {
  /** `leaklens.exclude`, the configuration's `ignores` and node_modules. */
  matcher: ExcludeMatcher;
  /** Whether the matcher leaves the file out. */
  excludes(uri: vscode.Uri): boolean;
}

/** Globs of the files that can change a document's settings, for a file system watcher. */
export const CONFIG_FILES_GLOB = `**/{${CONFIG_FILE},package.json}`;

/** A value the user set at some level (not the manifest's default), so that it overrides the configuration file. */
function userValue(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): unknown {
  if (!inspected) return undefined;
  return (
    inspected.workspaceFolderLanguageValue ??
    inspected.workspaceFolderValue ??
    inspected.workspaceLanguageValue ??
    inspected.workspaceValue ??
    inspected.globalLanguageValue ??
    inspected.globalValue
  );
}

export class ResourceSettingsCache {
  private readonly cache = new Map<string, ResourceSettings>();
  /** Problems already logged, so a document typed in does not log the same line on every keystroke. */
  private readonly logged = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  for(uri: vscode.Uri): ResourceSettings {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const dir = uri.scheme === 'file' ? dirname(uri.fsPath) : undefined;
    const key = `${folder?.uri.toString() ?? ''}\n${dir ?? ''}`;
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.read(uri, dir);
      this.cache.set(key, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
    this.logged.clear();
  }

  private read(uri: vscode.Uri, dir: string | undefined): ResourceSettings {
    const config = vscode.workspace.getConfiguration('leaklens', uri);
    let file: FoundConfig | undefined;
    try {
      file = dir === undefined ? undefined : findConfig(dir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.warnOnce(`${error.message}; the file is ignored until it is fixed.`);
    }
    const { settings, problems } = readLintSettings((key) => userValue(config.inspect(key)), file);
    for (const problem of problems) this.warnOnce(problem);
    const matcher = new ExcludeMatcher(settings.exclude, file);
    return {
      ...settings,
      matcher,
      excludes: (target) =>
        matcher.excludes(vscode.workspace.asRelativePath(target, false), target.scheme === 'file' ? target.fsPath : undefined),
    };
  }

  private warnOnce(line: string): void {
    if (this.logged.has(line)) return;
    this.logged.add(line);
    this.log.warn(line);
  }
}
