// Diagnostics for open JS/TS and Go documents, refreshed as the user types (debounced) and cleared on close.
// Small documents are linted in-process (the engine takes milliseconds); big ones in the worker, so a
// large file never stalls the extension host. Either side keeps each open document's syntax tree and
// re-parses only the edited span, and lints it within the project of the first workspace folder (the
// worker keeps its own copy of that project, told of changes on disk). A result for a version the user has
// since edited is dropped.
import * as vscode from 'vscode';
import { IncrementalLinter } from '../../analysis/incremental';
import { prepareEngines } from '../../analysis/lintFile';
import type { FileResult, Notice } from '../../findings/model';
import { DEFAULT_MAX_FILE_SIZE, type LintConfig } from '../../analysis/lintConfig';
import { KeyedDebouncer } from './debounce';
import type { LeakLensDiagnostics } from './diagnostics';
import { engineFileName, isLintedDocument } from './fileFilter';
import type { LintWorker } from './lintWorker';
import { ProjectIndex } from './projectIndex';
import type { ResourceSettings } from './resourceSettings';

const DEBOUNCE_MS = 300;
/** Above this many characters (~1,500 lines) a document is linted in the worker: measured under load, a 5,000-line
 * file took p50 100 ms in-process (npm run bench:editor), too long to hold the extension host. */
