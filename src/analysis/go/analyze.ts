// The Go closure-capture analysis over one package (the files of a directory): handlers → mutations on
// long-lived collections, in the handler or in functions and methods of the package it calls → bounded
// or not, locked or not → findings, each reported in the file that holds its growing operation.
import { basename } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { RULES } from '../ruleInfo';
import type { Finding, Fix, RelatedLocation, RuleId, Severity } from '../../findings/model';
import type { LintConfig } from '../lintConfig';
import { boundsGrowth } from './bounds';
import { capFix, type FixContext, mutexFix, suppressFix } from './fixes';
import { goGrowingApis, type GoGrowingApi } from './growingApis';
import { enclosingFunction, findHandlers, type Handler, HANDLER_HINT, namedFunction, RETAINED_TYPES } from './handlers';
import { lockHeld } from './locks';
import { type Mutation, mutationsIn } from './mutations';
import { functionsByName, resolve } from './scope';
import { callee, compact, type LineMap, unparen } from './syntax';
import { describeTarget, lifetimeIn, type Target } from './targets';

/** One file of the package being analysed. */
export interface GoUnit {
  /** The name findings carry (as the caller gave it). */
  file: string;
  text: string;
  root: Node;
  lines: LineMap;
  /** Test code (`_test.go`, `testdata/`): its handlers are left out unless asked. */
  test: boolean;
}

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

/** How deep the analysis follows calls from a handler into functions of the same package. */
const MAX_CALL_DEPTH = 3;
const RACY_KINDS = new Set(['slice', 'map', 'string', 'unknown']);
const SMALL_KEY_MAP = /^\*?map\[(bool|byte|u?int8)\]/;

