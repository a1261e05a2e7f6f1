// The JS/TS linter over a project: each file is analysed with the functions of it that handlers in other
// modules reach (growth one or more calls away, across relative imports, tsconfig `paths` and package.json
// `imports`), the call chain kept as related locations. The same object serves `leaklens lint` (all files
// once) and the editor (files updated as they change; `affected` says which files' findings a change moves).
import { isAbsolute, relative, resolve } from 'node:path';
import ts from 'typescript';
import { prepare, type PreparedFile, type ReachedFunction } from './engine';
import { lintSourceFile, rangeOf } from './index';
import { isLintable, lintSource, readSource } from './lintFile';
import { exportedFunction, importedCall, ModuleResolver } from './modules';
import { parse, scriptKindOf } from './parse';
import { requestPath, returnedClosure } from './requestPath';
import { onceGuarded } from './guards';
import { isTestFile } from './testCode';
import type { FileResult, Notice, RelatedLocation } from '../findings/model';
import type { LintConfig } from './lintConfig';
import type { Handler } from './handlers';
import { walkFiles } from '../common/walkFiles';

/** Modules a chain may cross: handler → helper → helper's helper → … */
const MAX_MODULE_DEPTH = 3;

/**
 * A call from a request path into a function another module exports. The module is kept as written and
 * resolved when the chains are followed, so that a file appearing or going away (which can change what a
 * specifier names) does not make every file's calls be found again.
 */
interface Call {
  specifier: string;
  name: string;
  /** It calls the function the export returned (see ImportedCall.returned). */
  returned?: boolean;
  /** The call, as a related location (its `file` is the calling file). */
  step: RelatedLocation;
}

/** A call with the chain that leads to it: the handler's registration, then each call, ending with this one. */
interface Edge {
  file: string;
  name: string;
  returned?: boolean;
  via: RelatedLocation[];
  depth: number;
}

interface Entry {
  /** Undefined while released: the file is read again (through the loader) when an analysis needs it. */
  text?: string;
  sourceFile?: ts.SourceFile;
  prepared?: PreparedFile;
  notice?: Notice;
  /** Per handler of this file: where it is registered and the calls its request path makes into other files. */
  handlerCalls?: { start: RelatedLocation; calls: Call[] }[];
  /** Per exported name asked for: the function, and the calls its own request path makes into other files. */
  exports?: Map<string, { fn: ts.FunctionLikeDeclaration; calls: Call[] } | undefined>;
}

/** Reads a released or declared file again: its text, or why it cannot be linted. */
export type Loader = (path: string) => { text: string } | { notice: Notice };

export class ProjectAnalysis {
  private readonly entries = new Map<string, Entry>();
  private readonly modules: ModuleResolver;
  /** Functions of each file reached from handlers elsewhere; recomputed when a file changes. */
  private reached: Map<string, ReachedFunction[]> | undefined;

  private readonly config: LintConfig;

  /**
   * `load` reads files that were declared or released (see `declare`, `lintAlone`): a project that holds only
   * the trees it needs, for Scan Workspace and the worker's index.
   */
  constructor(
    root: string,
    config: LintConfig = {},
    private readonly load: Loader = (path) => readSource(path, config),
  ) {
    this.config = { ...config, root: resolve(root) };
    this.modules = new ModuleResolver(resolve(root), (path) => this.entries.has(path));
  }

  /** Adds or replaces a file's text (a JS/TS file: other kinds are linted on their own by `lint`). */
  set(file: string, text: string): void {
    // A new file can be what an import elsewhere names: those are resolved again.
    if (!this.entries.has(file)) this.forgetResolutions();
    const entry: Entry = { text };
    this.entries.set(file, entry);
    this.reached = undefined;
    this.analyse(file, entry, text);
  }

