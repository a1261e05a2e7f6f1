// Every quick fix, applied to its fixture: the finding is gone, the code still parses, and the only change is
// the text the fix inserts or the constructor it swaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type Fix, type FixKind, type Finding, type TextEdit } from '../../../src/analysis/index';

function apply(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

interface FixCase {
  name: string;
  file?: string;
  code: string;
  kind: FixKind;
  expected: string;
}

const cases: FixCase[] = [
  {
    name: 'cap an array pushed in a factory handler',
    kind: 'cap',
    code: `function requestLogger() {\n  const logs = [];\n  return (req, res, next) => {\n    logs.push(req.url);\n    next();\n  };\n}\n`,
    expected: `const MAX_LOGS = 1000;\nfunction requestLogger() {\n  const logs = [];\n  return (req, res, next) => {\n    logs.push(req.url);\n    if (logs.length > MAX_LOGS) logs.splice(0, logs.length - MAX_LOGS);\n    next();\n  };\n}\n`,
  },
  {
    name: 'cap an unshifted array by truncating its tail',
    kind: 'cap',
    code: `const recent = [];\napp.get('/', (req, res) => {\n  recent.unshift(req.url);\n  res.end();\n});\n`,
    expected: `const MAX_RECENT = 1000;\nconst recent = [];\napp.get('/', (req, res) => {\n  recent.unshift(req.url);\n  if (recent.length > MAX_RECENT) recent.length = MAX_RECENT;\n  res.end();\n});\n`,
  },
  {
    name: 'cap a Map by evicting the oldest keys',
    kind: 'cap',
    file: 'case.ts',
    code: `const lastSeen = new Map<string, number>();\napp.use((req: Request, res: Response, next: NextFunction) => {\n  lastSeen.set(req.ip, Date.now());\n  next();\n});\n`,
    expected: `const MAX_LAST_SEEN = 1000;\nconst lastSeen = new Map<string, number>();\napp.use((req: Request, res: Response, next: NextFunction) => {\n  lastSeen.set(req.ip, Date.now());\n  for (const key of lastSeen.keys()) { if (lastSeen.size <= MAX_LAST_SEEN) break; lastSeen.delete(key); }\n  next();\n});\n`,
  },
  {
    name: 'cap a Set',
    kind: 'cap',
    code: `function dedupe() {\n  const seen = new Set();\n  return (req, res, next) => {\n    seen.add(req.headers['x-id']);\n    next();\n  };\n}\n`,
    expected: `const MAX_SEEN = 1000;\nfunction dedupe() {\n  const seen = new Set();\n  return (req, res, next) => {\n    seen.add(req.headers['x-id']);\n    for (const key of seen.keys()) { if (seen.size <= MAX_SEEN) break; seen.delete(key); }\n    next();\n  };\n}\n`,
  },
  {
    name: 'cap a dictionary',
    kind: 'cap',
    code: `const sessions = {};\napp.post('/login', (req, res) => {\n  sessions[req.body.user] = Date.now();\n  res.end();\n});\n`,
    expected: `const MAX_SESSIONS = 1000;\nconst sessions = {};\napp.post('/login', (req, res) => {\n  sessions[req.body.user] = Date.now();\n  for (const key of Object.keys(sessions).slice(0, -MAX_SESSIONS)) delete sessions[key];\n  res.end();\n});\n`,
  },
  {
    name: 'cap a class field of a NestJS middleware, limit name not taken twice',
    kind: 'cap',
    file: 'case.ts',
    code: `const MAX_LINES = 5;\n@Injectable()\nexport class LoggerMiddleware implements NestMiddleware {\n  private lines: string[] = [];\n  use(req: any, res: any, next: () => void) {\n    this.lines.push(req.url);\n    next();\n  }\n}\n`,
    expected: `const MAX_LINES = 5;\nconst MAX_LINES_2 = 1000;\n@Injectable()\nexport class LoggerMiddleware implements NestMiddleware {\n  private lines: string[] = [];\n  use(req: any, res: any, next: () => void) {\n    this.lines.push(req.url);\n    if (this.lines.length > MAX_LINES_2) this.lines.splice(0, this.lines.length - MAX_LINES_2);\n    next();\n  }\n}\n`,
  },
  {
    name: 'cap a string',
    kind: 'cap',
    code: `let transcript = '';\napp.get('/', (req, res) => {\n  transcript += req.url;\n  res.end();\n});\n`,
    expected: `const MAX_TRANSCRIPT = 1000;\nlet transcript = '';\napp.get('/', (req, res) => {\n  transcript += req.url;\n  if (transcript.length > MAX_TRANSCRIPT) transcript = transcript.slice(-MAX_TRANSCRIPT);\n  res.end();\n});\n`,
  },
  {
    name: 'WeakMap when the key is the request',
    kind: 'weak',
    file: 'case.ts',
    code: `const started: Map<object, number> = new Map();\napp.use((req, res, next) => {\n  started.set(req, Date.now());\n  next();\n});\n`,
    expected: `const started: WeakMap<object, number> = new WeakMap();\napp.use((req, res, next) => {\n  started.set(req, Date.now());\n  next();\n});\n`,
  },
  {
    name: 'WeakSet when the member is the context',
    kind: 'weak',
    code: `const live = new Set();\napp.use(async (ctx, next) => {\n  live.add(ctx);\n  await next();\n});\n`,
    expected: `const live = new WeakSet();\napp.use(async (ctx, next) => {\n  live.add(ctx);\n  await next();\n});\n`,
  },
  {
    name: 'suppress with a reason placeholder, indented',
    kind: 'suppress',
    code: `function requestLogger() {\n  const logs = [];\n  return (req, res, next) => {\n    logs.push(req.url);\n    next();\n  };\n}\n`,
    expected: `function requestLogger() {\n  const logs = [];\n  return (req, res, next) => {\n    // leaklens-disable-next-line unbounded-capture -- TODO: explain why this is safe\n    logs.push(req.url);\n    next();\n  };\n}\n`,
  },
  {
    name: 'suppress a listener-per-request',
    kind: 'suppress',
    code: `const bus = new EventEmitter();\napp.get('/s', (req, res) => {\n  bus.on('tick', (t) => res.write(t));\n});\n`,
    expected: `const bus = new EventEmitter();\napp.get('/s', (req, res) => {\n  // leaklens-disable-next-line listener-per-request -- TODO: explain why this is safe\n  bus.on('tick', (t) => res.write(t));\n});\n`,
  },
];

function onlyFinding(file: string, code: string): Finding {
  const { findings, notice } = lintText(file, code);
  assert.equal(notice, undefined);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  return findings[0]!;
}

for (const c of cases) {
  test(`fix: ${c.name}`, () => {
    const file = c.file ?? 'case.js';
    const finding = onlyFinding(file, c.code);
    const fix: Fix | undefined = finding.fixes.find((f) => f.kind === c.kind);
    assert.ok(fix, `no ${c.kind} fix; offered: ${finding.fixes.map((f) => f.kind).join(', ')}`);
    const fixed = apply(c.code, fix.edits);
    assert.equal(fixed, c.expected);
    const after = lintText(file, fixed);
    assert.equal(after.notice, undefined, `fixed code does not parse: ${after.notice?.message}`);
    assert.deepEqual(
      after.findings.map((f) => f.rule),
      [],
      'the finding is still reported after the fix',
    );
  });
}

test('no WeakMap fix when the Map is iterated or sized', () => {
  const code = `const started = new Map();\napp.use((req, res, next) => { started.set(req, 1); next(); });\nsetInterval(() => console.log(started.size), 1000);\n`;
  assert.deepEqual(
    onlyFinding('case.js', code).fixes.map((f) => f.kind),
    ['cap', 'suppress'],
  );
});

test('no cap fix when the growth is not a statement of its own', () => {
  const code = `const logs = [];\napp.use((req, res, next) => next(logs.push(req.url)));\n`;
  assert.deepEqual(
    onlyFinding('case.js', code).fixes.map((f) => f.kind),
    ['suppress'],
  );
});
