// A recursive walk of the files below a folder, for the indexes that look through a project or a workspace:
// folders it is told to skip are not entered, unreadable folders are passed over, and a depth and a file
// count bound the walk on huge trees. No vscode, no engine: both sides may use it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface WalkOptions {
  /** Whether a folder (by name) is left out, with everything below it. */
  skipFolder(name: string): boolean;
  /** Folders deeper than this below the root are not entered (default: no limit). */
  maxDepth?: number;
  /** The walk stops after this many files (default: no limit). */
  maxFiles?: number;
}

/** Calls `onFile` for each file below `root` (its path, the folder it is in, and its name). */
export function walkFiles(root: string, options: WalkOptions, onFile: (path: string, dir: string, name: string) => void): void {
  const { maxDepth = Infinity, maxFiles = Infinity } = options;
  let files = 0;
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (files >= maxFiles) return;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!options.skipFolder(e.name) && depth < maxDepth) walk(path, depth + 1);
      } else if (e.isFile()) {
        files++;
        onFile(path, dir, e.name);
      }
    }
  };
  walk(root, 0);
}
