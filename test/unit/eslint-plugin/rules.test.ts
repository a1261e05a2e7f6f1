// The plugin's rules through ESLint's RuleTester, every case with ESLint's default parser and with
// @typescript-eslint/parser (whose TypeScript AST the plugin reuses): line, messageId and suggestion output.
import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../../../src/eslint-plugin/index';

RuleTester.describe = describe;
RuleTester.it = it;

type RuleName = keyof typeof plugin.rules;
interface Suggestion {
  messageId: 'cap' | 'weak';
  output: string;
}
interface Invalid {
  name: string;
  code: string;
  errors: { line: number; messageId: string; suggestions?: Suggestion[] }[];
  tsOnly?: true;
}
interface Valid {
  name: string;
  code: string;
  tsOnly?: true;
}

const parsers = [
  { name: 'espree', filename: 'app.js', languageOptions: {} },
  { name: '@typescript-eslint/parser', filename: 'app.ts', languageOptions: { parser: tsParser } },
] as const;

function run(rule: RuleName, valid: Valid[], invalid: Invalid[]): void {
  for (const parser of parsers) {
    const tester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...parser.languageOptions } });
    const applies = (c: { tsOnly?: true }) => !c.tsOnly || parser.name !== 'espree';
    tester.run(`${rule} (${parser.name})`, plugin.rules[rule], {
      valid: valid.filter(applies).map(({ name, code }) => ({ name, code, filename: parser.filename })),
      invalid: invalid.filter(applies).map(({ name, code, errors }) => ({
        name,
        code,
        filename: parser.filename,
        errors: errors.map((e) => ({ ...e, suggestions: e.suggestions ?? [] })),
      })),
    });
  }
}

