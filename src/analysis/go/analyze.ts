// The Go closure-capture analysis over one package (the files of a directory): handlers → mutations on
// long-lived collections, in the handler or in functions and methods of the package it calls → bounded
// or not, locked or not → findings, each reported in the file that holds its growing operation.
import { basename } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { RULES } from '../ruleInfo';
import type { Finding, Fix, RelatedLocation, RuleId, Severity } from '../../findings/model';
import type { LintConfig } from '../lintConfig';
import { isAdminHandler } from './adminHandlers';
import { boundsGrowth, grownUnderSizeCheck } from './bounds';
import { capFix, type FixContext, mutexFix, suppressFix } from './fixes';
import { goGrowingApis, type GoGrowingApi } from './growingApis';
import { enclosingFunction, findHandlers, type Handler, HANDLER_HINT, namedFunction, paramTypes, RETAINED_TYPES } from './handlers';
import { lockHeld } from './locks';
import { type Mutation, mutationsIn } from './mutations';
import { importsOf } from './imports';
import { requestArguments, serverChosen, updatesPresentKey } from './keyOrigin';
import { functionsByName, packageIdentity, resolve } from './scope';
import { callArgs, callee, compact, contains, type LineMap, unparen } from './syntax';
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

/** A package of the same module the analysed package imports, parsed and linked. */
export interface ImportedPackage {
  /** Its folder (what tells two packages' same-named types apart). */
  key: string;
  /** Its package clause. */
  name: string;
  units: GoUnit[];
}

/**
 * Loads a package of the module the analysed code imports (`importPath`), when one of its files declares a
 * function or method named `declared`; undefined for another module's package, the standard library, or
 * a package without it.
 */
export type PackageLoader = (importPath: string, declared: string) => ImportedPackage | undefined;

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
  /** When the mutation is in another package of the module: the call of this package that leads there. */
  exit?: Node;
}

/** How deep the analysis follows calls from a handler into functions of the same package or module. */
const MAX_CALL_DEPTH = 3;
const RACY_KINDS = new Set(['slice', 'map', 'string', 'unknown']);
const SMALL_KEY_MAP = /^\*?map\[(bool|byte|u?int8)\]/;

