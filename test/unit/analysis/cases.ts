// Table of rule cases. A line that must be reported ends with `// expect: <rule> <severity>`; every other
// line must be clean. `file` picks the language (default `case.js`).

import {
  dominanceCases,
  growingApiCases,
  handlerKindCases,
  instanceCases,
  lifetimeCases,
  perCallCases,
  registrationCases,
  testCodeCases,
  flowCases,
  constructorCases,
  madeFunctionCases,
  defaultStoreCases,
} from './realWorldCases';

export interface Case {
  name: string;
  code: string;
  file?: string;
}

const factory = (body: string, decl = 'const logs = [];') => `
function requestLogger(options) {
  ${decl}
  return (req, res, next) => {
    ${body}
    next();
  };
}
app.use(requestLogger());
`;

/** Every growth the engine recognises, in the classic middleware factory. */
export const growthCases: Case[] = [
  { name: 'push', code: factory('logs.push(req.url); // expect: unbounded-capture warning') },
  { name: 'unshift', code: factory('logs.unshift(req.url); // expect: unbounded-capture warning') },
  { name: 'splice that inserts', code: factory('logs.splice(0, 0, req.url); // expect: unbounded-capture warning') },
  { name: 'arr[arr.length] = v', code: factory('logs[logs.length] = req.url; // expect: unbounded-capture warning') },
  { name: 'T = T.concat(...)', code: factory('logs = logs.concat([req.url]); // expect: unbounded-capture warning', 'let logs = [];') },
  { name: 'T = [...T, x]', code: factory('logs = [...logs, req.url]; // expect: unbounded-capture warning', 'let logs = [];') },
  { name: 'Map#set', code: factory('hits.set(req.url, Date.now()); // expect: unbounded-capture warning', 'const hits = new Map();') },
  { name: 'Set#add', code: factory('seen.add(req.ip); // expect: unbounded-capture warning', 'const seen = new Set();') },
  {
    name: 'dictionary with computed key',
    code: factory('byUser[req.user.id] = Date.now(); // expect: unbounded-capture warning', 'const byUser = {};'),
  },
  {
    name: 'Object.create(null) dictionary',
    code: factory('byUser[req.ip] = 1; // expect: unbounded-capture warning', 'const byUser = Object.create(null);'),
  },
  { name: 'string +=', code: factory('log += req.url + "\\n"; // expect: unbounded-capture warning', "let log = '';") },
  {
    name: 'nested growth map.get(k).push(v)',
    code: factory('byPath.get(req.path).push(Date.now()); // expect: unbounded-capture warning', 'const byPath = new Map();'),
  },
  {
    name: 'property of a captured object',
    code: factory('state.items.push(req.url); // expect: unbounded-capture warning', 'const state = { items: [] };'),
  },
  { name: 'pushing the request object is an error', code: factory('logs.push(req); // expect: unbounded-capture error') },
  {
    name: 'pushing an object holding the response is an error',
    code: factory('logs.push({ res, at: Date.now() }); // expect: unbounded-capture error'),
  },
  {
    name: 'an alias of the request is an error',
    code: factory('const r = req;\n    logs.push({ r }); // expect: unbounded-capture error'),
  },
  {
    name: 'Map keyed by the request is an error',
    code: factory('started.set(req, Date.now()); // expect: unbounded-capture error', 'const started = new Map();'),
  },
  {
    name: 'factory parameter array',
    code: `
function collector(store) {
  return (req, res, next) => { store.push(req.url); next(); }; // expect: unbounded-capture warning
}`,
  },
  {
    name: 'growth inside a completion callback',
    code: factory("res.on('finish', () => logs.push(res.statusCode)); // expect: unbounded-capture warning"),
  },
  {
    name: 'growth in a helper of the factory',
    code: `
function requestLogger() {
  const logs = [];
  function record(line) {
    logs.push(line); // expect: unbounded-capture warning
  }
  return (req, res, next) => { record(req.url); next(); };
}`,
  },
  {
    name: 'growth in a module helper called by the handler',
    code: `
const audit = [];
function remember(entry) {
  audit.push(entry); // expect: unbounded-capture warning
}
app.get('/x', (req, res) => { remember(req.url); res.end(); });`,
  },
  {
    name: 'returned through a local variable',
    code: `
function requestLogger() {
  const logs = [];
  const handler = function (req, res, next) {
    logs.push(req.url); // expect: unbounded-capture warning
    next();
  };
  return handler;
}`,
  },
  {
    name: 'error handler shape',
    code: `
function errorLog() {
  const errors = [];
  return (err, req, res, next) => { errors.push(err.message); next(err); }; // expect: unbounded-capture warning
}`,
  },
  {
    name: 'arrow factory with a concise body',
    code: `
const requestLogger = () => {
  const logs = [];
  return (req, res, next) => { logs.push(req.url); next(); }; // expect: unbounded-capture warning
};`,
  },
  {
    name: 'named function declaration returned',
    code: `
function requestLogger() {
  const logs = [];
  function log(req, res, next) { logs.push(req.url); next(); } // expect: unbounded-capture warning
  return log;
}`,
  },
];

