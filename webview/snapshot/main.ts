// The snapshot view: a heap snapshot's or Go heap profile's summary, or a comparison of two, rendered from
// validated host messages with DOM calls only (never HTML built from data). Source links ask the host to open the file.
import { formatBytes, formatCount, RETAINER_STEP_SEPARATOR } from '../../src/common/format';
import {
  parseSnapshotHostMessage,
  type SnapshotHostMessage,
  type SnapshotViewMessage,
  type WireClosure,
  type WireConstructor,
  type WireSite,
  type WireSnapshotSummary,
  type WireSourceLink,
} from '../../src/protocol/snapshot';
import './style.css';

declare function acquireVsCodeApi(): { postMessage(message: SnapshotViewMessage): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function sourceLink(link: WireSourceLink | undefined): HTMLElement {
  if (!link) return h('span', '—', 'muted');
  const label = `${link.functionName} — ${(link.file ?? link.url).split(/[\\/]/).pop()}:${link.line}:${link.column}`;
  if (!link.file) return h('span', `${link.functionName} — ${link.url}:${link.line}`, 'muted');
  const a = h('a', label);
  a.href = '#';
  a.title = `${link.file}:${link.line}:${link.column}`;
  a.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'openSource', file: link.file!, line: link.line, column: link.column });
  });
  return a;
}

function table(headers: string[], rows: (string | HTMLElement)[][], numeric: number[] = []): HTMLTableElement {
  const t = h('table');
  const head = t.createTHead().insertRow();
  headers.forEach((text, i) => {
    const th = h('th', text);
    if (numeric.includes(i)) th.className = 'num';
    head.appendChild(th);
  });
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = tr.insertCell();
      if (typeof cell === 'string') td.textContent = cell;
      else td.appendChild(cell);
      if (numeric.includes(i)) td.className = 'num';
    });
  }
  return t;
}

/**
 * A filter box as in DevTools' Memory panel: hides every table row and list item whose text does not contain
 * what is typed (case-insensitive); the sections stay.
 */
function filterBox(): HTMLElement {
  const input = h('input');
  input.type = 'search';
  input.id = 'filter';
  input.placeholder = 'Filter (constructor, function, variable, file)';
  input.setAttribute('aria-label', 'Filter rows');
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    for (const row of Array.from(root.querySelectorAll<HTMLElement>('tbody tr, ol > li')))
      row.hidden = q !== '' && !(row.textContent ?? '').toLowerCase().includes(q);
  });
  return input;
}

/**
 * A retainer path folded to the object's nearest holder, as DevTools' Retainers pane opens; unfolded, one
 * holder per line, each further from the object than the one above it.
 */
function retainerCell(path: string, note = ''): HTMLElement {
  const details = h('details');
  const steps = path.split(RETAINER_STEP_SEPARATOR);
  details.append(
    h('summary', `${steps[0] ?? path}${note}`),
    h('pre', steps.map((step, i) => `${'  '.repeat(Math.min(i, 8))}${i > 0 ? '← ' : ''}${step}`).join('\n')),
  );
  return details;
}

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  const s = h('section');
  s.append(h('h2', title), ...content);
  return s;
}

/** An allocation site (Go, or a Node function): linked to its file and line when the profile has one. */
function siteLink(site: WireSite): HTMLElement {
  const cell = h('span');
  if (site.file && site.line > 0)
    cell.append(sourceLink({ functionName: site.function, url: site.file, file: site.file, line: site.line, column: 1 }));
  else cell.append(h('span', site.function, 'muted'));
  if (site.via) cell.append(h('span', ` via ${site.via}`, 'muted'));
  return cell;
}

