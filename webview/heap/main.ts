// The heap panel in the webview: renders what the extension host sends and sends back user actions.
// Everything it receives is validated (parseHostMessage); it never builds HTML from data.
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { formatBytes, formatBytesCompact } from '../../src/common/format';
import { parseHostMessage, type PanelMeta, type ViewMessage, type WireSample, type WireTrend } from '../../src/protocol/heap';
import { formatClock, SampleStore, toChartData, WINDOWS, type XY } from './chartData';

declare function acquireVsCodeApi(): { postMessage(message: ViewMessage): void; getState(): unknown; setState(state: unknown): void };

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

const vscode = acquireVsCodeApi();
const LEAK_CHECK_GC_MS = 5000;
const store = new SampleStore(86_400);
let trend: WireTrend | undefined;
let meta: PanelMeta | undefined;
let windowMs = (vscode.getState() as { windowMs?: number } | undefined)?.windowMs ?? 300_000;

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const post = (message: ViewMessage) => vscode.postMessage(message);

function themeColours() {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    used: v('--vscode-charts-blue', '#3794ff'),
    total: v('--vscode-charts-green', '#89d185'),
    gc: v('--vscode-charts-yellow', '#cca700'),
    restart: v('--vscode-charts-purple', '#b180d7'),
    goroutines: v('--vscode-charts-orange', '#d18616'),
    trendGrowing: v('--vscode-charts-red', '#f14c4c'),
    trendSteady: v('--vscode-charts-foreground', '#cccccc'),
    text: v('--vscode-foreground', '#cccccc'),
    grid: v('--vscode-editorWidget-border', '#454545'),
  };
}
let colours = themeColours();

let restarts: number[] = [];
let xStep = 1000;
/** Vertical lines at restarts: chart.js has no built-in annotations. */
const restartLines: Plugin<'line'> = {
  id: 'restartLines',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = colours.restart;
    ctx.setLineDash([4, 3]);
    for (const t of restarts) {
      const x = scales.x!.getPixelForValue(t);
      if (x < chartArea.left || x > chartArea.right) continue;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
    }
    ctx.restore();
  },
};