/** Every bound the engine recognises: recognised, not reported. */
export const boundCases: Case[] = [
  {
    name: 'delete',
    code: factory('hits.set(req.url, 1);\n    if (hits.size > 100) hits.delete(hits.keys().next().value);', 'const hits = new Map();'),
  },
  {
    name: 'clear under a size check is a flush-and-reset',
    code: factory(
      'hits.set(req.url, 1); // expect: bounded-buffer info\n    if (hits.size > 1000) hits.clear();',
      'const hits = new Map();',
    ),
  },
  { name: 'pop', code: factory('logs.push(req.url);\n    if (logs.length > 50) logs.pop();') },
  { name: 'shift (ring buffer)', code: factory('logs.push(req.url);\n    if (logs.length > 50) logs.shift();') },
  { name: 'removing splice', code: factory('logs.push(req.url);\n    logs.splice(0, logs.length - 100);') },
  { name: 'length = n', code: factory('logs.push(req.url);\n    if (logs.length > 100) logs.length = 100;') },
  { name: 'trim by slice reassignment', code: factory('logs.push(req.url);\n    logs = logs.slice(-100);', 'let logs = [];') },
  {
    name: 'delete on a dictionary',
    code: factory('byUser[req.ip] = 1;\n    res.on("close", () => { delete byUser[req.ip]; });', 'const byUser = {};'),
  },
  {
    name: 'request-scoped delete in finish',
    code: factory("inflight.set(req.id, req.url);\n    res.on('finish', () => inflight.delete(req.id));", 'const inflight = new Map();'),
  },
  {
    name: 'request-scoped delete in finally',
    code: factory('inflight.add(req.id);\n    try { next(); } finally { inflight.delete(req.id); }', 'const inflight = new Set();'),
  },
  { name: 'WeakMap', code: factory('meta.set(req, { at: Date.now() });', 'const meta = new WeakMap();') },
  { name: 'WeakSet', code: factory('seen.add(req);', 'const seen = new WeakSet();') },
  { name: 'WeakRef holder is not a collection', code: factory('ref = new WeakRef(req);', 'let ref;') },
  {
    name: 'lru-cache instance',
    code:
      `const { LRUCache } = require('lru-cache');\n` +
      factory('cache.set(req.url, Date.now());', 'const cache = new LRUCache({ max: 500 });'),
  },
  {
    name: 'quick-lru import',
    code: `import QuickLRU from 'quick-lru';\n` + factory('cache.set(req.url, 1);', 'const cache = new QuickLRU({ maxSize: 100 });'),
    file: 'case.mjs',
  },
  {
    name: 'reset on a factory timer',
    code: `
function requestLogger() {
  let logs = [];
  setInterval(() => { ship(logs); logs = []; }, 10000);
  return (req, res, next) => { logs.push(req.url); next(); };
}`,
  },
  {
    name: 'clear on a module timer calling a named function',
    code: `
const hits = new Map();
function reset() { hits.clear(); }
setInterval(reset, 60000);
app.get('/x', (req, res) => { hits.set(req.ip, 1); res.end(); });`,
  },
  {
    name: 'scalar counter never counts',
    code: factory('count++;\n    total += 1;\n    bytes += Number(req.headers["content-length"]);', 'let count = 0, total = 0, bytes = 0;'),
  },
  { name: 'request-local array', code: factory('const lines = [];\n    lines.push(req.url);\n    res.locals.lines = lines;') },
  {
    name: 'literal key assignment is no dictionary growth',
    code: factory("stats['last'] = req.url;\n    stats.lastAt = Date.now();", 'const stats = {};'),
  },
  {
    name: 'flush-and-reset buffer is information',
    code: factory(
      'buf.push(req.url); // expect: bounded-buffer info\n    if (buf.length >= 100) { flush(buf); buf = []; }',
      'let buf = [];',
    ),
  },
  {
    name: 'flush with length = 0 under a size check',
    code: factory(
      'buf.push(req.url); // expect: bounded-buffer info\n    if (buf.length > BATCH) { flush(buf.slice()); buf.length = 0; }',
      'const buf = [];',
    ),
  },
  {
    name: 'growth on res.locals is request-scoped',
    code: factory('res.locals.trace = res.locals.trace || [];\n    res.locals.trace.push(req.url);'),
  },
];

