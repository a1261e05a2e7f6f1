// Worker-thread entry: lints document texts and whole file lists off the extension host's thread.
// Results stream back one file at a time, so a scan shows progress and can be cancelled by terminating
// the worker; the files are read here, one tree held at a time. With a project root, a scan is two passes
// over one ProjectAnalysis (the CLI's cross-module analysis): each file's own findings first, then again,
// replacing them, the files whose functions handlers in other modules reach. Open documents keep their
// syntax trees here between versions (incremental re-lint) until the extension says they closed; with a
// root, a document is linted inside the project of that root, built once here from disk and told of changes.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { IncrementalLinter } from './incremental';
import { lintFile, prepareEngines, readSource } from './lintFile';
import { listProjectFiles, ProjectAnalysis } from './project';
import type { FileResult } from '../findings/model';
import type { LintConfig } from './lintConfig';

/** `root`: the project folder whose other modules the analysis follows calls into (none: each file alone). */
export type WorkerRequest =
  | { id: number; kind: 'text'; key: string; file: string; text: string; config: LintConfig; root?: string }
  | { id: number; kind: 'files'; files: string[]; config: LintConfig; root?: string };

/**
 * Sent without an id and never answered: the document `key` (the file `file`) was closed, its tree can go and
 * the projects read the file from disk again.
 */
export interface ForgetMessage {
  kind: 'forget';
  key: string;
  file?: string;
}

/** Sent without an id and never answered: a file changed on disk (or went away), for the projects kept here. */
export interface FileChangedMessage {
  kind: 'changed';
  file: string;
  deleted: boolean;
}

export type WorkerResponse =
  | { id: number; kind: 'result'; result: FileResult }
  | { id: number; kind: 'failed'; file: string; message: string }
  | { id: number; kind: 'done' };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const NOT_REGULAR = { kind: 'unreadable', message: 'skipped: not a regular file' } as const;

/** A FIFO or device named .js would block the read for ever. */
function isRegular(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    // The read reports the unreadable file itself.
    return true;
  }
}

/** lintFile's guards (size, binary, encoding), after our own. */
function lintRegularFile(file: string, config: LintConfig): FileResult {
  return isRegular(file) ? lintFile(file, config) : { file, findings: [], notice: NOT_REGULAR };
}

function newProject(root: string, config: LintConfig): ProjectAnalysis {
  return new ProjectAnalysis(root, config, (path) => (isRegular(path) ? readSource(path, config) : { notice: NOT_REGULAR }));
}

function isRequest(value: unknown): value is WorkerRequest {
  const r = value as Partial<Record<string, unknown>> | null;
  if (typeof r !== 'object' || r === null || typeof r.id !== 'number' || typeof r.config !== 'object' || r.config === null) return false;
  if (r.root !== undefined && typeof r.root !== 'string') return false;
  if (r.kind === 'text') return typeof r.key === 'string' && typeof r.file === 'string' && typeof r.text === 'string';
  return r.kind === 'files' && Array.isArray(r.files) && r.files.every((f) => typeof f === 'string');
}

const documents = new IncrementalLinter();

/**
 * Big open documents' projects, by root and configuration: every file of the root declared, each read once
 * for its handlers' calls and dropped, the files reached kept (see ProjectAnalysis.lintAlone).
 */
const projects = new Map<string, ProjectAnalysis>();
/** As the editor's own index (projectIndex.ts): the first lint of a big document reads each of them once. */
const MAX_DOCUMENT_PROJECT_FILES = 3000;

function documentProject(root: string, config: LintConfig): ProjectAnalysis {
  const key = JSON.stringify([root, config]);
  let project = projects.get(key);
  if (!project) {
    // One project at a time: another folder's or another configuration's replaces it.
    projects.clear();
    project = newProject(root, config);
    project.declare(listProjectFiles(root, MAX_DOCUMENT_PROJECT_FILES));
    projects.set(key, project);
  }
  return project;
}

function lintDocument(request: Extract<WorkerRequest, { kind: 'text' }>): FileResult {
  const { key, file, text, config, root } = request;
  const sourceFile = root === undefined ? undefined : documents.parse(key, file, text);
  if (root === undefined || !sourceFile) return documents.lint(key, file, text, config);
  const project = documentProject(root, config);
  project.update(file, sourceFile);
  return project.lint(file);
}

/** Scan Workspace over a project: every file's own findings, then the reached files' whole findings again. */
function scanProject(
  root: string,
  files: readonly string[],
  config: LintConfig,
  post: (file: string, lint: () => FileResult) => void,
): void {
  const project = newProject(root, config);
  project.declare(files);
  for (const file of files) post(file, () => project.lintAlone(file));
  for (const file of project.reachedFiles()) post(file, () => project.lint(file));
}

async function handle(request: WorkerRequest, post: (response: WorkerResponse) => void): Promise<void> {
  const { id } = request;
  const files = request.kind === 'text' ? [request.file] : request.files;
  // A grammar that cannot load is each Go file's notice (the Go engine says why), not the end of the request.
  await prepareEngines(files).catch(() => undefined);
  const lintOne = (file: string, lint: () => FileResult) => {
    try {
      post({ id, kind: 'result', result: lint() });
    } catch (error) {
      // lintText promises never to throw; if it does, the rest of the scan still runs.
      post({ id, kind: 'failed', file, message: `internal error: ${message(error)}` });
    }
  };
  if (request.kind === 'text') lintOne(request.file, () => lintDocument(request));
  else if (request.root !== undefined) scanProject(request.root, request.files, request.config, lintOne);
  else for (const file of files) lintOne(file, () => lintRegularFile(file, request.config));
  post({ id, kind: 'done' });
}

const port = parentPort;
if (port) {
  // Requests run one after another (a text lint sent during a scan waits for it), also across the Go grammar's load.
  let queue = Promise.resolve();
  port.on('message', (value: unknown) => {
    const told = value as Partial<Record<string, unknown>> | null;
    if (told?.kind === 'forget' && typeof told.key === 'string') {
      const { key, file } = told;
      queue = queue.then(() => {
        documents.forget(key);
        if (typeof file === 'string') for (const project of projects.values()) if (project.has(file)) project.invalidate(file);
      });
      return;
    }
    if (told?.kind === 'changed' && typeof told.file === 'string') {
      const { file } = told;
      const deleted = told.deleted === true;
      queue = queue.then(() => {
        for (const project of projects.values()) {
          if (deleted) {
            if (project.has(file)) project.delete(file);
          } else if (project.has(file) || project.covers(file)) project.invalidate(file);
        }
      });
      return;
    }
    if (!isRequest(value)) {
      const id = typeof (value as { id?: unknown } | null)?.id === 'number' ? (value as { id: number }).id : -1;
      port.postMessage({ id, kind: 'failed', file: '', message: 'malformed request to the LeakLens worker' } satisfies WorkerResponse);
      port.postMessage({ id, kind: 'done' } satisfies WorkerResponse);
      return;
    }
    queue = queue.then(() => handle(value, (r) => port.postMessage(r)));
  });
}