const chart = new Chart<'line', XY[]>(el<HTMLCanvasElement>('chart'), {
  type: 'line',
  data: {
    datasets: [
      { label: 'used', data: [], borderWidth: 1.5, pointRadius: 0 },
      { label: 'total', data: [], borderWidth: 1, pointRadius: 0 },
      { label: 'post-GC', data: [], showLine: false, pointRadius: 3, pointHoverRadius: 5 },
      // Drawn last (lowest order), so the post-GC dots never hide the trend line.
      { label: 'trend', data: [], borderWidth: 2, borderDash: [6, 4], pointRadius: 0, order: -1 },
      // Go services only: a count, not bytes, so it has its own axis on the right.
      { label: 'goroutines', data: [], borderWidth: 1.5, pointRadius: 0, yAxisID: 'goroutines', hidden: true },
    ],
  },
  options: {
    animation: false,
    parsing: false,
    normalized: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', intersect: false, axis: 'x' },
    scales: {
      x: { type: 'linear', ticks: { callback: (v) => formatClock(Number(v), xStep), maxTicksLimit: 7 } },
      // Compact labels: at 250 px wide, "120.0 MB" took a third of the chart.
      y: { beginAtZero: true, grace: '5%', ticks: { callback: (v) => formatBytesCompact(Number(v)), maxTicksLimit: 6 } },
      goroutines: {
        position: 'right',
        display: false,
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        ticks: { precision: 0 },
        title: { display: true, text: 'goroutines' },
      },
    },
    plugins: {
      // Only what is drawn is listed (Go draws no separate "total"; no trend line while collecting).
      legend: {
        labels: {
          filter: (item, data) =>
            !data.datasets[item.datasetIndex ?? 0]?.hidden && (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0,
        },
      },
      tooltip: {
        callbacks: {
          title: (items) => formatClock(items[0]?.parsed.x ?? 0),
          label: (item) =>
            `${item.dataset.label}: ${item.dataset.yAxisID === 'goroutines' ? item.parsed.y : formatBytes(item.parsed.y ?? 0)}`,
        },
      },
    },
  },
  plugins: [restartLines],
});

function applyColours(): void {
  const [used, total, gc, line, goroutines] = chart.data.datasets;
  // The legend's swatch is the dataset's backgroundColor: the same colour as the drawn line or dots.
  used!.borderColor = used!.backgroundColor = colours.used;
  total!.borderColor = total!.backgroundColor = colours.total;
  gc!.backgroundColor = gc!.borderColor = gc!.pointBackgroundColor = gc!.pointBorderColor = colours.gc;
  line!.borderColor = line!.backgroundColor = trend?.state === 'growing' ? colours.trendGrowing : colours.trendSteady;
  goroutines!.borderColor = goroutines!.backgroundColor = colours.goroutines;
  const scales = chart.options.scales!;
  for (const axis of [scales.x!, scales.y!, scales.goroutines!]) {
    axis.ticks!.color = colours.text;
    axis.grid!.color = colours.grid;
  }
  (scales.goroutines as { title: { color: string } }).title.color = colours.goroutines;
  chart.options.plugins!.legend!.labels!.color = colours.text;
}

function redraw(): void {
  const data = toChartData(store, trend, windowMs);
  const [used, total, gc, line, goroutines] = chart.data.datasets;
  used!.data = data.used;
  total!.data = data.total;
  gc!.data = data.gcPoints;
  line!.data = data.trend;
  goroutines!.data = data.goroutines;
  // A Node target has no goroutines: its chart keeps one axis and no empty legend entry. A Go target's
  // "total" is its in-use size again: not drawn twice.
  const hasGoroutines = data.goroutines.length > 0;
  goroutines!.hidden = !hasGoroutines;
  total!.hidden = hasGoroutines;
  const scales = chart.options.scales!;
  scales.goroutines!.display = hasGoroutines;
  // Goroutines in the lower half, the heap above: the two lines no longer overlap at the top.
  const maxGoroutines = Math.max(1, ...data.goroutines.map((p) => p.y));
  (scales.goroutines as { max?: number }).max = hasGoroutines ? Math.ceil(maxGoroutines * 2.2) : undefined;
  const empty = store.size === 0;
  scales.x!.display = scales.y!.display = !empty;
  el('empty').hidden = !empty;
  Object.assign(scales.x!, { min: data.xMin, max: data.xMax });
  (scales.x!.ticks as { stepSize?: number }).stepSize = xStep = data.xStep;
  const narrow = document.body.clientWidth < 320;
  for (const axis of [scales.x!, scales.y!]) (axis.ticks as { font?: { size: number } }).font = { size: narrow ? 10 : 12 };
  restarts = data.restarts;
  applyColours();
  chart.update('none');
  // Where the legend ends (CSS px): the e2e tests read the swatch colours above it.
  el('chart').dataset.legendBottom = String(Math.ceil(chart.legend?.bottom ?? 0));
  el('readout').textContent = readout(store.last);
  el('verdict').textContent = trend ? trend.text : '';
  el('verdict').className = `verdict ${trend?.state ?? ''}`;
}

/** The latest figures in words, e.g. `heap 3.2 MB · 12 goroutines`. */
function readout(last: WireSample | undefined): string {
  if (!last) return '';
  const heap = `heap ${formatBytes(last[1])}`;
  return last[4] === undefined ? heap : `${heap} · ${last[4]} goroutine${last[4] === 1 ? '' : 's'}`;
}

function renderMeta(): void {
  if (!meta) return;
  const attached = meta.status !== 'detached';
  el('status').textContent = attached ? `${meta.status === 'reconnecting' ? 'Waiting for' : 'Attached to'} ${meta.target}` : 'Not attached';
  el('error').textContent = meta.error ?? '';
  el('error').hidden = !meta.error;
  el<HTMLButtonElement>('detach').disabled = !attached;
  el<HTMLButtonElement>('pause').disabled = !attached;
  el<HTMLButtonElement>('pause').textContent = meta.paused ? 'Resume' : 'Pause';
  el<HTMLButtonElement>('gc').disabled = meta.status !== 'attached' || !meta.canCollectGarbage;
  el<HTMLInputElement>('leakCheck').disabled = attached && !meta.canCollectGarbage;
  el<HTMLButtonElement>('snapshot').hidden = !meta.canSnapshot;
  el<HTMLButtonElement>('snapshot').disabled = meta.status !== 'attached';
  el<HTMLInputElement>('leakCheck').checked = meta.gcEveryMs > 0;
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  switch (message.type) {
    case 'hydrate':
      store.reset(message.samples, message.capacity);
      trend = message.trend;
      meta = message.meta;
      renderMeta();
      redraw();
      break;
    case 'append':
      store.append(message.samples);
      trend = message.trend;
      redraw();
      break;
    case 'meta':
      meta = message.meta;
      renderMeta();
      break;
  }
});

const windowSelect = el<HTMLSelectElement>('window');
for (const w of WINDOWS) windowSelect.add(new Option(w.label, String(w.ms), false, w.ms === windowMs));
windowSelect.addEventListener('change', () => {
  windowMs = Number(windowSelect.value);
  vscode.setState({ windowMs });
  redraw();
});
el('attach').addEventListener('click', () => post({ type: 'attach' }));
el('detach').addEventListener('click', () => post({ type: 'detach' }));
el('pause').addEventListener('click', () => post({ type: 'setPaused', paused: !meta?.paused }));
el('gc').addEventListener('click', () => post({ type: 'collectGarbage' }));
el('snapshot').addEventListener('click', () => post({ type: 'takeSnapshot' }));
el('csv').addEventListener('click', () => post({ type: 'exportCsv' }));
el<HTMLInputElement>('leakCheck').addEventListener('change', (e) =>
  post({ type: 'setGcEvery', ms: (e.target as HTMLInputElement).checked ? LEAK_CHECK_GC_MS : 0 }),
);

// VS Code swaps the body's theme class (vscode-light / vscode-dark / vscode-high-contrast…) on theme change.
new MutationObserver(() => {
  colours = themeColours();
  redraw();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