run(
  'unbounded-capture',
  [
    {
      name: 'a memoizer is not a request handler',
      code: `function memo(fn) {
  const cache = new Map();
  return (x) => { if (!cache.has(x)) cache.set(x, fn(x)); return cache.get(x); };
}`,
    },
    {
      name: 'capped by a size check that evicts',
      code: `function logger() {
  const logs = [];
  return (req, res, next) => {
    logs.push(req.url);
    if (logs.length > 100) logs.shift();
    next();
  };
}
app.use(logger());`,
    },
    {
      name: 'a request-scoped array',
      code: `app.get('/', (req, res) => {
  const items = [];
  items.push(req.url);
  res.send(items);
});`,
    },
    {
      name: 'a WeakMap keyed by the request',
      code: `const meta = new WeakMap();
app.use((req, res, next) => {
  meta.set(req, Date.now());
  next();
});`,
    },
    {
      name: "LeakLens's file-level disable comment",
      code: `/* leaklens-disable unbounded-capture */
const logs = [];
app.use((req, res, next) => {
  logs.push(req.url);
  next();
});`,
    },
    {
      name: "LeakLens's own disable comment",
      code: `const seen = [];
app.use((req, res, next) => {
  // leaklens-disable-next-line unbounded-capture -- bounded by the deploy cycle
  seen.push(req.url);
  next();
});`,
    },
  ],
  [
    {
      name: 'the closure-capture leak: a factory whose handler appends to its captured array',
      code: `function requestLogger() {
  const logs = [];
  return (req, res, next) => {
    logs.push(req.url);
    next();
  };
}
app.use(requestLogger());`,
      errors: [
        {
          line: 4,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_LOGS = 1000;
function requestLogger() {
  const logs = [];
  return (req, res, next) => {
    logs.push(req.url);
    if (logs.length > MAX_LOGS) logs.splice(0, logs.length - MAX_LOGS);
    next();
  };
}
app.use(requestLogger());`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Map that keeps each request: its own messageId',
      code: `const seen = new Map();
app.get('/x', (req, res) => {
  seen.set(req.id, req);
  res.end();
});`,
      errors: [
        {
          line: 3,
          messageId: 'retainsRequest',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_SEEN = 1000;
const seen = new Map();
app.get('/x', (req, res) => {
  seen.set(req.id, req);
  for (const key of seen.keys()) { if (seen.size <= MAX_SEEN) break; seen.delete(key); }
  res.end();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Set of requests: WeakSet and cap suggested',
      code: `const visitors = new Set();
app.use((req, res, next) => {
  visitors.add(req);
  next();
});`,
      errors: [
        {
          line: 3,
          messageId: 'retainsRequest',
          suggestions: [
            {
              messageId: 'weak',
              output: `const visitors = new WeakSet();
app.use((req, res, next) => {
  visitors.add(req);
  next();
});`,
            },
            {
              messageId: 'cap',
              output: `const MAX_VISITORS = 1000;
const visitors = new Set();
app.use((req, res, next) => {
  visitors.add(req);
  for (const key of visitors.keys()) { if (visitors.size <= MAX_VISITORS) break; visitors.delete(key); }
  next();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'Koa: a factory of (ctx, next) middleware filling a Map',
      code: `export function timing() {
  const durations = new Map();
  return async (ctx, next) => {
    await next();
    durations.set(ctx.path, Date.now());
  };
}`,
      errors: [
        {
          line: 5,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_DURATIONS = 1000;
export function timing() {
  const durations = new Map();
  return async (ctx, next) => {
    await next();
    durations.set(ctx.path, Date.now());
    for (const key of durations.keys()) { if (durations.size <= MAX_DURATIONS) break; durations.delete(key); }
  };
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Fastify: a hook adding keys to a module-level dictionary',
      code: `const hits = {};
fastify.addHook('onRequest', async (request, reply) => {
  hits[request.ip] = (hits[request.ip] || 0) + 1;
});`,
      errors: [
        {
          line: 3,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_HITS = 1000;
const hits = {};
fastify.addHook('onRequest', async (request, reply) => {
  hits[request.ip] = (hits[request.ip] || 0) + 1;
  for (const key of Object.keys(hits).slice(0, -MAX_HITS)) delete hits[key];
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'Node http: keeping every request object',
      code: `const bodies = [];
http.createServer((req, res) => {
  bodies.push(req);
  res.end();
}).listen(3000);`,
      errors: [
        {
          line: 3,
          messageId: 'retainsRequest',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_BODIES = 1000;
const bodies = [];
http.createServer((req, res) => {
  bodies.push(req);
  if (bodies.length > MAX_BODIES) bodies.splice(0, bodies.length - MAX_BODIES);
  res.end();
}).listen(3000);`,
            },
          ],
        },
      ],
    },
    {
      name: 'Hono: a string that grows per request',
      code: `let log = '';
app.use(async (c, next) => {
  log += c.req.url;
  await next();
});`,
      errors: [
        {
          line: 3,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `const MAX_LOG = 1000;
let log = '';
app.use(async (c, next) => {
  log += c.req.url;
  if (log.length > MAX_LOG) log = log.slice(-MAX_LOG);
  await next();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS: a middleware class field (decorators: TypeScript only)',
      tsOnly: true,
      code: `import { Injectable, NestMiddleware } from '@nestjs/common';
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  private readonly seen: string[] = [];
  use(req: any, res: any, next: () => void) {
    this.seen.push(req.url);
    next();
  }
}`,
      errors: [
        {
          line: 6,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `import { Injectable, NestMiddleware } from '@nestjs/common';
const MAX_SEEN = 1000;
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  private readonly seen: string[] = [];
  use(req: any, res: any, next: () => void) {
    this.seen.push(req.url);
    if (this.seen.length > MAX_SEEN) this.seen.splice(0, this.seen.length - MAX_SEEN);
    next();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a handler recognised by its TypeScript parameter types',
      tsOnly: true,
      code: `import type { Request, Response, NextFunction } from 'express';
export function audit() {
  const entries: string[] = [];
  return (request: Request, response: Response, next: NextFunction) => {
    entries.push(request.path);
    next();
  };
}`,
      errors: [
        {
          line: 5,
          messageId: 'unboundedCapture',
          suggestions: [
            {
              messageId: 'cap',
              output: `import type { Request, Response, NextFunction } from 'express';
const MAX_ENTRIES = 1000;
export function audit() {
  const entries: string[] = [];
  return (request: Request, response: Response, next: NextFunction) => {
    entries.push(request.path);
    if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    next();
  };
}`,
            },
          ],
        },
      ],
    },
  ],
);

run(
  'listener-per-request',
  [
    {
      name: 'a listener removed when the request closes',
      code: `app.get('/', (req, res) => {
  const onData = () => res.write('x');
  bus.on('data', onData);
  res.on('close', () => bus.off('data', onData));
});`,
    },
    {
      name: "listeners on the request's own response",
      code: `app.get('/', (req, res) => {
  res.on('finish', () => console.log(req.url));
  res.end();
});`,
    },
  ],
  [
    {
      name: 'a listener added to a process-wide emitter per request',
      code: `app.get('/', (req, res) => {
  process.on('exit', () => res.end());
  res.send('ok');
});`,
      errors: [{ line: 2, messageId: 'listenerPerRequest' }],
    },
    {
      name: 'once and addListener on a module-level EventEmitter: one report each',
      code: `const { EventEmitter } = require('events');
const bus = new EventEmitter();
app.get('/', (req, res) => {
  bus.once('ready', () => res.send('ok'));
  bus.addListener('tick', () => res.write('.'));
});`,
      errors: [
        { line: 4, messageId: 'listenerPerRequest' },
        { line: 5, messageId: 'listenerPerRequest' },
      ],
    },
    {
      name: 'a timer started per request and never cleared',
      code: `app.get('/poll', (req, res) => {
  setInterval(() => res.write('.'), 1000);
});`,
      errors: [{ line: 2, messageId: 'intervalPerRequest' }],
    },
  ],
);

run(
  'bounded-buffer',
  [
    {
      name: 'an unbounded array is not a bounded buffer',
      code: `const buf = [];
app.use((req, res, next) => {
  buf.push(req.url);
  next();
});`,
    },
  ],
  [
    {
      name: 'a flush-and-reset buffer',
      code: `let buf = [];
app.use((req, res, next) => {
  buf.push(req.url);
  if (buf.length >= 100) { flush(buf); buf = []; }
  next();
});`,
      errors: [{ line: 3, messageId: 'boundedBuffer' }],
    },
  ],
);
