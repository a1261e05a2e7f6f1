// A Go service built with -trimpath, as release builds and container images are: its heap profiles name
// `example.com/auditsvc/main.go`, no file of this machine. The comparison must map it to the workspace's
// module (guessed from its go.mod, or given with --path-map), say so, and confirm the finding at its line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { main } from '../../../src/cli/main';
import { drive, requireGo, startService } from '../go/goService';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-trimpath-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('a -trimpath Go binary: the module path is mapped to the workspace file and line, and confirmed', { timeout: 300_000 }, async (t) => {
  requireGo();
  const workspace = join(dir, 'workspace');
  const module = join(workspace, 'auditsvc');
  cpSync(join(__dirname, '..', '..', 'fixtures', 'services', 'go-trimpath'), module, { recursive: true });
  const binary = join(dir, 'auditsvc');
  // Module mode with no dependency: nothing to download. Go's build cache is shared with the other Go tests.
  const env = {
    ...process.env,
    GO111MODULE: 'on',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GOCACHE: join(tmpdir(), 'leaklens-go-build', 'gocache'),
  };
  await promisify(execFile)('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: module, env, timeout: 240_000 });
  const service = await startService(t, binary, { MEMPROFILERATE: '1' });
  await drive(service, 100);
  const profile = (name: string) => join(dir, name);
  assert.equal((await cli(['snapshot', '--pprof', service.url, '--out', profile('1.pb.gz')], dir)).code, 0);
  await drive(service, 1500);
  assert.equal((await cli(['snapshot', '--pprof', service.url, '--out', profile('2.pb.gz')], dir)).code, 0);

  const main = join(module, 'main.go');
  const appendLine =
    readFileSync(main, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('trail = append(trail')) + 1;
  const guessed = await cli(['compare', profile('1.pb.gz'), profile('2.pb.gz'), '--format', 'json'], workspace);
  assert.equal(guessed.code, 1, guessed.err);
  const json = JSON.parse(guessed.out) as {
    notes: string[];
    growth: { function: string; file: string; line: number; staticFinding: unknown }[];
  };
  assert.deepEqual(json.notes, [`Path mapping: example.com/auditsvc → ${module} (guessed: Go module path of the workspace)`]);
  const top = json.growth[0]!;
  assert.deepEqual([top.function, top.file, top.line], ['main.Audit.func1', main, appendLine]);
  assert.deepEqual(top.staticFinding, { rule: 'unbounded-capture', line: appendLine, column: 11, variable: 'trail' });

  const given = await cli(['compare', profile('1.pb.gz'), profile('2.pb.gz'), '--path-map', 'example.com/auditsvc=auditsvc'], workspace);
  assert.match(given.out, /^Path mapping: example\.com\/auditsvc → .*\/workspace\/auditsvc \(--path-map\)$/m);
  assert.match(given.out, new RegExp(`confirms unbounded-capture at auditsvc/main\\.go:${appendLine}:11`));
});
