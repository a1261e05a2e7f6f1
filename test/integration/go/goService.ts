// Real Go services for the integration tests and the demo: built from examples/gin with Debian's Go toolchain and Gin
// (GOPATH mode, nothing downloaded), started on 127.0.0.1:0, and driven with a bounded load.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const GOPATH = '/usr/share/gocode';
const INSTALL_HINT = 'apt-get install -y golang-go golang-github-gin-gonic-gin-dev';
/** The Gin leak and its fixed twin live with the demo's examples, which show them in the editor. */
export const FIXTURES = join(__dirname, '..', '..', '..', 'examples', 'gin');
/** Go build outputs and Go's own build cache live here, so a second run reuses the first run's build. */
const BUILD_DIR = join(tmpdir(), 'leaklens-go-build');
/** A cold build of a Gin service takes about 30 s on this machine; this only turns a hang into a failure. */
const BUILD_LIMIT_MS = 300_000;
const START_LIMIT_MS = 20_000;

/** Fails with what to install when the Go toolchain or Gin is missing (the tests never skip). */
export function requireGo(): void {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0)
    throw new Error(
      `the Go toolchain is not installed (\`go version\` failed: ${go.error?.message ?? go.stderr}). Install it: ${INSTALL_HINT}`,
    );
  if (!existsSync(join(GOPATH, 'src/github.com/gin-gonic/gin')))
    throw new Error(`Gin is not installed under ${GOPATH}. Install it: ${INSTALL_HINT}`);
}

/**
 * Builds examples/gin/<name> (or <root>/<name>, e.g. a workspace's copy) and returns the binary's path.
 * Cached by the source and by the folder it is built in: the binary's profiles name source files by the
 * absolute path they were compiled from.
 */
export async function buildFixture(name: string, root = FIXTURES): Promise<string> {
  const dir = join(root, name);
  const hash = createHash('sha256')
    .update(dir)
    .update('\0')
    .update(readFileSync(join(dir, 'main.go')))
    .digest('hex')
    .slice(0, 12);
  const binary = join(BUILD_DIR, `${name}-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(BUILD_DIR, { recursive: true });
  const partial = `${binary}.partial-${process.pid}`;
  const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(BUILD_DIR, 'gocache'), GOFLAGS: '' };
  await new Promise<void>((resolve, reject) => {
    execFile('go', ['build', '-o', partial, '.'], { cwd: dir, env, timeout: BUILD_LIMIT_MS }, (error, _out, err) => {
      if (error) reject(new Error(`go build of ${dir} failed${error.killed ? ` (no result within ${BUILD_LIMIT_MS} ms)` : ''}:\n${err}`));
      else resolve();
    });
  });
  renameSync(partial, binary);
  return binary;
}

export interface GoService {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  pid: number;
}

export interface LaunchedGoService extends GoService {
  /** SIGKILL (the services hold nothing that needs a graceful stop); resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Starts a built fixture on 127.0.0.1:0; resolves once it listens. `env` adds variables (e.g. MEMPROFILERATE). */
export function launchService(binary: string, env: Record<string, string> = {}): Promise<LaunchedGoService> {
  const child = spawn(binary, [], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const stop = async () => {
    // No pid: it never started, so there is nothing to wait for.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(message));
    };
    const timer = setTimeout(
      () => fail(`${binary} did not print "listening on …" within ${START_LIMIT_MS} ms; output: ${out}`),
      START_LIMIT_MS,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.off('exit', onExit);
        resolve({ url: `http://${m[1]}`, pid: child.pid!, stop });
      }
    };
    const onExit = (code: number | null) => fail(`${binary} exited (${code}) before listening: ${out}`);
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', onExit);
    child.once('error', (error) => fail(`${binary} could not be started: ${error.message}`));
  });
}

/** Starts a built fixture; it is killed when the test ends. */
export async function startService(t: TestContext, binary: string, env: Record<string, string> = {}): Promise<GoService> {
  const service = await launchService(binary, env);
  t.after(() => service.stop());
  return service;
}

/** `count` GET /hello requests, `concurrency` at a time; each must answer 200. */
export async function drive(service: GoService, count: number, concurrency = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${service.url}/hello?i=${i}`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /hello answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A bounded load: `batch` requests every `everyMs` until `stop` resolves. */
export async function driveUntil(service: GoService, stop: Promise<unknown>, batch: number, everyMs: number): Promise<number> {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let sent = 0;
  while (!stopped) {
    await drive(service, batch);
    sent += batch;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return sent;
}
