// Retainer paths as DevTools users read them: nearest holder first, property and element names, constructor
// names, closures with their file and line, V8's internal hops left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../../../src/heap/snapshot/summary';
import { analyzeText } from './analysisHelpers';
import { expressLikeHeap, snapshotJson, type SyntheticNode } from './syntheticSnapshot';

const biggest = (text: string) => summarize(analyzeText(text)).biggestObjects;

test('the growing array of an Express middleware: variable in its closure, Layer, router stack, app, module', () => {
  const entries = biggest(expressLikeHeap(1000)).find((o) => o.id === 51)!;
  assert.equal(
    entries.retainerPath,
    '`entries` in logRequest() (requestLogger.js:6) ← `handle` of Layer ← `stack[3]` in router() (index.js:60) ← ' +
      '`_router` of app() (express.js:37) ← `app` in main() (server.js:3) ← `main` of global ← (GC roots)',
  );
});

test('a scope reached from an inner one names the closure; a context object names its closure; long paths end in …', () => {
  // global.fn → fn's context → previous → outer context → `cache` (Map); and a chain of 12 objects.
  const nodes: SyntheticNode[] = [
    { type: 'synthetic', name: '', id: 1, self: 0, edges: [{ type: 'element', name: 1, to: 1 }] },
    { type: 'synthetic', name: '(GC roots)', id: 3, self: 0, edges: [{ type: 'element', name: 1, to: 2 }] },
    {
      type: 'object',
      name: 'global',
      id: 5,
      self: 40,
      edges: [
        { type: 'property', name: 'fn', to: 3 },
        { type: 'property', name: 'head', to: 7 },
      ],
    },
    { type: 'closure', name: '', id: 7, self: 64, edges: [{ type: 'internal', name: 'context', to: 4 }] },
    { type: 'object', name: 'system / Context', id: 9, self: 48, edges: [{ type: 'internal', name: 'previous', to: 5 }] },
    { type: 'object', name: 'system / Context', id: 11, self: 48, edges: [{ type: 'context', name: 'cache', to: 6 }] },
    { type: 'object', name: 'Map', id: 13, self: 5000 },
  ];
  for (let i = 0; i < 12; i++)
    nodes.push({
      type: 'object',
      name: 'Node',
      id: 21 + 2 * i,
      self: 100,
      edges: i < 11 ? [{ type: 'property', name: 'next', to: 8 + i }] : [],
    });
  const objects = biggest(snapshotJson(nodes));
  assert.equal(objects.find((o) => o.id === 13)!.retainerPath, '`cache` in (anonymous)() ← `fn` of global ← (GC roots)');
  assert.equal(objects.find((o) => o.id === 9)!.retainerPath, '`context` of (anonymous)() ← `fn` of global ← (GC roots)');
  assert.equal(
    objects.find((o) => o.id === 21 + 2 * 10)!.retainerPath,
    Array.from({ length: 10 }, () => '`next` of Node')
      .concat('…')
      .join(' ← '),
  );
});

test('a path from a lasting root is preferred to a shorter one through the stack the snapshot interrupted', () => {
  // The inspector takes the snapshot between two statements of a request: (Stack roots) then refers to the
  // very scope and array the middleware keeps, one step from the roots.
  const nodes: SyntheticNode[] = [
    {
      type: 'synthetic',
      name: '',
      id: 1,
      self: 0,
      edges: [
        { type: 'element', name: 1, to: 1 },
        { type: 'element', name: 2, to: 7 },
      ],
    },
    { type: 'synthetic', name: '(GC roots)', id: 3, self: 0, edges: [{ type: 'element', name: 1, to: 2 }] },
    { type: 'object', name: 'global', id: 5, self: 40, edges: [{ type: 'property', name: 'app', to: 3 }] },
    { type: 'object', name: 'App', id: 7, self: 40, edges: [{ type: 'property', name: 'handle', to: 4 }] },
    { type: 'closure', name: 'logRequest', id: 9, self: 64, edges: [{ type: 'internal', name: 'context', to: 5 }] },
    { type: 'object', name: 'system / Context', id: 11, self: 48, edges: [{ type: 'context', name: 'entries', to: 6 }] },
    { type: 'object', name: 'Array', id: 13, self: 5000, edges: [{ type: 'element', name: 0, to: 8 }] },
    {
      type: 'synthetic',
      name: '(Stack roots)',
      id: 15,
      self: 0,
      edges: [
        { type: 'element', name: 1, to: 5 },
        { type: 'element', name: 2, to: 6 },
        { type: 'element', name: 3, to: 9 },
      ],
    },
    { type: 'object', name: 'Entry', id: 17, self: 32 },
    { type: 'object', name: 'Request', id: 19, self: 5000 },
  ];
  const objects = biggest(snapshotJson(nodes));
  assert.equal(
    objects.find((o) => o.id === 13)!.retainerPath,
    '`entries` in logRequest() ← `handle` of App ← `app` of global ← (GC roots)',
  );
  assert.equal(objects.find((o) => o.id === 19)!.retainerPath, '(Stack roots)', 'what only the stack holds is said so');
});
