// The words of a finding: what grows, in which handler, how, and why it outlives the request.
import ts from 'typescript';
import type { RawFinding } from './engine';
import type { GrowthKind } from './operations';
import type { ValueKind } from './valueKinds';

const VERB: Record<GrowthKind, string> = {
  push: 'appends to',
  unshift: 'prepends to',
  splice: 'inserts into',
  'index-append': 'appends to',
  concat: 'concatenates onto',
  spread: 'copies and extends',
  'Map#set': 'adds entries to',
  'Set#add': 'adds members to',
  'computed-key': 'adds keys to',
  'string-append': 'appends text to',
  listener: 'adds a listener to',
  interval: 'starts a timer',
  continuation: 'adds a promise continuation to',
  api: 'calls',
  'default-store': 'keeps entries in',
};

const NOUN: Record<ValueKind, string> = {
  array: 'array',
  object: 'dictionary',
  map: 'Map',
  set: 'Set',
  string: 'string',
  unknown: 'collection',
  weak: 'weak collection',
  'bounded-cache': 'cache',
  scalar: 'value',
};

/** `logs.push(…)`, `cache.set(…)`, `sessions[id] = …`: the operation, short. */
function operationText(node: ts.Node): string {
  if (ts.isCallExpression(node)) return `${node.expression.getText()}(…)`.replace(/\s+/g, ' ');
  if (ts.isBinaryExpression(node)) return `${node.left.getText()} ${node.operatorToken.getText()} …`.replace(/\s+/g, ' ');
  return node.getText().slice(0, 40);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function messageOf(f: RawFinding): string {
  const who = capitalise(f.handler.description);
  const op = `\`${operationText(f.growth.node)}\``;
  const t = f.target;
  if (f.growth.kind === 'interval') {
    return `${who} starts a \`setInterval\` on every request and never clears it: the timers, and everything their callbacks hold, pile up for the life of the server.`;
  }
  if (f.growth.kind === 'api' && f.growth.api) {
    const subject = t ? ` \`${t.name}\` (${t.where})` : '';
    return `${who} calls ${op} on every request${f.growth.api.requestDataArgs ? ' with request data' : ''}: ${f.growth.api.why}.${subject ? ` It grows${subject}.` : ''}`;
  }
  if (f.growth.kind === 'default-store' && f.growth.store) {
    return `${who} has no \`${f.growth.store.option}\` (${op}): it keeps ${f.growth.store.keeps}.`;
  }
  if (f.growth.kind === 'continuation' && t) {
    return `${who} adds a continuation to \`${t.name}\` on every call (${op}): the promise stays pending as long as its owner lives, so every call's callback, and everything its closure holds, is kept until then. \`${t.name}\` is ${t.where}.`;
  }
  if (!t) return `${who} grows long-lived state on every request (${op}).`;
  if (f.rule === 'listener-per-request') {
    const event = f.growth.event ? ` for '${f.growth.event}'` : '';
    return `${who} adds a listener${event} to \`${t.name}\` on every request (${op}) and never removes it: \`${t.name}\` is ${t.where}, so the listeners and everything their closures hold pile up.`;
  }
  if (f.rule === 'bounded-buffer') {
    return `\`${t.name}\` is a flush-and-reset buffer: ${f.handler.description} empties it once it reaches ${f.bound}, so it holds up to about ${f.bound} entries between flushes.`;
  }
  const via = t.nested ? ` (through \`${t.name}.get(…)\`)` : '';
  const retains = f.retainsRequest
    ? " Each entry holds the request, response or context object, so every request's whole object graph stays alive."
    : '';
  return `${who} ${VERB[f.growth.kind]} the ${NOUN[t.kind]} \`${t.name}\`${via} on every request (${op}) and nothing removes entries: \`${t.name}\` is ${t.where} and lives as long as the server.${retains}`;
}

/** Two sentences for a hover: what grows and why it is long-lived; what to do. */
export const RULE_ADVICE: Record<string, string> = {
  'unbounded-capture':
    'Cap it with a named limit (evict the oldest entries), move the data to a bounded cache, key it by a WeakMap when the key is the request, or delete the entry when the request completes.',
  'listener-per-request':
    "Register the listener once, outside the handler, or remove it when the request completes (`res.on('close', () => emitter.off(…))`); clear per-request timers.",
  'bounded-buffer': 'This is bounded; make sure the bound suits the entry size, and that a flush failure does not skip the reset.',
};
