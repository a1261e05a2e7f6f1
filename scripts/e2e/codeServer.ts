// Starts code-server (a real VS Code served to a browser) in a throwaway profile, with LeakLens installed
// from its .vsix, and stops it with everything it started. Shared by the e2e tests and `npm start`.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execChecked, tail } from './exec';
import type { Harness } from './install';

export interface CodeServerOptions {
  harness: Harness;
  /** Folder opened in the editor. */
  workspace: string;
  /** Throwaway folder for the profile, the extensions and the log. */
  runDir: string;
  /** Installed into the profile before the start. */
  vsix?: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Added to code-server's environment; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export interface CodeServer {
  port: number;
  /** The URL that opens `workspace`. */
  url: string;
  logFile: string;
  /** The tail of each extension-host log, for messages about an extension that did not activate. */
  extensionHostLogs(): string;
  stop(): Promise<void>;
}

/** User settings that keep the UI quiet and deterministic: no welcome page, trust prompt, update or AI nags. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'editor.minimap.enabled': false,
};

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port 127.0.0.1:${port} is already in use: stop the program listening there, or choose another port (0 picks a free one)`,
            )
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function findFiles(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** The throwaway profile of a run: user data (settings, logs) and extensions, inside `runDir`. */
function profileOf(runDir: string) {
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  return { userDataDir, extensionsDir, args: ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir] };
}

function serverEnv(runDir: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // code-server writes ~/.config/code-server/config.yaml, and VS Code leaves IPC sockets in the temp folder,
  // unless told otherwise: keep every run to itself, removed with its folder.
  const tmp = join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { ...process.env, ...extra, XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_DATA_HOME: join(runDir, 'xdg-data'), TMPDIR: tmp };
}

/** Installs a .vsix into the profile of `runDir`; returns the extensions folder. */
export async function installExtension(harness: Harness, runDir: string, vsix: string): Promise<string> {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const profile = profileOf(runDir);
  await execChecked(harness.node, [harness.codeServer, ...profile.args, '--install-extension', vsix], {
    what: `installing ${vsix} into code-server`,
    env: serverEnv(runDir),
    timeoutMs: 120_000,
  });
  return profile.extensionsDir;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { harness, workspace, runDir, port = 0, startTimeoutMs = 60_000 } = options;
  if (port !== 0) await assertPortFree(port);
  const { userDataDir, extensionsDir, args: profile } = profileOf(runDir);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
  const env = serverEnv(runDir, options.env);
  if (options.vsix) await installExtension(harness, runDir, options.vsix);

  const logFile = join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const args = [
    harness.codeServer,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...profile,
    workspace,
  ];
  // detached = setsid: code-server and its children (extension host, file watcher) form one process group,
  // stopped together by signalling the group.
  const child = spawn(harness.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolve();
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log.write(d);
      output += d.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new Error(`cannot run code-server (${harness.node}): ${error.message}`)));
    void exit.then(() =>
      reject(
        new Error(
          /EADDRINUSE/.test(output)
            ? `code-server could not listen: port 127.0.0.1:${port} is already in use (log ${logFile})`
            : `code-server exited (${exited}) before it was listening; log ${logFile} ends with:\n${tail(output)}`,
        ),
      ),
    );
  });

  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 10_000);
      await exit;
      clearTimeout(killer);
    }
    log.end();
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const base = await Promise.race([
      listening,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `code-server did not report "HTTP server listening" within ${startTimeoutMs / 1000} s; log ${logFile} ends with:\n${tail(output)}`,
              ),
            ),
          startTimeoutMs,
        );
      }),
    ]);
    const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
    if (!health.ok) throw new Error(`code-server at ${base} answers /healthz with HTTP ${health.status}`);
    return {
      port: Number(new URL(base).port),
      url: `${base}/?folder=${encodeURIComponent(workspace)}`,
      logFile,
      extensionHostLogs: () =>
        findFiles(join(userDataDir, 'logs'), /exthost.*\.log$/i)
          .map((file) => `--- ${file}\n${tail(readFileSync(file, 'utf8'), 40)}`)
          .join('\n') || `(no extension host log under ${join(userDataDir, 'logs')})`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