function bodyOf(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

/** The type name a method's receiver or a value is declared with: `*store.Limiter[K]` → `store.Limiter`. */
function typeName(type: string): string {
  return type.replace(/^[*&]/, '').replace(/\[.*$/, '');
}

/** The methods among `candidates` whose receiver is `type` (all of them when the type is not written). */
function methodsOf(candidates: Node[], type: string): Node[] {
  const name = typeName(type);
  if (!name) return candidates;
  return candidates.filter((m) => {
    const recv = m.childForFieldName('receiver')?.namedChildren.find((p) => p?.type === 'parameter_declaration');
    return typeName(compact(recv?.childForFieldName('type'))) === name;
  });
}

/** The functions and methods of the package `root` belongs to, by name (one index per package per analysis). */
function declarationsOf(root: Node, memo: Map<object, Map<string, Node[]>>): Map<string, Node[]> {
  const key = packageIdentity(root);
  let decls = memo.get(key);
  if (!decls) memo.set(key, (decls = functionsByName(root)));
  return decls;
}

/** The parameter names of a function in order (a variadic one included), for arguments passed to it. */
function parameterIds(fn: Node): (Node | undefined)[] {
  return paramTypes(fn).map((p) => p.name);
}

/**
 * The functions a call on a handler's request path leads to: one of the package (`helper(x)`), a method
 * called through a long-lived value (`s.store.add(k)`), or the same in another package of the module
 * (`store.Add(k)`, `limiter.Add(ip)` with `limiter *store.Limiter`).
 */
function calleesOf(
  call: Node,
  fn: Node,
  live: ReadonlySet<number>,
  decls: Map<string, Node[]>,
  memo: Map<object, Map<string, Node[]>>,
  load: PackageLoader | undefined,
): Node[] {
  const c = callee(call);
  if (!c) return [];
  if (!c.operand) return decls.get(c.name) ?? [];
  const foreign = (qualified: string, method: boolean): Node[] => {
    const dot = qualified.indexOf('.');
    const imported = dot > 0 && load ? importsOf(call.tree.rootNode).get(qualified.slice(0, dot)) : undefined;
    const pkg = imported ? load!(imported, c.name) : undefined;
    if (!pkg) return [];
    const theirs = declarationsOf(pkg.units[0]!.root, memo);
    return method ? methodsOf(theirs.get(`.${c.name}`) ?? [], qualified.slice(dot + 1)) : (theirs.get(c.name) ?? []);
  };
  // A long-lived value's method: its type says which package declares it.
  const methodsThrough = (type: string): Node[] => {
    const name = typeName(type);
    if (name.includes('.')) return foreign(name, true);
    return decls.has(`.${c.name}`) ? methodsOf(decls.get(`.${c.name}`)!, type) : [];
  };
  if (c.operand.type === 'identifier') {
    const d = resolve(c.operand);
    // `store.Add(k)`: a function of an imported package of the module.
    if (!d) return foreign(`${c.operand.text}.${c.name}`, false);
    // A constant's methods get a copy (`ErrTooLarge.String()`), and a value another package made
    // (`ctx, cancel = context.WithCancel(…)`, `n = atomic.NewInt64(0)`) has that package's type: neither
    // reaches this package's same-named methods.
    if (d.kind === 'const' || (!d.type && madeByAnotherPackage(d.value))) return [];
    // Only methods called through a long-lived value (the receiver, a captured struct, a long-lived
    // argument passed down) share its fields.
    if (d.kind === 'receiver' || live.has(d.id.id) || lifetimeIn({ key: '', name: '', kind: 'unknown', decl: d }, fn).longLived)
      return methodsThrough(compact(d.type) || valueType(d.value));
    return [];
  }
  if (c.operand.type === 'selector_expression') {
    // `s.store.set(k, v)`: a method of a long-lived value's field (a store the server holds). A value of
    // another package (`replication.Replica.String()`) has that package's methods, not this one's.
    const t = describeTarget(c.operand, call.tree.rootNode);
    if (t && !t.decl && importsOf(call.tree.rootNode).has(t.name.slice(0, t.name.indexOf('.')))) return [];
    if (t && lifetimeIn(t, fn).longLived) return methodsThrough(t.type ?? '');
  }
  return [];
}

/** `pkg.New(…)`, `pkg.T{…}`, `&pkg.T{…}`: a value of a type of an imported package. */
function madeByAnotherPackage(value: Node | undefined): boolean {
  let v = value && unparen(value);
  if (v?.type === 'unary_expression') v = unparen(v.childForFieldName('operand')!);
  const made =
    v?.type === 'call_expression' ? v.childForFieldName('function') : v?.type === 'composite_literal' ? v.childForFieldName('type') : null;
  const pkg =
    made?.type === 'selector_expression' || made?.type === 'qualified_type'
      ? made.childForFieldName(made.type === 'qualified_type' ? 'package' : 'operand')
      : null;
  return pkg?.type === 'identifier' || pkg?.type === 'package_identifier' ? importsOf(pkg.tree.rootNode).has(pkg.text) : false;
}

/** The type a value is built as, when it says so: `&store.Limiter{…}`, `store.Limiter{}`. */
function valueType(value: Node | undefined): string {
  const v = value && unparen(value);
  if (v?.type === 'unary_expression') return valueType(v.childForFieldName('operand') ?? undefined);
  return v?.type === 'composite_literal' ? compact(v.childForFieldName('type')) : '';
}

/** Which parameters of `callee` receive long-lived values at `call` (as seen in `fn`). */
function liveArguments(call: Node, fn: Node, live: ReadonlySet<number>, target: Node): Set<number> {
  const out = new Set<number>();
  const params = parameterIds(target);
  callArgs(call).forEach((arg, i) => {
    const param = params[i];
    let a = unparen(arg);
    if (a.type === 'unary_expression' && a.childForFieldName('operator')?.text === '&') a = unparen(a.childForFieldName('operand')!);
    while (a.type === 'selector_expression') a = unparen(a.childForFieldName('operand')!);
    const d = a.type === 'identifier' ? resolve(a) : undefined;
    if (!param || !d || d.kind === 'const' || d.kind === 'func' || d.kind === 'type') return;
    if (d.kind === 'receiver' || live.has(d.id.id) || lifetimeIn({ key: '', name: '', kind: 'unknown', decl: d }, fn).longLived)
      out.add(param.id);
  });
  return out;
}

function collectSites(
  handlers: Handler[],
  apis: readonly GoGrowingApi[],
  load: PackageLoader | undefined,
  keyPrefix: (tree: Tree) => string,
): Site[] {
  const sites: Site[] = [];
  const handlerIds = new Set(handlers.map((h) => h.node.id));
  const memo = new Map<object, Map<string, Node[]>>();
  const visit = (
    handler: Handler,
    fn: Node,
    via: Site['via'],
    seen: Set<number>,
    live: ReadonlySet<number>,
    fromRequest: ReadonlySet<number>,
  ) => {
    const body = bodyOf(fn);
    if (!body) return;
    const root = fn.tree.rootNode;
    for (const m of mutationsIn(body, apis)) {
      // Mutations inside another handler nested here belong to that handler.
      const owner = enclosingFunction(m.node);
      if (owner && owner.id !== fn.id && handlerIds.has(owner.id)) continue;
      if (m.state) continue; // collected package-wide below
      const target = describeTarget(m.target, root);
      if (!target || !m.kinds.includes(target.kind)) continue;
      target.key = keyPrefix(root.tree) + target.key;
      const life = lifetimeIn(target, fn);
      if (!life.longLived) continue;
      if (m.effect === 'grow' && m.key && unparen(m.key).type === 'identifier' && resolve(unparen(m.key))?.kind === 'const')
        m.effect = 'write';
      // A map keyed by a bool (or a byte) has a handful of keys at most.
      if (m.effect === 'grow' && m.key && SMALL_KEY_MAP.test(target.type ?? '')) m.effect = 'write';
      // Keys the server chooses (its endpoints, the factory's own parameter) are as many as its configuration.
      if (m.effect === 'grow' && m.key && serverChosen(unparen(m.key), fn, fromRequest)) m.effect = 'write';
      if (m.effect === 'grow' && m.key && updatesPresentKey(m.node, target.name, m.key)) m.effect = 'write';
      const exit = keyPrefix(root.tree) ? via.findLast((v) => !keyPrefix(v.call.tree))?.call : undefined;
      sites.push({ handler, fn, via, m, target, why: life.why, ...(exit ? { exit } : {}) });
    }
    if (via.length >= MAX_CALL_DEPTH) return;
    const decls = declarationsOf(root, memo);
    for (const call of body.descendantsOfType('call_expression')) {
      if (!call) continue;
      for (const next of calleesOf(call, fn, live, decls, memo, load)) {
        if (seen.has(next.id) || handlerIds.has(next.id)) continue;
        visit(
          handler,
          next,
          [...via, { call, in: fn }],
          new Set([...seen, next.id]),
          liveArguments(call, fn, live, next),
          requestArguments(call, fn, fromRequest, parameterIds(next)),
        );
      }
    }
  };
  // A handler's own parameters are the request (and its writer, context).
  for (const h of handlers)
    visit(h, h.node, [], new Set([h.node.id]), new Set(), new Set(parameterIds(h.node).flatMap((p) => (p ? [p.id] : []))));
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

/** `m[k] = append(m[k], v)` where `k` is declared outside the handler: one entry per handler, not per request. */
function fixedEntry(m: Mutation, handler: Handler): boolean {
  const key = m.entry && unparen(m.entry);
  const d = key?.type === 'identifier' ? resolve(key) : undefined;
  return !!d && !contains(handler.node, d.id);
}

/** Every bounding operation in the package (and the imported ones read) on one of the targets, by target key. */
function boundsByTarget(
  units: GoUnit[],
  sites: Site[],
  apis: readonly GoGrowingApi[],
  keyPrefix: (tree: Tree) => string,
): Map<string, Mutation[]> {
  const names = new Set(sites.map((s) => s.target.name));
  const out = new Map<string, Mutation[]>();
  for (const unit of units) {
    for (const m of mutationsIn(unit.root, apis)) {
      if (m.effect === 'bound' && m.state) {
        out.set(`state:${m.state}`, [...(out.get(`state:${m.state}`) ?? []), m]);
        continue;
      }
      if ((m.effect !== 'bound' && !m.trimsEntry) || !names.has(compact(m.target))) continue;
      const t = describeTarget(m.target, unit.root);
      // Trims of one entry are kept apart: they bound appends to an entry, never new keys.
      const key = t && keyPrefix(unit.root.tree) + t.key + (m.trimsEntry ? `[${compact(m.entry)}]` : '');
      if (t && key && m.kinds.includes(t.kind)) out.set(key, [...(out.get(key) ?? []), m]);
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

function inHelper(site: Site, pkg?: string): string {
  const name = site.fn.childForFieldName('name')?.text;
  if (site.fn.id === site.handler.node.id || !name) return '';
  const of = pkg ? ` of package \`${pkg}\`` : '';
  if (site.via.length === 0) return ` (in \`${name}\`${of}, which runs during requests)`;
  const chain = site.via.slice(1).map((v) => `\`${callee(v.call)?.name}\``);
  return ` (in \`${name}\`${of}, which it calls${chain.length ? ` through ${chain.join(' → ')}` : ''})`;
}

/** The analysis of one package: its findings by file (suppressions not yet applied). */
export function analyzeGoPackage(units: GoUnit[], config: LintConfig, load?: PackageLoader): Map<GoUnit, Finding[]> {
  const out = new Map<GoUnit, Finding[]>(units.map((u) => [u, []]));
  if (units.length === 0) return out;
  const apis = goGrowingApis(config.growingApis);
  const handlers = units.flatMap((u) =>
    (u.test && !config.includeTests) || (!config.reportAllReturnedClosures && !HANDLER_HINT.test(u.text))
      ? []
      : findHandlers(u.root, { includeAllReturnedClosures: !!config.reportAllReturnedClosures, includeTests: !!config.includeTests }),
  );
  if (handlers.length === 0) return out;
  // The packages of the module the request paths reach, as they are loaded: their files and names.
  const imported = new Map<Tree, { unit: GoUnit; pkg: ImportedPackage }>();
  const loadAndKeep: PackageLoader | undefined =
    load &&
    ((path, declared) => {
      const pkg = load(path, declared);
      for (const unit of pkg?.units ?? []) imported.set(unit.root.tree, { unit, pkg: pkg! });
      return pkg;
    });
  // Targets of an imported package are told apart from same-named ones here by its folder.
  const keyPrefix = (tree: Tree) => {
    const i = imported.get(tree);
    return i ? `${i.pkg.key}:` : '';
  };
  const sites = [...collectSites(handlers, apis, loadAndKeep, keyPrefix), ...stateSites(units, handlers, apis, config)];
  if (sites.length === 0) return out;
  const everything = [...units, ...new Set([...imported.values()].map((i) => i.unit))];
  const bounds = boundsByTarget(everything, sites, apis, keyPrefix);
  const callers = callSitesByName(everything);
  const inHandler = (n: Node) =>
    handlers.some((h) => h.node.tree === n.tree && h.node.startIndex <= n.startIndex && n.endIndex <= h.node.endIndex);
  const unitOf = new Map<Tree, GoUnit>(units.map((u) => [u.root.tree, u]));
  const seen = new Set<string>();

  const emit = (rule: RuleId, site: Site, message: string, severity: Severity, fixes: (Fix | undefined)[], bound?: string) => {
    const setting = config.rules?.[rule];
    if (setting === 'off') return;
    // Growth in another package of the module is reported at the call that leads there.
    const at = site.exit ?? site.m.node;
    const unit = unitOf.get(at.tree)!;
    const { lines } = unit;
    const range = lines.rangeOf(at);
    const id = `${rule}@${unit.file}@${range.start}${site.exit ? `@${site.target.key}` : ''}`;
    if (seen.has(id)) return;
    seen.add(id);
    const { target, handler } = site;
    const here = (n: Node | undefined) => !!n && n.tree === at.tree;
    const elsewhere = (n: Node) => {
      const u = unitOf.get(n.tree);
      return u ? `${basename(u.file)}:${u.lines.lineOf(n.startIndex) + 1}` : 'another file of the package';
    };
    const related: RelatedLocation[] = [];
    // A location in an imported package, with its file.
    const there = (n: Node | undefined, what: string) => {
      const i = n && imported.get(n.tree);
      if (i) related.push({ message: what, range: i.unit.lines.rangeOf(n), file: i.unit.file });
    };
    if (here(target.declNode)) related.push({ message: `\`${target.name}\` is declared here`, range: lines.rangeOf(target.declNode!) });
    else there(target.declNode, `\`${target.name}\` is declared here`);
    for (const v of site.via) {
      const what = `the handler's call chain goes through \`${compact(v.call.childForFieldName('function'))}\` here`;
      if (here(v.call)) related.push({ message: what, range: lines.rangeOf(v.call) });
      else there(v.call, what);
    }
    if (site.exit) there(site.m.node, `\`${target.name}\` grows here (${site.m.op})`);
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
      // The edits of the other fixes are in the imported package's file, not this one.
      fixes: [...(site.exit ? [] : fixes.filter((f): f is Fix => !!f)), suppressFix(ctx, rule, at)],
    });
  };
  const on = (rule: RuleId) => config.rules?.[rule] !== 'off';

  for (const site of sites) {
    const { m, target, handler } = site;
    const unit = unitOf.get(m.node.tree) ?? imported.get(m.node.tree)!.unit;
    const ctx: FixContext = { text: unit.text, lines: unit.lines, root: unit.root };
    const helper = inHelper(site, imported.get(m.node.tree)?.pkg.name);
    const racy = !m.api && RACY_KINDS.has(target.kind) && !lockHeld(m.node, site.fn) && !site.via.some((v) => lockHeld(v.call, v.in));
    const raceSentence = `\`${target.name}\` is written by ${handler.describe} (${m.op})${helper} with no mutex held; handlers run concurrently, so this is a data race`;
    let buffer: string | undefined;
    // What an administration endpoint adds grows with the operator's actions, not with requests.
    const operatorOnly = isAdminHandler(handler, unitOf.get(handler.node.tree)?.file ?? '');
    if (m.effect === 'grow' && !operatorOnly) {
      const chain = [...site.via.map((v) => ({ fn: v.in, at: v.call })), { fn: site.fn, at: m.node }];
      // An entry whose key is fixed for the handler (the factory's `targetURL`) is bounded by its trims too.
      const all = [
        ...(bounds.get(target.key) ?? []),
        ...(fixedEntry(m, handler) ? (bounds.get(`${target.key}[${compact(m.entry)}]`) ?? []) : []),
      ];
      // A request-keyed state (gorilla/context) is cleared per request by whichever middleware or handler
      // calls Clear: the request that set it passes there. Collections need a dominating bound.
      const known = m.state ? all : all.filter((b) => boundsGrowth(b.node, target.name, chain, callers, inHandler));
      if (known.length === 0 && on('unbounded-capture') && !grownUnderSizeCheck(m.node, site.fn, target.name)) {
        const retains = m.values.some(retainsRequest);
        const races = racy && on('unsynchronized-capture');
        const what = m.api
          ? `\`${target.name}\` grows on every request: ${handler.describe} calls \`${m.op}\`${helper}${m.api.grows === 'request-data' ? ' with a value taken from the request' : ''}; ${m.api.what}.`
          : `\`${target.name}\` grows on every request and nothing removes from it: ${handler.describe} ${verb(m.op)} (${m.op})${helper}; it is ${whereDeclared(site)}, so it lives as long as the server.`;
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