function renderProfileSummary(m: Extract<SnapshotHostMessage, { type: 'profileSummary' }>): void {
  const t = m.totals;
  root.replaceChildren(
    h('h1', m.fileName),
    h(
      'p',
      `Heap profile: ${formatBytes(t.inuseSpace)} in use in ${formatCount(t.inuseObjects)} objects${t.allocSpace ? ` (allocated since start: ${formatBytes(t.allocSpace)})` : ''}`,
      'muted',
    ),
    section(
      'Top functions by in-use bytes',
      m.sites.length
        ? table(
            ['Function', 'In use', 'Objects'],
            m.sites.map((s) => [siteLink(s), formatBytes(s.inuseSpace), formatCount(s.inuseObjects)]),
            [1, 2],
          )
        : h('p', 'No sampled allocations are in use.'),
    ),
  );
}

function renderProfileComparison(m: Extract<SnapshotHostMessage, { type: 'profileComparison' }>): void {
  const c = m.comparison;
  const items = c.growth.map((g, i) => {
    const li = h('li');
    li.append(
      h('span', `+${formatBytes(g.bytesDelta)} (${g.objectsDelta >= 0 ? '+' : ''}${formatCount(g.objectsDelta)} objects) `),
      siteLink(g),
    );
    const verdict = m.verdicts.find((v) => v.index === i);
    if (verdict)
      li.append(
        ' ',
        h(
          'span',
          verdict.verdict === 'confirmed' ? `confirms ${verdict.rule} (line ${verdict.line})` : 'not flagged by the linter: runtime-growth',
          `badge ${verdict.verdict}`,
        ),
      );
    if (g.variable) li.append(' ', h('span', `grows \`${g.variable}\``));
    return li;
  });
  const list = h('ol');
  list.append(...items);
  root.replaceChildren(
    h('h1', `${m.before} → ${m.after}`),
    h(
      'p',
      `Heap in use ${formatBytes(c.before.inuseSpace)} → ${formatBytes(c.after.inuseSpace)} (${formatCount(c.before.inuseObjects)} → ${formatCount(c.after.inuseObjects)} objects)`,
      'muted',
    ),
    section('Growth by function and line', c.growth.length ? list : h('p', 'No allocation site grew above the noise threshold.')),
  );
}

const constructorRows = (stats: WireConstructor[]) =>
  stats.slice(0, 25).map((c) => [c.name, formatCount(c.count), formatBytes(c.selfSize), formatBytes(c.retainedSize)]);

/** A closure's captured variables, largest first; for a closure that mostly holds another's, which one. */
function capturedCell(c: WireClosure): HTMLElement {
  const cell = h('span');
  cell.append(
    c.variables
      .slice(0, 3)
      .map((v) => `${v.name}: ${v.className}${v.count >= 0 ? ` ×${formatCount(v.count)}` : ''} ${formatBytes(v.retainedSize)}`)
      .join(', '),
  );
  if (c.holds) {
    const where = c.holds.site ? ` (${(c.holds.site.file ?? c.holds.site.url).split(/[\\/]/).pop()}:${c.holds.site.line})` : '';
    cell.append(h('span', ` — mostly \`${c.holds.variable}\` in ${c.holds.functionName}()${where}`, 'muted'));
  }
  return cell;
}

function renderSummary(fileName: string, s: WireSnapshotSummary): void {
  root.replaceChildren(
    h('h1', fileName),
    filterBox(),
    h('p', `${formatCount(s.nodeCount)} objects, ${formatBytes(s.totalSize)} (${formatBytes(s.reachableSize)} reachable)`, 'muted'),
    section(
      'Closures by what their captured variables hold',
      table(
        ['Function', 'Own', 'Retained', 'Captured variables'],
        s.closures
          .slice(0, 20)
          .map((c) => [
            c.site ? sourceLink(c.site) : h('span', c.functionName, 'muted'),
            formatBytes(c.ownSize),
            formatBytes(c.capturedSize),
            capturedCell(c),
          ]),
        [1, 2],
      ),
      h(
        'p',
        'Own: what the captured variables retain, less what another closure’s captured variables inside them hold. The closure whose own variable holds the growth comes first, before the app and router that hold it.',
        'muted',
      ),
    ),
    section('Constructors by retained size', table(['Constructor', 'Count', 'Self', 'Retained'], constructorRows(s.byRetained), [1, 2, 3])),
    section('Constructors by self size', table(['Constructor', 'Count', 'Self', 'Retained'], constructorRows(s.bySelf), [1, 2, 3])),
    section(
      'Biggest objects',
      table(
        ['Object', 'Retained', 'Self', 'Retainer path'],
        s.biggestObjects.map((o) => [
          o.site ? sourceLink(o.site) : `${o.className} @${o.id}`,
          formatBytes(o.retainedSize),
          formatBytes(o.selfSize),
          retainerCell(o.retainerPath),
        ]),
        [1, 2],
      ),
    ),
  );
}