  /** Parses and prepares `text` into `entry` (test files are not analysed unless asked, nor read for the index). */
  private analyse(file: string, entry: Entry, text: string): void {
    entry.text = text;
    if (scriptKindOf(file) === undefined || (!this.config.includeTests && isTestFile(file, this.config.root))) return;
    const parsed = parse(file, text);
    if (!parsed.sourceFile) {
      entry.notice = parsed.notice;
      return;
    }
    entry.sourceFile = parsed.sourceFile;
    this.prepareEntry(entry, parsed.sourceFile);
  }

  private prepareEntry(entry: Entry, sourceFile: ts.SourceFile): void {
    try {
      entry.prepared = prepare(sourceFile, this.config);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      entry.notice = { kind: 'too-deep', message: 'skipped: nested too deeply to analyse' };
    }
  }

  /**
   * Files known to exist, read only when an analysis needs them: imports between them resolve before any is
   * read. Files already present keep their text.
   */
  declare(files: readonly string[]): void {
    for (const file of files) if (!this.entries.has(file)) this.entries.set(file, {});
    this.forgetResolutions();
  }

  /** The file changed on disk: it is read again when needed, and what it reached is found again. */
  invalidate(file: string): void {
    if (!this.entries.has(file)) this.forgetResolutions();
    this.entries.set(file, {});
    this.reached = undefined;
  }

