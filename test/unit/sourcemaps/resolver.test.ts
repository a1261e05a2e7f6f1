// Source-map resolution on real compiler output (TypeScript's, esbuild's): external and inline maps,
// sourceRoot, a bundle of several sources, maps recorded from a live process, and every way a map can be
// missing or broken — a note, never an exception.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';
import { PathMapper } from '../../../src/correlate/pathMap';
import { SourceMapResolver } from '../../../src/sourcemaps/resolver';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-maps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `import type { Request } from 'express';

interface Entry {
  url: string;
}

export function logger() {
  const entries: Entry[] = [];
  return function log(req: Request): void {
    entries.push({ url: req.url });
  };
}
`;

/** 1-based line and column of `fragment` in `text`. */
function positionOf(text: string, fragment: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(fragment));
  return { line: line + 1, column: lines[line]!.indexOf(fragment) + 1 };
}

function transpile(name: string, options: ts.CompilerOptions): { js: string; map?: string } {
  const out = ts.transpileModule(SOURCE, {
    fileName: name,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, ...options },
  });
  return { js: out.outputText, ...(out.sourceMapText ? { map: out.sourceMapText } : {}) };
}

test('external map next to the script (tsc --sourceMap): the .ts line and column of the function', () => {
  mkdirSync(join(dir, 'ext', 'src'), { recursive: true });
  mkdirSync(join(dir, 'ext', 'dist'), { recursive: true });
  writeFileSync(join(dir, 'ext', 'src', 'logger.ts'), SOURCE);
  const out = transpile('logger.ts', { sourceMap: true, sourceRoot: '../src/' });
  const script = join(dir, 'ext', 'dist', 'logger.js');
  writeFileSync(script, out.js.replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=logger.js.map'));
  writeFileSync(`${script}.map`, out.map!);
  const resolver = new SourceMapResolver();
  const original = resolver.original(script, script, positionOf(out.js, 'function log('));
  assert.deepEqual(original && { file: original.file, ...{ line: original.line, column: original.column } }, {
    file: join(dir, 'ext', 'src', 'logger.ts'),
    ...positionOf(SOURCE, 'function log('),
  });
  assert.deepEqual(resolver.problems, []);
});

test('a .map file next to the script is used without a sourceMappingURL comment', () => {
  const out = transpile('logger.ts', { sourceMap: true });
  const script = join(dir, 'beside.js');
  writeFileSync(script, out.js.replace(/\/\/# sourceMappingURL=.*$/m, ''));
  writeFileSync(`${script}.map`, out.map!);
  const original = new SourceMapResolver().original(script, script, positionOf(out.js, 'entries.push'));
  assert.equal(original?.file, join(dir, 'logger.ts'));
  assert.equal(original?.line, positionOf(SOURCE, 'entries.push').line);
});

test('inline map (tsc --inlineSourceMap), and a sourceRoot where the service ran, mapped to the workspace', () => {
  const out = transpile('logger.ts', { inlineSourceMap: true, sourceRoot: '/app/src' });
  const script = join(dir, 'inline', 'logger.js');
  mkdirSync(join(dir, 'inline', 'src'), { recursive: true });
  writeFileSync(script, out.js);
  const paths = new PathMapper([{ from: '/app', to: join(dir, 'inline'), origin: 'option' }], []);
  const original = new SourceMapResolver({ toLocal: paths.toLocal }).original(script, script, positionOf(out.js, 'function log('));
  assert.equal(original?.file, join(dir, 'inline', 'src', 'logger.ts'));
  assert.equal(original?.line, positionOf(SOURCE, 'function log(').line);
  assert.deepEqual(
    paths.applied.map((m) => m.from),
    ['/app'],
  );
});

test('a bundle: one script, each function mapped to its own source', () => {
  mkdirSync(join(dir, 'bundle', 'src'), { recursive: true });
  writeFileSync(join(dir, 'bundle', 'src', 'logger.ts'), SOURCE);
  writeFileSync(
    join(dir, 'bundle', 'src', 'main.ts'),
    `import { logger } from './logger';\n\nexport const started = [logger()].map(function wire(l) {\n  return l;\n});\n`,
  );
  const script = join(dir, 'bundle', 'out', 'main.js');
  buildSync({
    entryPoints: [join(dir, 'bundle', 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    sourcemap: true,
    outfile: script,
    external: ['express'],
    logLevel: 'silent',
  });
  const js = readFileSync(script, 'utf8');
  const resolver = new SourceMapResolver();
  assert.equal(resolver.original(script, script, positionOf(js, 'function log('))?.file, join(dir, 'bundle', 'src', 'logger.ts'));
  const wire = resolver.original(script, script, positionOf(js, 'function wire('));
  assert.equal(wire?.file, join(dir, 'bundle', 'src', 'main.ts'));
  assert.equal(wire?.line, 3);
});

test('a map recorded from the live process (tsx: the .ts path itself ran, compiled in memory)', () => {
  const out = transpile('logger.ts', { inlineSourceMap: true });
  const file = join(dir, 'recorded', 'logger.ts');
  const dataUrl = /sourceMappingURL=(\S+)/.exec(out.js)![1]!;
  const url = pathToFileURL(file).href;
  const recorded = new Map([[url, dataUrl]]);
  // The script on disk is the TypeScript source: only the recorded map knows the compiled positions.
  const original = new SourceMapResolver({ recorded }).original(url, file, positionOf(out.js, 'function log('));
  assert.equal(original?.line, positionOf(SOURCE, 'function log(').line);
});

test('missing and broken maps: a note that says what is wrong, the position left as it is', () => {
  const gone = join(dir, 'gone.js');
  writeFileSync(gone, 'function f() {}\n//# sourceMappingURL=gone.js.map\n');
  const broken = join(dir, 'broken.js');
  writeFileSync(broken, 'function f() {}\n//# sourceMappingURL=broken.js.map\n');
  writeFileSync(`${broken}.map`, '{ "version": 3, "mappings": ');
  const badData = join(dir, 'bad-data.js');
  writeFileSync(badData, 'function f() {}\n//# sourceMappingURL=data:application/json;base64,e30=\n');
  const remote = join(dir, 'remote.js');
  writeFileSync(remote, 'function f() {}\n//# sourceMappingURL=https://cdn.example/remote.js.map\n');
  const plain = join(dir, 'plain.js');
  writeFileSync(plain, 'function f() {}\n');
  const uncompiled = join(dir, 'uncompiled.ts');
  const resolver = new SourceMapResolver();
  for (const file of [gone, broken, badData, remote, plain, uncompiled, join(dir, 'no-such-script.js')]) {
    assert.equal(resolver.original(file, file, { line: 1, column: 1 }), undefined, file);
  }
  const notes = resolver.problems;
  assert.equal(notes.length, 5, notes.join('\n'));
  assert.match(notes[0]!, /gone\.js\.map named by .*gone\.js it does not exist/);
  assert.match(notes[1]!, /broken\.js .*is not a valid source map/);
  assert.match(notes[2]!, /bad-data\.js .*is not a valid source map/);
  assert.match(notes[3]!, /https:\/\/cdn\.example\/remote\.js\.map, which LeakLens does not fetch/);
  assert.match(notes[4]!, /uncompiled\.ts ran through an in-memory TypeScript compiler .* no source map was recorded/);
});
