// The Go side end to end: a leaking Gin request logger and its fixed twin, built and run for real with
// net/http/pprof mounted, under a bounded load. `leaklens watch --pprof` must call only the leaking one
// growing, and `leaklens snapshot --pprof` + `leaklens compare` must name the leaking function and line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runCliLines, spawnCli, type CliProcess } from '../../support/cli';
import { closedPort } from '../../support/net';
import { buildFixture, drive, FIXTURES, requireGo, startService } from './goService';

const leaklens = (...argv: string[]) => runCliLines(argv);

/** The line of the leaking append in examples/gin/leaky/main.go. */
const LEAK_LINE =
  readFileSync(join(FIXTURES, 'leaky', 'main.go'), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('logs = append(logs')) + 1;

describe('Go services through pprof', { timeout: 600_000 }, () => {
  const binaries: Record<'leaky' | 'fixed', string> = { leaky: '', fixed: '' };
  before(async () => {
    requireGo();
    binaries.leaky = await buildFixture('leaky');
    binaries.fixed = await buildFixture('fixed');
  });

  test('watch --pprof: only the leaking logger is reported growing', async (t) => {
    const [leaky, fixed] = await Promise.all([startService(t, binaries.leaky), startService(t, binaries.fixed)]);
    const args = ['--interval', '1000', '--gc-every', '1', '--format', 'json'];
    const watches = [
      spawnCli(['watch', '--pprof', leaky.url, ...args]),
      spawnCli(['watch', '--pprof', `${fixed.url}/debug/pprof/`, ...args]),
    ];
    t.after(() => watches.forEach((w) => w.kill()));
    // The watches run until the leak has had LEAK_REQUESTS requests and each watch has SAMPLES samples, the
    // load going on all the while: the verdict then has the same evidence however busy the machine is (a
    // fixed duration once gave too few requests under CPU contention, and the leak read steady). Go's in-use
    // figure is pprof's sampled estimate, in steps of about 512 kB: ~12 MB of leak is many steps.
    const LEAK_REQUESTS = 6000;
    const SAMPLES = 20;
    const sampleCount = (w: CliProcess) => w.outLines.filter((line) => line.startsWith('{"type":"sample"')).length;
    let sent = 0;
    const deadline = Date.now() + 300_000;
    while (sent < LEAK_REQUESTS || watches.some((w) => sampleCount(w) < SAMPLES)) {
      assert.ok(Date.now() < deadline, `after 300 s: ${sent} requests, samples ${watches.map(sampleCount).join(' and ')}`);
      await Promise.all([drive(leaky, 80), drive(fixed, 80)]);
      sent += 80;
      await new Promise((resolve) => setTimeout(resolve, 250)); // a pace, not a wait: the loop's condition is the state
    }
    const [l, f] = await Promise.all([watches[0]!.interrupt(), watches[1]!.interrupt()]);
    const summary = (r: typeof l) =>
      JSON.parse(r.out.at(-1)!) as { growing: boolean; state: string; bytesPerMinute: number; samples: number };
    const samples = (r: typeof l) =>
      r.out
        .slice(0, -1)
        .map((line) => JSON.parse(line))
        .filter((e) => e.type === 'sample');
    console.log(`requests sent to each: ${sent}; leaky ${JSON.stringify(summary(l))}; fixed ${JSON.stringify(summary(f))}`);
    assert.deepEqual(l.err, []);
    assert.deepEqual(f.err, []);
    assert.equal(summary(l).state, 'growing');
    assert.equal(l.code, 1);
    assert.equal(summary(f).state, 'steady');
    assert.equal(f.code, 0);
    for (const s of [...samples(l), ...samples(f)]) assert.ok(s.goroutines > 0 && s.used > 0, JSON.stringify(s));
  });

  test('snapshot --pprof + compare: growth is named by function and line and confirms the lint finding', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'leaklens-pprof-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // Exact profiles (every allocation recorded) so a few hundred kB cannot be sampling noise.
    const env = { MEMPROFILERATE: '1' };
    const [leaky, fixed] = await Promise.all([startService(t, binaries.leaky, env), startService(t, binaries.fixed, env)]);
    await Promise.all([drive(leaky, 300), drive(fixed, 300)]); // past the fixed logger's cap and warm-up
    const file = (name: string) => join(dir, name);
    for (const [name, service] of [
      ['leaky', leaky],
      ['fixed', fixed],
    ] as const) {
      const snap = await leaklens('snapshot', '--pprof', service.url, '--out', file(`${name}-1.pb.gz`));
      assert.equal(snap.code, 0, snap.err.join('\n'));
      assert.match(snap.out.join('\n'), /Heap in use: .* objects/);
    }
    await Promise.all([drive(leaky, 2000), drive(fixed, 2000)]);
    for (const [name, service] of [
      ['leaky', leaky],
      ['fixed', fixed],
    ] as const) {
      assert.equal((await leaklens('snapshot', '--pprof', service.url, '--out', file(`${name}-2.pb.gz`))).code, 0);
    }

    const leakyCompare = await leaklens('compare', file('leaky-1.pb.gz'), file('leaky-2.pb.gz'), '--format', 'json');
    assert.equal(leakyCompare.code, 1, leakyCompare.err.join('\n'));
    const growth = JSON.parse(leakyCompare.out.join('\n')).growth as {
      function: string;
      file: string;
      line: number;
      bytesDelta: number;
      staticFinding: { rule: string; line: number; variable?: string } | null;
    }[];
    const top = growth[0]!;
    assert.equal(top.function, 'main.RequestLogger.func1');
    assert.equal(top.file, join(FIXTURES, 'leaky', 'main.go'));
    assert.equal(top.line, LEAK_LINE);
    assert.ok(top.bytesDelta > 2000 * 2048, `grew only ${top.bytesDelta} bytes`);
    assert.deepEqual(top.staticFinding, { rule: 'unbounded-capture', line: LEAK_LINE, column: 10, variable: 'logs' });

    const text = await leaklens('compare', file('leaky-1.pb.gz'), file('leaky-2.pb.gz'));
    assert.match(text.out.join('\n'), new RegExp(`1\\. \\+[\\d.]+ MB .* main\\.RequestLogger\\.func1  .*leaky/main\\.go:${LEAK_LINE}`));
    assert.match(text.out.join('\n'), new RegExp(`confirms unbounded-capture at .*leaky/main\\.go:${LEAK_LINE}:10`));

    const fixedCompare = await leaklens('compare', file('fixed-1.pb.gz'), file('fixed-2.pb.gz'), '--format', 'json');
    const fixedGrowth = JSON.parse(fixedCompare.out.join('\n')).growth as { function: string }[];
    assert.ok(!fixedGrowth.some((g) => g.function.startsWith('main.RequestLogger')), JSON.stringify(fixedGrowth));
  });

  test('bad targets: one clear message and exit 2', async (t) => {
    const service = await startService(t, binaries.fixed);
    const notPprof = await leaklens('watch', '--pprof', `${service.url}/hello/`, '--duration', '1');
    assert.equal(notPprof.code, 2);
    assert.match(notPprof.err.join('\n'), /answered 404: mount net\/http\/pprof/);
    const remote = await leaklens('snapshot', '--pprof', 'http://192.0.2.1:6060');
    assert.equal(remote.code, 2);
    assert.match(remote.err.join('\n'), /Refusing to poll 192\.0\.2\.1:6060: it is not a loopback address/);
    const port = await closedPort();
    const closed = await leaklens('watch', '--pprof', `http://127.0.0.1:${port}`, '--duration', '1');
    assert.equal(closed.code, 2);
    assert.match(closed.err.join('\n'), new RegExp(`Nothing answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  });
});
