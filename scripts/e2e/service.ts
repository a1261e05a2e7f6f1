// Child processes of the demo and the e2e tests: an example service under the Node inspector (loopback,
// any free port; both ports read from its output) and the bounded load driver aimed at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

export const examplesDir = resolve(__dirname, '..', '..', 'examples');

export interface Child {
  process: ChildProcess;
  /** SIGTERM, SIGKILL after 5 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

function track(child: ChildProcess): Child {
  return {
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface InspectedService extends Child {
  url: string;
  inspectorPort: number;
}

/**
 * `node --inspect=127.0.0.1:0 <examples>/express/server.js …args`; resolves when it listens. `examples` may
 * be a copy of the folder elsewhere (the e2e workspace): express still resolves from this repository.
 */
export async function startExampleService(args: string[] = [], examples = examplesDir, timeoutMs = 15_000): Promise<InspectedService> {
  const script = join(examples, 'express', 'server.js');
  const env = { ...process.env, NODE_OPTIONS: '', NODE_PATH: resolve(examplesDir, '..', 'node_modules') };
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const service = track(child);
  let output = '';
  try {
    const ports = await new Promise<{ url: string; inspectorPort: number }>((resolvePorts, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not report its inspector and HTTP ports within ${timeoutMs / 1000} s; output:\n${output}`)),
        timeoutMs,
      );
      const onData = (d: Buffer) => {
        output += d.toString();
        const inspector = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        const http = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (inspector && http) {
          clearTimeout(timer);
          resolvePorts({ url: http[1]!, inspectorPort: Number(inspector[1]) });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${code}) before listening; output:\n${output}`));
      });
    });
    return { ...service, ...ports };
  } catch (error) {
    await service.stop();
    throw error;
  }
}

/** Runs examples/load.js against `url` at `rate` requests/s for `seconds`; it stops by itself. */
export function startLoad(url: string, rate: number, seconds: number): Child {
  const child = spawn(process.execPath, [join(examplesDir, 'load.js'), url, '--rate', String(rate), '--seconds', String(seconds)], {
    stdio: 'ignore',
  });
  return track(child);
}
