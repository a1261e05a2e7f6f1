// Test hook shared by every feature. When the environment variable LEAKLENS_TEST_STATE_DIR is set (the
// end-to-end harness sets it on code-server; the extension host inherits it), features record what they
// show as JSON files in that folder, so the e2e tests can assert exact facts instead of scraping pixels.
//
// Use: `writeTestState('diagnostics', data)` writes `$LEAKLENS_TEST_STATE_DIR/diagnostics.json`. Call it
// whenever the state changes; each call replaces the whole file. The write is atomic (temp file + rename),
// so a polling reader never sees half a file. Without the variable it does nothing. Names in use:
// `activated` (extension.ts), `diagnostics` (editor lint), `heap-panel` (heap panel),
// `snapshot-summary`, `profile-summary` and `snapshot-comparison` (heap snapshots and Go heap profiles).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_STATE_ENV = 'LEAKLENS_TEST_STATE_DIR';

export function writeTestState(name: string, data: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[TEST_STATE_ENV];
  if (!dir) return;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`writeTestState: '${name}' is not a plain file name`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data, null, 2));
  renameSync(temp, file);
}