export const WORKER_THRESHOLD_CHARS = 64 * 1024;
const WORKER_TIMEOUT_MS = 30_000;
/** Files changed on disk read into the project index per event-loop turn (each is parsed, ~1 ms when small). */
const DISK_CHANGES_PER_TURN = 8;
/** Schemes of real documents; others (git:, output:, vscode-scm:) are views of something else. */
const LINTED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export class LiveLinter implements vscode.Disposable {
  private readonly debouncer = new KeyedDebouncer<string>(DEBOUNCE_MS);
  /** The notice last logged per document, so typing through a parse error logs it once. */
  private readonly noticed = new Map<string, string>();
  private readonly documents = new IncrementalLinter();
  /** Every JS/TS file of the first workspace folder, for growth in helpers of other modules. */
  private readonly index: ProjectIndex;
  /** The first workspace folder, whose files the project index covers (under that folder's settings). */
  private readonly root = vscode.workspace.workspaceFolders?.[0]?.uri;

  constructor(
    private readonly diagnostics: LeakLensDiagnostics,
    /** Each document's settings (per workspace folder and configuration file, see resourceSettings.ts). */
    private readonly settingsFor: (uri: vscode.Uri) => ResourceSettings,
    private readonly worker: LintWorker,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const settings = this.indexSettings();
    this.index = new ProjectIndex(this.root?.fsPath, settings?.config ?? {}, settings?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  }

  /** The settings the project index works under: those of its folder (none without a folder). */
  private indexSettings(): ResourceSettings | undefined {
    return this.root && this.settingsFor(this.root);
  }

  /** Builds the project index, then lints the open documents again with what it knows. */
  async indexWorkspace(): Promise<void> {
    if (!this.indexSettings()?.enable) return;
    await this.index.build((path) => this.excluded(path));
    this.lintOpenDocuments();
  }

  private excluded(path: string): boolean {
    const uri = vscode.Uri.file(path);
    return this.settingsFor(uri).excludes(uri);
  }

  /**
   * A file changed, appeared or went away on disk: open documents whose findings it moves are linted again.
   * Changes are queued and read a few per event-loop turn, so that a checkout or a generator writing
   * thousands of files never holds the extension host.
   */
  onFileChanged(uri: vscode.Uri, deleted: boolean): void {
    if (uri.scheme !== 'file' || !this.indexSettings()?.enable) return;
    this.worker.fileChanged(uri.fsPath, deleted);
    this.diskChanges.set(uri.fsPath, deleted);
    if (this.diskChanges.size === 1) setTimeout(() => void this.drainDiskChanges(), 0);
  }

  private readonly diskChanges = new Map<string, boolean>();

  private async drainDiskChanges(): Promise<void> {
    while (this.diskChanges.size > 0) {
      const batch = [...this.diskChanges].slice(0, DISK_CHANGES_PER_TURN);
      for (const [path, deleted] of batch) {
        this.diskChanges.delete(path);
        const affected = deleted ? this.index.remove(path) : await this.index.refresh(path, (p) => this.excluded(p));
        this.relintOpen(affected, path);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private relintOpen(paths: readonly string[], except: string): void {
    const wanted = new Set(paths.filter((p) => p !== except));
    if (wanted.size === 0) return;
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === 'file' && wanted.has(document.uri.fsPath) && this.lints(document))
        this.publish(document, this.index.lint(document.uri.fsPath));
    }
  }

  /** Settings changed: clear everything, then lint the open documents again under them. */
  reconfigure(): void {
    this.index.reconfigure(this.indexSettings()?.config ?? {});
    void this.indexWorkspace();
    this.debouncer.dispose();
    this.noticed.clear();
    this.diagnostics.clearAll();
    this.lintOpenDocuments();
  }

  lintOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) void this.lint(document);
  }

  private lints(document: vscode.TextDocument): boolean {
    if (!LINTED_SCHEMES.has(document.uri.scheme) || !isLintedDocument(this.fileName(document), document.languageId)) return false;
    const settings = this.settingsFor(document.uri);
    return settings.enable && !settings.excludes(document.uri);
  }

  private fileName(document: vscode.TextDocument): string {
    return document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path;
  }

  onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || !this.lints(document)) return;
    this.debouncer.schedule(document.uri.toString(), () => void this.lint(document));
  }

  onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.debouncer.cancel(key);
    this.noticed.delete(key);
    this.documents.forget(key);
    this.worker.forget(key, document.uri.scheme === 'file' ? document.uri.fsPath : undefined);
    if (document.uri.scheme === 'file') this.index.closed(document.uri.fsPath);
    this.diagnostics.clear(document.uri);
  }

  async lint(document: vscode.TextDocument): Promise<void> {
    if (!this.lints(document)) return;
    const { version, uri } = document;
    const text = document.getText();
    const file = engineFileName(this.fileName(document), document.languageId);
    const key = uri.toString();
    const { config } = this.settingsFor(uri);
    let result: FileResult;
    try {
      if (text.length > WORKER_THRESHOLD_CHARS) {
        const root = this.inIndex(document, file) ? this.root?.fsPath : undefined;
        result = await this.worker.lintText(key, file, text, config, WORKER_TIMEOUT_MS, root);
      } else {
        await prepareEngines([file]);
        result = this.lintInProject(document, key, file, text, config);
      }
    } catch (error) {
      this.log.error(`Could not lint ${vscode.workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (document.isClosed || document.version !== version || !this.lints(document)) return;
    this.publish(document, result);
  }

  /**
   * A saved JS/TS document is linted as part of the project index: its tree replaces its file there, and the
   * other open documents whose findings it moves (helpers its handlers call) are linted again with it.
   * Untitled documents, and those the index does not cover, are linted alone.
   */
  private lintInProject(document: vscode.TextDocument, key: string, file: string, text: string, config: LintConfig): FileResult {
    const sourceFile = this.inIndex(document, file) ? this.documents.parse(key, file, text) : undefined;
    if (!sourceFile) return this.documents.lint(key, file, text, config);
    const affected = this.index.update(file, sourceFile);
    this.relintOpen(affected, file);
    return this.index.lint(file);
  }

  /** The index covers its folder under that folder's settings; a document of another folder is linted alone. */
  private inIndex(document: vscode.TextDocument, file: string): boolean {
    return (
      document.uri.scheme === 'file' &&
      file === document.uri.fsPath &&
      this.root !== undefined &&
      this.indexSettings()?.enable === true &&
      vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() === this.root.toString()
    );
  }

  private publish(document: vscode.TextDocument, result: FileResult): void {
    this.diagnostics.publish(document.uri, document.version, result.findings);
    this.logNotice(document, result.notice);
  }

  private logNotice(document: vscode.TextDocument, notice: Notice | undefined): void {
    const key = document.uri.toString();
    if (!notice) {
      this.noticed.delete(key);
      return;
    }
    const said = `${notice.kind}: ${notice.message}`;
    if (said === this.noticed.get(key)) return;
    this.noticed.set(key, said);
    const line = `${vscode.workspace.asRelativePath(document.uri)}${notice.line ? `:${notice.line}` : ''}: ${notice.message}`;
    // A parse error is the normal state of a half-typed line; only the other notices explain missing squiggles.
    if (notice.kind === 'parse-error') this.log.debug(line);
    else this.log.info(line);
  }

  dispose(): void {
    this.debouncer.dispose();
    this.index.dispose();
  }
}
