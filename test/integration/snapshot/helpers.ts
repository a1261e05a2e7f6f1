// Shared by the snapshot integration tests: a session on a fixture service, and a bounded request load.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { join } from 'node:path';
import { connectInspector, type InspectorSession } from '../../../src/heap/inspector';

export function connect(port: number): Promise<InspectorSession> {
  return connectInspector({ kind: 'http', host: '127.0.0.1', port });
}

function request(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('timeout', () => req.destroy(new Error(`timed out requesting ${path} on port ${port}`)));
    req.on('error', reject);
  });
}

/** `count` requests, at most 8 at a time; each has completed when this resolves. */
export async function load(port: number, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await request(port, `/item/${next++}`);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export interface NodeService {
  httpPort: number;
  inspectPort: number;
  stop(): Promise<void>;
}

/**
 * `node --inspect=127.0.0.1:0 …args` in `cwd` (an Express example: it prints "listening on
 * http://127.0.0.1:<port>"); express resolves from this repository through NODE_PATH.
 */
export async function startNodeService(args: string[], cwd: string): Promise<NodeService> {
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules') },
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  let output = '';
  try {
    return await new Promise<NodeService>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`node ${args.join(' ')} did not report its ports within 30 s; output:\n${output}`)),
        30_000,
      );
      const onData = (d: Buffer): void => {
        output += d.toString();
        const inspector = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        const http = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (inspector && http) {
          clearTimeout(timer);
          resolve({ httpPort: Number(http[1]), inspectPort: Number(inspector[1]), stop });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`node ${args.join(' ')} exited (${code}) before listening; output:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
}
