// Where a script's source map is: a map recorded from the live process (the inspector's
// `Debugger.scriptParsed`), the `//# sourceMappingURL=` comment at the end of the script (a data: URL for
// inline maps, else a path relative to the script), or `<script>.map` next to it. Reads files only.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LocatedMap =
  /** `json` is the map's text; `mapFile` is where relative `sources` start from (the script for inline maps). */
  { kind: 'map'; json: string; mapFile: string; origin: string } | { kind: 'none' } | { kind: 'broken'; note: string };

/** Scripts and maps above this are not read (a minified bundle with its map stays far below). */
export const MAX_MAP_INPUT_BYTES = 64 * 1024 * 1024;

const COMMENT = /^\s*(?:\/\/|\/\*)[#@] sourceMappingURL=([^\s'"*]+)\s*(?:\*\/)?\s*$/;

/** The sourceMappingURL comment on the last line of a script's text, if any. */
export function sourceMappingUrlOf(text: string): string | undefined {
  const trimmed = text.trimEnd();
  return COMMENT.exec(trimmed.slice(trimmed.lastIndexOf('\n') + 1))?.[1];
}

/** data:application/json;base64,… (or percent-encoded) → the map's text. */
function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  try {
    return meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  } catch {
    return undefined;
  }
}

function readLimited(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_MAP_INPUT_BYTES)
    throw Object.assign(new Error(`${(size / 1e6).toFixed(0)} MB is over the ${MAX_MAP_INPUT_BYTES / 1e6} MB limit`), {
      code: 'TOO_LARGE',
    });
  return readFileSync(file, 'utf8');
}

function describeReadError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code === 'ENOENT' ? 'it does not exist' : e.code === 'TOO_LARGE' ? e.message : `it cannot be read (${e.code ?? e.message})`;
}

/** A `sourceMappingURL` value (from the script or the inspector) resolved against the script's file. */
function fromUrl(url: string, scriptFile: string, origin: string, toLocal: (path: string) => string): LocatedMap {
  if (url.startsWith('data:')) {
    const json = decodeDataUrl(url);
    return json === undefined
      ? { kind: 'broken', note: `the inline source map of ${scriptFile} is not a readable data: URL` }
      : { kind: 'map', json, mapFile: scriptFile, origin };
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(url) && !url.startsWith('file:'))
    return { kind: 'broken', note: `the source map of ${scriptFile} is at ${url}, which LeakLens does not fetch` };
  let mapFile: string;
  try {
    mapFile = toLocal(
      url.startsWith('file:') ? fileURLToPath(url) : isAbsolute(url) ? url : resolve(dirname(scriptFile), decodeURIComponent(url)),
    );
  } catch {
    return { kind: 'broken', note: `the source map URL ${url} of ${scriptFile} is not a file path` };
  }
  try {
    return { kind: 'map', json: readLimited(mapFile), mapFile, origin };
  } catch (error) {
    return { kind: 'broken', note: `the source map ${mapFile} named by ${scriptFile} ${describeReadError(error)}` };
  }
}

/**
 * The source map of a local script file. `recorded` is the sourceMapURL the process reported for the script
 * (maps of in-memory transpilers such as tsx and ts-node exist only there); `toLocal` maps a path where the
 * service ran to this machine's (container paths).
 */
export function locateSourceMap(
  scriptFile: string,
  recorded: string | undefined,
  toLocal: (path: string) => string = (p) => p,
): LocatedMap {
  if (recorded) return fromUrl(recorded, scriptFile, 'recorded from the process', toLocal);
  let text: string | undefined;
  try {
    text = readLimited(scriptFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { kind: 'broken', note: `${scriptFile}: ${describeReadError(error)}` };
  }
  const url = text === undefined ? undefined : sourceMappingUrlOf(text);
  if (url) return fromUrl(url, scriptFile, 'named by the script', toLocal);
  const beside = `${scriptFile}.map`;
  if (existsSync(beside)) return fromUrl(beside, scriptFile, 'next to the script', toLocal);
  return { kind: 'none' };
}
