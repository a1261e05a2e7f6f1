// The chart again as a Mermaid xychart, which GitHub draws inside a pull-request comment (where a relative
// image link to heap.svg shows nothing until the file is published somewhere the comment can reach).
import { SampleFlag } from '../../heap/series/sampleRing';
import type { RunResult } from '../types';

/** Mermaid draws lines over shared categories: at most this many points per line. */
const MAX_POINTS = 40;

function postGcMb(run: RunResult): { s: number; mb: number }[] {
  const t0 = run.samples[0]?.t ?? 0;
  const points = run.samples
    .filter((s) => s.flags & SampleFlag.Gc)
    .map((s) => ({ s: Math.round((s.t - t0) / 1000), mb: Math.round(s.used / 1e4) / 100 }))
    .filter((p, i, all) => i === all.length - 1 || all[i + 1]!.s !== p.s); // one point per second: categories must differ
  const step = Math.max(1, Math.ceil(points.length / MAX_POINTS));
  return points.filter((_, i) => i % step === 0);
}

export function heapChartMermaid(runs: RunResult[]): string {
  const lines = runs.map(postGcMb);
  const length = Math.min(...lines.map((l) => l.length));
  const longest = lines.reduce((a, b) => (a.length >= b.length ? a : b));
  const max = Math.max(1, ...lines.flat().map((p) => p.mb));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Heap after GC (MB): ${runs.map((r) => r.role).join(' and ')}"`,
    `  x-axis "seconds under load" [${longest
      .slice(0, length)
      .map((p) => p.s)
      .join(', ')}]`,
    `  y-axis "MB" 0 --> ${Math.ceil(max * 1.1)}`,
    ...lines.map(
      (l) =>
        `  line [${l
          .slice(0, length)
          .map((p) => p.mb)
          .join(', ')}]`,
    ),
    '```',
  ].join('\n');
}
