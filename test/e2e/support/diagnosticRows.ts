// The diagnostics the extension's test hook records (diagnostics.json: one row per Problems-panel entry),
// and the check that a quick fix saved to disk only inserted lines.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { EditorSession } from './session';
import { readJson, waitUntil } from './wait';

export interface Row {
  uri: string;
  rule: string;
  line: number;
  severity: string;
  message: string;
  source: string;
}

export function diagnosticRows(session: EditorSession): Row[] | undefined {
  return readJson<Row[]>(join(session.stateDir, 'diagnostics.json'));
}

/** The rows of one workspace file, by its path relative to the workspace. */
export function rowsFor(rows: Row[] | undefined, file: string): Row[] {
  return (rows ?? []).filter((r) => r.uri.endsWith('/' + file));
}

/** Resolves with the rows of `file` once there are some and `ok` holds for all of them. */
export function waitForRows(session: EditorSession, file: string, what: string, ok: (rows: Row[]) => boolean = () => true): Promise<Row[]> {
  return waitUntil(
    `${what} (diagnostics.json)`,
    () => {
      const rows = rowsFor(diagnosticRows(session), file);
      return rows.length > 0 && ok(rows) && rows;
    },
    30_000,
  );
}

/** A fix only inserts: every line of `original` is still in `saved`, in order, and there are new ones. */
export function assertOnlyInserted(original: string, saved: string, file: string): void {
  const before = original.split('\n');
  const after = saved.split('\n');
  let next = 0;
  for (const line of after) if (next < before.length && line === before[next]) next++;
  assert.equal(next, before.length, `saved ${file} lost or changed original line ${next + 1}: ${JSON.stringify(before[next])}`);
  assert.ok(after.length > before.length, `the saved ${file} has no inserted lines`);
}
