// V8's sampler names the function that allocated, not the line: a Node profile's site is a function and the
// position where it starts. Where the static analysis has a growth finding inside that function, the site is
// moved to the finding's line and names the captured variable it grows (pprof says where memory was
// allocated; the analysis knows who holds it). Then the runtime match confirms that finding by its line.
import ts from 'typescript';
import { parse, scriptKindOf } from '../../analysis/parse';
import type { Finding } from '../../findings/model';
import type { FindingsOf } from '../../correlate/findings';
import type { SiteGrowth } from './compare';

/** The rules whose finding predicts growth at its line (those the runtime match confirms). */
const GROWTH_RULES = new Set<Finding['rule']>(['unbounded-capture', 'bounded-buffer']);

/** The innermost function whose text contains `position`. */
function functionAt(sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (position < node.getStart(sourceFile) || position >= node.end) return;
    if (ts.isFunctionLike(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function growthFindingIn(site: SiteGrowth, text: string, findings: Finding[]): Finding | undefined {
  const candidates = findings.filter((f) => GROWTH_RULES.has(f.rule));
  if (candidates.length === 0 || !site.column) return undefined;
  const parsed = parse(site.file, text);
  if (!parsed.sourceFile) return undefined;
  const lines = parsed.sourceFile.getLineStarts();
  const lineStart = lines[site.line - 1];
  if (lineStart === undefined) return undefined;
  const fn = functionAt(parsed.sourceFile, lineStart + site.column - 1);
  if (!fn) return undefined;
  const start = fn.getStart(parsed.sourceFile);
  // The first growth in source order: in a handler that grows several targets, the one written first.
  return candidates.filter((f) => f.range.start >= start && f.range.start < fn.end).sort((a, b) => a.range.start - b.range.start)[0];
}

/** Node sites with the growing line and variable the analysis knows of; other sites unchanged. */
export function resolveNodeSites(growth: SiteGrowth[], findingsOf: FindingsOf): SiteGrowth[] {
  return growth.map((site) => {
    if (site.column === undefined || scriptKindOf(site.file) === undefined) return site;
    const linted = findingsOf(site.file);
    const finding = linted && growthFindingIn(site, linted.text, linted.findings);
    return finding ? { ...site, line: finding.range.line, variable: finding.target } : site;
  });
}