/** Frameworks: where long-lived handlers come from. */
export const frameworkCases: Case[] = [
  {
    name: 'Express inline route',
    code: `const cache = {};\napp.get('/u/:id', (req, res) => { cache[req.params.id] = req.query; res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'Express router.route().post',
    code: `const bodies = [];\nrouter.route('/b').post(function (req, res) { bodies.push(req.body); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'Express registered named function',
    code: `
const hits = [];
function track(req, res, next) {
  hits.push(req.path); // expect: unbounded-capture warning
  next();
}
app.use(track);`,
  },
  {
    name: 'Express registered factory call with unusual params',
    code: `
function tracker() {
  const seen = [];
  return function (a, b, c) { seen.push(a.url); c(); }; // expect: unbounded-capture warning
}
app.use(tracker());`,
  },
  {
    name: 'Connect',
    code: `const connect = require('connect');\nconst app = connect();\nconst log = [];\napp.use((req, res, next) => { log.push(req.url); next(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'Koa middleware (ctx, next)',
    code: `
function koaLogger() {
  const entries = [];
  return async (ctx, next) => {
    entries.push(ctx.path); // expect: unbounded-capture warning
    await next();
  };
}
app.use(koaLogger());`,
  },
  {
    name: 'Koa context kept is an error',
    code: `const seen = [];\napp.use(async (ctx, next) => { seen.push(ctx); await next(); }); // expect: unbounded-capture error`,
  },
  {
    name: 'Fastify addHook',
    code: `const times = new Map();\nfastify.addHook('onRequest', async (request, reply) => { times.set(request.id, Date.now()); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'Fastify route handler',
    code: `
const hits = [];
fastify.route({
  method: 'GET',
  url: '/',
  handler: async (request, reply) => {
    hits.push(request.url); // expect: unbounded-capture warning
    return 'ok';
  },
});`,
  },
  {
    name: 'Fastify route preHandler method',
    code: `
const calls = [];
fastify.route({ method: 'GET', url: '/', preHandler(request, reply, done) {
  calls.push(request.url); // expect: unbounded-capture warning
  done();
}, handler: async () => 'ok' });`,
  },
  {
    name: 'Fastify onResponse hook deletes: bounded',
    code: `const inflight = new Map();\nfastify.addHook('onRequest', async (request) => { inflight.set(request.id, Date.now()); });\nfastify.addHook('onResponse', async (request) => { inflight.delete(request.id); });`,
  },
  {
    name: 'Hono middleware (c, next)',
    code: `
import { Hono } from 'hono';
const app = new Hono();
const paths = [];
app.use('*', async (c, next) => {
  paths.push(c.req.path); // expect: unbounded-capture warning
  await next();
});`,
    file: 'case.mjs',
  },
  {
    name: 'Hono route keeps the context',
    code: `const ctxs = new Set();\napp.get('/', (c) => { ctxs.add(c); return c.text('hi'); }); // expect: unbounded-capture error`,
  },
  {
    name: 'node http.createServer',
    code: `
const http = require('http');
const requests = [];
http.createServer((req, res) => {
  requests.push(req.url); // expect: unbounded-capture warning
  res.end();
}).listen(3000);`,
  },
  {
    name: "server.on('request')",
    code: `const bodies = [];\nserver.on('request', (req, res) => { bodies.push(req.headers); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'createServer with a named handler',
    code: `
import { createServer } from 'node:http';
const log = [];
function onRequest(req, res) {
  log.push(req.url); // expect: unbounded-capture warning
  res.end();
}
createServer(onRequest).listen(0);`,
    file: 'case.mjs',
  },
  {
    name: 'NestJS middleware class field',
    file: 'case.ts',
    code: `
import { Injectable, NestMiddleware } from '@nestjs/common';
@Injectable()
export class LoggerMiddleware implements NestMiddleware {
  private readonly lines: string[] = [];
  use(req: any, res: any, next: () => void) {
    this.lines.push(req.url); // expect: unbounded-capture warning
    next();
  }
}`,
  },
  {
    name: 'NestJS controller field Map',
    file: 'case.ts',
    code: `
@Controller('users')
export class UsersController {
  private cache = new Map<string, unknown>();
  @Get(':id')
  find(@Param('id') id: string) {
    this.cache.set(id, { id }); // expect: unbounded-capture warning
    return this.cache.get(id);
  }
}`,
  },
  {
    name: 'NestJS controller evicting in another method called per request: bounded',
    file: 'case.ts',
    code: `
@Controller('users')
export class UsersController {
  private cache = new Map<string, unknown>();
  @Get(':id')
  find(@Param('id') id: string) {
    this.cache.set(id, { id });
    this.trim();
    return 1;
  }
  private trim() { if (this.cache.size > 100) this.cache.delete(this.cache.keys().next().value!); }
}`,
  },
  {
    name: 'NestJS constructor-assigned field with a timer reset: bounded',
    file: 'case.ts',
    code: `
@Controller('x')
export class XController {
  private seen: string[];
  constructor() {
    this.seen = [];
    setInterval(() => { this.seen = []; }, 1000);
  }
  @Get()
  get() { this.seen.push('x'); return 1; }
}`,
  },
  {
    name: 'class-based middleware with a handler-shaped arrow field',
    code: `
class RequestLog {
  entries = [];
  handle = (req, res, next) => {
    this.entries.push(req.url); // expect: unbounded-capture warning
    next();
  };
}
app.use(new RequestLog().handle);`,
  },
  {
    name: 'ESM export of a handler-shaped module function',
    file: 'case.mjs',
    code: `
const timings = new Map();
export function timing(req, res, next) {
  timings.set(req.url, Date.now()); // expect: unbounded-capture warning
  next();
}`,
  },
  {
    name: 'CommonJS module.exports factory',
    file: 'case.cjs',
    code: `
module.exports = function requestLogger(opts) {
  const lines = [];
  return function logger(req, res, next) {
    lines.push(req.method + ' ' + req.url); // expect: unbounded-capture warning
    next();
  };
};`,
  },
];

/** Scoping: only bindings that outlive the request count. */
export const scopeCases: Case[] = [
  { name: 'shadowed by a handler-local binding', code: factory('const logs = [];\n    logs.push(req.url);') },
  { name: 'shadowed by a parameter of a nested callback', code: factory('[1, 2].forEach((logs) => logs.push(req.url));') },
  { name: 'shadowed in a nested block', code: factory('if (req.url) { const logs = []; logs.push(req.url); }') },
  { name: 'var hoisted inside the handler', code: factory('if (req.url) { var logs = []; }\n    logs.push(req.url);') },
  { name: 'catch binding', code: factory('try { next(); } catch (logs) { logs.push = 1; }') },
  {
    name: 'memoizer closures are not handlers',
    code: `
function memoize(fn) {
  const cache = new Map();
  return (x) => { if (!cache.has(x)) cache.set(x, fn(x)); return cache.get(x); };
}`,
  },
  {
    name: 'debouncer closures are not handlers',
    code: `
function debounce(fn) {
  let queue = [];
  return (value) => { queue.push(value); setTimeout(() => fn(queue), 10); };
}`,
  },
  { name: 'growth outside any handler', code: `const list = [];\nfunction add(x) { list.push(x); }\nadd(1);` },
  { name: 'undeclared global is ignored', code: factory('undeclaredThing.push(req.url);', '') },
  {
    name: 'imported array is opaque',
    file: 'case.mjs',
    code: `import { queue } from './queue.js';\n` + factory('queue.push(req.url);', ''),
  },
  { name: 'required array is opaque', code: `const queue = require('./queue');\n` + factory('queue.push(req.url);', '') },
  { name: 'Map.set on an unknown value is not judged', code: factory('store.set(req.url, 1);', 'const store = createStore();') },
  { name: 'res.set is a response method', code: factory("res.set('X-Id', req.id);\n    res.append('Vary', 'x');", '') },
  {
    name: 'same name in two factories: only the leaking one',
    code: `
function a() {
  const logs = [];
  return (req, res, next) => { logs.push(req.url); next(); }; // expect: unbounded-capture warning
}
function b() {
  const logs = [];
  return (req, res, next) => { logs.push(req.url); logs.length = 0; next(); };
}`,
  },
];

/** Listeners and timers added per request. */
export const listenerCases: Case[] = [
  {
    name: 'listener on a module emitter',
    code: `const bus = new EventEmitter();\napp.get('/s', (req, res) => { bus.on('tick', (t) => res.write(t)); }); // expect: listener-per-request error`,
  },
  {
    name: 'listener on process',
    code: `app.use((req, res, next) => { process.on('SIGTERM', () => res.end()); next(); }); // expect: listener-per-request error`,
  },
  {
    name: 'addEventListener on a factory target',
    code: `
function sse(source) {
  return (req, res) => {
    source.addEventListener('message', (e) => res.write(e.data)); // expect: listener-per-request error
  };
}`,
  },
  {
    name: 'once still piles up until it fires',
    code: `const bus = new EventEmitter();\napp.get('/w', (req, res) => { bus.once('ready', () => res.end()); }); // expect: listener-per-request error`,
  },
  {
    name: 'imported emitter',
    file: 'case.mjs',
    code: `import { bus } from './bus.js';\napp.get('/s', (req, res) => { bus.on('m', (m) => res.write(m)); }); // expect: listener-per-request error`,
  },
  {
    name: 'removed on close: fine',
    code: `const bus = new EventEmitter();\napp.get('/s', (req, res) => {\n  const onTick = (t) => res.write(t);\n  bus.on('tick', onTick);\n  res.on('close', () => bus.off('tick', onTick));\n});`,
  },
  {
    name: 'removeListener on finish: fine',
    code: `const bus = new EventEmitter();\napp.get('/s', (req, res) => {\n  const f = () => {};\n  bus.addListener('x', f);\n  res.once('finish', () => bus.removeListener('x', f));\n});`,
  },
  {
    name: 'listeners on req/res are request-scoped',
    code: `app.post('/u', (req, res) => { req.on('data', (c) => {}); res.on('finish', () => {}); });`,
  },
  {
    name: 'setInterval per request',
    code: `app.get('/p', (req, res) => { setInterval(() => res.write('.'), 1000); }); // expect: listener-per-request error`,
  },
  {
    name: 'setInterval cleared on close',
    code: `app.get('/p', (req, res) => {\n  const t = setInterval(() => res.write('.'), 1000);\n  res.on('close', () => clearInterval(t));\n});`,
  },
  {
    name: 'module-level listener is registered once',
    code: `const bus = new EventEmitter();\nbus.on('x', () => {});\napp.get('/', (req, res) => res.end());`,
  },
];

/** TypeScript: handler shape by type, factories by declared return type, annotations for kinds. */
export const typescriptCases: Case[] = [
  {
    name: 'typed parameters',
    file: 'case.ts',
    code: `
import type { Request, Response, NextFunction } from 'express';
export function audit() {
  const trail: string[] = [];
  return (r: Request, s: Response, n: NextFunction) => {
    trail.push(r.url); // expect: unbounded-capture warning
    n();
  };
}`,
  },
  {
    name: 'declared return type RequestHandler',
    file: 'case.ts',
    code: `
import type { RequestHandler } from 'express';
export function audit(): RequestHandler {
  const trail: string[] = [];
  return (a, b, c) => {
    trail.push(a.url); // expect: unbounded-capture warning
    c();
  };
}`,
  },
  {
    name: 'Koa Middleware type',
    file: 'case.ts',
    code: `
import type { Middleware } from 'koa';
export const timing = (): Middleware => {
  const samples: number[] = [];
  return async (x, y) => { samples.push(Date.now()); await y(); }; // expect: unbounded-capture warning
};`,
  },
  {
    name: 'variable annotated as a handler',
    file: 'case.ts',
    code: `
const seen = new Set<string>();
export const track: RequestHandler = (q, s, n) => { seen.add(q.ip); n(); }; // expect: unbounded-capture warning`,
  },
  {
    name: 'Record dictionary by annotation',
    file: 'case.ts',
    code: `
const perUser: Record<string, number> = {};
app.get('/', (req: Request, res: Response) => { perUser[req.ip] = Date.now(); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'index-signature dictionary',
    file: 'case.ts',
    code: `
const perUser: { [k: string]: number } = {};
app.get('/', (req, res) => { perUser[req.ip] = 1; res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'number annotation is a scalar',
    file: 'case.ts',
    code: `let served: number = 0;\napp.get('/', (req, res) => { served += 1; res.end(); });`,
  },
  {
    name: 'string annotation grows',
    file: 'case.ts',
    code: `let transcript: string = '';\napp.get('/', (req, res) => { transcript += req.url; res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'WeakMap annotation',
    file: 'case.ts',
    code: `const meta: WeakMap<object, number> = new WeakMap();\napp.get('/', (req, res) => { meta.set(req, 1); res.end(); });`,
  },
  {
    name: 'TSX file with a handler',
    file: 'case.tsx',
    code: `
const renders: string[] = [];
export function ssr(req: Request, res: Response) {
  renders.push(req.url); // expect: unbounded-capture warning
  res.send(<div>{req.url}</div>);
}`,
  },
  {
    name: 'JSX file',
    file: 'case.jsx',
    code: `
const pages = [];
app.get('/', (req, res) => { pages.push(<p>{req.url}</p>); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'mts with non-null and as',
    file: 'case.mts',
    code: `
const byId = new Map<string, string[]>();
app.get('/', (req, res) => { (byId.get(req.ip)! as string[]).push(req.url); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'cts',
    file: 'case.cts',
    code: `
const hits: string[] = [];
app.get('/', (req: any, res: any) => { hits.push(req.url); res.end(); }); // expect: unbounded-capture warning`,
  },
];

/** Suppressions. */
export const suppressionCases: Case[] = [
  {
    name: 'disable-next-line with the rule and a reason',
    code: factory('// leaklens-disable-next-line unbounded-capture -- drained by the exporter\n    logs.push(req.url);'),
  },
  { name: 'disable-next-line without a rule disables all', code: factory('// leaklens-disable-next-line\n    logs.push(req.url);') },
  {
    name: 'disable-next-line for another rule does not apply',
    code: factory('// leaklens-disable-next-line listener-per-request\n    logs.push(req.url); // expect: unbounded-capture warning'),
  },
  { name: 'file-level disable', code: '/* leaklens-disable unbounded-capture */\n' + factory('logs.push(req.url);') },
];

export const allCases: [string, Case[]][] = [
  ['growth', growthCases],
  ['bounds', boundCases],
  ['frameworks', frameworkCases],
  ['scoping', scopeCases],
  ['listeners', listenerCases],
  ['typescript', typescriptCases],
  ['suppressions', suppressionCases],
  ['test code', testCodeCases],
  ['registrations', registrationCases],
  ['handler kinds', handlerKindCases],
  ['listener lifetime', lifetimeCases],
  ['bounds that dominate', dominanceCases],
  ['growing APIs', growingApiCases],
  ['per-call state', perCallCases],
  ['instances', instanceCases],
  ['default stores', defaultStoreCases],
  ['functions a factory made', madeFunctionCases],
  ['constructor functions', constructorCases],
  ['flow', flowCases],
];
