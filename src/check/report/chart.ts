// The heap chart as a standalone SVG (for the Markdown summary of a pull request, where no script runs):
// each run's heap over time since its load began, its post-GC points as dots, and the candidate's trend line.
import { formatBytes } from '../../heap/format';
import { SampleFlag } from '../../heap/series/sampleRing';
import type { RunResult } from '../types';
import { perRequestBytes } from './wording';

const W = 720;
const H = 320;
const PAD = { left: 64, right: 16, top: 28, bottom: 40 };
const COLOURS = { candidate: '#d1495b', baseline: '#2e86ab' } as const;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function heapChartSvg(runs: RunResult[], title: string): string {
  const all = runs.flatMap((r) => r.samples.map((s) => ({ x: (s.t - r.samples[0]!.t) / 1000, y: s.used })));
  const maxX = Math.max(1, ...all.map((p) => p.x));
  const maxY = Math.max(1, ...all.map((p) => p.y)) * 1.1;
  const px = (x: number) => PAD.left + (x / maxX) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / maxY) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = (maxY * i) / 4;
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(y).toFixed(1)}" y2="${py(y).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${esc(formatBytes(y))}</text>`);
    const x = (maxX * i) / 4;
    parts.push(`<text x="${px(x).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${Math.round(x)} s</text>`);
  }
  runs.forEach((run, index) => {
    const colour = COLOURS[run.role];
    const t0 = run.samples[0]?.t ?? 0;
    const line = run.samples.map((s) => `${px((s.t - t0) / 1000).toFixed(1)},${py(s.used).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="${colour}" stroke-opacity="0.35" stroke-width="1.5"/>`);
    for (const s of run.samples)
      if (s.flags & SampleFlag.Gc)
        parts.push(`<circle cx="${px((s.t - t0) / 1000).toFixed(1)}" cy="${py(s.used).toFixed(1)}" r="2.5" fill="${colour}"/>`);
    const fit = run.trend.fit;
    if (fit) {
      const end = run.samples[run.samples.length - 1]!.t;
      parts.push(
        `<line x1="${px(0)}" y1="${py(fit.slope * t0 + fit.intercept).toFixed(1)}" x2="${px((end - t0) / 1000).toFixed(1)}" y2="${py(fit.slope * end + fit.intercept).toFixed(1)}" stroke="${colour}" stroke-dasharray="6 4"/>`,
      );
    }
    parts.push(
      `<text x="${W - PAD.right - 4}" y="${PAD.top + 14 + index * 16}" text-anchor="end" fill="${colour}">${esc(`${run.role}: ${run.trend.state}, ${perRequestBytes(run.perRequest.slope)}/request`)}</text>`,
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="18" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...parts,
    `<text x="${W / 2}" y="${H - 6}" text-anchor="middle">seconds under load · dots: heap after a forced GC · dashed: trend</text>`,
    '</svg>',
  ].join('\n');
}
