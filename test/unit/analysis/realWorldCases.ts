// Cases for the false-positive and miss classes found by linting real code (`npm run eval:js`): each is a
// minimal rewrite of a class, not the code it was found in.
import type { Case } from './cases';

/** Test code is not a long-lived server. */
export const testCodeCases: Case[] = [
  {
    name: 'a server built inside it() is not reported',
    code: `
describe('middleware order', () => {
  it('runs before', () => {
    const calls = [];
    app.use(function (req, res, next) { calls.push('before'); next(); });
  });
});`,
  },
  {
    name: 'hooks and test.each callbacks too',
    code: `
let order = [];
beforeEach(() => { fastify.addHook('onRequest', async (request) => { order.push(request.url); }); });
test.each([1, 2])('case %d', (n) => { app.get('/n', (req, res) => { order.push(n); res.end(); }); });`,
  },
  {
    name: 'a test file is not reported',
    file: 'server.test.js',
    code: `
const hits = [];
app.get('/', (req, res) => { hits.push(req.url); res.end(); });`,
  },
  {
    name: 'a file under __tests__ is not reported',
    file: 'src/__tests__/routes.js',
    code: `
const hits = [];
app.get('/', (req, res) => { hits.push(req.url); res.end(); });`,
  },
  {
    name: 'a function named like a runner outside a runner call is still code',
    code: `
const logs = [];
function test() { return (req, res, next) => { logs.push(req.url); next(); }; } // expect: unbounded-capture warning`,
  },
];

