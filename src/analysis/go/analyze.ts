// The Go closure-capture analysis over one parsed file: handlers → mutations on long-lived collections →
// bounded or not, locked or not → findings.
import type { Node } from 'web-tree-sitter';
import { RULES } from '../ruleInfo';
import type { Finding, Fix, LintConfig, RuleId, Severity } from '../types';
import { capFix, type FixContext, mutexFix, suppressFix } from './fixes';
import { enclosingFunction, findHandlers, type Handler, namedFunction, RETAINED_TYPES } from './handlers';
import { lockHeld } from './locks';
import { type Mutation, mutationsIn } from './mutations';
import { functionsByName, resolve } from './scope';
import { callee, compact, type LineMap, unparen } from './syntax';
import { describeTarget, lifetimeIn, type Target } from './targets';

/** A mutation of a long-lived collection on a request path. */
interface Site {
  handler: Handler;
  /** The function holding the mutation: the handler, or a function it calls. */
  fn: Node;
  /** Calls from the handler down to `fn`, each with the function that makes it (a lock may be held there). */
  via: { call: Node; in: Node }[];
  m: Mutation;
  target: Target;
  why: 'factory' | 'package' | 'receiver';
}

/** How deep the analysis follows calls from a handler into functions of the same file. */
const MAX_CALL_DEPTH = 3;
const RACY_KINDS = new Set(['slice', 'map', 'unknown']);


