// Generated positions (what V8 reports: compiled, bundled or transpiled JavaScript) → original positions
// (the TypeScript or other source the user edits), through each script's source map. One resolver serves a
// whole comparison or summary: maps are parsed once per script. A missing or broken map is a note, never
// an exception: the position then stays where V8 put it.
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateSourceMap } from './locate';

/** A 1-based position in a local file. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface OriginalPosition extends SourcePosition {
  /** The name the map gives the generated token, when it has one. */
  name?: string;
}

interface LoadedMap {
  map?: TraceMap;
  note?: string;
}

export interface SourceMapResolverOptions {
  /** sourceMapURL per script URL, as the live process reported them (see recorded.ts). */
  recorded?: ReadonlyMap<string, string>;
  /** A path where the service ran → this machine's path (identity when it is already local). */
  toLocal?: (path: string) => string;
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;

function pathOfUrl(url: string): string {
  try {
    return url.startsWith('file:') ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
}

export class SourceMapResolver {
  private readonly maps = new Map<string, LoadedMap>();
  private readonly notes = new Set<string>();
  private readonly recorded: ReadonlyMap<string, string>;
  private readonly toLocal: (path: string) => string;

  constructor(options: SourceMapResolverOptions = {}) {
    // The inspector reports file:// URLs where the snapshot may name the path (CommonJS): keyed by path.
    this.recorded = new Map([...(options.recorded ?? [])].map(([url, map]) => [pathOfUrl(url), map]));
    this.toLocal = options.toLocal ?? ((p) => p);
  }

  /** What could not be mapped and why, one sentence each (for the CLI's output and the editor's log). */
  get problems(): string[] {
    return [...this.notes];
  }

  /**
   * The original position of a generated one in `file` (a local path; `url` is the script URL V8 reported,
   * used to find a recorded map). Undefined when the script has no map or the map does not cover it.
   */
  original(url: string, file: string, position: { line: number; column: number }): OriginalPosition | undefined {
    const loaded = this.load(url, file);
    if (!loaded.map) return undefined;
    const needle = { line: position.line, column: position.column - 1 };
    // A function's position is where its token starts; the nearest mapping at or before it, else after it.
    let o = originalPositionFor(loaded.map, { ...needle, bias: GREATEST_LOWER_BOUND });
    if (o.source === null) o = originalPositionFor(loaded.map, { ...needle, bias: LEAST_UPPER_BOUND });
    if (o.source === null || o.line === null || o.column === null) return undefined;
    const source = this.sourcePath(o.source);
    if (!source) {
      this.notes.add(`${file}: its source map names ${o.source}, which is not a file path`);
      return undefined;
    }
    return { file: this.toLocal(source), line: o.line, column: o.column + 1, ...(o.name ? { name: o.name } : {}) };
  }

  private sourcePath(source: string): string | undefined {
    if (source.startsWith('file:')) {
      try {
        return fileURLToPath(source);
      } catch {
        return undefined;
      }
    }
    return isAbsolute(source) ? source : undefined;
  }

  private load(url: string, file: string): LoadedMap {
    let loaded = this.maps.get(file);
    if (loaded) return loaded;
    const located = locateSourceMap(file, this.recorded.get(pathOfUrl(url)), this.toLocal);
    if (located.kind === 'map') {
      try {
        // The map's own location resolves relative `sources` and `sourceRoot`.
        loaded = { map: new TraceMap(located.json, located.mapFile) };
      } catch (error) {
        loaded = { note: `the source map of ${file} (${located.origin}) is not a valid source map: ${(error as Error).message}` };
      }
    } else if (located.kind === 'broken') loaded = { note: located.note };
    else if (TYPESCRIPT.test(file)) {
      // tsx and ts-node compile in memory: the map exists only in the process, recorded when LeakLens takes the snapshot.
      loaded = {
        note: `${file} ran through an in-memory TypeScript compiler (tsx, ts-node) and no source map was recorded for it: its lines are those of the compiled code. Snapshots taken by LeakLens record the maps.`,
      };
    } else loaded = {};
    if (loaded.note) this.notes.add(loaded.note);
    this.maps.set(file, loaded);
    return loaded;
  }
}
