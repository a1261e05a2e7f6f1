// Folders LeakLens creates for heap snapshots and profiles ignore their own contents in git: a heap dump holds
// whatever the process had in memory (tokens, passwords, customers' data) and weighs megabytes to gigabytes, so it
// must never be committed by accident. The `.gitignore` goes into the topmost folder the call created, so it
// covers everything below (`.leaklens/` for the default `.leaklens/snapshots`); a folder that already existed is
// the user's, and is left as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OUTPUT_FOLDER_GITIGNORE =
  '# Created by LeakLens: heap snapshots and profiles hold process memory (secrets, personal data)\n# and are large; they are never committed. Delete this file to commit them anyway.\n*\n';

/** mkdir -p, and a `.gitignore` of `*` in the first folder it created. */
export function makeOutputFolder(dir: string): void {
  const created = mkdirSync(dir, { recursive: true });
  if (created === undefined) return;
  try {
    writeFileSync(join(created, '.gitignore'), OUTPUT_FOLDER_GITIGNORE, { flag: 'wx' });
  } catch {
    // Best effort (a read-only or racing folder): saving the snapshot matters more than the ignore file.
  }
}
