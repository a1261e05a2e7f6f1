// Target discovery over the inspector's HTTP endpoint (`/json/list`). Uses node:http with a fresh socket per
// request (no keep-alive pool) so that nothing stays open between polls of a port that comes and goes.
import { request } from 'node:http';
import { formatHostPort } from './address';
import { InspectorError } from './errors';
import { assertHostAllowed } from './hostPolicy';

export interface InspectorTarget {
  /** Random per process in Node: a new id on the same port means the process restarted. */
  id: string;
  title: string;
  /** The main script (file:// URL) for Node targets. */
  url: string;
  type: string;
  webSocketDebuggerUrl: string;
  /** Where it was discovered. */
  host: string;
  port: number;
}

export interface DiscoveryOptions {
  timeoutMs?: number;
  allowRemoteHosts?: boolean;
}

const MAX_BODY = 1 << 20;
export const DEFAULT_DISCOVERY_PORTS: readonly number[] = Array.from({ length: 11 }, (_, i) => 9229 + i);

function getText(host: string, port: number, path: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  const where = formatHostPort(host, port);
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY)
          req.destroy(new InspectorError('not-inspector', `${where} sent more than 1 MiB for ${path}: not a Node inspector.`));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(
        new InspectorError('timeout', `No answer from ${where} within ${timeoutMs} ms while asking for inspector targets (${path}).`),
      ),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof InspectorError) reject(error);
      else if (error.code === 'ECONNREFUSED') {
        reject(
          new InspectorError(
            'closed-port',
            `Nothing listens on ${where} (connection refused). Start the service with --inspect=${where}, or check the port.`,
          ),
        );
      } else if (error.code === 'HPE_INVALID_CONSTANT' || error.code?.startsWith('HPE_')) {
        reject(new InspectorError('not-inspector', `${where} does not speak HTTP: not a Node inspector port.`));
      } else {
        reject(new InspectorError('unreachable', `Cannot reach ${where}: ${error.code ?? error.message}.`));
      }
    });
    req.end();
  });
}

function notInspector(where: string, why: string): InspectorError {
  return new InspectorError(
    'not-inspector',
    `${where} is not a Node inspector (${why}). Is it the service's own port? Use the port given to --inspect (default 9229).`,
  );
}

/** Lists the debuggable targets at host:port. Every failure is an InspectorError with a clear message. */
export async function listTargets(host: string, port: number, options: DiscoveryOptions = {}): Promise<InspectorTarget[]> {
  const allowRemote = options.allowRemoteHosts ?? false;
  assertHostAllowed(host, allowRemote);
  const where = formatHostPort(host, port);
  const { status, body } = await getText(host, port, '/json/list', options.timeoutMs ?? 3000);
  if (status !== 200) throw notInspector(where, `/json/list answered HTTP ${status}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw notInspector(where, '/json/list did not return JSON');
  }
  if (!Array.isArray(parsed)) throw notInspector(where, '/json/list did not return a list');
  const targets: InspectorTarget[] = [];
  for (const entry of parsed) {
    if (typeof entry !== 'object' || entry === null) throw notInspector(where, '/json/list has entries that are not targets');
    const e = entry as Record<string, unknown>;
    if (typeof e.webSocketDebuggerUrl !== 'string' || typeof e.id !== 'string') continue; // attached elsewhere or not debuggable
    // The WebSocket URL comes from the remote side: it must obey the same host policy.
    let wsHost: string;
    try {
      wsHost = new URL(e.webSocketDebuggerUrl).hostname;
    } catch {
      throw notInspector(where, `target ${e.id} has an invalid webSocketDebuggerUrl`);
    }
    assertHostAllowed(wsHost, allowRemote);
    targets.push({
      id: e.id,
      title: typeof e.title === 'string' ? e.title : '',
      url: typeof e.url === 'string' ? e.url : '',
      type: typeof e.type === 'string' ? e.type : 'node',
      webSocketDebuggerUrl: e.webSocketDebuggerUrl,
      host,
      port,
    });
  }
  return targets;
}

/** Scans `ports` on `host` in parallel; closed or foreign ports are skipped silently. */
export async function discoverTargets(
  host: string,
  ports: readonly number[] = DEFAULT_DISCOVERY_PORTS,
  options: DiscoveryOptions = {},
): Promise<InspectorTarget[]> {
  assertHostAllowed(host, options.allowRemoteHosts ?? false);
  const found = await Promise.all(ports.map((port) => listTargets(host, port, { timeoutMs: 1000, ...options }).catch(() => [])));
  return found.flat();
}
