// `leaklens compare BEFORE AFTER [--format text|json]`: what grew between two snapshots of one process, and
// which captured variable holds it. Attributed files in reach are linted, so the report says which growth
// a static finding predicted and which it did not ("runtime meets static").
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeAttribution, formatBytes, formatCount } from '../heap/snapshot/describe';
import type { SnapshotComparison } from '../heap/snapshot/diff';
import { compareSnapshotFiles, SnapshotAnalysisError } from '../heap/snapshot/runWorker';
import { matchRuntimeGrowth, type RuntimeMatch } from '../heap/snapshot/runtimeMatch';
import { formatSourceLink } from '../heap/snapshot/sites';
import { isProfileFile } from '../heap/pprof/files';
import { runPprofCompare } from './comparePprof';
import { findingsFromDisk } from './findingsFromDisk';
import { UsageError, type CliIo } from './io';

export const COMPARE_HELP = `Usage: leaklens compare BEFORE AFTER [--format text|json] [--min-growth BYTES]

Compares two heap snapshots of one process: objects allocated between them and still alive, grouped by
retainer path, and growth attributed to the captured variable that holds it. Two heap profiles (.pb.gz: a
Go service's from leaklens snapshot --pprof, or a Node process's from leaklens profile) are compared by
function and line instead.

Options:
  --format text|json   output format (default text)
  --min-growth BYTES   ignore growth below this (default 65536)
Exit codes: 0 no attributed growth, 1 growth attributed, 2 error.`;

function formatText(c: SnapshotComparison, match: RuntimeMatch, cwd: string): string {
  const lines = [
    `Heap: ${formatBytes(c.before.totalSize)} → ${formatBytes(c.after.totalSize)} (${formatCount(c.before.nodeCount)} → ${formatCount(c.after.nodeCount)} objects)`,
    `New and still alive: ${formatCount(c.newObjects.count)} objects, ${formatBytes(c.newObjects.size)}`,
    '',
  ];
  if (c.attributions.length === 0) lines.push('No growth attributed to a captured variable above the noise threshold.');
  else lines.push('Growth attributed to captured variables:');
  c.attributions.forEach((a, i) => {
    lines.push(`  ${i + 1}. ${describeAttribution(a, cwd)}`);
    const confirmed = match.confirmed.find((m) => m.attribution === a);
    if (confirmed) lines.push(`     confirms ${confirmed.finding.rule} at ${formatSourceLink({ ...a.function!, line: confirmed.finding.range.line, column: confirmed.finding.range.column }, cwd)}`);
    else if (match.unflagged.some((u) => u.finding.target === a.variable && u.file === a.function?.file)) lines.push('     not flagged by the linter: runtime-growth');
  });
  if (c.groups.length > 0) {
    lines.push('', 'New objects by retainer:');
    for (const g of c.groups.slice(0, 10)) lines.push(`  ${formatBytes(g.size).padStart(9)}  ${formatCount(g.count).padStart(8)} × ${g.className}  ← ${g.retainerPath}`);
  }
  return lines.join('\n');
}

function formatJson(c: SnapshotComparison, match: RuntimeMatch): string {
  return JSON.stringify(
    {
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
          countBefore: a.countBefore,
          countAfter: a.countAfter,
          countDelta: a.countDelta,
          sizeBefore: a.sizeBefore,
          sizeAfter: a.sizeAfter,
          sizeDelta: a.sizeDelta,
          sameObject: a.sameObject,
          staticFinding: confirmed ? { rule: confirmed.finding.rule, line: confirmed.finding.range.line, column: confirmed.finding.range.column } : null,
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
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, 'min-growth': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
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
  const [before, after] = positionals.map((p) => resolve(io.cwd, p)) as [string, string];
  const profiles = [before, after].filter(isProfileFile).length;
  if (profiles === 2) return runPprofCompare(before, after, values.format, minGrowthBytes, io);
  if (profiles === 1) throw new UsageError('cannot compare a heap profile (.pb.gz) with a V8 heap snapshot: give two of the same kind.');
  let comparison: SnapshotComparison;
  try {
    comparison = await compareSnapshotFiles(before, after, minGrowthBytes === undefined ? {} : { minGrowthBytes });
  } catch (error) {
    if (!(error instanceof SnapshotAnalysisError)) throw error;
    io.err(`leaklens compare: ${error.message}`);
    return 2;
  }
  const match = matchRuntimeGrowth(comparison.attributions, findingsFromDisk());
  io.out(values.format === 'json' ? formatJson(comparison, match) : formatText(comparison, match, io.cwd));
  return comparison.attributions.length > 0 ? 1 : 0;
}
