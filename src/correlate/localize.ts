// Runtime positions → workspace positions, before they are shown or matched to findings: a path where the
// service ran is mapped to the workspace (pathMap.ts), then a generated position is taken through its
// script's source map to the original file, line and column (../sourcemaps). What was mapped, and what
// could not be, is said in `notes` for the CLI's output and the editor's log.
import type { SiteGrowth } from '../heap/pprof/compare';
import type { Attribution } from '../heap/snapshot/diff';
import type { SourceLink } from '../heap/snapshot/sites';
import type { SnapshotSummary } from '../heap/snapshot/summary';
import type { RecordedMaps } from '../sourcemaps/recorded';
import { SourceMapResolver } from '../sourcemaps/resolver';
import { describeMapping, PathMapper, type PathMapping } from './pathMap';

export interface LocalizeOptions {
  /** Mappings the user gave (CLI --path-map, the leaklens.pathMap setting). */
  pathMaps?: readonly PathMapping[];
  /** Workspace folders: where guesses are made (the CLI's working folder). */
  roots?: readonly string[];
  /** Source maps recorded from the live process beside the snapshots. */
  recorded?: RecordedMaps;
}

export class Localizer {
  readonly paths: PathMapper;
  private readonly maps: SourceMapResolver;

  constructor(options: LocalizeOptions = {}) {
    this.paths = new PathMapper(options.pathMaps ?? [], options.roots ?? []);
    this.maps = new SourceMapResolver({ recorded: options.recorded ?? new Map(), toLocal: this.paths.toLocal });
  }

  /** The original position of a function (a local file, through its source map when it has one). */
  link(link: SourceLink): SourceLink {
    if (!link.file) return link;
    const file = this.paths.toLocal(link.file);
    const original = this.maps.original(link.url, file, link);
    if (!original) return file === link.file ? link : { ...link, file };
    return {
      url: original.file,
      file: original.file,
      line: original.line,
      column: original.column,
      functionName: link.functionName,
      generated: { url: link.url, file, line: link.line, column: link.column },
    };
  }

  attributions(attributions: Attribution[]): Attribution[] {
    return attributions.map((a) => (a.function ? { ...a, function: this.link(a.function) } : a));
  }

  summary(summary: SnapshotSummary): SnapshotSummary {
    return {
      ...summary,
      biggestObjects: summary.biggestObjects.map((o) => (o.site ? { ...o, site: this.link(o.site) } : o)),
      closures: summary.closures.map((c) => ({
        ...c,
        ...(c.site ? { site: this.link(c.site) } : {}),
        ...(c.holds?.site ? { holds: { ...c.holds, site: this.link(c.holds.site) } } : {}),
      })),
    };
  }

  /** Go sites: paths mapped (a Go binary has no source map), the service's own code ranked first. */
  sites(growth: SiteGrowth[]): SiteGrowth[] {
    const local = growth.map((g) => ({ ...g, file: this.paths.toLocal(g.file) }));
    return local.sort(
      (a, b) => Number(isOwnGoCode(b.file, this.paths)) - Number(isOwnGoCode(a.file, this.paths)) || b.bytesDelta - a.bytesDelta,
    );
  }

  /** "Path mapping: /app → /home/me/svc (--path-map)" and each source map problem, one line each. */
  get notes(): string[] {
    return [...this.paths.applied.map((m) => `Path mapping: ${describeMapping(m)}`), ...this.maps.problems.map((p) => `Source maps: ${p}`)];
  }
}

/** Go code of the service: a workspace file, not vendored, not the module cache or GOPATH's libraries. */
function isOwnGoCode(file: string, paths: PathMapper): boolean {
  return paths.isInWorkspace(file) && !/[\\/](vendor|pkg[\\/]mod)[\\/]/.test(file);
}