  /** The entry with its text and tree, read through the loader if it was declared or released. */
  private loaded(file: string): Entry | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.text !== undefined || entry.notice) return entry;
    const read = this.load(file);
    if ('notice' in read) entry.notice = read.notice;
    else this.analyse(file, entry, read.text);
    return entry;
  }

  /**
   * Lints `file` with its own handlers only, records the calls they make into other modules, then drops its
   * tree: the first pass of a scan that holds one tree at a time. `reachedFiles` then names the files that
   * handlers elsewhere reach, which `lint` gives their whole findings.
   */
  lintAlone(file: string): FileResult {
    const entry = this.loaded(file);
    if (!entry) return { file, findings: [], notice: { kind: 'unreadable', message: 'not in the project' } };
    let result: FileResult;
    if (entry.text !== undefined && (scriptKindOf(file) === undefined || (!this.config.includeTests && isTestFile(file, this.config.root))))
      result = lintSource(file, entry.text, this.config, file);
    else if (!entry.sourceFile || !entry.prepared) result = { file, findings: [], notice: entry.notice };
    else result = lintSourceFile(entry.sourceFile, this.config, [], entry.prepared);
    this.handlerCallsOf(file, entry);
    this.drop(entry);
    return result;
  }

  /**
   * Keeps of `file` only the calls its handlers make into other modules, dropping its text and tree until an
   * analysis needs them again (read through the loader): an index of many files holds few trees, and the
   * garbage collector's pauses, which grow with the heap, stay short.
   */
  release(file: string): void {
    const entry = this.entries.get(file);
    if (!entry || entry.text === undefined) return;
    this.handlerCallsOf(file, entry);
    this.drop(entry);
  }

  /** Drops an entry's text and tree, keeping its handlers' calls; a notice (unreadable, too large) stays. */
  private drop(entry: Entry): void {
    if (entry.notice && !entry.sourceFile) return;
    entry.text = entry.sourceFile = entry.prepared = entry.exports = entry.notice = undefined;
    this.reached = undefined;
  }

  /** The files with functions that handlers in other files reach (read and kept, for `lint`). */
  reachedFiles(): string[] {
    return [...this.reachedFunctions().keys()];
  }

  /** Adds or replaces a JS/TS file by its syntax tree (the editor's, updated incrementally as the user types). */
  setTree(file: string, sourceFile: ts.SourceFile): void {
    if (!this.entries.has(file)) this.forgetResolutions();
    const entry: Entry = { text: sourceFile.text, sourceFile };
    this.entries.set(file, entry);
    this.reached = undefined;
    if (!this.config.includeTests && isTestFile(file, this.config.root)) return;
    // Edges need every file known to resolve, so they are found when first asked for.
    this.prepareEntry(entry, sourceFile);
  }

  /**
   * The editor's keystroke path: replaces `file` by its current tree and returns the files whose findings the
   * change can move (those the old version reached, and those the new one reaches).
   */
  update(file: string, sourceFile: ts.SourceFile): string[] {
    const before = this.entries.has(file) ? this.affected(file) : [];
    this.setTree(file, sourceFile);
    return [...new Set([...before, ...this.affected(file)])];
  }

  delete(file: string): void {
    this.entries.delete(file);
    this.forgetResolutions();
  }

  private forgetResolutions(): void {
    this.modules.forget();
    this.reached = undefined;
  }

  /** The project file a call goes into, unless it stays in its own file or leaves the project. */
  private targetOf(call: Call): string | undefined {
    const target = this.modules.resolve(call.specifier, call.step.file!);
    return target === call.step.file ? undefined : target;
  }

  /** Whether `file` lies below the project's root (a new file there may be what an import names). */
  covers(file: string): boolean {
    const rel = relative(this.config.root!, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && isLintable(file);
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  files(): string[] {
    return [...this.entries.keys()];
  }

  lint(file: string): FileResult {
    const entry = this.loaded(file);
    if (!entry) return { file, findings: [], notice: { kind: 'unreadable', message: 'not in the project' } };
    if (entry.text !== undefined && (scriptKindOf(file) === undefined || (!this.config.includeTests && isTestFile(file, this.config.root))))
      return lintSource(file, entry.text, this.config, file);
    if (!entry.sourceFile || !entry.prepared) return { file, findings: [], notice: entry.notice };
    const reached = this.reachedFunctions().get(file) ?? [];
    return lintSourceFile(entry.sourceFile, this.config, reached, entry.prepared);
  }

  /** The files whose findings a change of `file` can move: itself and every file a chain from it reaches. */
  affected(file: string): string[] {
    const out = new Set([file]);
    const reached = this.reachedFunctions();
    for (const [target, list] of reached) {
      if (list.some((r) => r.via.some((v) => v.file === file))) out.add(target);
    }
    return [...out];
  }

  private handlerCallsOf(file: string, entry: Entry): { start: RelatedLocation; calls: Call[] }[] {
    if (!entry.handlerCalls && entry.text === undefined && !entry.notice) {
      // Declared or released before its calls were known: read for them, then dropped again.
      this.loaded(file);
      this.handlerCallsOf(file, entry);
      this.drop(entry);
    }
    entry.handlerCalls ??= (entry.prepared?.handlers ?? []).map((handler) => ({
      start: { message: handler.origin.message, range: rangeOf(handler.origin.node, entry.sourceFile!), file },
      calls: this.callsFrom(file, entry, handler.fn, handler.classNode),
    }));
    return entry.handlerCalls;
  }

  private exportOf(
    file: string,
    entry: Entry,
    name: string,
    returned = false,
  ): { fn: ts.FunctionLikeDeclaration; calls: Call[] } | undefined {
    entry.exports ??= new Map();
    const key = returned ? `${name}()` : name;
    if (!entry.exports.has(key)) {
      const exported = entry.prepared && entry.sourceFile ? exportedFunction(entry.sourceFile, name, entry.prepared.resolver) : undefined;
      const fn = exported && returned ? returnedClosure(exported, entry.prepared!.resolver) : exported;
      entry.exports.set(key, fn && { fn, calls: this.callsFrom(file, entry, fn) });
    }
    return entry.exports.get(key);
  }

  /** Calls from the request path that starts at `fn` (in `file`) to functions other project files export. */
  private callsFrom(file: string, entry: Entry, fn: ts.FunctionLikeDeclaration, classNode?: ts.ClassLikeDeclaration): Call[] {
    const calls: Call[] = [];
    const { resolver } = entry.prepared!;
    const start: Handler = { fn, description: '', owner: '', origin: { node: fn, message: '' }, classNode };
    for (const pathFn of requestPath(start, resolver).functions) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && !onceGuarded(node)) {
          const imported = importedCall(node, resolver);
          if (imported) {
            const shown = imported.name === 'default' ? imported.specifier : imported.name;
            calls.push({
              specifier: imported.specifier,
              name: imported.name,
              returned: imported.returned,
              step: {
                message: imported.returned
                  ? `calls \`${node.expression.getText()}\`, the function \`${shown}\` (${imported.specifier}) made, on the request path`
                  : `calls \`${shown}\` (${imported.specifier}) on the request path`,
                range: rangeOf(node, entry.sourceFile!),
                file,
              },
            });
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(pathFn, visit);
    }
    return calls;
  }

  /** From every handler's calls into other modules, the functions reached in each file, a few modules deep. */
  private reachedFunctions(): Map<string, ReachedFunction[]> {
    if (this.reached) return this.reached;
    const reached = new Map<string, ReachedFunction[]>();
    const seen = new Set<ts.Node>();
    const queue: Edge[] = [];
    const follow = (calls: Call[], via: RelatedLocation[], depth: number) => {
      for (const c of calls) {
        const target = this.targetOf(c);
        if (target) queue.push({ file: target, name: c.name, returned: c.returned, via: [...via, c.step], depth });
      }
    };
    for (const [file, entry] of this.entries) {
      for (const { start, calls } of this.handlerCallsOf(file, entry)) follow(calls, [start], 1);
    }
    for (let i = 0; i < queue.length; i++) {
      const edge = queue[i]!;
      const entry = this.loaded(edge.file);
      const exported = entry && this.exportOf(edge.file, entry, edge.name, edge.returned);
      if (!exported || seen.has(exported.fn)) continue;
      seen.add(exported.fn);
      const name = edge.name === 'default' ? 'the default export' : edge.name;
      // The closure an export made: named by the call that made it (`memoize()`).
      const r: ReachedFunction = { fn: exported.fn, name: edge.returned ? `${name}()` : name, via: edge.via };
      const list = reached.get(edge.file);
      if (list) list.push(r);
      else reached.set(edge.file, [r]);
      if (edge.depth < MAX_MODULE_DEPTH) follow(exported.calls, edge.via, edge.depth + 1);
    }
    this.reached = reached;
    return reached;
  }
}

/**
 * Lints `files` (absolute paths) of the project at `root` together; results by file, in the order given.
 * `onFile` is told of each file as its analysis starts (progress in the CLI).
 */
export function lintProject(
  root: string,
  files: readonly string[],
  config: LintConfig = {},
  name: (path: string) => string = (p) => p,
  onFile: (path: string) => void = () => {},
): Map<string, FileResult> {
  const project = new ProjectAnalysis(root, config);
  const results = new Map<string, FileResult>();
  for (const path of files) {
    const read = readSource(path, config);
    if ('notice' in read) results.set(path, { file: name(path), findings: [], notice: read.notice });
    else project.set(path, read.text);
  }
  const ordered = new Map<string, FileResult>();
  for (const path of files) {
    const skipped = results.get(path);
    if (skipped) {
      ordered.set(path, skipped);
      continue;
    }
    onFile(path);
    const result = project.lint(path);
    ordered.set(path, {
      ...result,
      file: name(path),
      findings: result.findings.map((f) => ({ ...f, related: f.related.map((r) => (r.file ? { ...r, file: name(r.file) } : r)) })),
    });
  }
  return ordered;
}

const SKIPPED_FOLDERS = new Set(['.git', 'dist', 'build', 'coverage']);

/** The lintable files below `root` (node_modules skipped, unless `root` itself is inside one), the first `max` found. */
export function listProjectFiles(root: string, max = Infinity): string[] {
  const insideModules = /[\\/]node_modules([\\/]|$)/.test(resolve(root));
  const files: string[] = [];
  const skipFolder = (name: string) => !insideModules && (SKIPPED_FOLDERS.has(name) || name === 'node_modules');
  walkFiles(resolve(root), { skipFolder }, (path) => {
    if (files.length < max && isLintable(path)) files.push(path);
  });
  return files.sort();
}
