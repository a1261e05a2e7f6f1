// Source maps that exist only inside the running process: tsx and ts-node compile TypeScript in memory
// and hand V8 an inline map, which the inspector reports in `Debugger.scriptParsed` as `sourceMapURL`.
// They are recorded when a snapshot is taken and saved beside it (`<snapshot>.maps.json`), so that a
// comparison made later, anywhere, still maps the snapshot's positions to the .ts lines.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { CdpSession } from '../heap/cdpSession';

/** sourceMapURL by script URL. */
export type RecordedMaps = Map<string, string>;

interface ScriptParsed {
  url: string;
  sourceMapURL?: string;
}

/** Scripts are reported in bursts after `Debugger.enable`: recording ends once none came for this long. */
const QUIET_MS = 300;
const LIMIT_MS = 5_000;

/**
 * The sourceMapURL of every script of the process that has one (Node's own scripts excepted). Enables the
 * debugger domain only for the time it takes (no breakpoint is set, nothing runs in the target). Never rejects.
 */
export async function recordSourceMaps(session: CdpSession): Promise<RecordedMaps> {
  const maps: RecordedMaps = new Map();
  let heard: () => void = () => {};
  const off = session.on('Debugger.scriptParsed', (p: ScriptParsed) => {
    if (p.sourceMapURL && p.url && !p.url.startsWith('node:')) maps.set(p.url, p.sourceMapURL);
    heard();
  });
  try {
    // A target that refuses the debugger domain only loses the maps of in-memory transpilers.
    if (
      !(await session.send('Debugger.enable').then(
        () => true,
        () => false,
      ))
    )
      return maps;
    const deadline = Date.now() + LIMIT_MS;
    // Wait for the quiet that follows the last burst of scriptParsed events.
    while (Date.now() < deadline) {
      const quiet = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), QUIET_MS);
        heard = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      if (quiet) break;
    }
  } finally {
    off();
    await session.send('Debugger.disable').catch(() => {});
  }
  return maps;
}

export const mapsFileOf = (snapshot: string): string => `${snapshot}.maps.json`;

/** Saves the maps beside the snapshot (nothing when there are none). */
export function saveRecordedMaps(snapshot: string, maps: RecordedMaps): void {
  if (maps.size === 0) return;
  const file = mapsFileOf(snapshot);
  writeFileSync(`${file}.partial`, JSON.stringify({ version: 1, sourceMapURLs: Object.fromEntries(maps) }));
  renameSync(`${file}.partial`, file);
}

/** The maps saved beside these snapshots, later ones winning; a missing or unreadable file adds nothing. */
export function loadRecordedMaps(snapshots: readonly string[]): RecordedMaps {
  const maps: RecordedMaps = new Map();
  for (const snapshot of snapshots) {
    const file = mapsFileOf(snapshot);
    if (!existsSync(file)) continue;
    try {
      const urls = (JSON.parse(readFileSync(file, 'utf8')) as { sourceMapURLs?: Record<string, unknown> }).sourceMapURLs ?? {};
      for (const [url, map] of Object.entries(urls)) if (typeof map === 'string') maps.set(url, map);
    } catch {
      // A damaged side file only loses the maps of in-memory transpilers; the comparison says which scripts had none.
    }
  }
  return maps;
}
