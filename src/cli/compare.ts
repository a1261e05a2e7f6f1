// `leaklens compare BEFORE AFTER [--format text|json]`: what grew between two snapshots of a service (one
// session or two), and which captured variable holds it. Positions are mapped to the workspace (path
// mappings, source maps) and the files in reach are linted, so the report says which growth a static
// finding predicted and which it did not ("runtime meets static").
import { resolve } from 'node:path';
import type { LintConfig } from '../analysis/lintConfig';
import { Localizer } from '../correlate/localize';
import { parsePathMap, type PathMapping } from '../correlate/pathMap';
import { matchRuntimeGrowth, type RuntimeMatch } from '../correlate/snapshotMatch';
import { describeAttribution, formatBytes, formatCount } from '../heap/snapshot/describe';
import type { SnapshotComparison } from '../heap/snapshot/diff';
import { compareInThread } from '../heap/snapshot/compareInThread';
import { fileSize } from '../heap/snapshot/fileSize';
import { compareSnapshotFiles, SnapshotAnalysisError } from '../heap/snapshot/runWorker';
import { formatSourceLink } from '../heap/snapshot/sites';
import { isProfileFile } from '../heap/pprof/files';
import { loadRecordedMaps } from '../sourcemaps/recorded';
import { parseCompareArgs } from './compareArgs';
import { IN_THREAD_MAX_BYTES } from './tunedProcess';
import { UsageError, type CliIo } from './io';
import { parseRule } from './lintOptions';

export const COMPARE_HELP = `Usage: leaklens compare BEFORE AFTER [--format text|json] [--min-growth BYTES] [--path-map REMOTE=LOCAL]…

Compares two heap snapshots of a service — of one session or of two (object ids are checked, and without
them captured variables are matched by function, name and kind): growth attributed to the captured variable
that holds it, and what else grew, by retainer path. Two heap profiles (.pb.gz: a Go service's from leaklens
snapshot --pprof, or a Node process's from leaklens profile) are compared by function and line instead.
Compiled, bundled and tsx/ts-node scripts are shown at their original lines through their source maps (a map
next to the script, inline, or recorded by leaklens snapshot), and the static finding there is the one
confirmed.

Options:
  --format text|json        output format (default text)
  --min-growth BYTES        ignore growth below this (default 65536)
  --path-map REMOTE=LOCAL   where the service's paths are here, e.g. --path-map /app=. (repeatable); without
                            it, a path not found here is guessed from the workspace (the mapping is printed)
  --rule <id>=<severity>    off|info|warning|error for one rule (repeatable): a rule that is off is never
                            confirmed
Exit codes: 0 no attributed growth, 1 growth attributed, 2 error.`;

/** What the comparison of Node snapshots and of Go profiles share: where files are, and which rules count. */
export interface CorrelateOptions {
  pathMaps: PathMapping[];
  lint: LintConfig;
}

function formatText(c: SnapshotComparison, match: RuntimeMatch, notes: string[], cwd: string): string {
  const lines = [
    `Heap: ${formatBytes(c.before.totalSize)} → ${formatBytes(c.after.totalSize)} (${formatCount(c.before.nodeCount)} → ${formatCount(c.after.nodeCount)} objects)`,
    c.matchedBy === 'object-id'
      ? `New and still alive: ${formatCount(c.newObjects.count)} objects, ${formatBytes(c.newObjects.size)}`
      : `New and still alive, by retainer path: +${formatCount(c.newObjects.count)} objects, +${formatBytes(c.newObjects.size)} (the snapshots come from different sessions, so object ids cannot be compared: counts and sizes are compared path by path, and captured variables are matched by function, name and kind)`,
    ...notes,
    '',
  ];
  if (c.attributions.length === 0) lines.push('No growth attributed to a captured variable above the noise threshold.');
  else lines.push('Growth attributed to captured variables:');
  c.attributions.forEach((a, i) => {
    lines.push(`  ${i + 1}. ${describeAttribution(a, cwd)}`);
    const confirmed = match.confirmed.find((m) => m.attribution === a);
    if (a.function?.generated) lines.push(`     (generated code: ${formatSourceLink({ ...a.function, ...a.function.generated }, cwd)})`);
    if (confirmed)
      lines.push(
        `     confirms ${confirmed.finding.rule} at ${formatSourceLink({ ...a.function!, line: confirmed.finding.range.line, column: confirmed.finding.range.column }, cwd)}`,
      );
    else if (match.unflagged.some((u) => u.attribution === a)) lines.push('     not flagged by the linter: runtime-growth');
  });
  if (c.groups.length > 0) {
    lines.push('', c.matchedBy === 'object-id' ? 'New objects by retainer:' : 'Growth by retainer path:');
    for (const g of c.groups.slice(0, 10))
      lines.push(`  ${formatBytes(g.size).padStart(9)}  ${formatCount(g.count).padStart(8)} × ${g.className}  ← ${g.retainerPath}`);
  }
  return lines.join('\n');
}

