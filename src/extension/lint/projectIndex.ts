// The editor's project index: every JS/TS file of the workspace in one ProjectAnalysis, so that a handler in
// one file finds the growth in a helper of another. Files are read in small batches off the typing path,
// open documents replace their disk text with their live tree, and the file watcher keeps closed files
// current. Closed files are kept as summaries (what their handlers call in other modules), their trees read
// again only for the helpers handlers reach: 887 files of webpack held 400 MB of trees, summaries 37 MB. `changed` answers which files' findings an edit can move (the file itself, and the helpers its
// handlers reach), so that only those are re-linted.
import { readFile } from 'node:fs/promises';
import type ts from 'typescript';
import * as vscode from 'vscode';
import { ProjectAnalysis } from '../../analysis/project';
import { isLintable } from '../../analysis/lintFile';
import type { FileResult } from '../../findings/model';
import type { LintConfig } from '../../analysis/lintConfig';

/** Files read per event-loop turn while the index is built: each is parsed, ~1 ms for a typical file. */
const BATCH = 16;
/** Bounded in files and in size per file (a file is parsed when read in, and when a handler reaches it). */
const MAX_INDEXED_FILES = 3000;
const MAX_INDEXED_FILE_CHARS = 256 * 1024;
const JS_TS_GLOB = '**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}';

export class ProjectIndex implements vscode.Disposable {
  private project: ProjectAnalysis;
  private generation = 0;
  private readonly open = new Set<string>();

  constructor(
    private readonly root: string | undefined,
    config: LintConfig,
    private readonly maxFileSize: number,
  ) {
    this.project = new ProjectAnalysis(root ?? '/', config);
  }

  /** Reads the workspace's files into the index; resolves when done (or superseded by a reconfigure). */
  async build(exclude: (path: string) => boolean): Promise<void> {
    const generation = ++this.generation;
    const uris = await vscode.workspace.findFiles(JS_TS_GLOB, '**/node_modules/**', MAX_INDEXED_FILES);
    for (let i = 0; i < uris.length; i += BATCH) {
      if (generation !== this.generation) return;
      await Promise.all(uris.slice(i, i + BATCH).map((uri) => this.readIn(uri.fsPath, exclude)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  reconfigure(config: LintConfig): void {
    this.generation++;
    this.project = new ProjectAnalysis(this.root ?? '/', config);
  }

  /** A closed file changed or appeared on disk. */
  async refresh(path: string, exclude: (path: string) => boolean): Promise<string[]> {
    if (this.open.has(path)) return [];
    // What the old version reached may lose its findings, what the new one reaches may gain some.
    const before = this.project.has(path) ? this.project.affected(path) : [];
    await this.readIn(path, exclude);
    return [...new Set([...before, ...this.project.affected(path)])];
  }

  remove(path: string): string[] {
    const affected = this.project.has(path) ? this.project.affected(path) : [];
    this.project.delete(path);
    return affected.filter((f) => f !== path);
  }

  /** An open document's current tree; returns the files whose findings this version can move. */
  update(path: string, sourceFile: ts.SourceFile): string[] {
    this.open.add(path);
    return this.project.update(path, sourceFile);
  }

  /** A document closed: its unsaved text is gone, the file on disk counts again (read when needed). */
  closed(path: string): void {
    this.open.delete(path);
    if (this.project.has(path)) this.project.invalidate(path);
  }

  lint(path: string): FileResult {
    return this.project.lint(path);
  }

  has(path: string): boolean {
    return this.project.has(path);
  }

  private async readIn(path: string, exclude: (path: string) => boolean): Promise<void> {
    if (!isLintable(path) || exclude(path) || this.open.has(path)) return;
    if (!this.project.has(path) && this.project.files().length >= MAX_INDEXED_FILES) return;
    try {
      const text = await readFile(path, 'utf8');
      if (text.length <= Math.min(this.maxFileSize, MAX_INDEXED_FILE_CHARS) && !this.open.has(path)) {
        this.project.set(path, text);
        this.project.release(path);
      }
    } catch {
      // Gone or unreadable: it simply is not part of the index.
    }
  }

  dispose(): void {
    this.generation++;
  }
}
