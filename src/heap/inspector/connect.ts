// A CdpSession over chrome-remote-interface for one Node inspector target.
import type { EventEmitter } from 'node:events';
import CDP from 'chrome-remote-interface';
import type { CdpSession } from '../cdpSession';
import { formatHostPort, type InspectorAddress } from './address';
import { listTargets, type InspectorTarget } from './discovery';
import { InspectorError } from './errors';
import { assertHostAllowed } from './hostPolicy';

export interface ConnectOptions {
  allowRemoteHosts?: boolean;
  /** Limit for discovery and the WebSocket handshake (default 5 s). */
  connectTimeoutMs?: number;
  /** Limit for one `send` (default 120 s: a heap snapshot of a large heap takes long). */
  callTimeoutMs?: number;
  /** Which target when /json/list has several (default: the first). */
  targetId?: string;
}

export interface InspectorSession extends CdpSession {
  readonly target: InspectorTarget;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onLate: (value: T) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new InspectorError('timeout', `Timed out after ${ms} ms ${what}.`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (late) onLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function resolveTarget(address: InspectorAddress, options: ConnectOptions, timeoutMs: number): Promise<InspectorTarget> {
  if (address.kind === 'ws') {
    const id = new URL(address.url).pathname.replace(/^\//, '');
    return { id, title: id, url: '', type: 'node', webSocketDebuggerUrl: address.url, host: address.host, port: address.port };
  }
  const targets = await listTargets(address.host, address.port, { timeoutMs, allowRemoteHosts: options.allowRemoteHosts });
  const where = formatHostPort(address.host, address.port);
  const target = options.targetId ? targets.find((t) => t.id === options.targetId) : targets[0];
  if (!target) {
    throw new InspectorError(
      'no-target',
      options.targetId
        ? `The inspector at ${where} has no target ${options.targetId} (it may have restarted).`
        : `The inspector at ${where} lists no debuggable target.`,
    );
  }
  return target;
}

class ChromeRemoteSession implements InspectorSession {
  readonly closed: Promise<void>;
  private markClosed!: () => void;
  private isClosed = false;

  constructor(
    private readonly client: CDP.Client,
    readonly target: InspectorTarget,
    private readonly callTimeoutMs: number,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    client.on('disconnect', () => this.finish());
  }

  private finish(): void {
    this.isClosed = true;
    this.markClosed();
  }

  async send<T = unknown>(method: string, params?: object): Promise<T> {
    if (this.isClosed) throw new Error(`${method}: the inspector connection is closed.`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${method}: no answer from the inspector within ${this.callTimeoutMs} ms.`)),
        this.callTimeoutMs,
      );
    });
    try {
      // With `never` arguments the typings pick send's callback overload (void); without a callback it returns a promise.
      const answer = this.client.send(method as never, params as never) as unknown as Promise<unknown>;
      return (await Promise.race([answer, timeout])) as T;
    } catch (error) {
      if (error instanceof CDP.ProtocolError) throw new Error(`${method} failed: ${error.message}`);
      if (this.isClosed || (error instanceof Error && /WebSocket/.test(error.message))) {
        throw new Error(`${method}: the inspector connection closed before the answer came.`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CDP event payloads are typed by each listener.
  on(event: string, listener: (params: any) => void): () => void {
    // The typings omit it, but the client is an EventEmitter.
    const emitter = this.client as unknown as EventEmitter;
    emitter.on(event, listener);
    return () => void emitter.removeListener(event, listener);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true; // before the await: calls made meanwhile fail fast
    try {
      await this.client.close(); // rejects the pending calls itself
    } finally {
      this.markClosed();
    }
  }
}

/**
 * Connects to an inspector target. For an `http` address the target comes from /json/list (the first one,
 * or `options.targetId`); for a `ws` address the URL is used as is. The host policy applies to both.
 */
export async function connectInspector(address: InspectorAddress, options: ConnectOptions = {}): Promise<InspectorSession> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  assertHostAllowed(address.host, options.allowRemoteHosts ?? false);
  const target = await resolveTarget(address, options, connectTimeoutMs);
  const where = formatHostPort(target.host, target.port);
  let client: CDP.Client;
  try {
    // `local`: use the bundled protocol description instead of fetching /json/protocol.
    client = await withTimeout(
      CDP({ target: target.webSocketDebuggerUrl, local: true }),
      connectTimeoutMs,
      `opening the inspector WebSocket at ${where}`,
      (late) => void late.close(),
    );
  } catch (error) {
    if (error instanceof InspectorError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ECONNREFUSED')
      throw new InspectorError('closed-port', `Nothing listens on ${where} (connection refused): the target may have exited.`);
    if (/Unexpected server response/.test(e.message)) {
      throw new InspectorError(
        'not-inspector',
        `${target.webSocketDebuggerUrl} refused the WebSocket upgrade (${e.message}): not an inspector target, or another debugger holds it.`,
      );
    }
    throw new InspectorError('unreachable', `Cannot open the inspector WebSocket at ${where}: ${e.code ?? e.message}.`);
  }
  return new ChromeRemoteSession(client, target, options.callTimeoutMs ?? 120_000);
}