function renderComparison(m: Extract<SnapshotHostMessage, { type: 'comparison' }>): void {
  const c = m.comparison;
  const items = c.attributions.map((a, i) => {
    const li = h('li');
    li.append(h('span', a.text), ' ', sourceLink(a.function));
    const verdict = m.verdicts.find((v) => v.index === i);
    if (verdict) {
      const badge = h(
        'span',
        verdict.verdict === 'confirmed' ? `confirms ${verdict.rule} (line ${verdict.line})` : 'not flagged by the linter: runtime-growth',
        `badge ${verdict.verdict}`,
      );
      li.append(' ', badge);
    }
    return li;
  });
  const list = h('ol');
  list.append(...items);
  root.replaceChildren(
    h('h1', `${m.before} → ${m.after}`),
    filterBox(),
    h(
      'p',
      `Heap ${formatBytes(c.before.totalSize)} → ${formatBytes(c.after.totalSize)}; new and still alive${c.matchedBy === 'retainer-path' ? ' by retainer path (the snapshots come from different sessions, so object ids cannot be compared)' : ''}: ${formatCount(c.newObjects.count)} objects, ${formatBytes(c.newObjects.size)}`,
      'muted',
    ),
    section(
      'Growth attributed to captured variables',
      c.attributions.length ? list : h('p', 'No growth attributed to a captured variable above the noise threshold.'),
    ),
    section('New objects by constructor', table(['Constructor', '# New', 'Size Δ', 'Retained by'], byConstructor(c.groups), [1, 2])),
  );
}

/** DevTools' comparison view: new objects grouped by constructor, largest first, each with its retainer paths. */
function byConstructor(groups: Extract<SnapshotHostMessage, { type: 'comparison' }>['comparison']['groups']): (string | HTMLElement)[][] {
  const byName = new Map<string, { count: number; size: number; paths: typeof groups }>();
  for (const g of groups) {
    const entry = byName.get(g.className) ?? { count: 0, size: 0, paths: [] };
    entry.count += g.count;
    entry.size += g.size;
    entry.paths.push(g);
    byName.set(g.className, entry);
  }
  return [...byName]
    .sort((a, b) => b[1].size - a[1].size)
    .map(([name, e]) => {
      const paths = h('div');
      paths.append(...e.paths.map((g) => retainerCell(g.retainerPath, `  (${formatCount(g.count)} objects, +${formatBytes(g.size)})`)));
      return [name, `+${formatCount(e.count)}`, `+${formatBytes(e.size)}`, paths];
    });
}

window.addEventListener('message', (event) => {
  const m = parseSnapshotHostMessage(event.data);
  if (!m) return;
  if (m.type === 'progress') root.replaceChildren(h('p', `${m.message}… ${Math.round(m.fraction * 100)}%`, 'muted'));
  else if (m.type === 'error') root.replaceChildren(h('p', m.message, 'error'));
  else if (m.type === 'summary') renderSummary(m.fileName, m.summary);
  else if (m.type === 'profileSummary') renderProfileSummary(m);
  else if (m.type === 'profileComparison') renderProfileComparison(m);
  else renderComparison(m);
});
vscode.postMessage({ type: 'ready' });
