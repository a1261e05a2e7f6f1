// Shared by the snapshot integration tests: a session on a fixture service, and a bounded request load.
import { get } from 'node:http';
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