function bodyOf(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

function collectSites(root: Node, handlers: Handler[]): Site[] {
  const sites: Site[] = [];
  const handlerIds = new Set(handlers.map((h) => h.node.id));
  const decls = functionsByName(root);
  const visit = (handler: Handler, fn: Node, via: Site['via'], seen: Set<number>) => {
    const body = bodyOf(fn);
    if (!body) return;
    for (const m of mutationsIn(body)) {
      // Mutations inside another handler nested here belong to that handler.
      const owner = enclosingFunction(m.node);
      if (owner && owner.id !== fn.id && handlerIds.has(owner.id)) continue;
      const target = describeTarget(m.target, root);
      if (!target || !m.kinds.includes(target.kind)) continue;
      const life = lifetimeIn(target, fn);
      if (!life.longLived) continue;
      if (m.effect === 'grow' && m.key && unparen(m.key).type === 'identifier' && resolve(unparen(m.key))?.kind === 'const') m.effect = 'write';
      sites.push({ handler, fn, via, m, target, why: life.why });
    }
    if (via.length >= MAX_CALL_DEPTH) return;
    for (const call of body.descendantsOfType('call_expression')) {
      const c = call && callee(call);
      if (!call || !c) continue;
      let callees: Node[] | undefined;
      if (!c.operand) callees = decls.get(c.name);
      else if (c.operand.type === 'identifier' && decls.has(`.${c.name}`)) {
        const d = resolve(c.operand);
        // Only methods called through a long-lived value (the receiver, a captured struct) share its fields.
        if (d && (d.kind === 'receiver' || lifetimeIn({ key: '', name: '', kind: 'unknown', decl: d }, fn).longLived)) callees = decls.get(`.${c.name}`);
      }
      for (const callee of callees ?? []) {
        if (seen.has(callee.id) || handlerIds.has(callee.id)) continue;
        visit(handler, callee, [...via, { call, in: fn }], new Set([...seen, callee.id]));
      }
    }
  };
  for (const h of handlers) visit(h, h.node, [], new Set([h.node.id]));
  return sites;
}

/** Every bounding operation in the file on one of the targets, by target key. */
function boundsByTarget(root: Node, sites: Site[]): Map<string, Mutation[]> {
  const names = new Set(sites.map((s) => s.target.name));
  const out = new Map<string, Mutation[]>();
  for (const m of mutationsIn(root)) {
    if (m.effect !== 'bound' || !names.has(compact(m.target))) continue;
    const t = describeTarget(m.target, root);
    if (t && m.kinds.includes(t.kind)) out.set(t.key, [...(out.get(t.key) ?? []), m]);
  }
  return out;
}

/** For a reset under `if len(x) >= N`: the text of N (a flush-and-reset buffer). */
function sizeCheckBound(reset: Mutation, name: string): string | undefined {
  const measure = [`len(${name})`, `${name}.Len()`];
  for (let n = reset.node.parent; n && n.type !== 'source_file'; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const cond = n.childForFieldName('condition');
    if (!cond || !measure.some((x) => compact(cond).includes(x))) continue;
    const left = compact(cond.childForFieldName('left'));
    const right = cond.childForFieldName('right');
    if (measure.includes(left) && right) return right.text;
    return cond.text;
  }
  return undefined;
}

/** Whether a stored value is (or directly holds) a request-scoped object: `c`, `r`, `w`, `c.Request`, `entry{req: r}`. */
function retainsRequest(value: Node): boolean {
  const v = unparen(value);
  switch (v.type) {
    case 'identifier': {
      const d = resolve(v);
      return d?.kind === 'param' && RETAINED_TYPES.has(compact(d.type));
    }
    case 'selector_expression': {
      const field = v.childForFieldName('field')?.text;
      return (field === 'Request' || field === 'Writer') && retainsRequest(v.childForFieldName('operand')!);
    }
    case 'call_expression': {
      const c = callee(v);
      return c?.name === 'Copy' && !!c.operand && retainsRequest(c.operand);
    }
    case 'unary_expression':
      return retainsRequest(v.childForFieldName('operand')!);
    case 'composite_literal':
      return (v.childForFieldName('body')?.namedChildren ?? []).some((e) => {
        const item = e?.type === 'keyed_element' ? e.namedChild(e.namedChildCount - 1) : e;
        return !!item && retainsRequest(item.type === 'literal_element' ? item.namedChild(0) ?? item : item);
      });
    case 'literal_element':
      return v.namedChild(0) ? retainsRequest(v.namedChild(0)!) : false;
    default:
      return false;
  }
}

function verb(op: string): string {
  if (op === 'append') return 'appends to it';
  if (op.startsWith('m[k]')) return 'adds a key to it';
  if (op.startsWith('sync.Map')) return 'stores into it';
  return 'writes to it';
}

function whereDeclared(site: Site): string {
  if (site.why === 'package') return 'a package-level variable';
  if (site.why === 'receiver') return `a field of the receiver \`${compact(site.target.decl?.type)}\`, which the server keeps for its lifetime`;
  const factory = site.target.decl && namedFunction(site.target.decl.id)?.childForFieldName('name')?.text;
  return `declared in \`${factory ?? 'the enclosing function'}\`, outside the handler`;
}

function inHelper(site: Site): string {
  const name = site.fn.childForFieldName('name')?.text;
  return site.fn.id === site.handler.node.id || !name ? '' : ` (in \`${name}\`, which it calls)`;
}

/** Findings before suppressions are applied. */
export function analyzeGo(root: Node, lines: LineMap, config: LintConfig): Finding[] {
  const handlers = findHandlers(root, !!config.reportAllReturnedClosures);
  if (handlers.length === 0) return [];
  const sites = collectSites(root, handlers);
  if (sites.length === 0) return [];
  const bounds = boundsByTarget(root, sites);
  const ctx: FixContext = { text: lines.text, lines, root };
  const findings: Finding[] = [];
  const seen = new Set<string>();

  const emit = (rule: RuleId, site: Site, message: string, severity: Severity, fixes: (Fix | undefined)[], bound?: string) => {
    const setting = config.rules?.[rule];
    if (setting === 'off') return;
    const range = lines.rangeOf(site.m.node);
    const id = `${rule}@${range.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    const { target, handler } = site;
    findings.push({
      rule, severity: setting ?? severity, message, range,
      related: [
        ...(target.declNode ? [{ message: `\`${target.name}\` is declared here`, range: lines.rangeOf(target.declNode) }] : []),
        { message: handler.anchor.message, range: lines.rangeOf(handler.anchor.node) },
      ],
      target: target.name, handler: handler.name, growth: site.m.op, ...(bound !== undefined ? { bound } : {}),
      fixes: [...fixes.filter((f): f is Fix => !!f), suppressFix(ctx, rule, site.m.node)],
    });
  };

  for (const site of sites) {
    const { m, target, handler } = site;
    if (m.effect === 'grow') {
      const known = bounds.get(target.key) ?? [];
      if (known.length === 0) {
        const retains = m.values.some(retainsRequest);
        emit('unbounded-capture', site,
          `\`${target.name}\` grows on every request and nothing removes from it: ${handler.describe} ${verb(m.op)} (${m.op})${inHelper(site)}; ` +
          `it is ${whereDeclared(site)}, so it lives as long as the server.` +
          (retains ? ' Each entry holds the request object, so every request\'s whole object graph stays reachable.' : ''),
          retains ? 'error' : RULES['unbounded-capture'].defaultSeverity, [capFix(ctx, m, target)]);
      } else {
        const buffer = known.map((b) => (b.reset ? sizeCheckBound(b, target.name) : undefined)).find((n) => n !== undefined);
        if (buffer !== undefined) {
          emit('bounded-buffer', site, `\`${target.name}\` is a flush-and-reset buffer: ${handler.describe} ${verb(m.op)} on every request and it is reset when it reaches ${buffer}.`,
            RULES['bounded-buffer'].defaultSeverity, [], buffer);
        }
      }
    }
    if (RACY_KINDS.has(target.kind) && !lockHeld(m.node, site.fn) && !site.via.some((v) => lockHeld(v.call, v.in))) {
      emit('unsynchronized-capture', site,
        `\`${target.name}\` is written by ${handler.describe} (${m.op})${inHelper(site)} with no mutex held; handlers run concurrently, ` +
        `so this is a data race${m.effect === 'grow' ? ' as well as a growth' : ''}. Hold a sync.Mutex around every access.`,
        RULES['unsynchronized-capture'].defaultSeverity, [mutexFix(ctx, m, target)]);
    }
  }
  return findings.sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
}