function bodyOf(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

/** The methods among `candidates` whose receiver is `type` (all of them when the type is not written). */
function methodsOf(candidates: Node[], type: string): Node[] {
  const name = type.replace(/^\*/, '').replace(/\[.*$/, '');
  if (!name) return candidates;
  return candidates.filter((m) => {
    const recv = m.childForFieldName('receiver')?.namedChildren.find((p) => p?.type === 'parameter_declaration');
    return compact(recv?.childForFieldName('type')).replace(/^\*/, '').replace(/\[.*$/, '') === name;
  });
}

function collectSites(root: Node, handlers: Handler[], apis: readonly GoGrowingApi[]): Site[] {
  const sites: Site[] = [];
  const handlerIds = new Set(handlers.map((h) => h.node.id));
  const decls = functionsByName(root);
  const visit = (handler: Handler, fn: Node, via: Site['via'], seen: Set<number>) => {
    const body = bodyOf(fn);
    if (!body) return;
    for (const m of mutationsIn(body, apis)) {
      // Mutations inside another handler nested here belong to that handler.
      const owner = enclosingFunction(m.node);
      if (owner && owner.id !== fn.id && handlerIds.has(owner.id)) continue;
      if (m.state) continue; // collected package-wide below
      const target = describeTarget(m.target, root);
      if (!target || !m.kinds.includes(target.kind)) continue;
      const life = lifetimeIn(target, fn);
      if (!life.longLived) continue;
      if (m.effect === 'grow' && m.key && unparen(m.key).type === 'identifier' && resolve(unparen(m.key))?.kind === 'const')
        m.effect = 'write';
      // A map keyed by a bool (or a byte) has a handful of keys at most.
      if (m.effect === 'grow' && m.key && SMALL_KEY_MAP.test(target.type ?? '')) m.effect = 'write';
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
        if (d && (d.kind === 'receiver' || lifetimeIn({ key: '', name: '', kind: 'unknown', decl: d }, fn).longLived))
          callees = methodsOf(decls.get(`.${c.name}`)!, compact(d.type));
      } else if (c.operand.type === 'selector_expression' && decls.has(`.${c.name}`)) {
        // `s.store.set(k, v)`: a method of a long-lived value's field (a store the server holds).
        const t = describeTarget(c.operand, root);
        if (t && lifetimeIn(t, fn).longLived) callees = methodsOf(decls.get(`.${c.name}`)!, t.type ?? '');
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

/** The hidden state of a growing API (`gorilla/context`'s map) as a target: package-level, lives for ever. */
function stateTarget(state: string): Target {
  return { key: `state:${state}`, name: state, kind: 'unknown' };
}

/**
 * Growth of an API's hidden state anywhere in the package's non-test code, once the package has handlers:
 * a session helper that registers the request in gorilla/context runs during requests whoever calls it.
 */
function stateSites(units: GoUnit[], handlers: Handler[], apis: readonly GoGrowingApi[], config: LintConfig): Site[] {
  if (!apis.some((a) => a.state)) return [];
  const sites: Site[] = [];
  for (const unit of units) {
    if (unit.test && !config.includeTests) continue;
    for (const m of mutationsIn(unit.root, apis)) {
      const fn = m.state && m.effect === 'grow' ? enclosingFunction(m.node) : undefined;
      if (!fn) continue;
      const handler =
        handlers.find((h) => h.node.tree === m.node.tree && h.node.startIndex <= m.node.startIndex && m.node.endIndex <= h.node.endIndex) ??
        handlers[0]!;
      sites.push({ handler, fn: namedFunction(fn) ?? fn, via: [], m, target: stateTarget(m.state!), why: 'package' });
    }
  }
  return sites;
}

/** Every bounding operation in the package on one of the targets, by target key. */
function boundsByTarget(units: GoUnit[], sites: Site[], apis: readonly GoGrowingApi[]): Map<string, Mutation[]> {
  const names = new Set(sites.map((s) => s.target.name));
  const out = new Map<string, Mutation[]>();
  for (const unit of units) {
    for (const m of mutationsIn(unit.root, apis)) {
      if (m.effect === 'bound' && m.state) {
        out.set(`state:${m.state}`, [...(out.get(`state:${m.state}`) ?? []), m]);
        continue;
      }
      if (m.effect !== 'bound' || !names.has(compact(m.target))) continue;
      const t = describeTarget(m.target, unit.root);
      if (t && m.kinds.includes(t.kind)) out.set(t.key, [...(out.get(t.key) ?? []), m]);
    }
  }
  return out;
}

/** Call sites of the package's functions and methods by name (`name`, `.name`), for bounds in a called helper. */
function callSitesByName(units: GoUnit[]): (fn: Node) => Node[] {
  let byName: Map<string, Node[]> | undefined;
  return (fn) => {
    if (!byName) {
      byName = new Map();
      for (const unit of units) {
        for (const call of unit.root.descendantsOfType('call_expression')) {
          const c = call && callee(call);
          if (!call || !c) continue;
          const key = `${c.operand ? '.' : ''}${c.name}`;
          byName.set(key, [...(byName.get(key) ?? []), call]);
        }
      }
    }
    const name = fn.childForFieldName('name')?.text;
    return name ? (byName.get(`${fn.type === 'method_declaration' ? '.' : ''}${name}`) ?? []) : [];
  };
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
        return !!item && retainsRequest(item.type === 'literal_element' ? (item.namedChild(0) ?? item) : item);
      });
    case 'literal_element':
      return v.namedChild(0) ? retainsRequest(v.namedChild(0)!) : false;
    default:
      return false;
  }
}

function verb(op: string): string {
  if (op === 'append') return 'appends to it';
  if (op === 's += x') return 'concatenates to it';
  if (op.startsWith('m[k]')) return 'adds a key to it';
  if (op.startsWith('sync.Map')) return 'stores into it';
  return 'writes to it';
}

function whereDeclared(site: Site): string {
  if (site.why === 'package') return 'a package-level variable';
  if (site.why === 'receiver')
    return `a field of the receiver \`${compact(site.target.decl?.type)}\`, which the server keeps for its lifetime`;
  const factory = site.target.decl && namedFunction(site.target.decl.id)?.childForFieldName('name')?.text;
  return `declared in \`${factory ?? 'the enclosing function'}\`, outside the handler`;
}

function inHelper(site: Site): string {
  const name = site.fn.childForFieldName('name')?.text;
  if (site.fn.id === site.handler.node.id || !name) return '';
  if (site.via.length === 0) return ` (in \`${name}\`, which runs during requests)`;
  const chain = site.via.slice(1).map((v) => `\`${callee(v.call)?.name}\``);
  return ` (in \`${name}\`, which it calls${chain.length ? ` through ${chain.join(' → ')}` : ''})`;
}

/** The analysis of one package: its findings by file (suppressions not yet applied). */
export function analyzeGoPackage(units: GoUnit[], config: LintConfig): Map<GoUnit, Finding[]> {
  const out = new Map<GoUnit, Finding[]>(units.map((u) => [u, []]));
  if (units.length === 0) return out;
  const apis = goGrowingApis(config.growingApis);
  const handlers = units.flatMap((u) =>
    (u.test && !config.includeTests) || (!config.reportAllReturnedClosures && !HANDLER_HINT.test(u.text))
      ? []
      : findHandlers(u.root, { includeAllReturnedClosures: !!config.reportAllReturnedClosures, includeTests: !!config.includeTests }),
  );
  if (handlers.length === 0) return out;
  const sites = [...collectSites(units[0]!.root, handlers, apis), ...stateSites(units, handlers, apis, config)];
  if (sites.length === 0) return out;
  const bounds = boundsByTarget(units, sites, apis);
  const callers = callSitesByName(units);
  const inHandler = (n: Node) =>
    handlers.some((h) => h.node.tree === n.tree && h.node.startIndex <= n.startIndex && n.endIndex <= h.node.endIndex);
  const unitOf = new Map<Tree, GoUnit>(units.map((u) => [u.root.tree, u]));
  const seen = new Set<string>();

  const emit = (rule: RuleId, site: Site, message: string, severity: Severity, fixes: (Fix | undefined)[], bound?: string) => {
    const setting = config.rules?.[rule];
    if (setting === 'off') return;
    const unit = unitOf.get(site.m.node.tree)!;
    const { lines } = unit;
    const range = lines.rangeOf(site.m.node);
    const id = `${rule}@${unit.file}@${range.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    const { target, handler } = site;
    const here = (n: Node | undefined) => !!n && n.tree === site.m.node.tree;
    const elsewhere = (n: Node) => {
      const u = unitOf.get(n.tree);
      return u ? `${basename(u.file)}:${u.lines.lineOf(n.startIndex) + 1}` : 'another file of the package';
    };
    const related: RelatedLocation[] = [];
    if (here(target.declNode)) related.push({ message: `\`${target.name}\` is declared here`, range: lines.rangeOf(target.declNode!) });
    for (const v of site.via)
      if (here(v.call))
        related.push({
          message: `the handler's call chain goes through \`${compact(v.call.childForFieldName('function'))}\` here`,
          range: lines.rangeOf(v.call),
        });
    if (here(handler.anchor.node)) related.push({ message: handler.anchor.message, range: lines.rangeOf(handler.anchor.node) });
    else message += ` The handler is in ${elsewhere(handler.anchor.node)}.`;
    const ctx: FixContext = { text: unit.text, lines, root: unit.root };
    out.get(unit)!.push({
      rule,
      severity: setting ?? severity,
      message,
      range,
      related,
      target: target.name,
      handler: handler.name,
      growth: site.m.op,
      ...(bound !== undefined ? { bound } : {}),
      fixes: [...fixes.filter((f): f is Fix => !!f), suppressFix(ctx, rule, site.m.node)],
    });
  };
  const on = (rule: RuleId) => config.rules?.[rule] !== 'off';

  for (const site of sites) {
    const { m, target, handler } = site;
    const unit = unitOf.get(m.node.tree)!;
    const ctx: FixContext = { text: unit.text, lines: unit.lines, root: unit.root };
    const racy = !m.api && RACY_KINDS.has(target.kind) && !lockHeld(m.node, site.fn) && !site.via.some((v) => lockHeld(v.call, v.in));
    const raceSentence = `\`${target.name}\` is written by ${handler.describe} (${m.op})${inHelper(site)} with no mutex held; handlers run concurrently, so this is a data race`;
    let buffer: string | undefined;
    if (m.effect === 'grow') {
      const chain = [...site.via.map((v) => ({ fn: v.in, at: v.call })), { fn: site.fn, at: m.node }];
      // A request-keyed state (gorilla/context) is cleared per request by whichever middleware or handler
      // calls Clear: the request that set it passes there. Collections need a dominating bound.
      const all = bounds.get(target.key) ?? [];
      const known = m.state ? all : all.filter((b) => boundsGrowth(b.node, target.name, chain, callers, inHandler));
      if (known.length === 0 && on('unbounded-capture')) {
        const retains = m.values.some(retainsRequest);
        const races = racy && on('unsynchronized-capture');
        const what = m.api
          ? `\`${target.name}\` grows on every request: ${handler.describe} calls \`${m.op}\`${inHelper(site)}${m.api.grows === 'request-data' ? ' with a value taken from the request' : ''}; ${m.api.what}.`
          : `\`${target.name}\` grows on every request and nothing removes from it: ${handler.describe} ${verb(m.op)} (${m.op})${inHelper(site)}; it is ${whereDeclared(site)}, so it lives as long as the server.`;
        emit(
          'unbounded-capture',
          site,
          what +
            (retains ? " Each entry holds the request object, so every request's whole object graph stays reachable." : '') +
            (races
              ? ' It is also written with no mutex held while handlers run concurrently: a data race (hold a sync.Mutex around every access).'
              : ''),
          retains || races ? 'error' : RULES['unbounded-capture'].defaultSeverity,
          [m.api ? undefined : capFix(ctx, m, target), races ? mutexFix(ctx, m, target) : undefined],
        );
        continue;
      }
      buffer = known.map((b) => (b.reset ? sizeCheckBound(b, target.name) : undefined)).find((n) => n !== undefined);
      if (buffer !== undefined && !(racy && on('unsynchronized-capture'))) {
        emit(
          'bounded-buffer',
          site,
          `\`${target.name}\` is a flush-and-reset buffer: ${handler.describe} ${verb(m.op)} on every request and it is reset when it reaches ${buffer}.`,
          RULES['bounded-buffer'].defaultSeverity,
          [],
          buffer,
        );
        continue;
      }
    }
    if (racy && on('unsynchronized-capture')) {
      emit(
        'unsynchronized-capture',
        site,
        `${raceSentence}${buffer !== undefined ? ` (a flush-and-reset buffer, reset at ${buffer})` : ''}. Hold a sync.Mutex around every access.`,
        RULES['unsynchronized-capture'].defaultSeverity,
        [mutexFix(ctx, m, target)],
      );
    }
  }
  for (const findings of out.values()) findings.sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule));
  return out;
}