function formatJson(c: SnapshotComparison, match: RuntimeMatch, notes: string[]): string {
  return JSON.stringify(
    {
      matchedBy: c.matchedBy,
      notes,
      before: c.before,
      after: c.after,
      newObjects: c.newObjects,
      attributions: c.attributions.map((a) => {
        const confirmed = match.confirmed.find((m) => m.attribution === a);
        return {
          variable: a.variable,
          className: a.className,
          function: a.function?.functionName ?? null,
          url: a.function?.url ?? null,
          file: a.function?.file ?? null,
          line: a.function?.line ?? null,
          column: a.function?.column ?? null,
          generated: a.function?.generated ?? null,
          countBefore: a.countBefore,
          countAfter: a.countAfter,
          countDelta: a.countDelta,
          sizeBefore: a.sizeBefore,
          sizeAfter: a.sizeAfter,
          sizeDelta: a.sizeDelta,
          sameObject: a.sameObject,
          staticFinding: confirmed
            ? { rule: confirmed.finding.rule, line: confirmed.finding.range.line, column: confirmed.finding.range.column }
            : null,
        };
      }),
      groups: c.groups,
    },
    null,
    2,
  );
}

export async function runCompare(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCompareArgs(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('expected two snapshot files: leaklens compare BEFORE AFTER.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'.`);
  const minGrowthBytes = values['min-growth'] === undefined ? undefined : Number(values['min-growth']);
  if (minGrowthBytes !== undefined && !(minGrowthBytes >= 0)) throw new UsageError('--min-growth must be a number of bytes.');
  let correlate: CorrelateOptions;
  try {
    correlate = {
      pathMaps: (values['path-map'] ?? []).map((spec) => parsePathMap(spec, io.cwd)),
      lint: { rules: Object.fromEntries((values.rule ?? []).map(parseRule)) },
    };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(`--path-map: ${(error as Error).message}.`);
  }
  const [before, after] = positionals.map((p) => resolve(io.cwd, p)) as [string, string];
  const profiles = [before, after].filter(isProfileFile).length;
  if (profiles === 2) {
    // Loaded only for profiles: it brings the linter, TypeScript and the Go parser (~60 MB), which a
    // comparison of snapshots must not hold while its workers run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runPprofCompare } = require('./comparePprof') as typeof import('./comparePprof');
    return runPprofCompare(before, after, values.format, minGrowthBytes, correlate, io);
  }
  if (profiles === 1) throw new UsageError('cannot compare a heap profile (.pb.gz) with a V8 heap snapshot: give two of the same kind.');
  let comparison: SnapshotComparison;
  const options = minGrowthBytes === undefined ? {} : { minGrowthBytes };
  // Small pairs on this thread when it can force a collection between the two files: the tuned process.
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    comparison =
      gc && fileSize(before) < IN_THREAD_MAX_BYTES && fileSize(after) < IN_THREAD_MAX_BYTES
        ? compareInThread(before, after, options, gc)
        : await compareSnapshotFiles(before, after, options);
  } catch (error) {
    if (!(error instanceof SnapshotAnalysisError)) throw error;
    io.err(`leaklens compare: ${error.message}`);
    return 2;
  }
  const localizer = new Localizer({ pathMaps: correlate.pathMaps, roots: [io.cwd], recorded: loadRecordedMaps([before, after]) });
  const localized = { ...comparison, attributions: localizer.attributions(comparison.attributions) };
  // The linter (and TypeScript with it) is loaded only now, once the snapshot workers have ended.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findingsOf } = require('../correlate/findings') as typeof import('../correlate/findings');
  const match = matchRuntimeGrowth(localized.attributions, findingsOf(correlate.lint));
  io.out(values.format === 'json' ? formatJson(localized, match, localizer.notes) : formatText(localized, match, localizer.notes, io.cwd));
  return comparison.attributions.length > 0 ? 1 : 0;
}