/** Registrations need an app, router or server. */
export const registrationCases: Case[] = [
  {
    name: 'a cache callback is no handler',
    code: `
const results = [];
cache.get(key, (err, value) => { results.push(value); });`,
  },
  {
    name: "an HTTP client's callback is no handler",
    code: `
const request = require('request');
const bodies = [];
request.get(url, (err, res, body) => { bodies.push(body); });
request.get('/status', (err, res, body) => { bodies.push(body); });`,
  },
  {
    name: 'an HTTP client named so is no router, even with a path',
    code: `
const clients = require('restify-clients');
const client = clients.createJsonClient({ url: 'http://localhost:8080' });
const results = [];
client.get('/status', (err, req, res, obj) => { results.push(obj); });
function poll(apiClient) {
  apiClient.get('/users', (err, req, res) => { results.push(res); });
}`,
  },
  {
    name: "an outgoing request's upgrade event fires once: no registration",
    code: `
const http = require('http');
const https = require('https');
module.exports = function ws(req, socket, options) {
  const proxyReq = (options.ssl ? https : http).request(options.target);
  proxyReq.on('upgrade', (proxyRes, proxySocket) => {
    socket.on('error', () => proxySocket.end());
  });
  proxyReq.end();
};`,
  },
  {
    name: "Fastify's application hooks run at start-up and shutdown, its request hooks per request",
    code: `
module.exports = async function routesPlugin(fastify, opts) {
  const routes = [];
  fastify.addHook('onRoute', (routeOptions) => { routes.push(routeOptions.url); });
  fastify.addHook('onClose', (instance, done) => { routes.push(instance); done(); });
  fastify.addHook('onRequest', async (request, reply) => { routes.push(request.url); }); // expect: unbounded-capture warning
};`,
  },
  {
    name: "jQuery's $.get is no registration, even with a path",
    code: `
const items = [];
$.get('/api/items', (data) => { items.push(data); });`,
  },
  {
    name: 'a markdown-it plugin is used once',
    code: `
const md = require('markdown-it')();
const rules = [];
md.use((instance) => { rules.push(instance); });`,
  },
  {
    name: 'a store method with a context callback',
    code: `
const seen = {};
target.get(field, store, (ctx, next) => { seen[field] = ctx; });`,
  },
  {
    name: 'a parameter typed Context alone is a start-up function',
    file: 'case.ts',
    code: `
const plugins: string[] = [];
export function configure(ctx: Context) { plugins.push(ctx.name); }`,
  },
  {
    name: 'an unknown receiver with a path first is a route',
    code: `
const hits = [];
api.get('/x', (req, res) => { hits.push(req.url); res.end(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'an app made by express() is a router whatever its name',
    code: `
const express = require('express');
const web = express();
const hits = [];
web.use((req, res, next) => { hits.push(req.url); next(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'push on a property of a client object is no Array#push',
    code: `
const api = new Gitlab({ token });
app.post('/projects', (req, res) => { api.projects.push(req.body.opts); res.end(); });`,
  },
];

/** Handlers beyond routes. */
export const handlerKindCases: Case[] = [
  {
    name: 'socket.io connection and per-socket handlers',
    code: `
const history = [];
const online = new Set();
io.on('connection', (socket) => {
  online.add(socket.id); // expect: unbounded-capture warning
  socket.on('chat', (msg) => { history.push(msg); }); // expect: unbounded-capture warning
});`,
  },
  {
    name: 'ws connection and message handlers',
    code: `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ port: 8080 });
const log = [];
wss.on('connection', (ws, req) => {
  ws.on('message', (data) => log.push(data)); // expect: unbounded-capture warning
});`,
  },
  {
    name: 'socket.io connection that cleans up on disconnect',
    code: `
const online = new Map();
io.on('connection', (socket) => {
  online.set(socket.id, socket.handshake.address);
  socket.on('disconnect', () => online.delete(socket.id));
});`,
  },
  {
    name: 'serverless exports.handler',
    code: `
const seen = new Set();
exports.handler = async (event, context) => {
  seen.add(event.requestContext.requestId); // expect: unbounded-capture warning
  return { statusCode: 200 };
};`,
  },
  {
    name: 'serverless handler wrapped by middy',
    file: 'case.mjs',
    code: `
import middy from '@middy/core';
const events = [];
export const handler = middy(async (event) => {
  events.push(event.body); // expect: unbounded-capture warning
}).use(jsonBodyParser());`,
  },
  {
    name: 'exported async function handler',
    file: 'case.mjs',
    code: `
const calls = [];
export async function handler(event, context) {
  calls.push(event.path); // expect: unbounded-capture warning
}`,
  },
  {
    name: 'exported controllers and policies: exports.x, module.exports = fn, module.exports = { action }',
    code: `
const log = [];
exports.list = (req, res) => { log.push(req.url); res.end(); }; // expect: unbounded-capture warning
exports.parse = (text, options) => { log.push(text); };
module.exports.show = function (req, res, next) { log.push(req.params.id); next(); }; // expect: unbounded-capture warning
module.exports = {
  find: async function (req, res) { log.push(req.query); return res.ok(); }, // expect: unbounded-capture warning
  create(req, res) { log.push(req.body); res.ok(); }, // expect: unbounded-capture warning
  helper(items) { log.push(items); },
};`,
  },
  {
    name: 'handlers inside a wrapper we cannot see into (asyncHandler, catchAsync)',
    code: `
const asyncHandler = require('express-async-handler');
const catchAsync = require('../utils/catchAsync');
const memoize = require('lodash/memoize');
const router = require('express').Router();
const log = [];
router.get('/a', asyncHandler(async (req, res) => { log.push(req.url); res.end(); })); // expect: unbounded-capture warning
const getUsers = catchAsync(async (req, res) => { log.push(req.query); res.send([]); }); // expect: unbounded-capture warning
const parse = memoize((text, options) => { log.push(text); });
module.exports = { getUsers, parse };`,
  },
  {
    name: "Hono's createMiddleware and restify's server.pre",
    file: 'case.ts',
    code: `
import { createMiddleware } from 'hono/factory';
import restify from 'restify';
const hits = new Map<string, number>();
export const counter = createMiddleware(async (c, next) => {
  hits.set(c.req.path, Date.now()); // expect: unbounded-capture warning
  await next();
});
const server = restify.createServer();
server.pre((req, res, next) => { hits.set(req.url, 1); return next(); }); // expect: unbounded-capture warning`,
  },
  {
    name: 'a controller object as the default export',
    file: 'case.mjs',
    code: `
const hits = new Map();
export default {
  index(req, res) { hits.set(req.path, Date.now()); res.end(); }, // expect: unbounded-capture warning
};`,
  },
  {
    name: 'a policy: module.exports = function (req, res, proceed)',
    code: `
const seen = new Set();
module.exports = async function (req, res, proceed) {
  seen.add(req.ip); // expect: unbounded-capture warning
  return proceed();
};`,
  },
  {
    name: 'hapi: request extensions and a route table with options.handler',
    code: `
const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
const seen = [];
server.ext('onRequest', (request, h) => {
  seen.push(request.path); // expect: unbounded-capture warning
  return h.continue;
});
server.ext({ type: 'onPreResponse', method(request, h) { seen.push(request.info.id); return h.continue; } }); // expect: unbounded-capture warning
server.ext('onPreStart', () => { seen.push('started'); });
server.route([{ method: 'POST', path: '/x', options: { handler(request, h) { seen.push(request.info.id); return 'ok'; } } }]); // expect: unbounded-capture warning`,
  },
  {
    name: 'an exported add…Handler or a function taking a handler is no serverless handler; getHandler(event) is',
    file: 'case.mjs',
    code: `
const registry = {};
export function addMessageHandler(handler, appId) {
  registry[appId] = registry[appId] || [];
  registry[appId].push(handler);
}
export function createHandler(handler, options) {
  registry[options.name] = handler;
  return handler;
}
export const getHandler = async (event, context) => {
  registry[event.pathParameters.id] = Date.now(); // expect: unbounded-capture warning
};`,
  },
  {
    name: 'Elysia route',
    file: 'case.ts',
    code: `
import { Elysia } from 'elysia';
const bodies: unknown[] = [];
new Elysia().post('/items', ({ body }) => { bodies.push(body); }).listen(3000); // expect: unbounded-capture warning`,
  },
  {
    name: 'Bun.serve fetch',
    file: 'case.ts',
    code: `
const urls: string[] = [];
Bun.serve({
  fetch(req) {
    urls.push(req.url); // expect: unbounded-capture warning
    return new Response('ok');
  },
});`,
  },
  {
    name: 'default export with fetch (Workers, Bun)',
    file: 'case.mjs',
    code: `
const hits = new Map();
export default {
  async fetch(request, env, ctx) {
    hits.set(request.url, Date.now()); // expect: unbounded-capture warning
    return new Response('ok');
  },
};`,
  },
  {
    name: "a singleton's method registered as a handler: its this is long-lived",
    code: `
class Feed {
  constructor() { this.clients = []; }
  subscribe(request, response) {
    this.clients.push(response); // expect: unbounded-capture error
  }
}
const feed = new Feed();
app.get('/events', feed.subscribe);`,
  },
];

/** Listeners on what outlives the request. */
export const lifetimeCases: Case[] = [
  {
    name: 'a listener on the keep-alive socket per request',
    code: `
app.use((req, res, next) => {
  req.socket.on('error', (err) => next(err)); // expect: listener-per-request error
  next();
});`,
  },
  {
    name: 'a listener on the keep-alive socket removed when done',
    code: `
app.use((req, res, next) => {
  const onError = (err) => next(err);
  req.socket.on('error', onError);
  res.on('finish', () => req.socket.removeListener('error', onError));
  next();
});`,
  },
  {
    name: "events.once(emitter, 'end') is a promise, not a listener on the events module",
    code: `
const events = require('events');
const { EventEmitter } = require('events');
app.post('/upload', async (req, res) => {
  await events.once(req, 'end');
  for await (const [chunk] of EventEmitter.on(req, 'data')) res.write(chunk);
  process.on('exit', () => res.end()); // expect: listener-per-request error
});`,
  },
  {
    name: 'an event stream keeps its connection: a listener on req.socket is per connection',
    code: `
app.get('/events', (req, res) => {
  req.socket.on('close', () => unsubscribe(req.query.topic));
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write('\\n');
});`,
  },
  {
    name: "the server's upgrade event through a helper's parameter",
    code: `
function proxy(options) {
  function catchUpgrade(server) {
    server.on('upgrade', onUpgrade); // expect: listener-per-request error
  }
  return function middleware(req, res, next) {
    catchUpgrade(req.connection.server);
    next();
  };
}`,
  },
  {
    name: 'server.once per request still piles up',
    code: `
app.use((req, res, next) => {
  const server = req.socket.server;
  server.once('upgrade', (r, s) => s.end()); // expect: listener-per-request error
  next();
});`,
  },
  {
    name: 'a once-flag makes it once',
    code: `
function proxy() {
  let subscribed = false;
  return (req, res, next) => {
    const server = (req.socket ?? req.connection).server;
    if (server && !subscribed) {
      server.on('close', () => shutdown());
      subscribed = true;
    }
    next();
  };
}`,
  },
  {
    name: 'an emitter passed into the factory',
    code: `
function sse(bus) {
  return (req, res) => {
    bus.on('update', (u) => res.write(u)); // expect: listener-per-request error
  };
}`,
  },
  {
    name: "the singleton's this as the emitter",
    code: `
class Hub extends EventEmitter {
  handle(req, res) {
    this.on('data', (d) => res.write(d)); // expect: listener-per-request error
  }
}`,
  },
  {
    name: 'a continuation per call on a long-lived promise',
    file: 'case.ts',
    code: `
export async function writeSnapshot(session: Session, file: string): Promise<void> {
  let fail: (e: Error) => void = () => {};
  void session.closed.then(() => fail(new Error('gone'))); // expect: listener-per-request error
  await session.post('HeapProfiler.takeHeapSnapshot');
}`,
  },
  {
    name: 'a continuation on a promise made in the call is fine',
    file: 'case.ts',
    code: `
export async function connectOnce(url: string): Promise<void> {
  const session = await open(url);
  session.closed.then(() => log('closed'));
}`,
  },
  {
    name: 'a continuation added once per promise, remembered in a map, is fine',
    file: 'case.ts',
    code: `
const watches = new WeakMap<Promise<void>, Set<() => void>>();
export function onClosed(session: Session, listener: () => void): void {
  let listeners = watches.get(session.closed);
  if (!listeners) {
    const created = new Set<() => void>();
    listeners = created;
    watches.set(session.closed, created);
    void session.closed.then(() => created.forEach((call) => call()));
  }
  listeners.add(listener);
}`,
  },
  {
    name: 'a continuation per call is still one when the branch records another key',
    file: 'case.ts',
    code: `
const seen = new Set<string>();
export function track(session: Session, id: string): void {
  if (!seen.has(id)) {
    seen.add(id);
    void session.closed.then(() => seen.delete(id)); // expect: listener-per-request error
  }
}`,
  },
  {
    name: 'a continuation added in a constructor goes with the object',
    file: 'case.ts',
    code: `
class Transport {
  constructor(private readonly session: Session) {
    session.closed.then(() => this.onClose());
  }
  onClose() {}
}`,
  },
  {
    name: 'a signal-exit listener per request',
    code: `
const onExit = require('signal-exit');
exports.parse = function (options) {
  return function (req, res) {
    onExit(() => cleanup(req.files)); // expect: listener-per-request error
  };
};`,
  },
  {
    name: 'a signal-exit listener whose remover is kept',
    code: `
const onExit = require('signal-exit');
const state = { remove: null };
exports.parse = function (options) {
  return function (req, res) {
    state.remove && state.remove();
    state.remove = onExit(() => cleanup(req.files));
  };
};`,
  },
];

/** Bounds must dominate the growth; trims are not growth. */
export const dominanceCases: Case[] = [
  {
    name: 'a sweep only on the rate-limited branch does not bound',
    code: `
const hits = new Map();
app.use((req, res, next) => {
  const entry = hits.get(req.ip) || { count: 0, reset: Date.now() + 60000 };
  entry.count++;
  hits.set(req.ip, entry); // expect: unbounded-capture warning
  if (entry.count > 100) {
    for (const [ip, e] of hits) if (e.reset < Date.now()) hits.delete(ip);
    return res.status(429).end();
  }
  next();
});`,
  },
  {
    name: 'a lazy delete of the key being read does not bound',
    code: `
const sessions = new Map();
app.use((req, res, next) => {
  const s = sessions.get(req.sid);
  if (s && s.expires < Date.now()) sessions.delete(req.sid);
  sessions.set(req.sid, { expires: Date.now() + 1000 }); // expect: unbounded-capture warning
  next();
});`,
  },
  {
    name: 'a throttled sweep on every request bounds',
    code: `
const hits = new Map();
let lastSweep = 0;
app.use((req, res, next) => {
  const now = Date.now();
  hits.set(req.ip, now);
  if (now - lastSweep > 60000) {
    lastSweep = now;
    for (const [ip, at] of hits) if (at < now - 60000) hits.delete(ip);
  }
  next();
});`,
  },
  {
    name: 'a sweep in a helper called on every request bounds',
    code: `
const hits = new Map();
function sweep(now) { hits.forEach((at, ip) => { if (at < now - 60000) hits.delete(ip); }); }
app.use((req, res, next) => {
  hits.set(req.ip, Date.now());
  sweep(Date.now());
  next();
});`,
  },
  {
    name: 'writes that reset or trim an entry are not growth',
    code: `
function tracker() {
  const failures = {};
  return (req, res, next) => {
    if (res.statusCode < 500) failures[req.url] = null;
    else failures[req.url] = failures[req.url].slice(1);
    next();
  };
}`,
  },
];

/** Per-call state and once-only calls on a request path. */
export const perCallCases: Case[] = [
  {
    name: "a local of a helper on the request path, grown in the helper's callback",
    code: `
function sendTrailer(reply) {
  const trailers = {};
  function cb(name, value) { trailers[name] = value; }
  for (const name of reply.trailerNames) cb(name, reply.trailer(name));
}
function onSend(err, request, reply, payload) { sendTrailer(reply); }
module.exports = onSend;`,
  },
  {
    name: 'a memoized call (x ||= create()) runs once',
    code: `
const contexts = [];
let nsContext;
function createContext(v) { const c = { v }; contexts.push(c); return c; }
app.get('/', (req, res) => {
  nsContext ||= createContext('');
  res.end();
});`,
  },
  {
    name: 'the same call unmemoized grows per request',
    code: `
const contexts = [];
function createContext(v) {
  const c = { v };
  contexts.push(c); // expect: unbounded-capture warning
  return c;
}
app.get('/', (req, res) => {
  const ctx = createContext(req.url);
  res.end();
});`,
  },
];

/** Growth one call away, in a method of a long-lived instance. */
export const instanceCases: Case[] = [
  {
    name: "a store method inserting into its instance's map",
    code: `
class Limiter {
  constructor() { this.hits = new Map(); }
  add(ip) {
    this.hits.set(ip, Date.now()); // expect: unbounded-capture warning
  }
}
const limiter = new Limiter();
app.use((req, res, next) => { limiter.add(req.ip); next(); });`,
  },
  {
    name: 'a bound in a method called right after the growth counts',
    code: `
class Limiter {
  constructor() { this.hits = new Map(); }
  add(ip) {
    this.hits.set(ip, Date.now());
    this.prune();
  }
  prune() {
    if (this.hits.size > 1000) this.hits.delete(this.hits.keys().next().value);
  }
}
const limiter = new Limiter();
app.use((req, res, next) => { limiter.add(req.ip); next(); });`,
  },
  {
    name: 'an arrow a class registers for connections keeps the instance as its this',
    code: `
class Server extends EventEmitter {
  constructor(opts) {
    super();
    this.wss = new WebSocketServer(opts);
    this.onConnection = (conn) => this.accept(conn);
    this.wss.on('connection', this.onConnection);
  }
  accept(conn) {
    this.once('close', () => conn.terminate()); // expect: listener-per-request error
  }
}`,
  },
  {
    name: 'a field arrow registered for connections that adds nothing to the instance',
    code: `
class Server extends EventEmitter {
  constructor(opts) {
    super();
    this.wss = new WebSocketServer(opts);
    this.wss.on('connection', this.onConnection);
  }
  onConnection = (conn) => {
    this.emit('connection', wrap(conn));
  };
}`,
  },
];

/** Known growing APIs. */
export const growingApiCases: Case[] = [
  {
    name: 'prom-client label from the raw path',
    code: `
const client = require('prom-client');
const requests = new client.Counter({ name: 'http_requests', help: 'x', labelNames: ['path'] });
app.use((req, res, next) => {
  requests.labels(req.path).inc(); // expect: unbounded-capture warning
  next();
});`,
  },
  {
    name: 'prom-client histogram observed with the client address',
    file: 'case.mjs',
    code: `
import { Histogram } from 'prom-client';
const latency = new Histogram({ name: 'latency', help: 'x', labelNames: ['ip'] });
app.use((req, res, next) => {
  const end = latency.startTimer({ ip: req.ip }); // expect: unbounded-capture warning
  res.on('finish', end);
  next();
});`,
  },
  {
    name: 'prom-client label from the matched route is bounded',
    code: `
const client = require('prom-client');
const requests = new client.Counter({ name: 'http_requests', help: 'x', labelNames: ['route', 'method'] });
app.use((req, res, next) => {
  res.on('finish', () => requests.labels(req.route.path, req.method).inc());
  next();
});`,
  },
  {
    name: 'one formidable form parsing every request collects their listeners',
    code: `
const formidable = require('formidable');
module.exports = function uploads(options) {
  const form = new formidable.IncomingForm(options);
  return (req, res, next) => {
    form.parse(req, (err, fields) => { req.fields = fields; next(err); }); // expect: listener-per-request error
  };
};`,
  },
  {
    name: 'a formidable form made per request goes with the request',
    code: `
const { IncomingForm } = require('formidable');
module.exports = (options) => (req, res, next) => {
  const form = new IncomingForm(options);
  form.parse(req, (err, fields) => { req.fields = fields; next(err); });
};`,
  },
];

/** Middleware registered with its default in-memory store keeps one entry per client for ever. */
export const defaultStoreCases: Case[] = [
  {
    name: 'express-session without a store keeps every session in its MemoryStore',
    code: `
const session = require('express-session');
app.use(session({ secret: 'x', resave: false })); // expect: unbounded-capture warning @9 #default-store`,
  },
  {
    name: 'express-session with a store, or options built elsewhere, is not judged',
    file: 'case.mjs',
    code: `
import session from 'express-session';
import connectRedis from 'connect-redis';
const RedisStore = connectRedis(session);
app.use(session({ secret: 'x', store: new RedisStore({ client }) }));
app.use('/admin', session(sessionOptions));`,
  },
  {
    name: 'a session middleware registered in a test is not reported',
    code: `
const session = require('express-session');
it('logs in', () => { app.use(session({ secret: 't' })); });`,
  },
];

/** Growth one call away through a function a factory of this file made once (a memoizer). */
export const madeFunctionCases: Case[] = [
  {
    name: 'a module-level memoized parser caches every URL it is asked for',
    code: `
function memoize(fn, { cache = new Map() } = {}) {
  const memoized = (key) => {
    if (cache.has(key)) return cache.get(key);
    const value = fn(key);
    cache.set(key, value); // expect: unbounded-capture warning
    return value;
  };
  return memoized;
}
const parse = memoize((url) => new URL(url, 'http://localhost'));
app.use((req, res, next) => { req.parsed = parse(req.url); next(); });`,
  },
  {
    name: 'a memoizer made inside the handler goes with the request',
    code: `
function memoize(fn) {
  const cache = new Map();
  return (key) => { if (!cache.has(key)) cache.set(key, fn(key)); return cache.get(key); };
}
app.use((req, res, next) => { const parse = memoize((u) => u.length); req.len = parse(req.url); next(); });`,
  },
];

/** Constructor functions, the classes of pre-ES2015 code: their handler-shaped members serve every request. */
export const constructorCases: Case[] = [
  {
    name: 'a listener on the instance from a member bound in the constructor',
    code: `
var EventEmitter = require('events').EventEmitter;
function Broadcast() {
  EventEmitter.call(this);
  this.stream = function (req, res) {
    this.on('message', function (m) { res.write(m); }); // expect: listener-per-request error
  }.bind(this);
}
require('util').inherits(Broadcast, EventEmitter);
module.exports = Broadcast;`,
  },
  {
    name: 'a prototype member that grows a field the constructor made',
    code: `
var Stats = function () { this.hits = {}; };
Stats.prototype.middleware = function (req, res, next) {
  this.hits[req.url] = (this.hits[req.url] || 0) + 1; // expect: unbounded-capture warning
  next();
};
module.exports = Stats;`,
  },
  {
    name: 'the listener removed when the response closes is bounded',
    code: `
function Broadcast() {
  this.stream = function (req, res) {
    var send = function (m) { res.write(m); };
    this.on('message', send);
    req.on('close', function () { this.removeListener('message', send); }.bind(this));
  }.bind(this);
}`,
  },
  {
    name: 'a function-valued field that is not handler-shaped is not a handler',
    code: `
function Queue() {
  this.items = [];
  this.add = function (job, done) { this.items.push(job); done(); };
}`,
  },
];

/** Flow-annotated files are analysed whole, findings at the columns of the text as written. */
export const flowCases: Case[] = [
  {
    name: 'a route in a Flow file, its types blanked out',
    code: `
// @flow
import type { $Request, $Response } from 'express';
type Hit = {| url: string, at: ?number |};
const hits: Array<Hit> = [];
app.get('/', (req: $Request, res: $Response): void => {
  hits.push(({ url: req.url, at: Date.now() }: Hit)); // expect: unbounded-capture warning @3 #push
  res.end();
});`,
  },
  {
    name: 'a factory whose signature is Flow-only syntax',
    code: `
/**
 * Request logger.
 * @flow strict
 */
export default function logger(opts: {| +prefix?: ?string |}): (req: Object, res: Object, next: () => void) => void {
  const lines: Map<string, number> = new Map();
  return (req, res, next) => {
    lines.set(req.url, Date.now()); // expect: unbounded-capture warning @5 #Map#set
    next();
  };
}`,
  },
  {
    name: 'a file that only mentions @flow after its first statement is not Flow (and stays clean)',
    code: `
const seen = new WeakMap(); // a note on @flow
app.get('/', (req, res) => { seen.set(req, 1); res.end(); });`,
  },
];
